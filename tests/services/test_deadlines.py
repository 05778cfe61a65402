"""Deadlines kept by the services across the Spring Festival and National Day 2026: the case's
next deadline, what it is for, and the due-soon / overdue query. On SQLite and PostgreSQL.

2026 holidays (State Council): Spring Festival 15–23 February; National Day 1–7 October.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import WorkflowError
from mediation_app.queries.case_header import case_detail
from mediation_app.queries.due import due_cases
from mediation_app.services.agreement import confirmation
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import extension, status
from mediation_app.services.cases.next_deadline import DeadlineKind
from mediation_app.storage.uow import Database
from mediation_app.workflow.confirmation import check_application
from mediation_app.workflow.consent import ConsentMethod, ConsentPurpose, require_both_consents
from mediation_app.workflow.deadlines import Urgency
from mediation_app.workflow.working_days import is_working_day
from tests.support.workflow_setup import Centre


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), CHINA)


def _sign_on(c: Centre, day: dt.date) -> int:
    """A case signed on ``day`` with one payment due long after the confirmation window."""
    c.clock.current = _at(day)
    cid = c.to(CaseStatus.IN_MEDIATION)
    terms = agreement.AgreementTerms(
        reached_on=day, pay_method="现金", total=Decimal("5000.00"), due_on=day + dt.timedelta(days=90)
    )
    c.run(agreement.reach_agreement, cid, terms)
    c.run(agreement.sign, cid)
    return cid


@pytest.mark.parametrize(
    ("signed", "last_day"),
    [
        # the 30th day, 19 February, falls in the Spring Festival: the window ends on the next working day
        (dt.date(2026, 1, 20), dt.date(2026, 2, 24)),
        # the 30th day, 3 October, falls in National Day: 8 October
        (dt.date(2026, 9, 3), dt.date(2026, 10, 8)),
    ],
)
def test_confirmation_window_over_a_holiday_moves_to_the_next_working_day(
    db: Database, signed: dt.date, last_day: dt.date
) -> None:
    c = Centre.build(db, start=_at(signed))
    cid = _sign_on(c, signed)
    assert is_working_day(last_day) and not is_working_day(signed + dt.timedelta(days=30))
    with c.db.read() as session:
        detail = case_detail(session, cid, c.actor("judge.lin"), signed)
        assert (detail.next_deadline, detail.deadline_kind) == (last_day, DeadlineKind.CONFIRMATION_WINDOW)
        # Five days before the last day it is due soon; the day after, overdue.
        soon = due_cases(session, last_day - dt.timedelta(days=5))
        late = due_cases(session, last_day + dt.timedelta(days=1))
        quiet = due_cases(session, last_day - dt.timedelta(days=6))
    assert [r.id for r in soon.due_soon if r.id == cid] == [cid]
    assert [r.urgency for r in late.overdue if r.id == cid] == [Urgency.OVERDUE]
    assert cid not in {r.id for r in quiet.due_soon + quiet.overdue}
    # Applying on the last day is in time; the day after would be too late.
    c.clock.current = _at(last_day)
    c.run(confirmation.apply_confirmation, cid, applied_on=last_day)


def test_applying_after_the_window_is_refused(db: Database) -> None:
    signed = dt.date(2026, 1, 20)
    c = Centre.build(db, start=_at(signed))
    cid = _sign_on(c, signed)
    c.clock.current = _at(dt.date(2026, 2, 25))
    with pytest.raises(WorkflowError) as refused:
        c.run(confirmation.apply_confirmation, cid)
    with pytest.raises(WorkflowError) as rule:
        check_application(signed, dt.date(2026, 2, 25))
    assert refused.value.message == rule.value.message


def test_mediation_period_runs_through_the_spring_festival_and_extends_with_both_consents(
    db: Database,
) -> None:
    start = dt.date(2026, 2, 1)
    c = Centre.build(db, start=_at(start))
    cid = c.to(CaseStatus.IN_MEDIATION)
    with c.db.read() as session:
        detail = case_detail(session, cid, c.actor("judge.lin"), start)
    # 30 calendar days, holidays included, and not moved off a holiday (the centre's own deadline).
    assert detail.mediation_deadline == detail.next_deadline == dt.date(2026, 3, 3)
    assert detail.deadline_kind is DeadlineKind.MEDIATION_PERIOD
    c.clock.current = _at(dt.date(2026, 2, 26))
    with c.db.read() as session:
        assert cid in {r.id for r in due_cases(session, c.clock.today()).due_soon}
    with pytest.raises(WorkflowError) as refused:
        c.run(
            extension.extend_period,
            cid,
            15,
            "核对缴费凭证",
            extension.ConsentGiven(ConsentMethod.PHONE, c.clock.today()),
            None,
        )
    with pytest.raises(WorkflowError) as rule:
        require_both_consents(True, False, ConsentPurpose.EXTENSION)
    assert refused.value.message == rule.value.message
    extended = c.run(
        extension.extend_period,
        cid,
        15,
        "核对缴费凭证",
        extension.ConsentGiven(ConsentMethod.PHONE, c.clock.today()),
        extension.ConsentGiven(ConsentMethod.SIGNED_FORM, c.clock.today()),
    )
    assert extended.next_deadline == dt.date(2026, 3, 18)
    with c.db.read() as session:
        assert cid not in {r.id for r in due_cases(session, c.clock.today()).due_soon}
        assert case_detail(session, cid, c.actor("judge.lin"), c.clock.today()).extended_days == 15


def test_next_deadline_follows_the_case_and_closed_cases_have_none(db: Database) -> None:
    c = Centre.build(db, start=_at(dt.date(2026, 3, 2)))
    cid = c.to(CaseStatus.SIGNED)
    c.run(status.record_non_performance, cid, "业主未付款")
    with c.db.read() as session:
        detail = case_detail(session, cid, c.actor("judge.lin"), c.clock.today())
    assert detail.status is CaseStatus.NOT_PERFORMED
    # the first of the two instalments (40 days after the agreement) is the next deadline
    assert (detail.next_deadline, detail.deadline_kind) == (dt.date(2026, 4, 11), DeadlineKind.INSTALMENT)
    c.run(status.fail_to_litigation, cid, "转诉讼")
    with c.db.read() as session:
        detail = case_detail(session, cid, c.actor("judge.lin"), c.clock.today())
        due = due_cases(session, dt.date(2030, 1, 1))
    assert detail.next_deadline is None and detail.closed_on == dt.date(2026, 3, 2)
    assert cid not in {r.id for r in due.overdue}
