"""Mediation sessions (调解记录): date and time, mode, place, who attended, notes, outcome.

A session can be *scheduled* ahead (a session notice SMS names its time and place) and
*recorded* once held; a session recorded without having been scheduled is both at once. Sessions
are held while the case is in mediation (and after an agreement is reached, to settle details);
a recorded session is a step in the case's path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.clock import CHINA
from mediation_app.domain.enums import SessionMode
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.assignees import load_mediator
from mediation_app.services.cases.step import StepResult, add_event, finish, load_case, snapshot
from mediation_app.storage.models import MediationSession
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.transitions import check

MAX_PLACE = 200
MAX_TEXT = 10_000


@dataclass(frozen=True)
class SessionInput:
    starts_at: dt.datetime
    mode: SessionMode
    place: str = ""
    attendees: str = ""
    notes: str = ""
    outcome: str = ""
    mediator_id: int | None = None  # the case's mediator when None
    recorder_id: int | None = None


@dataclass(frozen=True)
class SessionRow:
    id: int
    case_id: int
    starts_at: dt.datetime
    mode: SessionMode
    place: str
    attendees: str
    notes: str
    outcome: str
    mediator_id: int | None
    held: bool


@dataclass(frozen=True)
class SessionResult:
    session_id: int
    step: StepResult


def schedule_session(
    uow: UnitOfWork, case_id: int, planned: SessionInput, *, expected_version: int | None = None
) -> SessionResult:
    """Plan a session (its notice can then be sent); nothing is recorded as held yet."""
    authorize(uow.actor, Permission.RECORD_SESSION)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_SESSION)
    _check(planned)
    if planned.starts_at < uow.clock.now():
        raise ValidationError(
            "session.starts_at", _("a scheduled session must be in the future"), _("Date and time")
        )
    before = snapshot(case)
    record = _new(uow, case.id, case.mediator_id, planned)
    step = finish(uow, case, "session.schedule", before, {"session": _audit(record)})
    return SessionResult(record.id, step)


def record_session(
    uow: UnitOfWork,
    case_id: int,
    held: SessionInput,
    *,
    session_id: int | None = None,
    expected_version: int | None = None,
) -> SessionResult:
    """Record a session that took place (completing the scheduled one ``session_id`` if given)."""
    authorize(uow.actor, Permission.RECORD_SESSION)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_SESSION)
    _check(held)
    if held.starts_at > uow.clock.now():
        raise ValidationError("session.starts_at", _("cannot be in the future"), _("Date and time"))
    if case.mediation_start is not None and held.starts_at.date() < case.mediation_start:
        raise ValidationError(
            "session.starts_at", _("cannot be before mediation started"), _("Date and time")
        )
    if not held.outcome.strip() and not held.notes.strip():
        raise ValidationError("session.outcome", _("say what was discussed or agreed"), _("Outcome"))
    before = snapshot(case)
    if session_id is None:
        record = _new(uow, case.id, case.mediator_id, held)
    else:
        found = uow.session.get(MediationSession, session_id)
        if found is None or found.case_id != case.id:
            raise NotFoundError(_("Session {id} of this case does not exist.").format(id=session_id))
        record = found
        _fill(uow, record, case.mediator_id, held)
    add_event(
        uow,
        case,
        Action.RECORD_SESSION.value,
        "",
        f"{held.mode.label} · {formatting.moment(held.starts_at.astimezone(CHINA))}",
        held.outcome.strip()[:500],
    )
    step = finish(uow, case, "session.record", before, {"session": _audit(record)})
    return SessionResult(record.id, step)


def sessions(session: Session, case_id: int) -> list[SessionRow]:
    rows = session.scalars(
        select(MediationSession)
        .where(MediationSession.case_id == case_id)
        .order_by(MediationSession.starts_at)
    )
    return [
        SessionRow(
            r.id,
            r.case_id,
            r.starts_at,
            r.mode,
            r.place,
            r.attendees,
            r.notes,
            r.outcome,
            r.mediator_id,
            bool(r.outcome or r.notes),
        )
        for r in rows
    ]


def _check(data: SessionInput) -> None:
    try:
        SessionMode(data.mode)
    except ValueError:
        raise ValidationError(
            "session.mode", _("is not a known mode: {value}").format(value=data.mode), _("Mode")
        ) from None
    if data.starts_at.tzinfo is None:
        raise ValidationError("session.starts_at", _("needs a time zone"), _("Date and time"))
    if len(data.place.strip()) > MAX_PLACE:
        raise ValidationError(
            "session.place", _("at most {limit} characters").format(limit=MAX_PLACE), _("Place")
        )
    for name, text, label in (
        ("attendees", data.attendees, _("Attendees")),
        ("notes", data.notes, _("Notes")),
        ("outcome", data.outcome, _("Outcome")),
    ):
        if len(text) > MAX_TEXT:
            raise ValidationError(
                f"session.{name}", _("at most {limit} characters").format(limit=MAX_TEXT), label
            )
    if SessionMode(data.mode) is SessionMode.IN_PERSON and not data.place.strip():
        raise ValidationError("session.place", _("is required for a session in person"), _("Place"))


def _new(uow: UnitOfWork, case_id: int, default_mediator: int | None, data: SessionInput) -> MediationSession:
    record = MediationSession(case_id=case_id)
    _fill(uow, record, default_mediator, data)
    uow.session.add(record)
    uow.flush()
    return record


def _fill(
    uow: UnitOfWork, record: MediationSession, default_mediator: int | None, data: SessionInput
) -> None:
    mediator_id = data.mediator_id if data.mediator_id is not None else default_mediator
    if mediator_id is not None:
        load_mediator(uow, mediator_id)
    record.starts_at = data.starts_at
    record.mode = SessionMode(data.mode)
    record.place = data.place.strip()
    record.attendees = data.attendees.strip()
    record.notes = data.notes.strip()
    record.outcome = data.outcome.strip()
    record.mediator_id = mediator_id
    record.recorder_id = data.recorder_id


def _audit(record: MediationSession) -> dict[str, object]:
    return {
        "id": record.id,
        "starts_at": record.starts_at,
        "mode": record.mode,
        "place": record.place,
        "outcome": record.outcome,
    }
