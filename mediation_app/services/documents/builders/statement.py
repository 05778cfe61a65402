"""欠费明细表 from the case: the calculator's result mapped line by line onto
:class:`~mediation_app.documents.statement.ArrearsStatement`.

Which calculation: the accepted settlement proposal when there is one (its recomputation, and its
reconciled settlement — the lines the agreement quotes), else the latest stored statement (the
claim reconciled against it, without concessions). Either is recomputed from its stored input
(the calculator is deterministic, so these are the figures the parties were shown); a case with
neither has no statement to print. :func:`statement_from_result` is the mapping
itself, pure, for callers that already hold a calculation (a batch of statements).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents import parties as doc
from mediation_app.documents.statement import (
    ArrearsStatement,
    FeeMonth,
    LateFeeBasis,
    PaymentLine,
    RateFrom,
    UtilityBillLine,
)
from mediation_app.domain.enums import ChargeKind, label
from mediation_app.fees import CalcInput, Result, WarningCode, calculate, parse_input
from mediation_app.fees.months import Month
from mediation_app.fees.reconciliation import Settlement, reconcile
from mediation_app.i18n import _
from mediation_app.services.documents.builders import common
from mediation_app.services.settlement.fee_input import live_bills
from mediation_app.services.settlement.proposals import proposal_settlement
from mediation_app.services.settlement.settle import claimed_items
from mediation_app.storage.models import Case, Proposal, Statement

# The calculator's warnings the statement prints itself from its fields (time-barred lines, the
# yardstick, credit); the others are carried as notes.
_PRINTED_FROM_FIELDS = frozenset(
    {WarningCode.POSSIBLY_TIME_BARRED, WarningCode.LATE_FEE_ABOVE_YARDSTICK, WarningCode.CREDIT}
)


@dataclass(frozen=True)
class StatementHeader:
    """What the statement says about the case around the figures."""

    case_number: str
    organisation: doc.Organisation
    owners: tuple[str, ...]
    company: str
    unit: doc.Unit
    claimed: dict[ChargeKind, Decimal]  # the company's claim by kind (absent: not claimed)
    prepared_by: str
    date: dt.date
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Calculation:
    """A stored calculation of the case: its input, result and discounts as the user gave them."""

    inp: CalcInput  # without discounts: the recomputation
    result: Result
    settlement: Settlement
    proposal_name: str  # "" for a statement
    prepared_by: str
    date: dt.date


def calculation(session: Session, case: Case) -> Calculation | None:
    """The accepted proposal's calculation, else the latest statement's; None when neither exists."""
    proposal = session.scalar(
        select(Proposal)
        .where(Proposal.case_id == case.id, Proposal.accepted.is_(True))
        .order_by(Proposal.id.desc())
        .limit(1)
    )
    if proposal is not None:
        inp = replace(parse_input(json.loads(proposal.input_json)), discounts=())
        return Calculation(
            inp,
            calculate(inp),
            proposal_settlement(proposal, case),
            proposal.name,
            common.staff_name(session, proposal.created_by)
            or common.audit_actor(session, "proposal.create", proposal.id),
            common.china_day(proposal.created_at),
        )
    statement = session.scalar(
        select(Statement).where(Statement.case_id == case.id).order_by(Statement.id.desc()).limit(1)
    )
    if statement is None:
        return None
    inp = parse_input(json.loads(statement.input_json))
    result = calculate(inp)
    settlement = reconcile(
        claimed_items(case),
        as_of=inp.as_of,
        result=result,
        inp=inp,
        bills_on_file=bool(live_bills(case.unit)),
    )
    return Calculation(
        inp,
        result,
        settlement,
        "",
        common.audit_actor(session, "statement.compute", statement.id),
        common.china_day(statement.computed_at),
    )


def claimed_by_kind(case: Case) -> dict[ChargeKind, Decimal]:
    claimed: dict[ChargeKind, Decimal] = {}
    for item in case.claim_items:
        kind = item.kind
        claimed[kind] = claimed.get(kind, common.ZERO) + item.amount
    return claimed


def header(session: Session, case: Case, found: Calculation) -> StatementHeader:
    notes: tuple[str, ...] = ()
    if found.proposal_name:
        notes = (
            _(
                "The concessions under “{section}” are those of the settlement proposal “{name}”, computed "
                "as of {date}; the fees listed before them are as recomputed, before any concession."
            ).format(
                section=_("Claimed, recomputed, conceded and payable"),
                name=found.proposal_name,
                date=formatting.date(found.settlement.as_of),
            ),
        )
    mediator = case.mediator.name if case.mediator is not None else ""
    return StatementHeader(
        case_number=case.number,
        organisation=common.organisation(case.organization),
        owners=common.owner_names(case),
        company=case.company.name,
        unit=common.unit(case, area=found.inp.area),
        claimed=claimed_by_kind(case),
        prepared_by=found.prepared_by or mediator,
        date=found.date,
        notes=notes,
    )


def statement_data(session: Session, case: Case) -> ArrearsStatement:
    found = calculation(session, case)
    if found is None:
        raise common.lacking(
            _("Arrears Statement"),
            _("no arrears statement has been computed for this case yet (compute one on the fee screen)."),
        )
    return statement_from_result(header(session, case, found), found.inp, found.result, found.settlement)


def statement_from_result(
    head: StatementHeader, inp: CalcInput, result: Result, settlement: Settlement
) -> ArrearsStatement:
    """The statement of one calculation: every line and payment as computed, and the claim
    reconciled against it (``settlement``)."""
    late = result.late_fee
    basis = None
    if late.daily_rate is not None:
        basis = LateFeeBasis(
            daily_rate=late.daily_rate,
            grace_days=late.grace_days,
            applies_to=late.applies_to,
            cap_ratio=inp.late_fee.cap_ratio if inp.late_fee is not None else None,
        )
    notes = head.notes + tuple(w.text for w in result.warnings if w.code not in _PRINTED_FROM_FIELDS)
    rates = inp.service_fee.rates if inp.service_fee is not None else ()
    return ArrearsStatement(
        case_number=head.case_number,
        organisation=head.organisation,
        owners=head.owners,
        company=head.company,
        unit=head.unit,
        as_of=inp.as_of,
        rates=tuple(RateFrom(str(change.start), change.rate) for change in rates),
        service_fees=tuple(
            FeeMonth(
                str(line.month),
                line.days,
                line.days_in_month,
                line.rate,
                line.amount,
                line.due,
                line.outstanding,
                line.late_fee,
                line.time_barred,
            )
            for line in result.service_fee_lines
        ),
        utilities=tuple(
            UtilityBillLine(
                str(line.period), line.amount, line.due, line.outstanding, line.late_fee, line.time_barred
            )
            for line in result.utility_lines
        ),
        payments=tuple(
            PaymentLine(payment.date, payment.amount, _applied_to(payment.applied, payment.credit))
            for payment in result.payments
        ),
        late_fee_basis=basis,
        late_fee_computed=late.computed,
        late_fee_cap=late.cap,
        late_fee_total=late.total,
        yardstick=result.yardstick.amount,
        limitation_date=inp.limitation.claim_date if inp.limitation is not None else None,
        time_barred_principal=result.time_barred.principal,
        principal_outstanding=result.principal_outstanding,
        credit=result.credit,
        settlement=settlement,
        prepared_by=head.prepared_by,
        date=head.date,
        notes=notes,
    )


def _applied_to(applied: Sequence[Any], credit: Decimal) -> str:
    """What a payment paid, in words: ``2017年8月至2017年10月的物业服务费``."""
    by_kind: dict[ChargeKind, list[Month]] = {}
    for allocation in applied:
        kind, _sep, period = allocation.charge.partition(":")
        by_kind.setdefault(ChargeKind(kind), []).append(Month.parse(period))
    parts = []
    for kind in (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES):
        for first, last in common.month_ranges(by_kind.get(kind, [])):
            parts.append(common.over(label(kind), formatting.month(first), formatting.month(last)))
    if credit:
        parts.append(_("{amount} left as credit").format(amount=formatting.yuan(credit)))
    return common.listing(parts)
