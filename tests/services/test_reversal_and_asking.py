"""Undoing a mistaken step and asking before an irreversible one: a status change reversed by a
judge or supervisor as a new event; the payment that completes an agreement closes the case only
when asked to; 定稿 shows the number it will take without taking it. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import ConflictError, PermissionDenied, ValidationError, WorkflowError
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.services.agreement import performance
from mediation_app.services.cases import reversal
from mediation_app.services.cases import status as case_status
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.models import Case, CaseEvent, CaseNumberCounter, Document
from mediation_app.storage.uow import Database
from mediation_app.workflow.timeline import Timeline
from tests.support.document_setup import centre_case
from tests.support.workflow_setup import TOTAL, Centre


@pytest.fixture
def centre(db: Database) -> Centre:
    return Centre.build(db)


def _case(centre: Centre, case_id: int) -> tuple[CaseStatus, dt.date | None, str, int, int]:
    with centre.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        events = session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
        )
        return case.status, case.closed_on, case.status_reason, case.version, events or 0


# --- reversals ------------------------------------------------------------------------------------


def test_a_judge_reverses_a_full_performance_recorded_in_error_as_a_new_step(centre: Centre) -> None:
    cid = centre.to(CaseStatus.PERFORMING)
    centre.run(performance.record_payment, cid, centre.clock.today(), TOTAL, close_as_performed=True)
    status, closed_on, _reason, version, events = _case(centre, cid)
    assert status is CaseStatus.PERFORMED and closed_on is not None
    with centre.db.read() as session:
        last = reversal.last_status_step(session, cid)
    assert last is not None and last.reversible and last.to_status is CaseStatus.PERFORMED
    result = centre.run(
        reversal.reverse_last_step,
        cid,
        "付款实为部分款项，误录为全额",
        event_id=last.event_id,
        expected_version=version,
        actor=centre.actor("judge.lin"),
    )
    assert result.status is CaseStatus.PERFORMING
    status, closed_on, _reason, _version, after = _case(centre, cid)
    assert (status, closed_on, after) == (CaseStatus.PERFORMING, None, events + 1)
    with centre.db.read() as session:
        rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id == cid).order_by(CaseEvent.id)).all()
        kinds = [(e.kind, e.from_value, e.to_value, e.reason) for e in rows]
        timeline = Timeline.build(
            {"at": e.at, "kind": e.kind, "from": e.from_value, "to": e.to_value} for e in rows
        )
        report = verify_chain(session)
    assert ("complete_performance", "performing", "performed", "") in kinds  # the history stays
    assert kinds[-1] == ("reversal", "performed", "performing", "付款实为部分款项，误录为全额")
    assert timeline.statuses()[-2:] == (CaseStatus.PERFORMED, CaseStatus.PERFORMING)
    assert report.whole


def test_a_supervisor_may_reverse_a_refusal_and_its_closing_date_goes(centre: Centre) -> None:
    cid = centre.new_case()
    centre.run(case_status.refuse, cid, "不属于受理范围", actor=centre.actor("mediator.chen"))
    assert _case(centre, cid)[0] is CaseStatus.NOT_ACCEPTED
    centre.run(reversal.reverse_last_step, cid, "误点不予受理", actor=centre.actor("supervisor.weng"))
    status, closed_on, reason, _v, _e = _case(centre, cid)
    assert (status, closed_on, reason) == (CaseStatus.INTAKE, None, "")


def test_reversing_back_to_not_performed_restores_its_closing_date_and_reason(centre: Centre) -> None:
    cid = centre.to(CaseStatus.NOT_PERFORMED)
    before = _case(centre, cid)
    centre.later(days=5)
    centre.run(case_status.fail_to_litigation, cid, "转诉讼", actor=centre.actor("judge.lin"))
    centre.run(reversal.reverse_last_step, cid, "尚未转诉讼，误录", actor=centre.actor("judge.lin"))
    status, closed_on, reason, _v, _e = _case(centre, cid)
    assert (status, closed_on, reason) == before[:3]


@pytest.mark.parametrize("role", ["mediator.chen", "clerk.yang"])
def test_mediators_and_clerks_may_not_reverse_and_nothing_is_written(centre: Centre, role: str) -> None:
    cid = centre.new_case()
    centre.run(case_status.accept, cid)
    before = _case(centre, cid)
    with pytest.raises(PermissionDenied):
        centre.run(reversal.reverse_last_step, cid, "误受理", actor=centre.actor(role))
    assert _case(centre, cid) == before


def test_a_reversal_needs_a_reason_and_a_step_that_made_records_is_not_reversed(centre: Centre) -> None:
    cid = centre.to(CaseStatus.SIGNED)
    before = _case(centre, cid)
    with pytest.raises(WorkflowError):  # signing made the signed agreement: corrected, never undone
        centre.run(reversal.reverse_last_step, cid, "误签", actor=centre.actor("judge.lin"))
    accepted = centre.new_case()
    centre.run(case_status.accept, accepted)
    with pytest.raises(ValidationError) as no_reason:
        centre.run(reversal.reverse_last_step, accepted, "   ", actor=centre.actor("judge.lin"))
    assert no_reason.value.field == "reason"
    assert _case(centre, cid) == before
    centre.run(reversal.reverse_last_step, accepted, "误受理", actor=centre.actor("judge.lin"))
    with pytest.raises(WorkflowError):  # a reversal is not reversed: the step is taken again
        centre.run(reversal.reverse_last_step, accepted, "再撤销", actor=centre.actor("judge.lin"))


def test_a_reversal_of_a_step_no_longer_the_last_is_refused(centre: Centre) -> None:
    cid = centre.new_case()
    centre.run(case_status.accept, cid)
    with centre.db.read() as session:
        seen = reversal.last_status_step(session, cid)
    assert seen is not None
    centre.run(case_status.withdraw, cid, "申请人撤回", actor=centre.actor("mediator.chen"))
    with pytest.raises(WorkflowError):
        centre.run(
            reversal.reverse_last_step, cid, "误受理", event_id=seen.event_id, actor=centre.actor("judge.lin")
        )
    with pytest.raises(ConflictError):
        centre.run(
            reversal.reverse_last_step, cid, "误撤回", expected_version=1, actor=centre.actor("judge.lin")
        )
    assert _case(centre, cid)[0] is CaseStatus.WITHDRAWN


# --- the payment that completes the agreement asks first ----------------------------------------


def test_the_completing_payment_closes_the_case_only_when_asked(centre: Centre) -> None:
    cid = centre.to(CaseStatus.PERFORMING)
    with centre.db.read() as session:
        assert not performance.would_complete(session, cid, Decimal("100.00"), centre.clock.today())
        assert performance.would_complete(session, cid, TOTAL, centre.clock.today())
    paid = centre.run(performance.record_payment, cid, centre.clock.today(), TOTAL, close_as_performed=False)
    assert paid.completes and not paid.closed and paid.step.status is CaseStatus.PERFORMING
    with centre.db.read() as session:
        assert not performance.would_complete(session, cid, Decimal("0.01"), centre.clock.today())
    closed = centre.run(performance.complete_performance, cid)
    assert closed.status is CaseStatus.PERFORMED

    other = centre.to(CaseStatus.PERFORMING)
    part = centre.run(
        performance.record_payment, other, centre.clock.today(), Decimal("100.00"), close_as_performed=True
    )
    assert not part.completes and not part.closed and part.step.status is CaseStatus.PERFORMING
    rest = TOTAL - Decimal("100.00")
    done = centre.run(performance.record_payment, other, centre.clock.today(), rest, close_as_performed=True)
    assert done.closed and done.step.status is CaseStatus.PERFORMED


def test_the_service_cannot_be_called_without_saying_whether_to_close(centre: Centre) -> None:
    cid = centre.to(CaseStatus.PERFORMING)
    with pytest.raises(TypeError):
        centre.run(performance.record_payment, cid, centre.clock.today(), TOTAL)  # type: ignore[call-arg]


# --- 定稿 shows its number first ----------------------------------------------------------------------


def _render(kind: str, data: Any, *, locale: str | None = None) -> bytes:
    from mediation_app.documents.canonical import canonical_json

    return f"{kind}|".encode() + canonical_json(data)


def _counter(db: Database) -> list[tuple[str, int, int]]:
    with db.read() as session:
        return [(c.prefix, c.year, c.last) for c in session.scalars(select(CaseNumberCounter))]


def test_the_number_is_peeked_without_being_taken_and_then_given(db: Database) -> None:
    c, cid = centre_case(db, until="signed")
    other = c.to(CaseStatus.SIGNED)
    counters = _counter(db)
    with db.read() as session:
        preview = documents.preview_number(session, cid, "agreement", today=db.clock.today())
        again = documents.preview_number(session, cid, "agreement", today=db.clock.today())
    assert preview == again and preview.number == "荔物调协〔2021〕0001号" and preview.new_number
    assert _counter(db) == counters  # cancelling after the preview leaves nothing behind
    with db.unit_of_work(SYSTEM) as uow:
        final = documents.finalise(uow, cid, "agreement", _render, expected_number=preview.number)
    assert final.number == preview.number
    with db.read() as session:
        unchanged = documents.preview_number(session, cid, "agreement", today=db.clock.today())
        shown = documents.preview_number(session, other, "agreement", today=db.clock.today())
    assert unchanged.unchanged and unchanged.number == final.number
    assert shown.number == "荔物调协〔2021〕0002号"


def test_a_number_taken_meanwhile_refuses_the_finalisation_and_writes_nothing(db: Database) -> None:
    c, cid = centre_case(db, until="signed")
    other = c.to(CaseStatus.SIGNED)
    with db.read() as session:
        preview = documents.preview_number(session, cid, "agreement", today=db.clock.today())
    with db.unit_of_work(SYSTEM) as uow:  # another workstation finalises first
        documents.finalise(uow, other, "agreement", _render)
    counters = _counter(db)
    with db.unit_of_work(SYSTEM) as uow, pytest.raises(ConflictError) as taken:
        documents.finalise(uow, cid, "agreement", _render, expected_number=preview.number)
    assert "荔物调协〔2021〕0002号" in taken.value.message
    assert _counter(db) == counters
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Document).where(Document.case_id == cid)) == 0
