"""Who is acting: the signed-in member of staff (or the system, for demo data and imports)."""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    """Who acts. An actor with a ``staff_id`` is an account: every unit of work re-reads it (still
    active? still this role?) and refuses it when it has changed. An actor without one is either
    the software itself (:data:`SYSTEM`, the demo builder, a sign-in attempt) or, with
    ``without_sign_in``, a person working without an account (the local user of a single seat,
    the command line): their units of work are refused once sign-in is required."""

    staff_id: int | None
    name: str
    role: Role
    organization_id: int | None = None
    without_sign_in: bool = False


SYSTEM = Actor(staff_id=None, name="system", role=Role.ADMIN)
