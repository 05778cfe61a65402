"""Figures out of date: after the fee data changes, the stored statement and open proposals say so
until they are recomputed, and the recomputation shows what changed.

A payment entered or voided, a utility bill entered or voided, a corrected area or claim line:
the stored statement and the proposals still open (not accepted, the case not yet past the
agreement) were computed on the old data. :func:`mark_figures_stale` records that on the case
(since when, and what changed), inside the transaction that changed the data; the Fees and
Settlement pages then show "figures changed since …" with a 重新计算 button, which calls
:func:`recompute_figures`: a new statement on the same calculation date as the old one (so the
difference is the data's, not the days that passed), and each open proposal recomputed with its
own discounts and choices, each with its old total → new total and the difference. The old
figures are never lost: the old statement stays stored, and each proposal's before and after are
in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.errors import NotFoundError
from mediation_app.fees import Discount, calculate, parse_input, result_to_dict
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import add_event, load_case
from mediation_app.services.settlement.fee_input import calc_input
from mediation_app.services.settlement.settle import LineChoices, dump_settlement, settle
from mediation_app.services.settlement.statements import dumps, latest_statement, store_statement
from mediation_app.storage.models import Case, Proposal
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.timeline import EventKind
from mediation_app.workflow.transitions import is_open

MAX_REASON = 500


@dataclass(frozen=True)
class Staleness:
    """The case's stored figures are out of date since ``since`` because of ``reason``."""

    since: dt.datetime
    reason: str


@dataclass(frozen=True)
class Difference:
    """One recomputed figure: what it was, what it is now."""

    name: str  # the statement, or the proposal's name
    old: Decimal
    new: Decimal

    @property
    def delta(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True)
class Recomputation:
    """What a recomputation changed: the statement's payable and each open proposal's payable."""

    case_id: int
    statement: Difference | None
    proposals: tuple[Difference, ...]
    version: int

    @property
    def differences(self) -> tuple[Difference, ...]:
        return ((self.statement,) if self.statement is not None else ()) + self.proposals


def mark_figures_stale(uow: UnitOfWork, case: Case, reason: str) -> None:
    """Say that the fee data of ``case`` changed (``reason``, in words): its stored statement and
    open proposals are out of date. Inside the caller's transaction; the caller audits the change
    itself and commits. Nothing is marked when no stored figure depends on the data."""
    if not _has_stored_figures(uow.session, case):
        return
    if case.figures_stale_since is None:
        case.figures_stale_since = uow.clock.now()
        case.figures_stale_reason = reason[:MAX_REASON]
    else:
        joined = (
            _("{earlier}; {later}").format(earlier=case.figures_stale_reason, later=reason)
            if case.figures_stale_reason
            else reason
        )
        case.figures_stale_reason = joined[:MAX_REASON]
    case.updated_at = uow.clock.now()


def figures_staleness(session: Session, case_id: int) -> Staleness | None:
    """Since when (and why) the case's stored figures are out of date; None when they are not."""
    row = session.execute(
        select(Case.figures_stale_since, Case.figures_stale_reason).where(Case.id == case_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    since, reason = row
    return Staleness(since, reason) if since is not None else None


def recompute_figures(uow: UnitOfWork, case_id: int, *, expected_version: int | None = None) -> Recomputation:
    """Recompute the stored statement and every open proposal on the case's present fee data,
    clear the out-of-date mark, audit each figure before → after, and commit."""
    authorize(uow.actor, Permission.COMPUTE_STATEMENT)
    case = load_case(uow, case_id, expected_version)
    session = uow.session
    old_statement = latest_statement(session, case.id)
    statement: Difference | None = None
    if old_statement is not None:
        new_statement = store_statement(uow, case, old_statement.as_of)
        statement = Difference(_("Statement"), old_statement.figures.payable, new_statement.figures.payable)
    proposals: list[Difference] = []
    for record in _open_proposals(session, case):
        old = record.payable
        _recompute_proposal(uow, case, record)
        proposals.append(Difference(record.name, old, record.payable))
        uow.audit(
            "proposal.recompute",
            "proposal",
            record.id,
            {"payable": old},
            {"payable": record.payable},
            case_id=case.id,
        )
    stale_reason = case.figures_stale_reason
    before = {"since": case.figures_stale_since, "reason": stale_reason}
    case.figures_stale_since = None
    case.figures_stale_reason = ""
    case.updated_at = uow.clock.now()
    result_differences = ((statement,) if statement else ()) + tuple(proposals)
    summary = "; ".join(
        _("{name}: {old} → {new}").format(
            name=d.name, old=formatting.amount(d.old), new=formatting.amount(d.new)
        )
        for d in result_differences
    )
    add_event(uow, case, EventKind.FIGURES.value, "", summary[:120], stale_reason)
    uow.flush()
    uow.audit(
        "figures.recompute",
        "case",
        case.id,
        before,
        {
            "statement": {"old": statement.old, "new": statement.new} if statement else None,
            "proposals": [{"name": d.name, "old": d.old, "new": d.new} for d in proposals],
        },
        case_id=case.id,
    )
    uow.commit()
    return Recomputation(case.id, statement, tuple(proposals), case.version)


def _has_stored_figures(session: Session, case: Case) -> bool:
    if latest_statement(session, case.id) is not None:
        return True
    return bool(_open_proposals(session, case))


def _open_proposals(session: Session, case: Case) -> list[Proposal]:
    """The proposals a recomputation updates: not accepted, on a case not yet past the agreement."""
    if not is_open(case.status):
        return []
    return list(
        session.scalars(
            select(Proposal)
            .where(Proposal.case_id == case.id, Proposal.accepted.is_(False))
            .order_by(Proposal.id)
        )
    )


def _stored_discounts(record: Proposal) -> tuple[Discount, ...]:
    specs = json.loads(record.discounts_json or "[]")
    # The calculator's own reader turns the stored discounts back into values.
    return parse_input({"area": "1", "as_of": "2000-01-01", "discounts": specs}).discounts


def _recompute_proposal(uow: UnitOfWork, case: Case, record: Proposal) -> None:
    discounts = _stored_discounts(record)
    choices = LineChoices.loads(record.choices_json)
    settlement = settle(uow.session, case, uow.clock.today(), discounts, choices)
    data, inp = calc_input(case, settlement.as_of)
    result = calculate(inp)
    record.input_json = dumps(data)
    record.result_json = dumps(result_to_dict(result))
    record.principal = result.principal_outstanding
    record.late_fee = result.late_fee.total
    record.discount_total = settlement.total.concession
    record.payable = settlement.total.payable
    record.settlement_json = dump_settlement(settlement)


__all__ = [
    "Difference",
    "Recomputation",
    "Staleness",
    "figures_staleness",
    "mark_figures_stale",
    "recompute_figures",
]
