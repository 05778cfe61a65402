"""Judicial confirmation (司法确认): the parties' joint application and the court's answer.

The application must be made within 30 days of the agreement taking effect (its signing); the app
proposes the competent court — the court that assigned the case, else the basic court where the
mediation organisation sits (:mod:`mediation_app.workflow.confirmation`) — and the clerk may name
another. The outcome is a ruling number (confirmed: the agreement can be enforced), or a
rejection with its reason and what happens next: back to mediation, or to litigation, recorded in
the same step when it is already known. An application can also be withdrawn.

A case that returns to mediation and reaches a new agreement applies again; the application
record then describes the newest application (the earlier one stays in the path and the audit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import Role
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import StepResult, check_day, finish, load_case, move, snapshot
from mediation_app.storage.models import Agreement, Case, JudicialConfirmation
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.confirmation import (
    ConfirmationOutcome,
    ConfirmationWindow,
    CourtProposal,
    NextStep,
    check_application,
    confirmation_window,
    propose_court,
)
from mediation_app.workflow.transitions import check

MAX_RULING = 60


@dataclass(frozen=True)
class ConfirmationView:
    court_name: str
    applied_on: dt.date
    outcome: ConfirmationOutcome
    ruling_number: str
    decided_on: dt.date | None
    rejection_reason: str
    next_step: NextStep | None
    window: ConfirmationWindow


@dataclass(frozen=True)
class ConfirmationResult:
    confirmation: ConfirmationView
    step: StepResult


def proposed_court(session: Session, case_id: int, on: dt.date) -> CourtProposal:
    """The competent court for this case on the day ``on`` of the application, with the reason
    (for the application form)."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    return propose_court(case.assigning_court, case.organization.court_name, on=on, track=case.track)


def apply_confirmation(
    uow: UnitOfWork,
    case_id: int,
    *,
    applied_on: dt.date | None = None,
    court_name: str | None = None,
    expected_version: int | None = None,
) -> ConfirmationResult:
    """Record the joint application (within 30 days of signing) to the proposed or named court."""
    authorize(uow.actor, Permission.APPLY_CONFIRMATION)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.APPLY_CONFIRMATION)
    agreement = _agreement(uow, case.id)
    if agreement.signed_on is None:
        raise WorkflowError(_("The agreement has not been signed yet."))
    day = check_day(uow, applied_on or uow.clock.today(), "applied_on", _("Date of application"))
    check_application(agreement.signed_on, day)
    court = (court_name or "").strip() or propose_court(
        case.assigning_court, case.organization.court_name, on=day, track=case.track
    ).court
    if len(court) > 120:
        raise ValidationError("court_name", _("at most {limit} characters").format(limit=120), _("Court"))
    before = snapshot(case)
    record = uow.session.scalar(select(JudicialConfirmation).where(JudicialConfirmation.case_id == case.id))
    if record is None:
        record = JudicialConfirmation(case_id=case.id)
        uow.session.add(record)
    record.court_name, record.applied_on, record.outcome = court, day, ConfirmationOutcome.PENDING
    record.ruling_number, record.decided_on, record.rejection_reason, record.next_step = "", None, "", None
    record.judge_id = None
    move(uow, case, Action.APPLY_CONFIRMATION)
    step = finish(uow, case, "confirmation.apply", before, {"court": court, "applied_on": day})
    return ConfirmationResult(_view(record, agreement.signed_on), step)


def record_confirmation(
    uow: UnitOfWork,
    case_id: int,
    ruling_number: str,
    *,
    decided_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ConfirmationResult:
    """The court confirmed the agreement (its ruling number): it can now be enforced."""
    authorize(uow.actor, Permission.CONFIRM_JUDICIALLY)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_CONFIRMATION)
    record, signed_on = _pending(uow, case.id)
    number = ruling_number.strip()
    if not number:
        raise ValidationError("ruling_number", _("is required"), _("Ruling number"))
    if len(number) > MAX_RULING:
        raise ValidationError(
            "ruling_number", _("at most {limit} characters").format(limit=MAX_RULING), _("Ruling number")
        )
    day = _decision_day(uow, decided_on, record.applied_on)
    before = snapshot(case)
    record.outcome, record.ruling_number, record.decided_on = ConfirmationOutcome.CONFIRMED, number, day
    record.judge_id = _judge(uow)
    move(uow, case, Action.RECORD_CONFIRMATION)
    step = finish(uow, case, "confirmation.confirm", before, {"ruling_number": number, "decided_on": day})
    return ConfirmationResult(_view(record, signed_on), step)


def record_rejection(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    *,
    decided_on: dt.date | None = None,
    next_step: NextStep | str | None = None,
    next_reason: str | None = None,
    expected_version: int | None = None,
) -> ConfirmationResult:
    """The court rejected the application (民事诉讼法 206), and, if known, what happens next."""
    authorize(uow.actor, Permission.CONFIRM_JUDICIALLY)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_REJECTION)
    record, signed_on = _pending(uow, case.id)
    day = _decision_day(uow, decided_on, record.applied_on)
    then = NextStep(next_step) if next_step is not None else None
    before = snapshot(case)
    step = move(uow, case, Action.RECORD_REJECTION, reason)
    record.outcome, record.decided_on = ConfirmationOutcome.REJECTED, day
    record.rejection_reason = step.reason or ""
    record.next_step = then
    record.judge_id = _judge(uow)
    if then is NextStep.RESUME_MEDIATION:
        move(uow, case, Action.RESUME_MEDIATION, next_reason or step.reason)
    elif then is NextStep.LITIGATION:
        move(uow, case, Action.FAIL_TO_LITIGATION, next_reason or step.reason, on=day)
    result = finish(
        uow, case, "confirmation.reject", before, {"decided_on": day, "next_step": record.next_step or ""}
    )
    return ConfirmationResult(_view(record, signed_on), result)


def withdraw_confirmation(
    uow: UnitOfWork, case_id: int, reason: str, *, expected_version: int | None = None
) -> StepResult:
    """The parties withdrew the application; the agreement stays signed."""
    authorize(uow.actor, Permission.APPLY_CONFIRMATION)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.WITHDRAW_CONFIRMATION)
    record, _signed = _pending(uow, case.id)
    before = snapshot(case)
    step = move(uow, case, Action.WITHDRAW_CONFIRMATION, reason)
    record.outcome, record.decided_on = ConfirmationOutcome.WITHDRAWN, uow.clock.today()
    record.rejection_reason = step.reason or ""
    return finish(uow, case, "confirmation.withdraw", before)


def confirmation_of(session: Session, case_id: int) -> ConfirmationView | None:
    record = session.scalar(select(JudicialConfirmation).where(JudicialConfirmation.case_id == case_id))
    signed_on = session.scalar(select(Agreement.signed_on).where(Agreement.case_id == case_id))
    if record is None or signed_on is None:
        return None
    return _view(record, signed_on)


def _agreement(uow: UnitOfWork, case_id: int) -> Agreement:
    agreement = uow.session.scalar(select(Agreement).where(Agreement.case_id == case_id))
    if agreement is None:
        raise WorkflowError(_("There is no agreement on record for this case."))
    return agreement


def _pending(uow: UnitOfWork, case_id: int) -> tuple[JudicialConfirmation, dt.date]:
    record = uow.session.scalar(select(JudicialConfirmation).where(JudicialConfirmation.case_id == case_id))
    agreement = _agreement(uow, case_id)
    if record is None or record.outcome is not ConfirmationOutcome.PENDING or agreement.signed_on is None:
        raise WorkflowError(_("No application for judicial confirmation is pending for this case."))
    return record, agreement.signed_on


def _decision_day(uow: UnitOfWork, decided_on: dt.date | None, applied_on: dt.date) -> dt.date:
    return check_day(
        uow,
        decided_on or uow.clock.today(),
        "decided_on",
        _("Date of the decision"),
        not_before=applied_on,
        not_before_label=_("the application"),
    )


def _judge(uow: UnitOfWork) -> int | None:
    return uow.actor.staff_id if uow.actor.role == Role.JUDGE else None


def _view(record: JudicialConfirmation, signed_on: dt.date) -> ConfirmationView:
    return ConfirmationView(
        record.court_name,
        record.applied_on,
        record.outcome,
        record.ruling_number,
        record.decided_on,
        record.rejection_reason,
        record.next_step,
        confirmation_window(signed_on),
    )
