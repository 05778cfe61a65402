"""The text a case is found by: one denormalised column, rebuilt whenever what it holds changes.

It holds the case number, the owners' names and phones, the last six characters of their ID
numbers (never the whole number), the community, building and room, and the company. Searching
one column with LIKE is a single scan of the case table, fast enough for 100,000 cases, and finds
two-character Chinese names, which a trigram index cannot.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.storage.models import Case, CaseCoOwner

SEPARATOR = "\n"  # search words never contain a line break, so no match spans two parts


def build(case: Case) -> str:
    owners = [case.owner, *[o for o in case.co_owners if o.id != case.owner_id]]
    parts = [case.number]
    for owner in owners:
        parts += [owner.name, owner.phone, (owner.id_number or "")[-6:]]
    unit = case.unit
    parts += [
        unit.community.name,
        unit.building,
        unit.room,
        f"{unit.building}-{unit.room}",
        case.company.name,
    ]
    return SEPARATOR.join(part for part in parts if part)


def refresh_case(case: Case) -> None:
    case.search_text = build(case)


def refresh_for_owner(session: Session, owner_id: int) -> None:
    """After an owner's name, phone or ID number changed: rebuild every case that names them."""
    co_owned = select(CaseCoOwner.case_id).where(CaseCoOwner.owner_id == owner_id)
    for case in session.scalars(select(Case).where((Case.owner_id == owner_id) | Case.id.in_(co_owned))):
        refresh_case(case)
