"""Performance (履行): payments under the agreement, overdue instalments, follow-up visits (回访).

Payments are recorded against the plan and allocated to the instalments in date order
(:func:`mediation_app.workflow.payment_plan.progress`); an instalment still owing after its due
date is overdue, and the case's next deadline is the first instalment still owing, so overdue
cases appear in the due query. The payment that settles the whole plan closes the case as
*performed* when the status allows it (not while a confirmation application is pending: the case
then waits for the court). A payment larger than what is still owed is refused: the agreement
records what the owner owes, and money beyond it is a matter between the parties.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.party import Party
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.money import to_money
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.agreement.terms import agreement_of
from mediation_app.services.cases.step import (
    StepResult,
    add_event,
    check_day,
    finish,
    load_case,
    move,
    snapshot,
    status_step,
)
from mediation_app.storage.models import Case, FollowUp, PerformancePayment
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow import payment_plan
from mediation_app.workflow.actions import Action
from mediation_app.workflow.timeline import payment_value
from mediation_app.workflow.transitions import check, is_allowed

MAX_METHOD = 60
MAX_NOTE = 200


@dataclass(frozen=True)
class PerformanceProgress:
    """The plan and what has been paid against it, as of ``today``."""

    today: dt.date
    total: Decimal
    progress: payment_plan.PlanProgress

    @property
    def paid(self) -> Decimal:
        return self.progress.paid

    @property
    def outstanding(self) -> Decimal:
        return self.progress.outstanding

    @property
    def overdue(self) -> tuple[payment_plan.InstalmentProgress, ...]:
        return self.progress.overdue

    @property
    def fully_paid(self) -> bool:
        return self.progress.fully_paid


@dataclass(frozen=True)
class PaymentResult:
    payment_id: int
    progress: PerformanceProgress
    step: StepResult
    closed: bool = False  # this payment closed the case as performed

    @property
    def completes(self) -> bool:
        """Everything agreed is paid (whether or not the case was closed with it)."""
        return self.progress.fully_paid


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    case_id: int
    visited_on: dt.date
    method: str
    visited_party: Party
    notes: str
    satisfied: bool | None


def start_performance(uow: UnitOfWork, case_id: int, *, expected_version: int | None = None) -> StepResult:
    """The owner starts paying under the signed (or confirmed) agreement."""
    authorize(uow.actor, Permission.RECORD_PERFORMANCE)
    return status_step(
        uow, case_id, Action.START_PERFORMANCE, "performance.start", expected_version=expected_version
    )


def record_payment(
    uow: UnitOfWork,
    case_id: int,
    paid_on: dt.date,
    amount: Decimal,
    *,
    close_as_performed: bool,
    method: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> PaymentResult:
    """Record a payment under the agreement; when it settles the whole plan and
    ``close_as_performed`` (the user confirmed), the case closes as performed with it."""
    authorize(uow.actor, Permission.RECORD_PERFORMANCE)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_PAYMENT)
    agreement = agreement_of(uow.session, case.id)
    if agreement is None:
        raise WorkflowError(_("There is no agreement on record for this case."))
    day = check_day(
        uow,
        paid_on,
        "payment.paid_on",
        _("Date of payment"),
        not_before=agreement.reached_on,
        not_before_label=_("the date of agreement"),
    )
    clean_method, clean_note = method.strip(), note.strip()
    if len(clean_method) > MAX_METHOD:
        raise ValidationError(
            "payment.method", _("at most {limit} characters").format(limit=MAX_METHOD), _("Method")
        )
    if len(clean_note) > MAX_NOTE:
        raise ValidationError(
            "payment.note", _("at most {limit} characters").format(limit=MAX_NOTE), _("Note")
        )
    earlier = _payments(uow.session, case.id)
    before_progress = _progress_of(agreement.plan(), earlier, uow.clock.today())
    payment_plan.progress(agreement.plan(), [payment_plan.Payment(day, amount)], uow.clock.today())
    if amount > before_progress.outstanding:
        raise ValidationError(
            "payment.amount",
            _("is more than the {outstanding} yuan still owed under the agreement").format(
                outstanding=formatting.amount(before_progress.outstanding)
            ),
            _("Amount"),
        )
    before = snapshot(case)
    record = PerformancePayment(
        case_id=case.id, paid_on=day, amount=to_money(amount), method=clean_method, note=clean_note
    )
    uow.session.add(record)
    uow.flush()
    paid = sorted([*earlier, payment_plan.Payment(record.paid_on, record.amount)], key=lambda p: p.paid_on)
    after = _progress_of(agreement.plan(), paid, uow.clock.today())
    add_event(uow, case, Action.RECORD_PAYMENT.value, "", payment_value(to_money(amount), day), clean_method)
    closed = close_as_performed and after.fully_paid and is_allowed(case.status, Action.COMPLETE_PERFORMANCE)
    if closed:
        move(uow, case, Action.COMPLETE_PERFORMANCE, on=day)
    step = finish(
        uow,
        case,
        "performance.payment",
        before,
        {
            "payment": {"id": record.id, "paid_on": day, "amount": record.amount},
            "outstanding": after.outstanding,
            "close_as_performed": close_as_performed,
        },
    )
    progress = PerformanceProgress(uow.clock.today(), agreement.total, after)
    return PaymentResult(record.id, progress, step, closed)


def would_complete(session: Session, case_id: int, amount: Decimal, today: dt.date) -> bool:
    """Whether a payment of ``amount`` would settle everything agreed and the case could then be
    closed as performed (the screen asks before recording it)."""
    case = session.get(Case, case_id)
    agreement = agreement_of(session, case_id)
    if case is None or agreement is None or not is_allowed(case.status, Action.COMPLETE_PERFORMANCE):
        return False
    outstanding = _progress(session, case_id, agreement.plan(), today).outstanding
    return outstanding > 0 and amount >= outstanding


def complete_performance(
    uow: UnitOfWork, case_id: int, *, on: dt.date | None = None, expected_version: int | None = None
) -> StepResult:
    """Close the case as performed: everything agreed has been paid."""
    authorize(uow.actor, Permission.RECORD_PERFORMANCE)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.COMPLETE_PERFORMANCE)
    agreement = agreement_of(uow.session, case.id)
    if agreement is None:
        raise WorkflowError(_("There is no agreement on record for this case."))
    progress = _progress(uow.session, case.id, agreement.plan(), uow.clock.today())
    if not progress.fully_paid:
        raise WorkflowError(
            _("{outstanding} yuan of the agreement is still unpaid; record the payments first.").format(
                outstanding=formatting.amount(progress.outstanding)
            )
        )
    day = check_day(uow, on or uow.clock.today(), "closed_on", _("Date"), not_before=agreement.reached_on)
    before = snapshot(case)
    move(uow, case, Action.COMPLETE_PERFORMANCE, on=day)
    return finish(uow, case, "performance.complete", before)


def performance_progress(session: Session, case_id: int, today: dt.date) -> PerformanceProgress | None:
    """The plan's progress (None when the case has no agreement yet)."""
    agreement = agreement_of(session, case_id)
    if agreement is None:
        return None
    plan = agreement.plan()
    return PerformanceProgress(today, agreement.total, _progress(session, case_id, plan, today))


def record_follow_up(
    uow: UnitOfWork,
    case_id: int,
    visited_on: dt.date,
    method: str,
    *,
    party: Party | str = Party.OWNER,
    notes: str = "",
    satisfied: bool | None = None,
    expected_version: int | None = None,
) -> FollowUpRow:
    """A follow-up visit (回访): how the party was reached, what they said, whether satisfied."""
    authorize(uow.actor, Permission.RECORD_FOLLOW_UP)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_FOLLOW_UP)
    clean_method = method.strip()
    if not clean_method or len(clean_method) > 30:
        raise ValidationError(
            "follow_up.method", _("say how (phone, visit …), at most 30 characters"), _("Method")
        )
    who = Party(party)
    day = check_day(uow, visited_on, "follow_up.visited_on", _("Date of visit"), not_before=case.intake_date)
    before = snapshot(case)
    record = FollowUp(
        case_id=case.id,
        visited_on=day,
        method=clean_method,
        visited_party=who,
        notes=notes.strip(),
        satisfied=satisfied,
        by_id=uow.actor.staff_id,
    )
    uow.session.add(record)
    uow.flush()
    add_event(
        uow,
        case,
        Action.RECORD_FOLLOW_UP.value,
        "",
        f"{who.label} · {clean_method} · {formatting.date(day)}",
        notes.strip()[:500],
    )
    finish(
        uow, case, "performance.follow_up", before, {"follow_up": {"id": record.id, "satisfied": satisfied}}
    )
    return FollowUpRow(record.id, case.id, day, clean_method, who, record.notes, satisfied)


def follow_ups(session: Session, case_id: int) -> list[FollowUpRow]:
    rows = session.scalars(select(FollowUp).where(FollowUp.case_id == case_id).order_by(FollowUp.visited_on))
    return [
        FollowUpRow(r.id, r.case_id, r.visited_on, r.method, r.visited_party, r.notes, r.satisfied)
        for r in rows
    ]


def _progress(
    session: Session, case_id: int, plan: payment_plan.PaymentPlan, today: dt.date
) -> payment_plan.PlanProgress:
    return _progress_of(plan, _payments(session, case_id), today)


def _payments(session: Session, case_id: int) -> list[payment_plan.Payment]:
    """The payments recorded under the agreement, in the order they were made."""
    return [
        payment_plan.Payment(paid_on, amount)
        for paid_on, amount in session.execute(_payments_query(), {"case_id": case_id})
    ]


@cache
def _payments_query() -> Select[dt.date, Decimal]:
    # Built once (README, Development): every payment recorded reads those before it.
    return (
        select(PerformancePayment.paid_on, PerformancePayment.amount)
        .where(PerformancePayment.case_id == bindparam("case_id"))
        .order_by(PerformancePayment.paid_on, PerformancePayment.id)
    )


def _progress_of(
    plan: payment_plan.PaymentPlan, payments: list[payment_plan.Payment], today: dt.date
) -> payment_plan.PlanProgress:
    latest = max((p.paid_on for p in payments), default=today)
    return payment_plan.progress(plan, payments, max(today, latest))
