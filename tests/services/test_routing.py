"""四调衔接 and 三级联动 through the services: transfers need an organisation that runs the new
track, referrals an organisation at the target level; both keep the path readable (the level
path too when a transfer changes level); assignment stays at the case's level; roles are held to
their permissions. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.errors import PermissionDenied, ValidationError, WorkflowError
from mediation_app.queries.case_header import case_detail, case_history, case_timeline
from mediation_app.services.agreement import confirmation
from mediation_app.services.cases import assignment, routing
from mediation_app.storage.uow import Database
from mediation_app.workflow.consent import require_both_consents
from tests.support import workflow_setup as w
from tests.support.workflow_setup import Centre


def test_referrals_up_and_down_keep_the_level_path(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION)  # at the district's people's mediation committee
    down = c.run(
        routing.refer_level, cid, c.org("拱辰街道分中心"), "就近调解", mediator_id=c.staff("mediator.wu")
    )
    c.run(routing.refer_level, cid, c.org("步云社区工作站"), "下沉到村居")
    c.run(routing.refer_level, cid, c.org("区调处中心"), "案情复杂，直接报区中心", decided_by="林振华")
    assert down.next_deadline is not None
    with c.db.read() as session:
        timeline = case_timeline(session, cid)
        detail = case_detail(session, cid, c.actor("judge.lin"), c.clock.today())
        history = case_history(session, cid)
    assert timeline.levels() == (Level.DISTRICT, Level.TOWN, Level.COMMUNITY, Level.DISTRICT)
    assert detail.organisation.short_name == "区调处中心" and detail.mediator is None
    text = "\n".join(timeline.lines())
    assert "林振华" in text and "案情复杂" in text
    last = [h for h in history if h.kind == "refer_level"][-1]
    assert (last.from_value, last.to_value, last.decided_by) == ("community", "district", "林振华")
    with pytest.raises(WorkflowError):
        c.run(routing.refer_level, cid, c.org("区物业人调委"), "同级")  # already at the district
    with pytest.raises(ValidationError):
        c.run(routing.refer_level, cid, c.org("拱辰街道分中心"), "  ")  # a referral needs a reason


def test_a_transfer_needs_an_organisation_of_the_new_track_and_records_a_level_change(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION)
    c.run(routing.refer_level, cid, c.org("镇海街道分中心"), "就近调解")
    with pytest.raises(ValidationError, match=r"Court|法院"):
        c.run(routing.transfer_track, cid, Track.JUDICIAL, c.org("区调处中心"), "转司法调解")
    with pytest.raises(ValidationError):
        c.run(routing.transfer_track, cid, Track.INDUSTRY, c.org("镇海街道分中心"), "分中心不做行业调解")
    with pytest.raises(WorkflowError):
        c.run(routing.transfer_track, cid, Track.PEOPLE, c.org("区物业人调委"), "同一轨道")
    c.run(
        routing.transfer_track,
        cid,
        Track.ADMINISTRATIVE,
        c.org("镇海街道分中心"),
        "涉及收费标准备案",
        mediator_id=c.staff("mediator.xu"),
    )
    c.run(
        routing.transfer_track,
        cid,
        Track.JUDICIAL,
        c.org("荔城法院"),
        "争议较大",
        decided_by="郑雅琴",
        mediator_id=c.staff("judge.zheng"),
    )
    with c.db.read() as session:
        timeline = case_timeline(session, cid)
    assert timeline.tracks() == (Track.PEOPLE, Track.ADMINISTRATIVE, Track.JUDICIAL)
    # The court sits at the district: the transfer took the case up a level, and the path says so.
    assert timeline.levels() == (Level.DISTRICT, Level.TOWN, Level.DISTRICT)


def test_assignment_stays_at_the_case_level_and_needs_a_mediator(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.AWAITING_CONSENT)
    with pytest.raises(WorkflowError, match="三级联动"):
        c.run(assignment.start_mediation, cid, c.org("拱辰街道分中心"), c.staff("mediator.wu"))
    with pytest.raises(ValidationError) as not_a_mediator:
        c.run(assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("clerk.yang"))
    assert not_a_mediator.value.field == "mediator"
    started = c.run(assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("mediator.chen"))
    assert started.status is CaseStatus.IN_MEDIATION


def test_mediation_starts_only_with_both_consents(db: Database) -> None:
    c = Centre.build(db)
    cid = c.new_case()
    w._accept(c, cid)
    with pytest.raises(WorkflowError) as refused:
        w._start(c, cid)
    with pytest.raises(WorkflowError) as rule:
        require_both_consents(False, False)  # the pure rule's own words, in the language in force
    assert refused.value.message == rule.value.message


def test_roles_are_held_to_their_permissions(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.AWAITING_CONSENT)
    clerk, mediator = c.actor("clerk.yang"), c.actor("mediator.chen")
    with pytest.raises(PermissionDenied):
        c.run(assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("mediator.chen"), actor=clerk)
    with pytest.raises(PermissionDenied):
        c.run(routing.transfer_track, cid, Track.INDUSTRY, c.org("区物业协会"), "x", actor=clerk)
    c.run(assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("mediator.chen"), actor=mediator)
    w._reach(c, cid)
    w._sign(c, cid)
    w._apply(c, cid)
    with pytest.raises(PermissionDenied):
        c.run(confirmation.record_confirmation, cid, "（2026）闽0304民特9号", actor=mediator)
    done = c.run(confirmation.record_confirmation, cid, "（2026）闽0304民特9号", actor=c.actor("judge.lin"))
    assert done.step.status is CaseStatus.CONFIRMED and done.confirmation.ruling_number.endswith("9号")
