"""The case list: which cases match the filters (as ids, in order) and their display rows.

The screen first asks for the first screenful (``limit``: the first rows in the list's order, a
query that stops early), then, off the GUI thread, for the whole ordered id list (cheap even for
100,000 cases), and asks for the rows of the part it shows, so scrolling stays smooth and the
count is exact.

The search words are folded by :func:`mediation_app.domain.search.query_words`, through the same
function that folded the stored ``search_text``: the database only runs a plain LIKE, so SQLite
and PostgreSQL find the same cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, UnaryExpression, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.domain.search import query_words
from mediation_app.storage.models import Case, Community, Company, Organization, Owner, Unit


class SortKey(StrEnum):
    NUMBER = "number"
    OWNER = "owner"
    UNIT = "unit"
    COMPANY = "company"
    CLAIMED = "claimed"
    STATUS = "status"
    INTAKE = "intake"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    statuses: frozenset[CaseStatus] = frozenset()
    tracks: frozenset[Track] = frozenset()
    levels: frozenset[Level] = frozenset()
    organization_id: int | None = None
    company_id: int | None = None
    community_id: int | None = None
    intake_from: dt.date | None = None
    intake_to: dt.date | None = None
    # The closing date (结案日期): the cases the monthly statistics count as closed in a month.
    closed_from: dt.date | None = None
    closed_to: dt.date | None = None


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    owner: str
    community: str
    building: str
    room: str
    company: str
    claimed_total: Decimal
    status: CaseStatus
    track: Track
    organization: str
    level: Level
    intake_date: dt.date
    next_deadline: dt.date | None


@dataclass(frozen=True)
class Sort:
    key: SortKey = SortKey.INTAKE
    descending: bool = True


@dataclass
class _Query:
    stmt: Select[tuple[int]]
    joined: set[str] = field(default_factory=set)


def escape_like(text: str) -> str:
    """Make ``text`` match literally inside LIKE (with ``escape='\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_conditions(text: str) -> list[ColumnElement[bool]]:
    """One LIKE per folded word of ``text`` (a case must hold them all)."""
    return [Case.search_text.like(f"%{escape_like(word)}%", escape="\\") for word in query_words(text)]


def case_ids(
    session: Session, filters: CaseFilter = CaseFilter(), sort: Sort = Sort(), *, limit: int | None = None
) -> list[int]:
    """Ids of the cases that match ``filters``, in display order; the first ``limit`` of them only,
    when given (the first screenful, read before the rest)."""
    stmt: Select[tuple[int]] = select(Case.id)
    needs_org = bool(filters.levels)
    words = search_conditions(filters.text)
    for condition in words:
        stmt = stmt.where(condition)
    if filters.statuses:
        stmt = stmt.where(Case.status.in_(filters.statuses))
    if filters.tracks:
        stmt = stmt.where(Case.track.in_(filters.tracks))
    if filters.organization_id is not None:
        stmt = stmt.where(Case.organization_id == filters.organization_id)
    if filters.company_id is not None:
        stmt = stmt.where(Case.company_id == filters.company_id)
    if filters.community_id is not None:
        stmt = stmt.join(Unit, Unit.id == Case.unit_id).where(Unit.community_id == filters.community_id)
    if filters.intake_from is not None:
        stmt = stmt.where(Case.intake_date >= filters.intake_from)
    if filters.intake_to is not None:
        stmt = stmt.where(Case.intake_date <= filters.intake_to)
    if filters.closed_from is not None:
        stmt = stmt.where(Case.closed_on >= filters.closed_from)
    if filters.closed_to is not None:
        stmt = stmt.where(Case.closed_on <= filters.closed_to)
    if needs_org:
        stmt = stmt.join(Organization, Organization.id == Case.organization_id).where(
            Organization.level.in_(filters.levels)
        )
    stmt = _order(
        stmt,
        sort,
        community_joined=filters.community_id is not None,
        narrowed=bool(words) and limit is None,
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def _order(
    stmt: Select[tuple[int]], sort: Sort, *, community_joined: bool, narrowed: bool
) -> Select[tuple[int]]:
    def direction(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> UnaryExpression[Any]:
        return column.desc() if sort.descending else column.asc()

    key = sort.key
    if key == SortKey.NUMBER:
        order = [direction(Case.year), direction(Case.seq)]
    elif key == SortKey.OWNER:
        stmt = stmt.join(Owner, Owner.id == Case.owner_id)
        order = [direction(Owner.name)]
    elif key == SortKey.UNIT:
        if not community_joined:
            stmt = stmt.join(Unit, Unit.id == Case.unit_id)
        stmt = stmt.join(Community, Community.id == Unit.community_id)
        order = [direction(Community.name), direction(Unit.building), direction(Unit.room)]
    elif key == SortKey.COMPANY:
        stmt = stmt.join(Company, Company.id == Case.company_id)
        order = [direction(Company.name)]
    elif key == SortKey.CLAIMED:
        order = [direction(Case.claimed_total)]
    elif key == SortKey.STATUS:
        order = [direction(Case.status)]
    elif key == SortKey.DEADLINE:
        order = [direction(Case.next_deadline)]
    elif narrowed:
        # A search keeps a few thousand rows of 100,000: scanning them and sorting is faster than
        # walking the intake-date index and testing every case in its order, so order by an
        # expression the planner cannot take from the index (date() gives the same order).
        order = [direction(func.date(Case.intake_date))]
    else:
        order = [direction(Case.intake_date)]
    return stmt.order_by(*order, direction(Case.id))


def case_rows(session: Session, ids: Sequence[int]) -> list[CaseRow]:
    """Display rows for ``ids``, in the same order."""
    if not ids:
        return []
    stmt = (
        select(
            Case.id,
            Case.number,
            Owner.name,
            Community.name,
            Unit.building,
            Unit.room,
            Company.name,
            Case.claimed_total,
            Case.status,
            Case.track,
            Organization.short_name,
            Organization.name,
            Organization.level,
            Case.intake_date,
            Case.next_deadline,
        )
        .join(Owner, Owner.id == Case.owner_id)
        .join(Unit, Unit.id == Case.unit_id)
        .join(Community, Community.id == Unit.community_id)
        .join(Company, Company.id == Case.company_id)
        .join(Organization, Organization.id == Case.organization_id)
        .where(Case.id.in_(list(ids)))
    )
    by_id = {}
    for r in session.execute(stmt):
        by_id[r[0]] = CaseRow(
            id=r[0],
            number=r[1],
            owner=r[2],
            community=r[3],
            building=r[4],
            room=r[5],
            company=r[6],
            claimed_total=r[7],
            status=r[8],
            track=r[9],
            organization=r[10] or r[11],
            level=r[12],
            intake_date=r[13],
            next_deadline=r[14],
        )
    return [by_id[i] for i in ids if i in by_id]
