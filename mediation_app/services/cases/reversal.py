"""Reversing a status change recorded in error (撤销此步): a judge's or supervisor's decision,
with a reason, recorded as a new step — the case's path and the audit trail keep the step that
was reversed.

Only the case's last status change can be reversed, and only one the rules in
:mod:`mediation_app.workflow.reversals` allow. The case returns to the status that step left,
with that status's closing date and reason as they were before the step (read from the audit
trail's before-image of the step); the next deadline is worked out again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import StepResult, add_event, finish, load_case, snapshot
from mediation_app.storage.models import AuditEvent, Case, CaseEvent
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.reasons import require_reason
from mediation_app.workflow.reversals import explain_irreversible, reversal_target
from mediation_app.workflow.timeline import EventKind, category
from mediation_app.workflow.transitions import is_concluded


@dataclass(frozen=True)
class LastStep:
    """The case's last status change, and whether it can be reversed (and if not, why)."""

    event_id: int
    kind: str
    from_status: CaseStatus
    to_status: CaseStatus
    at: dt.datetime
    by: str
    why_not: str | None  # None: it can be reversed

    @property
    def reversible(self) -> bool:
        return self.why_not is None


def last_status_step(session: Session, case_id: int) -> LastStep | None:
    """The last step that changed the case's status (None for a case still as registered)."""
    event = _last_status_event(session, case_id)
    if event is None:
        return None
    return LastStep(
        event.id,
        event.kind,
        CaseStatus(event.from_value),
        CaseStatus(event.to_value),
        event.at,
        event.by_name,
        explain_irreversible(event.kind),
    )


def reverse_last_step(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    *,
    event_id: int | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """Take the case back to where its last status change found it; ``event_id`` is the step the
    user saw (refused when another status change came since). Commits."""
    authorize(uow.actor, Permission.REVERSE_STEP)
    case = load_case(uow, case_id, expected_version)
    clean = require_reason(reason)
    event = _last_status_event(uow.session, case.id)
    if event is None:
        raise WorkflowError(
            _("The case has had no status change since it was registered; there is nothing to reverse.")
        )
    if event_id is not None and event.id != event_id:
        raise WorkflowError(_("Another status change was recorded since; reload the case and look again."))
    restored = reversal_target(event.kind, event.from_value, event.to_value, case.status)
    before = snapshot(case)
    earlier = _state_before(uow.session, case, event)
    case.status = restored
    case.status_reason = str(earlier.get("status_reason") or "")
    closed_on = earlier.get("closed_on")
    case.closed_on = (
        dt.date.fromisoformat(closed_on)
        if is_concluded(restored) and isinstance(closed_on, str) and closed_on
        else None
    )
    if is_concluded(restored) and case.closed_on is None:
        case.closed_on = uow.clock.today()
    add_event(uow, case, EventKind.REVERSAL.value, event.to_value, event.from_value, clean)
    return finish(
        uow,
        case,
        "case.reverse_step",
        before,
        {"reversed": {"event_id": event.id, "step": event.kind, "reason": clean}},
    )


def _last_status_event(session: Session, case_id: int) -> CaseEvent | None:
    rows = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc())
    )
    for event in rows:
        kind = category(event.kind)
        if kind not in (EventKind.STATUS, EventKind.REVERSAL):
            continue
        if event.from_value and event.to_value and event.from_value != event.to_value:
            return event
    return None


def _state_before(session: Session, case: Case, event: CaseEvent) -> dict[str, object]:
    """The case's workflow facts just before ``event``, from the audit trail's before-image of the
    step (the newest audited change of the case that left the status the event reached)."""
    audits = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id, AuditEvent.entity == "case")
        .order_by(AuditEvent.id.desc())
    )
    for audit in audits:
        try:
            before = json.loads(audit.before_json) if audit.before_json else {}
            after = json.loads(audit.after_json) if audit.after_json else {}
        except ValueError:
            continue
        if (
            isinstance(before, dict)
            and isinstance(after, dict)
            and before.get("status") == event.from_value
            and after.get("status") == event.to_value
        ):
            return before
    return {}


__all__ = ["LastStep", "last_status_step", "reverse_last_step"]
