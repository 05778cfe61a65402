"""The fees of a case in one read: what the calculator works from, and what it makes of it.

The fee screen shows the unit's fee standards, the shared-utilities bills and the owner's
payments on record, the fee terms of the case (service period, due day, late-fee rate, grace days,
cap), the company's claim line by line with the owner's answers, and the recomputed statement line
by line with its warnings (limitation, a late fee above the courts' yardstick) in the user's
language.

The statement shown is the latest stored one, recomputed from its stored input (the calculator is
deterministic, so these are the figures that were shown to the parties); without a stored
statement, a calculation as of today that is *not* stored (``stored`` False), so the mediator sees
the figures before deciding to record them with :func:`~.statements.compute_statement`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.errors import NotFoundError
from mediation_app.fees import Result, calculate, parse_input
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.settlement.fee_input import calc_input
from mediation_app.services.settlement.proposals import Claimed, compare_scenarios
from mediation_app.services.settlement.settle import late_fee_warning
from mediation_app.services.settlement.staleness import Staleness, figures_staleness
from mediation_app.services.settlement.statements import latest_statement, statement_input
from mediation_app.storage.models import Case
from mediation_app.storage.uow import current_actor


@dataclass(frozen=True)
class RateRow:
    from_month: str  # "2016-05"
    rate: Decimal  # yuan per m² per month


@dataclass(frozen=True)
class BillRow:
    period: str
    amount: Decimal
    due: dt.date
    id: int = 0
    voided: bool = False  # 作废: kept to show it was entered, left out of the calculation
    void_reason: str = ""


@dataclass(frozen=True)
class PaymentRow:
    paid_on: dt.date
    amount: Decimal
    note: str
    id: int = 0
    method: str = ""
    voided: bool = False  # 作废: kept to show it was entered, left out of the calculation
    void_reason: str = ""
    receipt_id: int | None = None


@dataclass(frozen=True)
class FeeTerms:
    area: Decimal
    handover_date: dt.date | None
    service_start: dt.date | None
    service_end: dt.date | None
    due_day: int
    late_fee_daily_rate: Decimal | None
    late_fee_grace_days: int
    late_fee_on_utilities: bool
    late_fee_cap_ratio: Decimal | None


@dataclass(frozen=True)
class FeeLedger:
    case_id: int
    terms: FeeTerms
    rates: tuple[RateRow, ...]
    bills: tuple[BillRow, ...]
    payments: tuple[PaymentRow, ...]
    claimed: Claimed
    as_of: dt.date
    result: Result
    stored: bool  # the result is a stored statement's (False: a calculation as of today, not kept)
    computed_at: dt.datetime | None
    late_fee_warning: str | None = None  # a late fee claimed without recorded terms
    stale: Staleness | None = None  # the stored figures are out of date since …


def fee_ledger(session: Session, case_id: int, viewer: Actor, today: dt.date) -> FeeLedger:
    """Everything the fee screen shows, as plain values."""
    viewer = current_actor(session, viewer)  # a deactivated or changed account is refused
    authorize(viewer, Permission.VIEW_CASES)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    unit = case.unit
    statement = latest_statement(session, case.id)
    if statement is not None:
        result = calculate(parse_input(statement_input(session, statement.id)))
        as_of, computed_at = statement.as_of, statement.computed_at
    else:
        _data, inp = calc_input(case, today)
        result = calculate(inp)
        as_of, computed_at = today, None
    return FeeLedger(
        case_id=case.id,
        terms=FeeTerms(
            area=unit.area,
            handover_date=unit.handover_date,
            service_start=case.service_start,
            service_end=case.service_end,
            due_day=case.due_day,
            late_fee_daily_rate=case.late_fee_daily_rate,
            late_fee_grace_days=case.late_fee_grace_days,
            late_fee_on_utilities=case.late_fee_on_utilities,
            late_fee_cap_ratio=case.late_fee_cap_ratio,
        ),
        rates=tuple(RateRow(r.from_month, r.rate) for r in unit.rates),
        bills=tuple(
            BillRow(b.period, b.amount, b.due, b.id, b.voided_at is not None, b.void_reason)
            for b in unit.utility_bills
        ),
        payments=tuple(
            PaymentRow(
                p.paid_on,
                p.amount,
                p.note,
                p.id,
                p.method,
                p.voided_at is not None,
                p.void_reason,
                p.receipt_id,
            )
            for p in unit.payments
        ),
        claimed=compare_scenarios(session, case.id).claimed,
        as_of=as_of,
        result=result,
        stored=statement is not None,
        computed_at=computed_at,
        late_fee_warning=late_fee_warning(case),
        stale=figures_staleness(session, case.id),
    )
