"""The settlement agreement's terms: reached (usually by accepting a proposal), then signed.

Terms: the total (the accepted proposal's payable, or a figure the parties agreed without one),
the payment plan — one payment by a date, or instalments that add up to the total exactly
(:mod:`mediation_app.workflow.payment_plan`) — how and where to pay, other undertakings (the
company repairs the lift …) and the clause that the dispute is settled in full. Signing fixes the
day the agreement takes effect, from which the 30 days for judicial confirmation run.

A case sent back to mediation (the agreement fell through, or the court rejected it) reaches a
new agreement that replaces the old terms; the old ones stay in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.enums import Remedy
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import N_, _
from mediation_app.money import uppercase_rmb
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import StepResult, check_day, finish, load_case, move, snapshot
from mediation_app.services.settlement.proposals import proposal_settlement
from mediation_app.services.settlement.settle import dump_settlement, settle_on_total
from mediation_app.storage.models import Agreement, Instalment, Proposal
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow import payment_plan
from mediation_app.workflow.actions import Action
from mediation_app.workflow.transitions import check

STANDARD_CLAUSE = N_(
    "Once this agreement is performed, the dispute between the parties over the fees it covers is "
    "settled in full, and neither party will make any further claim against the other about them."
)
MAX_TERM = 200
MAX_TEXT = 2000


@dataclass(frozen=True)
class AgreementTerms:
    """What the parties agreed. Give ``due_on`` (one payment) or ``instalments``, not both."""

    reached_on: dt.date
    pay_method: str
    pay_place: str = ""
    proposal_id: int | None = None
    total: Decimal | None = None  # None: the proposal's payable
    due_on: dt.date | None = None
    instalments: tuple[payment_plan.Instalment, ...] = ()
    undertakings: str = ""
    settlement_clause: str | None = None  # None: the standard clause in the user's language
    responsibility: str = ""  # each party's responsibility (人民调解法 29), in the mediator's words
    matters: str = ""  # the matters in dispute; "" for the wording made from the owner's answers
    remedy: Remedy | None = None  # None: acceleration for instalments, the claim reviving for a lump sum


@dataclass(frozen=True)
class InstalmentRow:
    seq: int
    due_on: dt.date
    amount: Decimal


@dataclass(frozen=True)
class AgreementView:
    id: int
    case_id: int
    proposal_id: int | None
    total: Decimal
    total_uppercase: str
    instalments: tuple[InstalmentRow, ...]
    pay_method: str
    pay_place: str
    undertakings: str
    settlement_clause: str
    responsibility: str
    matters: str
    remedy: Remedy
    reached_on: dt.date
    signed_on: dt.date | None
    version: int

    @property
    def is_lump_sum(self) -> bool:
        return len(self.instalments) == 1

    def plan(self) -> payment_plan.PaymentPlan:
        return payment_plan.instalment_plan(
            self.total,
            [payment_plan.Instalment(i.due_on, i.amount) for i in self.instalments],
            self.reached_on,
        )


@dataclass(frozen=True)
class AgreementResult:
    agreement: AgreementView
    step: StepResult


def reach_agreement(
    uow: UnitOfWork, case_id: int, terms: AgreementTerms, *, expected_version: int | None = None
) -> AgreementResult:
    """Record the terms the parties agreed; the case moves to *agreement reached*."""
    authorize(uow.actor, Permission.REACH_AGREEMENT)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.REACH_AGREEMENT)
    reached_on = check_day(
        uow,
        terms.reached_on,
        "agreement.reached_on",
        _("Date of agreement"),
        not_before=case.mediation_start or case.intake_date,
        not_before_label=_("the start of mediation"),
    )
    proposal = _proposal(uow, case.id, terms.proposal_id)
    total = _total(terms, proposal)
    settlement = (
        proposal_settlement(proposal, case)
        if proposal is not None
        else settle_on_total(uow.session, case, uow.clock.today(), total)
    )
    plan = _plan(terms, settlement.total.payable, reached_on)
    method = _text(terms.pay_method, "agreement.pay_method", _("How to pay"), MAX_TERM, required=True)
    place = _text(terms.pay_place, "agreement.pay_place", _("Where to pay"), MAX_TERM)
    undertakings = _text(terms.undertakings, "agreement.undertakings", _("Other undertakings"), MAX_TEXT)
    responsibility = _text(terms.responsibility, "agreement.responsibility", _("Responsibility"), MAX_TEXT)
    matters = _text(terms.matters, "agreement.matters", _("Matters in dispute"), MAX_TEXT)
    remedy = _remedy(terms.remedy, len(plan.instalments) > 1)
    clause = _text(
        terms.settlement_clause if terms.settlement_clause is not None else _(STANDARD_CLAUSE),
        "agreement.settlement_clause",
        _("Settled-in-full clause"),
        MAX_TEXT,
        required=True,
    )
    before = snapshot(case)
    record = uow.session.scalar(_agreement_query(), {"case_id": case.id})
    previous = None if record is None else {"total": record.total, "proposal_id": record.proposal_id}
    if record is None:
        record = Agreement(case_id=case.id)
        uow.session.add(record)
    record.proposal_id = proposal.id if proposal is not None else None
    record.total = plan.total
    record.settlement_json = dump_settlement(settlement)
    record.pay_method, record.pay_place = method, place
    record.undertakings, record.settlement_clause = undertakings, clause
    record.responsibility, record.matters, record.remedy = responsibility, matters, remedy
    record.reached_on, record.signed_on = reached_on, None
    record.instalments = [
        Instalment(seq=index + 1, due_on=item.due_on, amount=item.amount)
        for index, item in enumerate(plan.instalments)
    ]
    for earlier in uow.session.scalars(_accepted_proposals(), {"case_id": case.id}):
        earlier.accepted = False  # an agreement replaced: its proposal is no longer the accepted one
    if proposal is not None:
        proposal.accepted = True
    move(uow, case, Action.REACH_AGREEMENT)
    uow.flush()
    step = finish(
        uow,
        case,
        "agreement.reach",
        before,
        {
            "agreement": {
                "id": record.id,
                "remedy": remedy.value,
                "proposal_id": record.proposal_id,
                "total": plan.total,
                "instalments": [[i.due_on, i.amount] for i in plan.instalments],
                "replaces": previous,
            }
        },
    )
    return AgreementResult(_view(record), step)


def sign(
    uow: UnitOfWork, case_id: int, *, signed_on: dt.date | None = None, expected_version: int | None = None
) -> StepResult:
    """Both parties signed: the agreement takes effect ``signed_on`` (today)."""
    authorize(uow.actor, Permission.FINALISE_AGREEMENT)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.SIGN)
    record = uow.session.scalar(_agreement_query(), {"case_id": case.id})
    if record is None:
        raise WorkflowError(_("There is no agreement to sign: record the agreed terms first."))
    day = check_day(
        uow,
        signed_on or uow.clock.today(),
        "agreement.signed_on",
        _("Date of signing"),
        not_before=record.reached_on,
        not_before_label=_("the date of agreement"),
    )
    before = snapshot(case)
    record.signed_on = day
    move(uow, case, Action.SIGN)
    return finish(uow, case, "agreement.sign", before, {"signed_on": day})


def agreement_of(session: Session, case_id: int) -> AgreementView | None:
    record = session.scalar(_agreement_query(), {"case_id": case_id})
    return None if record is None else _view(record)


@cache
def _accepted_proposals() -> Select[Proposal]:
    # Built once (README, Development), as the agreement's query below.
    return select(Proposal).where(Proposal.case_id == bindparam("case_id"), Proposal.accepted.is_(True))


@cache
def _agreement_query() -> Select[Agreement]:
    # Built once (README, Development): reminders, payments and each step of an agreement read it.
    return select(Agreement).where(Agreement.case_id == bindparam("case_id"))


def _proposal(uow: UnitOfWork, case_id: int, proposal_id: int | None) -> Proposal | None:
    if proposal_id is None:
        return None
    proposal = uow.session.get(Proposal, proposal_id)
    if proposal is None or proposal.case_id != case_id:
        raise NotFoundError(_("Proposal {id} of this case does not exist.").format(id=proposal_id))
    return proposal


def _total(terms: AgreementTerms, proposal: Proposal | None) -> Decimal:
    if proposal is not None:
        if terms.total is not None and terms.total != proposal.payable:
            raise ValidationError(
                "agreement.total",
                _("differs from the accepted proposal ({amount} yuan); make a new proposal instead").format(
                    amount=formatting.amount(proposal.payable)
                ),
                _("Total"),
            )
        return proposal.payable
    if terms.total is None:
        raise ValidationError("agreement.total", _("accept a proposal or state the agreed total"), _("Total"))
    return terms.total


def _plan(terms: AgreementTerms, total: Decimal, reached_on: dt.date) -> payment_plan.PaymentPlan:
    if (terms.due_on is None) == (not terms.instalments):
        raise ValidationError(
            "payment_plan",
            _("choose one payment by a date, or instalments"),
            _("Payment plan"),
        )
    if terms.due_on is not None:
        return payment_plan.lump_sum(total, terms.due_on, reached_on)
    return payment_plan.instalment_plan(total, terms.instalments, reached_on)


def default_remedy(instalments: bool) -> Remedy:
    """Acceleration for instalments; for a lump sum, the original claim revives."""
    return Remedy.ACCELERATION if instalments else Remedy.REVIVAL


def _remedy(chosen: Remedy | None, instalments: bool) -> Remedy:
    if chosen is None:
        return default_remedy(instalments)
    if chosen is Remedy.ACCELERATION and not instalments:
        raise ValidationError(
            "agreement.remedy",
            _("acceleration applies to instalments only; a lump sum is due at once"),
            _("Remedy"),
        )
    return chosen


def _text(value: str, field: str, label: str, limit: int, *, required: bool = False) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError(field, _("is required"), label)
    if len(text) > limit:
        raise ValidationError(field, _("at most {limit} characters").format(limit=limit), label)
    return text


def _view(record: Agreement) -> AgreementView:
    return AgreementView(
        record.id,
        record.case_id,
        record.proposal_id,
        record.total,
        uppercase_rmb(record.total),
        tuple(InstalmentRow(i.seq, i.due_on, i.amount) for i in record.instalments),
        record.pay_method,
        record.pay_place,
        record.undertakings,
        record.settlement_clause,
        record.responsibility,
        record.matters,
        record.remedy or default_remedy(len(record.instalments) > 1),
        record.reached_on,
        record.signed_on,
        record.version,
    )
