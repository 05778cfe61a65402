"""Who can be given a case: the pick list of mediators (and judges, who also mediate).

The assignment services check the choice again (:func:`~.assignees.load_mediator`); this list
only spares the screen an impossible pick: active staff in a mediating role, those of the
organisation handling the case first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import Role
from mediation_app.services.cases.assignees import MEDIATING_ROLES
from mediation_app.storage.models import Staff


@dataclass(frozen=True)
class MediatorChoice:
    id: int
    name: str
    role: Role
    organization_id: int | None


def mediators(session: Session, *, organization_id: int | None = None) -> list[MediatorChoice]:
    """Active mediators and judges; those of ``organization_id`` (or of no organisation) first."""
    rows = session.scalars(
        select(Staff)
        .where(Staff.active.is_(True), Staff.role.in_(MEDIATING_ROLES))
        .order_by(Staff.role.desc(), Staff.id)
    )
    choices = [MediatorChoice(s.id, s.name, s.role, s.organization_id) for s in rows]
    if organization_id is None:
        return choices
    return sorted(choices, key=lambda c: c.organization_id not in (organization_id, None))
