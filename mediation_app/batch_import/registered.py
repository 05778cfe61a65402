"""What the database already knows about the rows of an import, fetched in a few queries.

The preview asks once for everything it compares the file with (communities, owners by ID
number, open cases of the importing company by flat and by owner) instead of once per row, so
10,000 rows cost a handful of queries. The commit asks again inside its transaction, so a case
someone filed between preview and confirmation is caught, not duplicated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus, Level, OrgKind
from mediation_app.storage.models import Case, Community, Company, Organization, Owner, Unit

# A case in one of these states no longer blocks a new case for the same flat.
CLOSED_STATUSES = frozenset(
    {
        CaseStatus.PERFORMED,
        CaseStatus.FAILED_TO_LITIGATION,
        CaseStatus.WITHDRAWN,
        CaseStatus.NOT_ACCEPTED,
    }
)
_CHUNK = 500  # bound parameters per IN (…): well inside SQLite's and PostgreSQL's limits

T = TypeVar("T")


@dataclass(frozen=True)
class KnownCommunity:
    id: int
    name: str
    company_id: int | None
    organization_id: int | None


@dataclass(frozen=True)
class KnownOwner:
    id: int
    name: str


@dataclass
class Registered:
    communities: dict[str, KnownCommunity] = field(default_factory=dict)
    company_names: dict[int, str] = field(default_factory=dict)
    owners: dict[str, KnownOwner] = field(default_factory=dict)  # by ID number
    open_by_unit: dict[tuple[int, str, str], str] = field(default_factory=dict)  # -> case number
    open_by_owner: dict[str, str] = field(default_factory=dict)  # ID number -> case number
    default_organization_id: int | None = None


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def district_centre_id(session: Session) -> int | None:
    """The district centre: the organisation that takes a case nobody else is named for."""
    return session.scalar(
        select(Organization.id)
        .where(
            Organization.kind == OrgKind.CENTRE,
            Organization.level == Level.DISTRICT,
            Organization.parent_id.is_(None),
        )
        .order_by(Organization.id)
        .limit(1)
    )


def lookup(
    session: Session,
    company_id: int,
    community_names: Iterable[str],
    id_numbers: Iterable[str],
) -> Registered:
    """Everything about ``community_names`` and ``id_numbers`` the import compares with."""
    found = Registered(default_organization_id=district_centre_id(session))
    names = sorted(set(community_names))
    for chunk in _chunks(names):
        for community in session.scalars(select(Community).where(Community.name.in_(chunk))):
            found.communities[community.name] = KnownCommunity(
                community.id, community.name, community.company_id, community.organization_id
            )
    other_companies = {c.company_id for c in found.communities.values() if c.company_id is not None}
    if other_companies:
        for other_id, name in session.execute(
            select(Company.id, Company.name).where(Company.id.in_(sorted(other_companies)))
        ):
            found.company_names[other_id] = name
    community_ids = sorted(c.id for c in found.communities.values())
    for id_chunk in _chunks(community_ids):
        stmt = (
            select(Unit.community_id, Unit.building, Unit.room, Case.number)
            .join(Case, Case.unit_id == Unit.id)
            .where(
                Unit.community_id.in_(id_chunk),
                Case.company_id == company_id,
                Case.status.not_in(CLOSED_STATUSES),
            )
        )
        for community_id, building, room, number in session.execute(stmt):
            found.open_by_unit.setdefault((community_id, building, room), number)
    ids = sorted(set(id_numbers))
    for chunk in _chunks(ids):
        for owner_id, name, registered_id in session.execute(
            select(Owner.id, Owner.name, Owner.id_number).where(Owner.id_number.in_(chunk))
        ):
            if registered_id is not None:
                found.owners[registered_id] = KnownOwner(owner_id, name)
        stmt2 = (
            select(Owner.id_number, Case.number)
            .join(Case, Case.owner_id == Owner.id)
            .where(
                Owner.id_number.in_(chunk), Case.company_id == company_id, Case.status.not_in(CLOSED_STATUSES)
            )
        )
        for owner_id_number, case_number in session.execute(stmt2):
            if owner_id_number is not None:
                found.open_by_owner.setdefault(owner_id_number, case_number)
    return found
