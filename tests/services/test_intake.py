"""Intake records a whole case or nothing, with sequential numbers and an audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from mediation_app.domain.enums import CaseStatus, Level, Sex
from mediation_app.errors import FormErrors, ValidationError
from mediation_app.queries.case_list import CaseFilter, case_ids, case_rows
from mediation_app.services.cases.intake import (
    CompanyForm,
    intake_case,
    open_case_for,
)
from mediation_app.storage.models import AuditEvent, Case, Community, Owner
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_intake_records_the_case_with_a_sequential_number_and_audit(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        first = intake_case(uow, intake_form(org_id, community_id))
    form = intake_form(
        org_id, community_id, name="陈某某", id_number="35030119980113592X", phone="18680484907"
    )
    form.company = CompanyForm(existing_id=1)
    form.unit.room = "1503"
    with db.unit_of_work(CLERK) as uow:
        second = intake_case(uow, form)
    assert (first.number, second.number) == ("荔物调〔2026〕0001号", "荔物调〔2026〕0002号")
    with db.read() as session:
        case = session.get(Case, first.id)
        assert case is not None
        assert case.status is CaseStatus.INTAKE
        assert case.claimed_total == Decimal("16625.92")
        assert case.owner.sex is Sex.MALE and str(case.owner.birth_date) == "1985-06-18"
        actions = list(
            session.scalars(
                select(AuditEvent.action).where(AuditEvent.action != "record.seal").order_by(AuditEvent.id)
            )
        )
    assert actions[:4] == ["owner.create", "company.create", "unit.create", "case.intake"]


def test_bad_fields_are_all_reported_and_nothing_is_written(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    events = _count(db, AuditEvent)  # the set-up's own writes are sealed in the trail
    form = intake_form(org_id, community_id, id_number="350302198506180317", phone="12345", area="-5")
    with db.unit_of_work(CLERK) as uow, pytest.raises(FormErrors) as caught:
        intake_case(uow, form)
    fields = {error.field for error in caught.value.errors}
    assert fields == {"owner.id_number", "owner.phone", "unit.area"}
    assert all(error.label for error in caught.value.errors)
    assert _count(db, Case) == 0 and _count(db, Owner) == 0 and _count(db, AuditEvent) == events


def test_a_failure_halfway_leaves_nothing_half_written(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, intake_form(org_id, community_id))
    # Same ID number as a new owner: the owner check fails after the company was created.
    form = intake_form(org_id, community_id)
    form.company = CompanyForm(name="另一家物业公司", credit_code="91350304MAB8RLXC8D")
    with db.unit_of_work(CLERK) as uow, pytest.raises(ValidationError, match="pick that owner"):
        intake_case(uow, form)
    assert _count(db, Case) == 1 and _count(db, Owner) == 1


def test_open_case_of_the_same_unit_and_company_is_found(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        ref = intake_case(uow, intake_form(org_id, community_id))
    with db.unit_of_work(CLERK) as uow:
        case = uow.session.get(Case, ref.id)
        assert case is not None
        assert open_case_for(uow, case.unit_id, case.company_id) == ref.number


def test_case_list_finds_by_two_character_name_phone_room_and_id_tail(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        ref = intake_case(uow, intake_form(org_id, community_id))
    with db.read() as session:
        for text in ("车某", "13859012345", "1502", "180316", "0001", "荔景"):
            assert case_ids(session, CaseFilter(text=text)) == [ref.id], text
        assert case_ids(session, CaseFilter(text="林某")) == []
        assert case_ids(session, CaseFilter(text="%")) == []
        rows = case_rows(session, [ref.id])
    assert rows[0].owner == "车某" and rows[0].room == "1502" and rows[0].level == Level.DISTRICT


def test_control_characters_are_refused_by_the_form_and_by_storage(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    form = intake_form(org_id, community_id, name="车\x00某")
    with db.unit_of_work(CLERK) as uow, pytest.raises(FormErrors) as caught:
        intake_case(uow, form)
    assert [error.field for error in caught.value.errors] == ["owner.name"]
    # A path that skips the form still cannot store one (PostgreSQL would refuse a NUL anyway).
    with db.unit_of_work(CLERK) as uow, pytest.raises(ValidationError) as stored:
        uow.session.add(Community(name="荔景\x07花园"))
        uow.flush()
    assert stored.value.field == "community.name"
    assert _count(db, Owner) == 0
