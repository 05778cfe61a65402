"""Pick lists and finders for forms: organisations, companies, communities, owners, units.

Screens fill combo boxes and search completers from these, never from SQL of their own. Each
returns plain frozen rows, ordered the way a person looks for them (by name, organisations by
level). Finders search the fields a clerk knows at the counter: an owner by name, phone or the
last digits of the ID number; a company by name or credit code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case as sql_case
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import Level, OrgKind, Track
from mediation_app.queries.case_list import escape_like
from mediation_app.storage.models import Community, Company, Organization, Owner, Unit

FINDER_LIMIT = 20


@dataclass(frozen=True)
class OrganizationChoice:
    id: int
    name: str
    short_name: str
    level: Level
    kind: OrgKind
    tracks: tuple[Track, ...]

    @property
    def shown_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class CompanyChoice:
    id: int
    name: str
    credit_code: str
    agent_name: str


@dataclass(frozen=True)
class CommunityChoice:
    id: int
    name: str
    company_id: int | None
    organization_id: int | None


@dataclass(frozen=True)
class OwnerMatch:
    id: int
    name: str
    phone: str
    id_number: str  # in full: the screen masks it for roles that may not see it
    address: str


@dataclass(frozen=True)
class UnitMatch:
    id: int
    community_id: int
    building: str
    room: str
    area: Decimal
    handover_date: dt.date | None
    rate: Decimal | None  # the latest fee standard on record
    rate_from: str | None


def organizations(session: Session, *, handling_only: bool = False) -> list[OrganizationChoice]:
    """Every organisation, the district first, then towns, then community workstations.

    ``handling_only`` leaves out bodies that support cases but do not take them in (courts,
    government departments, the industry association), for the intake form's list.
    """
    level_order = sql_case(
        {Level.DISTRICT: 0, Level.TOWN: 1, Level.COMMUNITY: 2},
        value=Organization.level,
        else_=3,
    )
    stmt = select(Organization).order_by(level_order, Organization.id)
    if handling_only:
        stmt = stmt.where(Organization.kind.in_([OrgKind.CENTRE, OrgKind.MEDIATION_COMMITTEE]))
    return [
        OrganizationChoice(
            id=o.id,
            name=o.name,
            short_name=o.short_name,
            level=o.level,
            kind=o.kind,
            tracks=tuple(Track(t) for t in o.tracks.split(",") if t),
        )
        for o in session.scalars(stmt)
    ]


def companies(session: Session) -> list[CompanyChoice]:
    return [
        CompanyChoice(c.id, c.name, c.credit_code, c.agent_name)
        for c in session.scalars(select(Company).order_by(Company.name))
    ]


def communities(session: Session) -> list[CommunityChoice]:
    return [
        CommunityChoice(c.id, c.name, c.company_id, c.organization_id)
        for c in session.scalars(select(Community).order_by(Community.name))
    ]


def find_owners(session: Session, text: str, limit: int = FINDER_LIMIT) -> list[OwnerMatch]:
    """Owners whose name or phone contains ``text``, or whose ID number ends with it."""
    text = text.strip()
    if not text:
        return []
    pattern = f"%{escape_like(text)}%"
    stmt = (
        select(Owner)
        .where(
            or_(
                Owner.name.like(pattern, escape="\\"),
                Owner.phone.like(pattern, escape="\\"),
                Owner.id_number.like(f"%{escape_like(text)}", escape="\\"),
            )
        )
        .order_by(Owner.name, Owner.id)
        .limit(limit)
    )
    return [OwnerMatch(o.id, o.name, o.phone, o.id_number or "", o.address) for o in session.scalars(stmt)]


def find_companies(session: Session, text: str, limit: int = FINDER_LIMIT) -> list[CompanyChoice]:
    """Companies whose name or unified social credit code contains ``text``."""
    text = text.strip()
    if not text:
        return []
    pattern = f"%{escape_like(text)}%"
    stmt = (
        select(Company)
        .where(or_(Company.name.like(pattern, escape="\\"), Company.credit_code.like(pattern, escape="\\")))
        .order_by(Company.name)
        .limit(limit)
    )
    return [CompanyChoice(c.id, c.name, c.credit_code, c.agent_name) for c in session.scalars(stmt)]


def find_unit(session: Session, community_id: int, building: str, room: str) -> UnitMatch | None:
    """The unit already on record at that place (intake then reuses it), or None."""
    unit = session.scalar(
        select(Unit).where(
            Unit.community_id == community_id, Unit.building == building.strip(), Unit.room == room.strip()
        )
    )
    if unit is None:
        return None
    latest = unit.rates[-1] if unit.rates else None
    return UnitMatch(
        id=unit.id,
        community_id=unit.community_id,
        building=unit.building,
        room=unit.room,
        area=unit.area,
        handover_date=unit.handover_date,
        rate=latest.rate if latest else None,
        rate_from=latest.from_month if latest else None,
    )
