"""What every workflow service does around its own step: load the case, write the path, audit.

A service loads the case with :func:`load_case` (refusing a stale screen's version), asks the pure
rules in :mod:`mediation_app.workflow` whether the step is allowed, changes the records, writes
the step into the case's path (:class:`~mediation_app.storage.models.CaseEvent` rows, the
timeline) and finishes with :func:`finish`, which keeps ``Case.next_deadline`` right, writes one
audit event with the case's before and after images, commits, and returns a :class:`StepResult`.
A step that changes nothing but the status is all of that in one call: :func:`status_step`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mediation_app import formatting
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.services.cases.next_deadline import refresh_next_deadline
from mediation_app.storage.models import Case, CaseEvent
from mediation_app.storage.uow import UnitOfWork
from mediation_app.storage.versioning import check_version
from mediation_app.workflow.actions import Action
from mediation_app.workflow.transitions import Transition, is_concluded, transition


@dataclass(frozen=True)
class StepResult:
    """Where the case stands after a step (what a screen needs to refresh its header)."""

    case_id: int
    number: str
    status: CaseStatus
    next_deadline: dt.date | None
    version: int


def load_case(uow: UnitOfWork, case_id: int, expected_version: int | None = None) -> Case:
    """The case to change; :class:`NotFoundError` if it is gone, a conflict if it moved on."""
    case = uow.session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    check_version(case, expected_version)
    return case


def snapshot(case: Case) -> dict[str, Any]:
    """The case's workflow facts as audited before and after a step."""
    return {
        "status": case.status,
        "track": case.track,
        "organization_id": case.organization_id,
        "mediator_id": case.mediator_id,
        "mediation_start": case.mediation_start,
        "mediation_deadline": case.mediation_deadline,
        "next_deadline": case.next_deadline,
        "closed_on": case.closed_on,
        "status_reason": case.status_reason,
    }


def add_event(
    uow: UnitOfWork,
    case: Case,
    kind: str,
    from_value: str | None = "",
    to_value: str | None = "",
    reason: str | None = "",
    *,
    decided_by: str = "",
    at: dt.datetime | None = None,
) -> CaseEvent:
    """Append one step to the case's path (see :mod:`mediation_app.workflow.timeline`)."""
    event = CaseEvent(
        case_id=case.id,
        at=at or uow.clock.now(),
        kind=kind,
        from_value=(from_value or "")[:120],
        to_value=(to_value or "")[:120],
        by_id=uow.actor.staff_id,
        by_name=uow.actor.name[:60],
        reason=reason or "",
        decided_by=decided_by[:60],
    )
    uow.session.add(event)  # not case.events.append: that would load the whole path first
    return event


def move(
    uow: UnitOfWork,
    case: Case,
    action: Action,
    reason: str | None = None,
    *,
    on: dt.date | None = None,
    decided_by: str = "",
) -> Transition:
    """Check ``action`` against the state machine, change the status, record the step.

    ``on`` is the day the step happened (today by default); a step that concludes the case
    stores it as ``closed_on`` (a not-performed case that moves on is concluded again, on the
    day of that step). The reason of a step that needs one becomes the case's ``status_reason``.
    """
    step = transition(case.status, action, reason)
    if step.moves:
        case.status = step.target
        case.status_reason = step.reason or ""
        case.closed_on = (on or uow.clock.today()) if is_concluded(step.target) else None
    add_event(
        uow, case, action.value, step.source.value, step.target.value, step.reason, decided_by=decided_by
    )
    return step


def check_day(
    uow: UnitOfWork,
    day: dt.date,
    field: str,
    label: str,
    *,
    not_before: dt.date | None = None,
    not_before_label: str | None = None,
) -> dt.date:
    """Refuse a date in the future or before ``not_before`` (the intake, the assignment …)."""
    today = uow.clock.today()
    if day > today:
        raise ValidationError(field, _("cannot be in the future"), label)
    if not_before is not None and day < not_before:
        raise ValidationError(
            field,
            _("cannot be before {what} ({date})").format(
                what=not_before_label or _("the intake date"), date=formatting.date(not_before)
            ),
            label,
        )
    return day


def finish(
    uow: UnitOfWork,
    case: Case,
    audit_action: str,
    before: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> StepResult:
    """Keep the deadline right, audit the step, commit, and say where the case stands."""
    # Stamped before the deadline's queries: when they must flush the step's writes first, the
    # case's row goes with them. The commit flushes what is left (the case, when the queries did
    # not flush; a deadline that moved) and with it bumps the version the result reports; a step
    # nested in a batch without a savepoint leaves that to the batch's next flush (see
    # UnitOfWork.nested).
    case.updated_at = uow.clock.now()
    refresh_next_deadline(uow.session, case)
    after = snapshot(case)
    if extra:
        after.update(extra)
    uow.audit(audit_action, "case", case.id, before, after, case_id=case.id)
    uow.commit()
    return StepResult(case.id, case.number, case.status, case.next_deadline, case.version)


def status_step(
    uow: UnitOfWork,
    case_id: int,
    action: Action,
    audit_action: str,
    reason: str | None = None,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """A step that changes only the status (and its reason): checked by the state machine,
    recorded in the path, audited as ``audit_action``. ``on``, for a closing step, is the day it
    happened: not in the future, not before the intake. The service authorises its actor first
    (its opening ``authorize`` call is what the permission tests find)."""
    case = load_case(uow, case_id, expected_version)
    day = check_day(uow, on, "closed_on", _("Date"), not_before=case.intake_date) if on else None
    before = snapshot(case)
    move(uow, case, action, reason, on=day)
    return finish(uow, case, audit_action, before)
