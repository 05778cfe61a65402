"""The centre's own case (owner 车某, DOMAIN.md) from intake to full performance, through the
services, on SQLite and PostgreSQL: consent, the SMS reminder quoting 民法典 944 sent to a local
SMS gateway, two sessions (the WeChat group and one in person), the company's arrears list, the
0.40 yuan/m² reduction, a transfer from people's to judicial mediation, an agreement paid in three
instalments, judicial confirmation, every payment, the follow-up visit — then the timeline, the
audit trail, and ``mediation-app case show --json`` agree on what happened."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from mediation_app.adapters.sms_gateways import HttpSender
from mediation_app.cli import main
from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus, ChargeKind, OwnerPosition, Track
from mediation_app.domain.party import Party
from mediation_app.fees import RateReduction
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.queries.case_header import case_detail, case_timeline
from mediation_app.queries.due import due_cases
from mediation_app.services import sms as sms_outbox
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents, evidence, routing, sessions
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.settlement import proposals, statements
from mediation_app.storage.models import AuditEvent, ClaimItem
from mediation_app.storage.uow import Database
from mediation_app.workflow import payment_plan
from mediation_app.workflow.confirmation import CourtBasis
from mediation_app.workflow.consent import ConsentMethod
from tests.support.sms_gateway import sms_gateway
from tests.support.workflow_setup import Centre

INTAKE = dt.datetime(2021, 3, 10, 9, 10, tzinfo=CHINA)
COURT = "福建省莆田市荔城区人民法院"


def test_the_centre_case_from_intake_to_full_performance(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    c = Centre.build(db, start=INTAKE)
    cid = c.centre_case
    clerk, chen, judge = c.actor("clerk.yang"), c.actor("mediator.chen"), c.actor("judge.lin")

    c.later(minutes=30)
    c.run(case_workflow.accept, cid, actor=judge)
    (reminder,) = c.run(sms_outbox.queue_pre_mediation_reminder, cid, actor=clerk)
    assert (
        "第九百四十四条" in reminder.text
        and "不得以未接受或者无需接受相关物业服务为由拒绝支付物业费" in reminder.text
    )
    with sms_gateway() as gateway:
        c.later(minutes=10)
        report = sms_outbox.dispatch(c.db, clerk, HttpSender(gateway.url, timeout=5))
    assert (report.sent, report.retrying) == (1, 0)
    assert gateway.received[0]["phone"] == "13859012345" and gateway.received[0]["content"] == reminder.text

    c.run(
        consents.record_consent, cid, Party.COMPANY, ConsentMethod.SIGNED_FORM, c.clock.today(), actor=clerk
    )
    c.later(hours=10)
    c.run(consents.record_consent, cid, Party.OWNER, ConsentMethod.SMS_REPLY, c.clock.today(), actor=clerk)
    c.later(hours=13)  # 2021-03-11 09:30
    started = c.run(
        assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("mediator.chen"), actor=chen
    )
    assert started.next_deadline == dt.date(2021, 4, 10)

    group = "微信群“荔景花园3幢1502物业费调解群”"
    evening = dt.datetime(2021, 3, 11, 20, 0, tzinfo=CHINA)
    first = sessions.SessionInput(evening, sessions.SessionMode.WECHAT_GROUP, place=group)
    scheduled = c.run(sessions.schedule_session, cid, first, actor=chen)
    notices = c.run(sms_outbox.queue_session_notice, scheduled.session_id, actor=clerk)
    assert {n.party for n in notices} == {"owner", "company"} and all(group in n.text for n in notices)
    c.clock.current = evening + dt.timedelta(minutes=20)
    c.run(
        evidence.attach_evidence,
        cid,
        title="欠费清单及收费明细",
        filename="欠费清单.csv",
        content="月份,金额\n2017-08,50.00\n".encode(),
        submitted_by="company",
        actor=clerk,
    )
    c.later(hours=1)
    c.run(
        sessions.record_session,
        cid,
        sessions.SessionInput(
            evening,
            sessions.SessionMode.WECHAT_GROUP,
            place=group,
            attendees="车某；物业公司代理人；陈志明",
            outcome="业主核对欠费清单无异议",
        ),
        session_id=scheduled.session_id,
        actor=chen,
    )
    with c.db.read() as session:
        lines = session.query(ClaimItem).filter(ClaimItem.case_id == cid).all()
        fee_lines = [(item.id, item.kind) for item in lines]
    for item_id, kind in fee_lines:
        answer = OwnerPosition.DISPUTED if kind is ChargeKind.LATE_FEE else OwnerPosition.ACCEPTED
        c.run(
            evidence.record_owner_position,
            cid,
            item_id,
            answer,
            "违约金过高" if kind is ChargeKind.LATE_FEE else "",
            actor=chen,
        )

    c.later(hours=12)  # 2021-03-12 09:30
    c.run(statements.compute_statement, cid, as_of=dt.date(2021, 3, 10), actor=chen)
    proposal = c.run(
        proposals.propose, cid, "物业服务费每平方米下调0.4元", [RateReduction(Decimal("0.40"))], actor=chen
    )
    # 119.42 m² × 0.40 yuan for 43 whole months and 9/31 of March 2021, each month rounded.
    monthly = (Decimal("119.42") * Decimal("0.40")).quantize(Decimal("0.01"))
    march = (Decimal("119.42") * Decimal("0.40") * 9 / 31).quantize(Decimal("0.01"))
    assert proposal.discounts[0].amount == monthly * 43 + march
    # Each item settled on the lower of the claimed and the recomputed figure, less its concession:
    # the service fee on the claim (14,474.72 − 2,067.98), the late fee on the recomputation.
    service, utilities, late = (
        next(line for line in proposal.settlement.lines if line.item is kind)
        for kind in (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES, ChargeKind.LATE_FEE)
    )
    assert service.payable == Decimal("14474.72") - proposal.discounts[0].amount == Decimal("12406.74")
    assert utilities.payable == Decimal("2151.20") and late.payable == late.recomputed < Decimal("6917.68")
    assert proposal.figures.payable == service.payable + utilities.payable + late.payable
    c.later(days=2)
    c.run(
        sessions.record_session,
        cid,
        sessions.SessionInput(
            c.clock.now() - dt.timedelta(hours=1),
            sessions.SessionMode.IN_PERSON,
            place="荔城区物业纠纷调处中心调解室",
            outcome="业主同意按下调后的标准分三期支付",
        ),
        actor=chen,
    )
    transfer = c.run(
        routing.transfer_track,
        cid,
        Track.JUDICIAL,
        c.org("荔城法院"),
        "分期履行需司法确认，由驻点法官主持调解",
        decided_by="林振华",
        mediator_id=c.staff("judge.lin"),
        actor=chen,
    )
    assert transfer.next_deadline == dt.date(2021, 4, 10)  # a transfer does not restart the period

    agreed_on = c.clock.today()  # 2021-03-14
    plan = payment_plan.equal_monthly_plan(proposal.figures.payable, 3, dt.date(2021, 4, 20), agreed_on)
    reached = c.run(
        agreement.reach_agreement,
        cid,
        agreement.AgreementTerms(
            reached_on=agreed_on,
            pay_method="微信转账至物业公司账户",
            pay_place="荔景花园物业服务中心",
            proposal_id=proposal.id,
            instalments=plan.instalments,
            undertakings="物业公司于2021年4月30日前修复3幢电梯",
        ),
        actor=judge,
    )
    assert (
        sum(i.amount for i in reached.agreement.instalments)
        == reached.agreement.total
        == proposal.figures.payable
    )
    signed = c.run(agreement.sign, cid, actor=judge)
    # The earlier of the first instalment and the last day to apply for confirmation.
    assert signed.next_deadline == dt.date(2021, 4, 13)

    c.later(days=3)
    with c.db.read() as session:
        court = confirmation.proposed_court(session, cid, c.clock.today())
    assert (court.court, court.basis) == (COURT, CourtBasis.ORGANISATION_SEAT)
    applied = c.run(confirmation.apply_confirmation, cid, actor=judge)
    assert applied.confirmation.window.deadline == dt.date(2021, 4, 13)
    c.later(days=7)
    c.run(confirmation.record_confirmation, cid, "（2021）闽0304民特123号", actor=judge)
    c.run(performance.start_performance, cid, actor=clerk)

    for instalment in reached.agreement.instalments:
        c.clock.current = dt.datetime.combine(instalment.due_on, dt.time(10), CHINA)
        with c.db.read() as session:
            due = due_cases(session, c.clock.today())
        assert cid in {row.id for row in due.due_soon}  # the instalment due today is listed
        paid = c.run(
            performance.record_payment,
            cid,
            instalment.due_on,
            instalment.amount,
            actor=clerk,
            close_as_performed=True,
        )
    assert paid.step.status is CaseStatus.PERFORMED and paid.progress.fully_paid
    c.later(days=10)
    c.run(
        performance.record_follow_up,
        cid,
        c.clock.today(),
        "电话回访",
        notes="业主满意",
        satisfied=True,
        actor=clerk,
    )

    with c.db.read() as session:
        timeline = case_timeline(session, cid)
        detail = case_detail(session, cid, judge, c.clock.today())
        audit = [
            a
            for (a,) in session.query(AuditEvent.action)
            .filter(AuditEvent.case_id == cid)
            .order_by(AuditEvent.id)
        ]
        chain = verify_chain(session)
    assert timeline.statuses() == (
        CaseStatus.INTAKE,
        CaseStatus.AWAITING_CONSENT,
        CaseStatus.IN_MEDIATION,
        CaseStatus.AGREEMENT_REACHED,
        CaseStatus.SIGNED,
        CaseStatus.CONFIRMATION_APPLIED,
        CaseStatus.CONFIRMED,
        CaseStatus.PERFORMING,
        CaseStatus.PERFORMED,
    )
    assert timeline.tracks() == (Track.PEOPLE, Track.JUDICIAL)
    text = "\n".join(timeline.lines())
    assert "林振华" in text and "分期履行需司法确认" in text
    assert [e.at for e in timeline.entries] == sorted(e.at for e in timeline.entries)
    assert audit[0] == "case.intake" and audit[-1] == "performance.follow_up"
    for expected in (
        "case.accept",
        "sms.queue",
        "sms.sent",
        "case.consent",
        "case.start_mediation",
        "session.record",
        "attachment.add",
        "claim_item.position",
        "statement.compute",
        "proposal.create",
        "case.transfer_track",
        "agreement.reach",
        "agreement.sign",
        "confirmation.apply",
        "confirmation.confirm",
        "performance.start",
        "performance.payment",
    ):
        assert expected in audit, expected
    assert audit.count("session.record") == 2 and audit.count("performance.payment") == 3
    assert chain.broken is None
    assert (
        detail.status is CaseStatus.PERFORMED and detail.closed_on == reached.agreement.instalments[-1].due_on
    )
    assert (
        detail.next_deadline is None
        and detail.performance is not None
        and detail.performance.outstanding == 0
    )

    db.dispose()  # the command opens the database itself
    assert main(["case", "show", detail.number, "--json", "--db", db_url]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["number"] == "荔物调〔2021〕0001号" and shown["status"] == "performed"
    assert shown["track"] == "judicial"
    assert shown["organisation"] == {**shown["organisation"], "name": COURT, "level": "district"}
    assert shown["deadline"] is None
    kinds = [h["kind"] for h in shown["history"]]
    assert kinds[:2] == ["status", "accept"] and "transfer_track" in kinds and kinds[-1] == "record_follow_up"
    transfer_row = next(h for h in shown["history"] if h["kind"] == "transfer_track")
    assert (transfer_row["from"], transfer_row["to"], transfer_row["decided_by"]) == (
        "people",
        "judicial",
        "林振华",
    )
    assert set(shown["history"][0]) >= {"at", "kind", "from", "to", "by", "reason"}
