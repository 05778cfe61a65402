"""Extending the 30-day mediation period, only with both parties' consent, each recorded.

The consents come with the extension (the screen asks for both): each is stored as a
:class:`~mediation_app.storage.models.Consent` for the purpose ``extension``, the extension itself
with the old and the new deadline. The rule (days, both consents, not before the assignment) is
:mod:`mediation_app.workflow.deadlines`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from mediation_app.domain.party import Party
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import StepResult, add_event, check_day, finish, load_case, snapshot
from mediation_app.storage.models import Consent
from mediation_app.storage.models import Extension as ExtensionRow
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import ConsentMethod, ConsentPurpose
from mediation_app.workflow.deadlines import Extension, MediationPeriod
from mediation_app.workflow.transitions import transition


@dataclass(frozen=True)
class ConsentGiven:
    """One party's consent to the extension: how and when."""

    method: ConsentMethod
    given_on: dt.date
    note: str = ""


def extend_period(
    uow: UnitOfWork,
    case_id: int,
    days: int,
    reason: str,
    owner: ConsentGiven | None,
    company: ConsentGiven | None,
    *,
    expected_version: int | None = None,
) -> StepResult:
    """Extend the mediation period by ``days``; refused unless both parties consented."""
    authorize(uow.actor, Permission.EXTEND_PERIOD)
    case = load_case(uow, case_id, expected_version)
    step = transition(case.status, Action.EXTEND_PERIOD, reason)
    given = [c for c in (owner, company) if c is not None]
    agreed_on = max((c.given_on for c in given), default=uow.clock.today())
    extension = Extension(days, agreed_on, owner is not None, company is not None)
    if case.mediation_start is None or case.mediation_deadline is None:
        raise WorkflowError(_("The mediation period has not started: assign the case first."))
    for index, consent in enumerate(given):
        check_day(
            uow,
            consent.given_on,
            f"extension.consents[{index}].given_on",
            _("Date of consent"),
            not_before=case.mediation_start,
            not_before_label=_("the start of mediation"),
        )
    earlier = [
        Extension(row.days, row.agreed_on, True, True)
        for row in uow.session.scalars(
            select(ExtensionRow).where(ExtensionRow.case_id == case.id).order_by(ExtensionRow.id)
        )
    ]
    period = MediationPeriod(case.mediation_start, tuple(earlier)).extend(extension)
    before = snapshot(case)
    old_deadline, new_deadline = case.mediation_deadline, period.deadline
    assert owner is not None and company is not None  # Extension() refused a missing consent
    pairs: tuple[tuple[Party, ConsentGiven], ...] = ((Party.OWNER, owner), (Party.COMPANY, company))
    for party, consent in pairs:
        uow.session.add(
            Consent(
                case_id=case.id,
                party=party,
                method=consent.method,
                given_on=consent.given_on,
                purpose=ConsentPurpose.EXTENSION,
                note=consent.note.strip()[:200],
            )
        )
    uow.session.add(
        ExtensionRow(
            case_id=case.id,
            days=extension.days,
            old_deadline=old_deadline,
            new_deadline=new_deadline,
            agreed_on=agreed_on,
            reason=step.reason or "",
        )
    )
    case.mediation_deadline = new_deadline
    add_event(
        uow, case, Action.EXTEND_PERIOD.value, old_deadline.isoformat(), new_deadline.isoformat(), step.reason
    )
    return finish(uow, case, "case.extend_period", before, {"days": extension.days})
