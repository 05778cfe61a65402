"""四调衔接 and 三级联动: transferring a case to another kind of mediation, referring it to
another level. Both only while the case is open, both with a reason, both kept in its path.

A transfer goes to an organisation that runs the new track (a court for judicial mediation);
when that organisation sits at another level, the level change is recorded too, so the path of
levels stays complete. A referral goes to an organisation at the target level that runs the
case's track. Neither restarts the mediation period. The mediator is the one named, or none
until one is assigned.
"""

from __future__ import annotations

from mediation_app.domain.enums import Track
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.assignees import (
    assignment_text,
    check_runs_track,
    load_mediator,
    load_organisation,
)
from mediation_app.services.cases.step import StepResult, add_event, finish, load_case, snapshot
from mediation_app.storage.models import Case, Organization, Staff
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.levels import check_referral
from mediation_app.workflow.tracks import check_track_transfer


def transfer_track(
    uow: UnitOfWork,
    case_id: int,
    to_track: Track | str,
    organization_id: int,
    reason: str,
    *,
    decided_by: str = "",
    mediator_id: int | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """Move the case to ``to_track`` at ``organization_id`` (四调衔接), saying why and who decided."""
    authorize(uow.actor, Permission.TRANSFER_TRACK)
    case = load_case(uow, case_id, expected_version)
    organisation = load_organisation(uow, organization_id)
    transfer = check_track_transfer(case.status, case.track, Track(to_track), organisation.kind, reason)
    check_runs_track(organisation, transfer.to_track)
    mediator = load_mediator(uow, mediator_id) if mediator_id is not None else None
    who = _decider(decided_by)
    before = snapshot(case)
    add_event(
        uow,
        case,
        Action.TRANSFER_TRACK.value,
        transfer.from_track.value,
        transfer.to_track.value,
        transfer.reason,
        decided_by=who,
    )
    case.track = transfer.to_track
    _reassign(uow, case, organisation, mediator, transfer.reason, who)
    return finish(uow, case, "case.transfer_track", before, {"decided_by": who})


def refer_level(
    uow: UnitOfWork,
    case_id: int,
    organization_id: int,
    reason: str,
    *,
    decided_by: str = "",
    mediator_id: int | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """Refer the case up or down to ``organization_id`` at another level (三级联动)."""
    authorize(uow.actor, Permission.REFER_LEVEL)
    case = load_case(uow, case_id, expected_version)
    organisation = load_organisation(uow, organization_id)
    referral = check_referral(
        case.status, case.organization.level, organisation.level, organisation.level, reason
    )
    check_runs_track(organisation, case.track)
    mediator = load_mediator(uow, mediator_id) if mediator_id is not None else None
    who = _decider(decided_by)
    before = snapshot(case)
    add_event(
        uow,
        case,
        Action.REFER_LEVEL.value,
        referral.from_level.value,
        referral.to_level.value,
        referral.reason,
        decided_by=who,
    )
    _reassign(uow, case, organisation, mediator, referral.reason, who, level_recorded=True)
    return finish(
        uow, case, "case.refer_level", before, {"direction": referral.direction.value, "decided_by": who}
    )


def _reassign(
    uow: UnitOfWork,
    case: Case,
    organisation: Organization,
    mediator: Staff | None,
    reason: str,
    decided_by: str,
    *,
    level_recorded: bool = False,
) -> None:
    old_level = case.organization.level
    old = assignment_text(case.organization, case.mediator)
    case.organization_id, case.organization = organisation.id, organisation
    case.mediator_id, case.mediator = (mediator.id if mediator else None), mediator
    new_level = organisation.level
    if not level_recorded and new_level != old_level:
        add_event(uow, case, "level", old_level.value, new_level.value, reason, decided_by=decided_by)
    add_event(uow, case, "assignment", old, assignment_text(organisation, mediator), decided_by=decided_by)


def _decider(decided_by: str) -> str:
    """The decider's name as stored (60 characters, like a staff name); empty: the recorder."""
    return decided_by.strip()[:60]
