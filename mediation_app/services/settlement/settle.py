"""A case's reconciled settlement (:mod:`mediation_app.fees.reconciliation`) from what is stored.

The claim lines are the case's claim items (keyed by their ids); the recomputation is the
calculator run on the case's fee data, without discounts, up to the **settlement date**: the day
the claim runs to (the latest end of its lines), so every item — the late fee included — is
settled through the same day; a claim without periods settles on the latest statement's date,
else on today. The proposal's discounts and the mediator's choice of base per line are applied by
the reconciliation.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents import canonical
from mediation_app.domain.enums import ChargeKind
from mediation_app.fees import Discount, calculate
from mediation_app.fees.reconciliation import Base, ClaimedItem, Settlement, agreed_total, reconcile
from mediation_app.i18n import _
from mediation_app.services.settlement.fee_input import calc_input, live_bills
from mediation_app.storage.models import Case, Statement

# A settlement is stored (with a proposal, with the agreement) as canonical JSON and read back whole.
canonical.register_root(Settlement)


def dump_settlement(settlement: Settlement) -> str:
    return canonical.canonical_json(settlement).decode("utf-8")


def load_settlement(text: str) -> Settlement:
    loaded = canonical.load(text)
    if not isinstance(loaded, Settlement):
        raise ValueError(f"not a stored settlement: {type(loaded).__name__}")
    return loaded


@dataclass(frozen=True)
class LineChoices:
    """What the mediator decided per claim line: its base (absent: the lower figure) and a note."""

    bases: Mapping[str, Base] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)

    def dumps(self) -> str:
        return json.dumps(
            {
                "bases": {key: Base(value).value for key, value in sorted(self.bases.items())},
                "notes": {key: text for key, text in sorted(self.notes.items()) if text.strip()},
            },
            ensure_ascii=False,
        )

    @classmethod
    def loads(cls, text: str) -> LineChoices:
        stored = json.loads(text or "{}")
        return cls(
            {str(key): Base(value) for key, value in stored.get("bases", {}).items()},
            {str(key): str(value) for key, value in stored.get("notes", {}).items()},
        )


def settlement_date(session: Session, case: Case, today: dt.date) -> dt.date:
    """The one day every item of the settlement runs to (see the module docstring)."""
    ends = [item.period_to for item in case.claim_items if item.period_to is not None]
    if ends:
        return max(ends)
    latest = session.scalar(
        select(Statement.as_of).where(Statement.case_id == case.id).order_by(Statement.id.desc()).limit(1)
    )
    return latest or today


def claimed_items(case: Case) -> tuple[ClaimedItem, ...]:
    return tuple(
        ClaimedItem(
            key=str(item.id),
            item=ChargeKind(item.kind),
            label=item.description,
            start=item.period_from,
            end=item.period_to,
            amount=item.amount,
        )
        for item in sorted(case.claim_items, key=lambda item: item.id)
    )


def recomputation(case: Case, as_of: dt.date) -> dict[str, Any]:
    """The calculator's input, parsed input and result for the case up to ``as_of``, no discounts;
    empty when the case has no fee data the calculator can work on."""
    _data, inp = calc_input(case, as_of)
    if inp.service_fee is None and not inp.utilities:
        return {}
    return {"result": calculate(inp), "inp": inp, "bills_on_file": bool(live_bills(case.unit))}


def late_fee_warning(case: Case) -> str | None:
    """Said on the Fees and Settlement pages when the company claims a late fee but no late-fee
    terms are recorded: the late fee can then be neither recomputed nor shown as zero."""
    if case.late_fee_daily_rate is not None and case.late_fee_daily_rate > 0:
        return None
    claimed = sum(
        (item.amount for item in case.claim_items if item.kind == ChargeKind.LATE_FEE.value), Decimal("0.00")
    )
    if not claimed:
        return None
    return _(
        "The company claims a late fee of {amount}, but no late-fee terms are recorded: enter the terms to "
        "recompute it, keep the claimed figure as a line, or leave it out with a reason."
    ).format(amount=formatting.money(claimed))


def settle(
    session: Session,
    case: Case,
    today: dt.date,
    discounts: Sequence[Discount] = (),
    choices: LineChoices | None = None,
) -> Settlement:
    """The settlement the proposal ``discounts`` (with the mediator's ``choices``) gives on ``case``."""
    as_of = settlement_date(session, case, today)
    chosen = choices or LineChoices()
    return reconcile(
        claimed_items(case),
        as_of=as_of,
        discounts=discounts,
        bases=chosen.bases,
        notes=chosen.notes,
        **recomputation(case, as_of),
    )


def settle_on_total(session: Session, case: Case, today: dt.date, total: Decimal) -> Settlement:
    """The settlement of an agreement that states only its total (no proposal)."""
    as_of = settlement_date(session, case, today)
    return agreed_total(claimed_items(case), total, as_of=as_of, **recomputation(case, as_of))
