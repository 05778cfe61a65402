"""The demo builds through the real services: every case's path follows the state machine in
time order, the audit chain is whole, and the centre's own case reaches its signed agreement with
the 0.40 yuan/m² reduction (SQLite, 40 cases, to keep it quick)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from mediation_app.clock import CHINA, FixedClock
from mediation_app.demo.centre import build_demo
from mediation_app.domain.enums import CaseStatus, SessionMode, SmsStatus
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.queries.case_header import case_timeline, find_case_id
from mediation_app.services.agreement.terms import agreement_of
from mediation_app.services.cases.consents import consent_state
from mediation_app.services.cases.sessions import sessions
from mediation_app.services.settlement.proposals import compare_scenarios
from mediation_app.services.sms import outbox
from mediation_app.storage.models import Case, CaseEvent
from mediation_app.storage.uow import Database
from mediation_app.workflow.sms import SmsTemplate
from mediation_app.workflow.transitions import CONCLUDED_STATUSES, RULES


def test_demo_cases_follow_the_state_machine_and_the_centre_case_is_signed_and_paid(tmp_path: Path) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA))
    db = Database.open(f"sqlite:///{tmp_path}/demo.sqlite3", clock)
    try:
        summary = build_demo(db, cases=40)
        assert summary.cases == 40
        moves = {(source, rule.target_from(source)) for rule in RULES.values() for source in rule.sources}
        with db.read() as session:
            assert verify_chain(session).broken is None
            statuses = set()
            for case in session.scalars(select(Case)):
                status = case.status
                statuses.add(status)
                path = case_timeline(session, case.id).statuses()
                assert path[0] is CaseStatus.INTAKE and path[-1] is status, case.number
                assert all(pair in moves for pair in itertools.pairwise(path)), (case.number, path)
                assert (case.closed_on is not None) == (status in CONCLUDED_STATUSES), case.number
            times: dict[int, list[dt.datetime]] = defaultdict(list)
            for case_id, at in session.execute(
                select(CaseEvent.case_id, CaseEvent.at).order_by(CaseEvent.id)
            ):
                times[case_id].append(at)
            assert all(stamps == sorted(stamps) for stamps in times.values())
            assert max(max(stamps) for stamps in times.values()) <= clock.now()
            assert len(statuses) >= 6

            centre = find_case_id(session, "荔物调〔2021〕0001号")
            # Signed, and paid in one sum the same day (the centre's report): performed.
            assert session.get(Case, centre).status == CaseStatus.PERFORMED.value  # type: ignore[union-attr]
            state = consent_state(session, centre)
            assert state.both
            (meeting,) = sessions(session, centre)
            assert meeting.mode is SessionMode.WECHAT_GROUP and meeting.held
            scenarios = compare_scenarios(session, centre)
            accepted = scenarios.accepted
            assert accepted is not None and accepted.name == "物业服务费每平方米下调0.4元"
            assert accepted.discounts[0].amount > Decimal("2000")
            terms = agreement_of(session, centre)
            assert (
                terms is not None and terms.total == accepted.figures.payable and terms.signed_on is not None
            )
            sent = {m.template for m in outbox(session, case_id=centre, statuses=[SmsStatus.SENT])}
            assert sent == {SmsTemplate.PRE_MEDIATION_REMINDER, SmsTemplate.SESSION_NOTICE}
    finally:
        db.dispose()
