"""The centre's own case (owner 车某, DOMAIN.md) taken through the real services far enough to have
every document: for the document tests of tests/storage and tests/reports.

:func:`centre_case` walks it from intake (2021-03-10) through consent, a WeChat-group session, the
owner's answers (the late fee disputed), the statement, a proposal lowering the fee standard by
0.40 yuan/m² and waiving the late fee, a session in person, the transfer to judicial mediation,
an agreement in three instalments, signing, judicial confirmation, every payment and the
follow-up visit; ``until`` stops it earlier (at ``"intake"``, ``"signed"``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from mediation_app.clock import CHINA
from mediation_app.domain.enums import ChargeKind, OwnerPosition, Track
from mediation_app.domain.party import Party
from mediation_app.fees import LateFeeWaiver, RateReduction
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents, evidence, routing, sessions, status
from mediation_app.services.settlement import proposals, statements
from mediation_app.storage.models import ClaimItem
from mediation_app.storage.uow import Database
from mediation_app.workflow import payment_plan
from mediation_app.workflow.consent import ConsentMethod
from tests.support.workflow_setup import Centre

INTAKE = dt.datetime(2021, 3, 10, 9, 10, tzinfo=CHINA)
CASE_NUMBER = "荔物调〔2021〕0001号"
GROUP = "微信群“荔景花园3幢1502物业费调解群”"


def centre_case(
    db: Database, *, until: str = "followed_up", waiver: Decimal = Decimal("1")
) -> tuple[Centre, int]:
    """The centre and its case id, taken as far as ``until`` (intake, in_mediation, signed,
    followed_up); the proposal waives the share ``waiver`` of the late fee (all of it unless told)."""
    c = Centre.build(db, start=INTAKE)
    cid = c.centre_case
    if until == "intake":
        return c, cid
    clerk, chen, judge = c.actor("clerk.yang"), c.actor("mediator.chen"), c.actor("judge.lin")
    c.later(minutes=30)
    c.run(status.accept, cid, actor=judge)
    c.run(
        consents.record_consent, cid, Party.COMPANY, ConsentMethod.SIGNED_FORM, c.clock.today(), actor=clerk
    )
    c.later(hours=10)
    c.run(consents.record_consent, cid, Party.OWNER, ConsentMethod.SMS_REPLY, c.clock.today(), actor=clerk)
    c.later(hours=13)  # 2021-03-11 09:30
    c.run(assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("mediator.chen"), actor=chen)
    if until == "in_mediation":
        return c, cid
    evening = dt.datetime(2021, 3, 11, 20, 0, tzinfo=CHINA)
    c.clock.current = evening + dt.timedelta(hours=1)
    c.run(
        sessions.record_session,
        cid,
        sessions.SessionInput(
            evening,
            sessions.SessionMode.WECHAT_GROUP,
            place=GROUP,
            attendees="业主车某；莆田市荔安物业服务有限公司代理人；特邀调解员陈志明",
            notes="物业公司在群内上传欠费清单及收费明细；业主逐项核对公摊水电费和物业服务费",
            outcome="业主对欠费清单无异议；物业公司同意对该业主物业服务费标准每平方米下调0.4元",
        ),
        actor=chen,
    )
    with db.read() as session:
        items = list(session.execute(select(ClaimItem.id, ClaimItem.kind).where(ClaimItem.case_id == cid)))
    for item_id, kind in items:
        disputed = kind is ChargeKind.LATE_FEE
        c.run(
            evidence.record_owner_position,
            cid,
            item_id,
            OwnerPosition.DISPUTED if disputed else OwnerPosition.ACCEPTED,
            "违约金计算标准过高" if disputed else "",
            actor=chen,
        )
    c.later(hours=12)  # 2021-03-12 09:30
    c.run(statements.compute_statement, cid, as_of=dt.date(2021, 3, 10), actor=chen)
    proposal = c.run(
        proposals.propose,
        cid,
        "下调0.4元并免除违约金",
        [RateReduction(Decimal("0.40")), LateFeeWaiver(waiver)],
        actor=chen,
    )
    c.later(days=2)
    c.run(
        sessions.record_session,
        cid,
        sessions.SessionInput(
            c.clock.now() - dt.timedelta(hours=1),
            sessions.SessionMode.IN_PERSON,
            place="荔城区物业纠纷调处中心调解室",
            attendees="车某、郑某（物业公司）、陈志明",
            outcome="业主同意按下调后的标准分三期支付",
        ),
        actor=chen,
    )
    c.run(
        routing.transfer_track,
        cid,
        Track.JUDICIAL,
        c.org("荔城法院"),
        "分期履行需司法确认，由驻点法官主持调解",
        decided_by="林振华",
        mediator_id=c.staff("judge.lin"),
        actor=chen,
    )
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
    c.run(agreement.sign, cid, actor=judge)
    if until == "signed":
        return c, cid
    c.later(days=3)
    c.run(confirmation.apply_confirmation, cid, actor=judge)
    c.later(days=7)
    c.run(confirmation.record_confirmation, cid, "（2021）闽0304民特123号", actor=judge)
    c.run(performance.start_performance, cid, actor=clerk)
    for instalment in reached.agreement.instalments:
        c.clock.current = dt.datetime.combine(instalment.due_on, dt.time(10), CHINA)
        c.run(
            performance.record_payment,
            cid,
            instalment.due_on,
            instalment.amount,
            actor=clerk,
            close_as_performed=True,
        )
    c.later(days=10)
    c.run(
        performance.record_follow_up,
        cid,
        c.clock.today(),
        "电话回访",
        notes="业主对调解结果满意，电梯已修复",
        satisfied=True,
        actor=clerk,
    )
    return c, cid
