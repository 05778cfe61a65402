"""Assigning a case: to an organisation and a mediator, which starts the 30-day mediation period;
and changing the mediator later.

Decisions:

- Mediation starts only with both parties' consent (人民调解法 3), checked from the recorded
  consents, and on a day not before the case was taken in nor in the future.
- The assignment keeps the case's track and level: the organisation must run the track and sit
  at the level where the case is. Moving a case to another kind of mediation or another level is
  a transfer or a referral (:mod:`.routing`), so the path always shows it with its reason.
- The mediation period runs 30 calendar days from the assignment
  (:func:`mediation_app.workflow.deadlines.mediation_deadline`).
"""

from __future__ import annotations

import datetime as dt

from mediation_app.domain.enums import label
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.assignees import (
    assignment_text,
    check_runs_track,
    load_mediator,
    load_organisation,
)
from mediation_app.services.cases.consents import consent_state
from mediation_app.services.cases.step import (
    StepResult,
    add_event,
    check_day,
    finish,
    load_case,
    move,
    snapshot,
)
from mediation_app.storage.models import Case, Organization
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import require_both_consents
from mediation_app.workflow.deadlines import mediation_deadline
from mediation_app.workflow.transitions import check


def start_mediation(
    uow: UnitOfWork,
    case_id: int,
    organization_id: int,
    mediator_id: int,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """Assign the case to ``organization_id`` and ``mediator_id``; the mediation period starts ``on``."""
    authorize(uow.actor, Permission.ASSIGN_MEDIATOR)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.START_MEDIATION)
    state = consent_state(uow.session, case.id)
    require_both_consents(state.owner is not None, state.company is not None)
    organisation = load_organisation(uow, organization_id)
    _check_same_level(case, organisation)
    check_runs_track(organisation, case.track)
    mediator = load_mediator(uow, mediator_id)
    last_consent = max(c.given_on for c in (state.owner, state.company) if c is not None)
    day = check_day(
        uow,
        on or uow.clock.today(),
        "mediation_start",
        _("Start of mediation"),
        not_before=last_consent,
        not_before_label=_("the parties' consent"),
    )
    before = snapshot(case)
    old = assignment_text(case.organization, case.mediator)
    case.organization_id, case.organization = organisation.id, organisation
    case.mediator_id, case.mediator = mediator.id, mediator
    case.mediation_start = day
    case.mediation_deadline = mediation_deadline(day)
    move(uow, case, Action.START_MEDIATION)
    add_event(uow, case, "assignment", old, assignment_text(organisation, mediator))
    return finish(uow, case, "case.start_mediation", before)


def assign_mediator(
    uow: UnitOfWork, case_id: int, mediator_id: int, *, reason: str = "", expected_version: int | None = None
) -> StepResult:
    """Give the case to another mediator of the same organisation (the period runs on)."""
    authorize(uow.actor, Permission.ASSIGN_MEDIATOR)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.ASSIGN_MEDIATOR)
    mediator = load_mediator(uow, mediator_id)
    if case.mediator_id == mediator.id:
        raise WorkflowError(_("{name} already mediates this case.").format(name=mediator.name))
    before = snapshot(case)
    old = assignment_text(case.organization, case.mediator)
    case.mediator_id, case.mediator = mediator.id, mediator
    add_event(
        uow, case, Action.ASSIGN_MEDIATOR.value, old, assignment_text(case.organization, mediator), reason
    )
    return finish(uow, case, "case.assign_mediator", before)


def _check_same_level(case: Case, organisation: Organization) -> None:
    here, there = case.organization.level, organisation.level
    if here != there:
        raise WorkflowError(
            _(
                "The case is at the {here} and {organisation} is a {there}: refer the case to that "
                "level first (三级联动), so its path records why."
            ).format(here=label(here), organisation=organisation.name, there=label(there))
        )
