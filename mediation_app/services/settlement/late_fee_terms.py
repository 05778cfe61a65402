"""The contract's late-fee terms (违约金约定), entered or changed after intake.

A company often claims a late fee that intake recorded without its terms (the daily rate was left
blank): the late fee then cannot be recomputed, and the settlement can only take the claimed
figure or leave it out. Entering the terms here lets the calculator recompute it. Open proposals
keep the figures they were computed with; a new proposal uses the terms. The change is audited,
before and after, with the reason given, and shown in the case's path.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mediation_app import formatting
from mediation_app.errors import FormErrors, ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.money import parse_decimal
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import add_event, load_case
from mediation_app.storage.models import Case
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.timeline import EventKind
from mediation_app.workflow.transitions import is_open

MAX_DAILY_RATE = Decimal("0.01")  # 1% a day: beyond anything a contract lawfully states
MAX_GRACE_DAYS = 365
MAX_REASON = 200


@dataclass(frozen=True)
class LateFeeTermsForm:
    """What the mediator typed: the daily rate (0.0005 for 万分之五), grace days, the cap as a share
    of the principal ("" for none), whether utilities bear a late fee too, and why."""

    daily_rate: str
    grace_days: str = "0"
    cap_ratio: str = ""
    on_utilities: bool = False
    reason: str = ""


def _terms(case: Case) -> dict[str, object]:
    return {
        "late_fee_daily_rate": case.late_fee_daily_rate,
        "late_fee_grace_days": case.late_fee_grace_days,
        "late_fee_cap_ratio": case.late_fee_cap_ratio,
        "late_fee_on_utilities": case.late_fee_on_utilities,
    }


def _read(form: LateFeeTermsForm) -> tuple[Decimal, int, Decimal | None, str]:
    errors: list[ValidationError] = []
    rate = Decimal(0)
    try:
        rate = parse_decimal(
            form.daily_rate.strip(), "daily_rate", max_places=6, label=_("Late fee daily rate")
        )
        if not Decimal(0) < rate <= MAX_DAILY_RATE:
            errors.append(
                ValidationError(
                    "daily_rate", _("must be more than 0 and at most 0.01 per day"), _("Late fee daily rate")
                )
            )
    except ValidationError as error:
        errors.append(error)
    grace = 0
    text = form.grace_days.strip() or "0"
    if not text.isdigit() or int(text) > MAX_GRACE_DAYS:
        errors.append(
            ValidationError(
                "grace_days",
                _("must be a whole number of days from 0 to {limit}").format(limit=MAX_GRACE_DAYS),
                _("Grace days"),
            )
        )
    else:
        grace = int(text)
    cap: Decimal | None = None
    if form.cap_ratio.strip():
        try:
            cap = parse_decimal(form.cap_ratio.strip(), "cap_ratio", max_places=4, label=_("Late fee cap"))
            if not Decimal(0) < cap <= Decimal(1):
                errors.append(
                    ValidationError("cap_ratio", _("must be more than 0 and at most 1"), _("Late fee cap"))
                )
        except ValidationError as error:
            errors.append(error)
    reason = form.reason.strip()
    if len(reason) > MAX_REASON:
        errors.append(
            ValidationError("reason", _("at most {limit} characters").format(limit=MAX_REASON), _("Reason"))
        )
    if errors:
        raise FormErrors(errors)
    return rate, grace, cap, reason


def record_late_fee_terms(
    uow: UnitOfWork, case_id: int, form: LateFeeTermsForm, *, expected_version: int | None = None
) -> None:
    """Record the contract's late-fee terms for the case and commit."""
    authorize(uow.actor, Permission.EDIT_CASE)
    case = load_case(uow, case_id, expected_version)
    if not is_open(case.status):
        raise WorkflowError(_("The fee terms are settled by the agreement; this case is past that point."))
    rate, grace, cap, reason = _read(form)
    before = _terms(case)
    case.late_fee_daily_rate = rate
    case.late_fee_grace_days = grace
    case.late_fee_cap_ratio = cap
    case.late_fee_on_utilities = form.on_utilities
    case.updated_at = uow.clock.now()
    after = _terms(case)
    shown = _("Late fee terms: {rate} a day").format(rate=formatting.exact_percent(rate))
    add_event(uow, case, EventKind.FEE_TERMS.value, "", shown, reason)
    uow.flush()
    uow.audit("case.late_fee_terms", "case", case.id, before, {**after, "reason": reason}, case_id=case.id)
    uow.commit()


__all__ = ["LateFeeTermsForm", "record_late_fee_terms"]
