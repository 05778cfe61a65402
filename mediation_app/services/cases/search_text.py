"""The text a case is found by: one denormalised column, rebuilt whenever what it holds changes.

It holds the case number, the owners' names and phones, the last six characters of their ID
numbers and a token that only the whole number finds (never the number itself), the community,
building and room, and the company, each folded by :func:`mediation_app.domain.search.normalise`,
the function every query goes through too (see that module for what it forgives). Searching one
column with LIKE is a single scan of the case table, fast enough for 100,000 cases, and finds
two-character Chinese names, which a trigram index cannot.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.search import SEPARATOR, compose
from mediation_app.storage.models import Case, CaseCoOwner

__all__ = ["SEPARATOR", "build", "refresh_case", "refresh_for_owner"]


def build(case: Case) -> str:
    owners = [case.owner, *[o for o in case.co_owners if o.id != case.owner_id]]
    unit = case.unit
    return compose(
        case.number,
        [(owner.name, owner.phone, owner.id_number) for owner in owners],
        unit.community.name,
        unit.building,
        unit.room,
        case.company.name,
    )


def refresh_case(case: Case) -> None:
    case.search_text = build(case)


def refresh_for_owner(session: Session, owner_id: int) -> None:
    """After an owner's name, phone or ID number changed: rebuild every case that names them."""
    co_owned = select(CaseCoOwner.case_id).where(CaseCoOwner.owner_id == owner_id)
    for case in session.scalars(select(Case).where((Case.owner_id == owner_id) | Case.id.in_(co_owned))):
        refresh_case(case)
