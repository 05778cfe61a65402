"""Who is acting: the signed-in member of staff (or the system, for demo data and imports)."""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    name: str
    role: Role
    organization_id: int | None = None


SYSTEM = Actor(staff_id=None, name="system", role=Role.ADMIN)
