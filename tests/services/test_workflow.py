"""Every status move through the services: each allowed step succeeds and lands where the state
machine says; each forbidden one is refused with the state machine's own message (why, and what
is allowed instead) and changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from mediation_app.domain.enums import CaseStatus, Track
from mediation_app.domain.party import Party
from mediation_app.errors import ConflictError, WorkflowError
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.cases import assignment, consents, extension, routing
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.cases.step import StepResult
from mediation_app.storage.models import AuditEvent, Case, CaseEvent
from mediation_app.storage.uow import Database
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import ConsentMethod
from mediation_app.workflow.transitions import RULES, allowed_actions, explain_forbidden
from tests.support import workflow_setup as w
from tests.support.workflow_setup import Centre

A = Action


def _outstanding(c: Centre, cid: int) -> Decimal:
    with c.db.read() as session:
        progress = performance.performance_progress(session, cid, c.clock.today())
    assert progress is not None
    return progress.outstanding


CALLS: dict[Action, Callable[[Centre, int], object]] = {
    A.ACCEPT: w._accept,
    A.REFUSE: lambda c, cid: c.run(case_workflow.refuse, cid, "材料不全"),
    A.RECORD_CONSENT: lambda c, cid: c.run(
        consents.record_consent, cid, Party.OWNER, ConsentMethod.IN_PERSON, c.clock.today()
    ),
    A.START_MEDIATION: w._start,
    A.ASSIGN_MEDIATOR: lambda c, cid: c.run(assignment.assign_mediator, cid, c.staff("mediator.huang")),
    A.EXTEND_PERIOD: lambda c, cid: c.run(
        extension.extend_period,
        cid,
        10,
        "双方同意延长",
        extension.ConsentGiven(ConsentMethod.PHONE, c.clock.today()),
        extension.ConsentGiven(ConsentMethod.SIGNED_FORM, c.clock.today()),
    ),
    A.RECORD_SESSION: w._session,
    A.TRANSFER_TRACK: lambda c, cid: c.run(
        routing.transfer_track, cid, Track.INDUSTRY, c.org("区物业协会"), "涉及服务质量评价"
    ),
    A.REFER_LEVEL: lambda c, cid: c.run(routing.refer_level, cid, c.org("拱辰街道分中心"), "就近调解"),
    A.REACH_AGREEMENT: w._reach,
    A.RESUME_MEDIATION: lambda c, cid: c.run(case_workflow.resume_mediation, cid, "条款需重新协商"),
    A.SIGN: w._sign,
    A.APPLY_CONFIRMATION: w._apply,
    A.WITHDRAW_CONFIRMATION: lambda c, cid: c.run(confirmation.withdraw_confirmation, cid, "双方撤回申请"),
    A.RECORD_CONFIRMATION: w._confirm,
    A.RECORD_REJECTION: w._reject,
    A.START_PERFORMANCE: w._perform,
    A.RECORD_PAYMENT: lambda c, cid: c.run(
        performance.record_payment, cid, c.clock.today(), Decimal("100.00"), close_as_performed=True
    ),
    A.RECORD_FOLLOW_UP: lambda c, cid: c.run(performance.record_follow_up, cid, c.clock.today(), "电话回访"),
    A.COMPLETE_PERFORMANCE: lambda c, cid: c.run(performance.complete_performance, cid),
    A.RECORD_NON_PERFORMANCE: w._default,
    A.FAIL_TO_LITIGATION: lambda c, cid: c.run(case_workflow.fail_to_litigation, cid, "调解不成"),
    A.WITHDRAW: lambda c, cid: c.run(case_workflow.withdraw, cid, "自行和解"),
}

# Allowed "full performance" is what the last payment does: it closes the case as performed.
ALLOWED_CALLS = {
    **CALLS,
    A.COMPLETE_PERFORMANCE: lambda c, cid: c.run(
        performance.record_payment, cid, c.clock.today(), _outstanding(c, cid), close_as_performed=True
    ),
}


def _status(db: Database, cid: int) -> CaseStatus:
    with db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        return case.status


def _counts(db: Database, cid: int) -> tuple[int, int]:
    with db.read() as session:
        events = session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == cid))
        audits = session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.case_id == cid))
    return events or 0, audits or 0


def test_every_action_covers_a_service() -> None:
    assert set(CALLS) == set(Action)


def test_every_allowed_step_lands_where_the_state_machine_says(db: Database) -> None:
    centre = Centre.build(db)
    for status in CaseStatus:
        for action in allowed_actions(status):
            cid = centre.to(status)
            events, audits = _counts(db, cid)
            ALLOWED_CALLS[action](centre, cid)
            expected = (
                CaseStatus.PERFORMED
                if action is A.COMPLETE_PERFORMANCE
                else RULES[action].target_from(status)
            )
            assert _status(db, cid) is expected, (status, action)
            after_events, after_audits = _counts(db, cid)
            # Each step is written into the case's path and audited.
            assert after_events > events and after_audits > audits, (status, action)


def test_every_forbidden_step_is_refused_with_what_is_allowed_instead(db: Database) -> None:
    centre = Centre.build(db)
    for status in CaseStatus:
        cid = centre.to(status)
        before = _counts(db, cid)
        for action in Action:
            if action in allowed_actions(status):
                continue
            with pytest.raises(WorkflowError) as refusal:
                CALLS[action](centre, cid)
            assert refusal.value.message == explain_forbidden(status, action), (status, action)
        assert _status(db, cid) is status
        assert _counts(db, cid) == before  # nothing written, not even an audit event


def test_a_step_result_carries_the_new_version_for_the_next_screen_save(db: Database) -> None:
    centre = Centre.build(db)
    cid = centre.new_case()
    result = centre.run(case_workflow.accept, cid)
    assert isinstance(result, StepResult) and result.status is CaseStatus.AWAITING_CONSENT
    with pytest.raises(ConflictError):
        centre.run(case_workflow.withdraw, cid, "撤回", expected_version=result.version - 1)
    centre.run(case_workflow.withdraw, cid, "撤回", expected_version=result.version)
    assert _status(db, cid) is CaseStatus.WITHDRAWN


def test_the_audit_of_a_payment_names_the_payment_it_recorded(db: Database) -> None:
    centre = Centre.build(db)
    cid = centre.to(CaseStatus.PERFORMING)
    paid = centre.run(
        performance.record_payment, cid, centre.clock.today(), Decimal("100.00"), close_as_performed=True
    )
    with db.read() as session:
        image = session.scalars(
            select(AuditEvent.after_json).where(
                AuditEvent.case_id == cid, AuditEvent.action == "performance.payment"
            )
        ).one()
    assert json.loads(image)["payment"] == {
        "id": paid.payment_id,
        "paid_on": centre.clock.today().isoformat(),
        "amount": "100.00",
    }
