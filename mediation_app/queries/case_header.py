"""The case screen's header in one read: where the case stands, what is next, and its path.

:func:`case_detail` gathers the number, status, track, organisation and level, mediator,
parties, unit, claim, the mediation period with its extensions, the next deadline (what it is
for, days left, urgency), the consents, the steps allowed now, the agreement, the judicial
confirmation, the performance of the plan, the SMS waiting in the outbox, and the history. The
history rows are the case's stored path (:class:`~mediation_app.storage.models.CaseEvent`);
:func:`case_timeline` tells them in words (:mod:`mediation_app.workflow.timeline`).

Identity numbers and phones are shown as the viewer's role allows
(:mod:`mediation_app.security.privacy`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseSource, CaseStatus, Level, OrgKind, SmsStatus, Track
from mediation_app.errors import NotFoundError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.security.privacy import shown_id_number, shown_phone
from mediation_app.services.agreement.confirmation import ConfirmationView, confirmation_of
from mediation_app.services.agreement.performance import PerformanceProgress, performance_progress
from mediation_app.services.agreement.terms import AgreementView, agreement_of
from mediation_app.services.cases.consents import ConsentState, consent_state
from mediation_app.services.cases.next_deadline import DeadlineKind, deadline_kind
from mediation_app.storage.models import Case, Extension, SmsMessage
from mediation_app.storage.models import CaseEvent as EventRow
from mediation_app.storage.uow import current_actor
from mediation_app.workflow.actions import Action
from mediation_app.workflow.deadlines import Urgency, days_left, urgency
from mediation_app.workflow.timeline import CaseEvent, Timeline, describe
from mediation_app.workflow.transitions import allowed_actions

WAITING_SMS = (SmsStatus.QUEUED, SmsStatus.RETRY, SmsStatus.FAILED)
"""Messages of the case not yet handed to the platform (``sms_waiting`` in the header)."""


@dataclass(frozen=True)
class OrganisationRef:
    id: int
    name: str
    short_name: str
    level: Level
    kind: OrgKind


@dataclass(frozen=True)
class HistoryEntry:
    """One step of the path: ``{at, kind, from, to, by, reason}`` as ``case show --json`` prints."""

    at: dt.datetime
    kind: str
    from_value: str
    to_value: str
    by: str
    reason: str
    decided_by: str
    description: str


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    status: CaseStatus
    status_reason: str
    track: Track
    source: CaseSource
    intake_date: dt.date
    closed_on: dt.date | None
    organisation: OrganisationRef
    mediator: str | None
    owner_name: str
    owner_phone: str
    owner_id_number: str
    company_name: str
    community: str
    building: str
    room: str
    area: Decimal
    claimed_total: Decimal
    claim_summary: str
    assigning_court: str
    mediation_start: dt.date | None
    mediation_deadline: dt.date | None
    extensions: int
    extended_days: int
    next_deadline: dt.date | None
    deadline_kind: DeadlineKind | None
    days_left: int | None
    urgency: Urgency | None
    consent: ConsentState
    allowed_actions: tuple[Action, ...]
    agreement: AgreementView | None
    confirmation: ConfirmationView | None
    performance: PerformanceProgress | None
    sms_waiting: int
    history: tuple[HistoryEntry, ...]


def find_case_id(session: Session, number: str) -> int:
    """The id of the case numbered ``number`` (exactly as printed, e.g. 荔物调〔2021〕0001号)."""
    text = number.strip()
    case_id = session.scalar(select(Case.id).where(Case.number == text))
    if case_id is None:
        raise NotFoundError(_("No case is numbered {number}.").format(number=text))
    return case_id


def case_detail(session: Session, case_id: int, viewer: Actor, today: dt.date) -> CaseDetail:
    """Everything the case screen's header shows, as plain values."""
    viewer = current_actor(session, viewer)  # a deactivated or changed account is refused
    authorize(viewer, Permission.VIEW_CASES)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    org = case.organization
    unit = case.unit
    agreement = agreement_of(session, case.id)
    extensions = session.execute(
        select(func.count(), func.coalesce(func.sum(Extension.days), 0)).where(Extension.case_id == case.id)
    ).one()
    waiting = session.scalar(
        select(func.count())
        .select_from(SmsMessage)
        .where(SmsMessage.case_id == case.id, SmsMessage.status.in_(WAITING_SMS))
    )
    deadline = case.next_deadline
    return CaseDetail(
        id=case.id,
        number=case.number,
        version=case.version,
        status=case.status,
        status_reason=case.status_reason,
        track=case.track,
        source=case.source,
        intake_date=case.intake_date,
        closed_on=case.closed_on,
        organisation=OrganisationRef(org.id, org.name, org.short_name, org.level, org.kind),
        mediator=case.mediator.name if case.mediator is not None else None,
        owner_name=case.owner.name,
        owner_phone=shown_phone(viewer, case.owner.phone),
        owner_id_number=shown_id_number(viewer, case.owner.id_number),
        company_name=case.company.name,
        community=unit.community.name,
        building=unit.building,
        room=unit.room,
        area=unit.area,
        claimed_total=case.claimed_total,
        claim_summary=case.claim_summary,
        assigning_court=case.assigning_court,
        mediation_start=case.mediation_start,
        mediation_deadline=case.mediation_deadline,
        extensions=int(extensions[0]),
        extended_days=int(extensions[1] or 0),
        next_deadline=deadline,
        deadline_kind=deadline_kind(
            case.status,
            deadline,
            agreement.signed_on if agreement else None,
            lump_sum=agreement is not None and agreement.is_lump_sum,
        ),
        days_left=days_left(deadline, today) if deadline else None,
        urgency=urgency(deadline, today) if deadline else None,
        consent=consent_state(session, case.id),
        allowed_actions=allowed_actions(case.status),
        agreement=agreement,
        confirmation=confirmation_of(session, case.id),
        performance=performance_progress(session, case.id, today) if agreement else None,
        sms_waiting=int(waiting or 0),
        history=tuple(case_history(session, case.id)),
    )


def case_history(session: Session, case_id: int) -> list[HistoryEntry]:
    """The case's path in the order it was recorded."""
    rows = session.scalars(
        select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.at, EventRow.id)
    )
    return [
        HistoryEntry(
            r.at,
            r.kind,
            r.from_value,
            r.to_value,
            r.by_name,
            r.reason,
            r.decided_by,
            describe(_event(r)),
        )
        for r in rows
    ]


def case_timeline(session: Session, case_id: int) -> Timeline:
    """The path as a :class:`~mediation_app.workflow.timeline.Timeline` (lines, status/track/level paths)."""
    rows = session.scalars(select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.id))
    return Timeline.build(_event(r) for r in rows)


def _event(row: EventRow) -> CaseEvent:
    return CaseEvent(
        row.at,
        row.kind,
        row.from_value or None,
        row.to_value or None,
        row.decided_by or row.by_name or None,
        row.reason or None,
    )
