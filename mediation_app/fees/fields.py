"""The calculator's input fields: their JSON paths and what a person calls them.

Every input error is a :class:`~mediation_app.errors.ValidationError` whose ``field`` is the JSON
path (``service_fee.rates[1].rate``), which a screen maps to its widget, and whose ``label`` is
the field's name in the user's language.
"""

from __future__ import annotations

import re

from mediation_app.errors import ValidationError
from mediation_app.i18n import N_, _

_LABELS: dict[str, str] = {
    "": N_("Input"),
    "area": N_("Building area"),
    "as_of": N_("Calculation date"),
    "service_fee": N_("Service fee"),
    "service_fee.rates": N_("Service fee rates"),
    "service_fee.rates[]": N_("Service fee rate"),
    "service_fee.rates[].from": N_("Rate start month"),
    "service_fee.rates[].rate": N_("Service fee rate"),
    "service_fee.start": N_("Service fee start date"),
    "service_fee.end": N_("Service fee end date"),
    "service_fee.due_day": N_("Service fee due day"),
    "utilities": N_("Shared water and electricity bills"),
    "utilities[]": N_("Utility bill"),
    "utilities[].period": N_("Utility bill period"),
    "utilities[].amount": N_("Utility bill amount"),
    "utilities[].due": N_("Utility bill due date"),
    "payments": N_("Payments"),
    "payments[]": N_("Payment"),
    "payments[].date": N_("Payment date"),
    "payments[].amount": N_("Payment amount"),
    "late_fee": N_("Late fee terms"),
    "late_fee.daily_rate": N_("Late fee daily rate"),
    "late_fee.grace_days": N_("Late fee grace days"),
    "late_fee.applies_to": N_("Late fee applies to"),
    "late_fee.applies_to[]": N_("Late fee applies to"),
    "late_fee.cap_ratio": N_("Late fee cap ratio"),
    "limitation": N_("Limitation check"),
    "limitation.claim_date": N_("Claim date"),
    "limitation.interruptions": N_("Interruption dates"),
    "limitation.interruptions[]": N_("Interruption date"),
    "discounts": N_("Discounts"),
    "discounts[]": N_("Discount"),
    "discounts[].type": N_("Discount type"),
    "discounts[].per_m2": N_("Reduction per m²"),
    "discounts[].from": N_("Reduction start month"),
    "discounts[].to": N_("Reduction end month"),
    "discounts[].ratio": N_("Waiver ratio"),
    "discounts[].amount": N_("Discount amount"),
}

_INDEX = re.compile(r"\[\d+\]")


def label(path: str) -> str:
    """What the user calls the field at ``path``, in the user's language (the path if unknown)."""
    message = _LABELS.get(_INDEX.sub("[]", path))
    return _(message) if message else path


def invalid(path: str, problem: str) -> ValidationError:
    """The error for a bad value at ``path``; ``problem`` is already translated."""
    return ValidationError(path, problem, label(path))
