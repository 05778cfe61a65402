"""The permission table is enforced inside the services, for every role, not only by screens."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import PermissionDenied
from mediation_app.services.intake import intake_case
from mediation_app.storage.models import AuditEvent, Case, Staff
from mediation_app.storage.uow import Database
from tests.storage.test_intake import _centre, _form


def _account(db: Database, role: Role) -> Actor:
    """A real account of ``role`` (an administrator without one would be the unrestricted system)."""
    with db.unit_of_work(Actor(None, "system", Role.ADMIN)) as uow:
        staff = Staff(username=role.value, name="某某", role=role.value, created_at=uow.clock.now())
        uow.session.add(staff)
        uow.flush()
        uow.commit()
        return Actor(staff.id, staff.name, role)


@pytest.mark.parametrize("role", list(Role))
def test_intake_through_the_service_for_every_role(db: Database, role: Role) -> None:
    org_id, community_id = _centre(db)
    actor = _account(db, role)
    with db.unit_of_work(actor) as uow:
        if role == Role.SUPERVISOR:
            with pytest.raises(PermissionDenied):
                intake_case(uow, _form(org_id, community_id))
        else:
            intake_case(uow, _form(org_id, community_id))
    with db.read() as session:
        cases = session.scalar(select(func.count()).select_from(Case))
        audits = session.scalar(select(func.count()).select_from(AuditEvent))
    # A refusal leaves nothing behind: no case, no owner, no audit event.
    assert (cases, bool(audits)) == ((0, False) if role == Role.SUPERVISOR else (1, True))
