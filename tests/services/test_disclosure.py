"""Showing a masked value in full is allowed by role and always leaves an audit event."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import PermissionDenied, ValidationError
from mediation_app.services.cases.disclosure import record_export, reveal_owner_identity
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.models import AuditEvent
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CHE_ID, CLERK, intake_centre, intake_form


def _case(db: Database) -> int:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        return intake_case(uow, intake_form(org_id, community_id)).id


def test_a_clerk_sees_the_full_id_on_demand_and_it_is_audited(db: Database) -> None:
    case_id = _case(db)
    with db.unit_of_work(CLERK) as uow:
        assert reveal_owner_identity(uow, 1, "id_number", case_id=case_id) == CHE_ID
    with db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "owner.reveal")).one()
        assert (event.actor_name, event.entity_id, event.case_id) == ("杨某某", "1", case_id)
        assert '"field": "id_number"' in event.after_json and CHE_ID not in event.after_json


def test_a_supervisor_cannot_reveal_and_nothing_is_recorded(db: Database) -> None:
    _case(db)
    with db.unit_of_work(Actor(None, "翁某某", Role.SUPERVISOR)) as uow, pytest.raises(PermissionDenied):
        reveal_owner_identity(uow, 1, "phone")
    with db.unit_of_work(CLERK) as uow, pytest.raises(ValidationError):
        reveal_owner_identity(uow, 1, "address")  # type: ignore[arg-type]
    with db.read() as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "owner.reveal")).first() is None


def test_exports_are_recorded_and_full_identities_need_the_right(db: Database) -> None:
    with db.unit_of_work(Actor(None, "翁某某", Role.SUPERVISOR)) as uow:
        record_export(uow, "统计报表", 12, full_identity=False)
    with db.unit_of_work(Actor(None, "翁某某", Role.SUPERVISOR)) as uow, pytest.raises(PermissionDenied):
        record_export(uow, "案件清单", 300, full_identity=True)
    with db.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "data.export")).all()
        assert len(events) == 1 and '"rows": 12' in events[0].after_json
