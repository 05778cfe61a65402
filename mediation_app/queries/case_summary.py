"""A case at a glance: the facts a read-only summary shows, read in one trip.

Number, status, track, handling organisation and level, the parties, the unit, the claim items
and the path the case has taken (its events told in words by :mod:`mediation_app.workflow.
timeline`). Identity numbers and phones come back in full; the screen masks them for roles that
may not see them (:mod:`mediation_app.security.privacy`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseSource, CaseStatus, ChargeKind, Level, OwnerPosition, Track
from mediation_app.errors import NotFoundError
from mediation_app.i18n import _
from mediation_app.storage.models import Case
from mediation_app.workflow.timeline import CaseEvent, Timeline


@dataclass(frozen=True)
class ClaimSummary:
    kind: ChargeKind
    description: str
    period_from: dt.date | None
    period_to: dt.date | None
    amount: Decimal
    owner_position: OwnerPosition


@dataclass(frozen=True)
class CaseSummary:
    id: int
    number: str
    status: CaseStatus
    track: Track
    source: CaseSource
    organization: str
    level: Level
    intake_date: dt.date
    next_deadline: dt.date | None
    assigning_court: str
    owner_name: str
    owner_id_number: str
    owner_phone: str
    owner_address: str
    company_name: str
    company_credit_code: str
    company_agent: str
    company_agent_phone: str
    community: str
    building: str
    room: str
    area: Decimal
    handover_date: dt.date | None
    claims: tuple[ClaimSummary, ...]
    claimed_total: Decimal
    claim_summary: str
    path: tuple[str, ...]  # one readable line per event, oldest first
    statuses: tuple[CaseStatus, ...]  # the statuses it went through, in order


def case_summary(session: Session, case_id: int) -> CaseSummary:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("The case no longer exists."))
    timeline = Timeline.build(
        CaseEvent(e.at, e.kind, e.from_value, e.to_value, e.by_name, e.reason) for e in case.events
    )
    unit, owner, company, org = case.unit, case.owner, case.company, case.organization
    return CaseSummary(
        id=case.id,
        number=case.number,
        status=case.status,
        track=case.track,
        source=case.source,
        organization=org.name,
        level=org.level,
        intake_date=case.intake_date,
        next_deadline=case.next_deadline,
        assigning_court=case.assigning_court,
        owner_name=owner.name,
        owner_id_number=owner.id_number or "",
        owner_phone=owner.phone,
        owner_address=owner.address,
        company_name=company.name,
        company_credit_code=company.credit_code,
        company_agent=company.agent_name,
        company_agent_phone=company.agent_phone,
        community=unit.community.name,
        building=unit.building,
        room=unit.room,
        area=unit.area,
        handover_date=unit.handover_date,
        claims=tuple(
            ClaimSummary(
                item.kind,
                item.description,
                item.period_from,
                item.period_to,
                item.amount,
                item.owner_position,
            )
            for item in case.claim_items
        ),
        claimed_total=case.claimed_total,
        claim_summary=case.claim_summary,
        path=tuple(timeline.lines()),
        statuses=timeline.statuses(),
    )
