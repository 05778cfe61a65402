"""Settlement through the services: claimed vs recomputed vs proposals side by side, the agreement
taking the accepted proposal's figures with an exact payment plan, how similar cases settled, the
owner's answers, and the litigation hand-over. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from mediation_app.domain.enums import CaseStatus, ChargeKind, OwnerPosition
from mediation_app.errors import FormErrors, PermissionDenied, ValidationError, WorkflowError
from mediation_app.fees import FixedDiscount, LateFeeWaiver, RateReduction
from mediation_app.fees.reconciliation import Base
from mediation_app.queries.similar_cases import similar_settlements
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import evidence, handover
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.settlement import proposals as settlement
from mediation_app.services.settlement import statements
from mediation_app.services.settlement.late_fee_terms import LateFeeTermsForm, record_late_fee_terms
from mediation_app.storage.models import AuditEvent, Case, ClaimItem, Proposal
from mediation_app.storage.uow import Database
from mediation_app.workflow.payment_plan import Instalment, equal_monthly_plan
from tests.support import workflow_setup as w
from tests.support.workflow_setup import Centre


def _claim_items(c: Centre, cid: int) -> dict[str, int]:
    with c.db.read() as session:
        return {item.kind: item.id for item in session.query(ClaimItem).filter(ClaimItem.case_id == cid)}


def test_claimed_recomputed_and_proposals_side_by_side(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION, case_id=c.centre_case)
    recomputed = c.run(statements.compute_statement, cid, as_of=dt.date(2021, 3, 10))
    reduce = c.run(settlement.propose, cid, "每平方米下调0.4元", [RateReduction(Decimal("0.40"))])
    waive = c.run(
        settlement.propose,
        cid,
        "下调0.4元并免违约金",
        [RateReduction(Decimal("0.40")), LateFeeWaiver(Decimal("1"))],
    )
    with c.db.read() as session:
        scenarios = settlement.compare_scenarios(session, cid)
    claimed = scenarios.claimed
    assert (claimed.service_fee, claimed.utilities, claimed.late_fee, claimed.total) == (
        Decimal("14474.72"),
        Decimal("2151.20"),
        Decimal("6917.68"),
        Decimal("23543.60"),
    )
    assert scenarios.recomputed is not None and scenarios.recomputed.id == recomputed.id
    figures = scenarios.recomputed.figures
    # Recomputed from 119.42 m² × 2.80 yuan/month, 2017-08-01 to 2021-03-09, and the 43 bills.
    assert (figures.service_fee, figures.utilities, figures.paid) == (
        Decimal("14475.42"),
        Decimal("2151.20"),
        Decimal("0.00"),
    )
    assert figures.payable == figures.principal + figures.late_fee
    assert "late_fee_above_yardstick" in figures.warning_codes  # the late fee looks excessive
    first, second = scenarios.proposals
    assert (first.id, second.id) == (reduce.id, waive.id)
    assert "0.40" in first.discounts[0].description
    # Line by line: each settled on the lower of the claimed and the recomputed figure, less its
    # concessions, and the payable adds up on the face of it (14,474.72 − 2,067.98 = 12,406.74).
    lines = {line.item: line for line in first.settlement.lines}
    service, late = lines[ChargeKind.SERVICE_FEE], lines[ChargeKind.LATE_FEE]
    assert (service.claimed, service.recomputed, service.base) == (
        Decimal("14474.72"),
        Decimal("14475.42"),
        Base.CLAIMED,
    )
    assert service.concession == first.discounts[0].amount == Decimal("2067.98")
    assert service.payable == Decimal("12406.74")
    assert late.base is Base.RECOMPUTED and late.recomputed is not None and late.recomputed < late.claimed
    assert first.settlement.as_of == dt.date(2021, 3, 9)  # the claim's end: the late fee runs to it too
    assert (
        first.figures.payable
        == first.settlement.total.payable
        == sum(line.payable for line in lines.values())
    )
    assert second.figures.payable == first.figures.payable - late.payable  # the late fee waived in full
    assert first.concession == claimed.total - first.figures.payable
    assert first.concession_share == first.concession / claimed.total  # exact: rounded once, when shown
    assert scenarios.accepted is None

    plan = equal_monthly_plan(second.figures.payable, 4, dt.date(2026, 4, 1), c.clock.today())
    reached = c.run(
        agreement.reach_agreement,
        cid,
        agreement.AgreementTerms(
            reached_on=c.clock.today(),
            pay_method="银行转账",
            proposal_id=second.id,
            instalments=plan.instalments,
        ),
    )
    assert reached.agreement.total == second.figures.payable
    assert sum(i.amount for i in reached.agreement.instalments) == reached.agreement.total
    assert reached.agreement.settlement_clause  # the standard settled-in-full clause
    with c.db.read() as session:
        accepted = settlement.compare_scenarios(session, cid).accepted
    assert accepted is not None and accepted.id == second.id

    # The parties change their minds before signing: mediation resumes and the agreement is reached
    # again on the other proposal, which becomes the only accepted one.
    c.run(case_workflow.resume_mediation, cid, "业主要求改为一次性付款")
    c.run(
        agreement.reach_agreement,
        cid,
        agreement.AgreementTerms(
            reached_on=c.clock.today(), pay_method="现金", proposal_id=first.id, due_on=c.clock.today()
        ),
    )
    with c.db.read() as session:
        accepted_ids = set(
            session.scalars(select(Proposal.id).where(Proposal.case_id == cid, Proposal.accepted))
        )
        accepted = settlement.compare_scenarios(session, cid).accepted
    assert accepted_ids == {first.id}
    assert accepted is not None and accepted.id == first.id


def test_agreement_terms_are_checked(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION)
    today = c.clock.today()
    with pytest.raises(ValidationError) as nothing_to_waive:
        c.run(settlement.propose, cid, "免除违约金", [LateFeeWaiver(Decimal("1"))])
    assert nothing_to_waive.value.field == "discounts[0]"  # this case claims no late fee
    proposal = c.run(settlement.propose, cid, "减免200元", [FixedDiscount(Decimal("200.00"))])

    def reach(**terms: object) -> None:
        values: dict[str, object] = {"reached_on": today, "pay_method": "现金", **terms}
        c.run(agreement.reach_agreement, cid, agreement.AgreementTerms(**values))  # type: ignore[arg-type]

    with pytest.raises(ValidationError) as wrong_total:
        reach(proposal_id=proposal.id, total=Decimal("1.00"), due_on=today)
    assert wrong_total.value.field == "agreement.total"
    with pytest.raises(ValidationError) as short:
        reach(
            total=Decimal("1000.00"),
            instalments=(
                Instalment(today, Decimal("400.00")),
                Instalment(today + dt.timedelta(days=30), Decimal("599.99")),
            ),
        )
    assert short.value.field == "payment_plan.instalments" and "999.99" in short.value.message
    with pytest.raises(ValidationError) as neither:
        reach(total=Decimal("1000.00"))
    assert neither.value.field == "payment_plan"
    with pytest.raises(ValidationError) as no_method:
        reach(total=Decimal("1000.00"), due_on=today, pay_method=" ")
    assert no_method.value.field == "agreement.pay_method"
    with pytest.raises(WorkflowError):
        c.run(agreement.sign, cid)  # nothing agreed yet
    with pytest.raises(PermissionDenied):
        c.run(settlement.propose, cid, "x", [], actor=c.actor("clerk.yang"))


def test_owner_answers_need_a_reason_when_disputed_and_stop_at_signing(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION)
    item = _claim_items(c, cid)[ChargeKind.SERVICE_FEE]
    with pytest.raises(ValidationError) as missing:
        c.run(evidence.record_owner_position, cid, item, OwnerPosition.DISPUTED, "  ")
    assert missing.value.field == "claim_item.position_reason"
    answer = c.run(evidence.record_owner_position, cid, item, OwnerPosition.DISPUTED, "房屋空置期间不应收费")
    assert answer.position is OwnerPosition.DISPUTED
    with c.db.read() as session:
        (line,) = settlement.compare_scenarios(session, cid).claimed.lines
    assert (line.owner_position, line.position_reason) == (OwnerPosition.DISPUTED, "房屋空置期间不应收费")
    w._reach(c, cid)
    w._sign(c, cid)
    with pytest.raises(WorkflowError):
        c.run(evidence.record_owner_position, cid, item, OwnerPosition.ACCEPTED)


def test_similar_cases_show_the_usual_concession_and_time(db: Database) -> None:
    c = Centre.build(db)
    settled = []
    for days in (10, 20, 30):
        cid = c.to(CaseStatus.IN_MEDIATION)
        c.later(days=days)
        c.run(
            agreement.reach_agreement,
            cid,
            agreement.AgreementTerms(
                reached_on=c.clock.today(),
                pay_method="现金",
                total=Decimal("6480.00"),
                due_on=c.clock.today(),
            ),
        )
        c.run(agreement.sign, cid)
        settled.append(cid)
    other = c.to(CaseStatus.IN_MEDIATION)
    with c.db.read() as session:
        similar = similar_settlements(session, other)
    assert {s.case_id for s in similar.cases} == set(settled)
    # Claimed 7,200.00, agreed 6,480.00: 10% conceded; each signed 10, 20, 30 days after its intake.
    assert similar.median_concession_share == Decimal("0.1000")
    assert sorted(s.days_to_sign for s in similar.cases) == [10, 20, 30] and similar.median_days_to_sign == 20
    assert all(s.same_company and s.same_community for s in similar.cases)


def test_litigation_hand_over_carries_parties_figures_and_path(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION, case_id=c.centre_case)
    c.run(statements.compute_statement, cid, as_of=dt.date(2021, 3, 10))
    c.run(settlement.propose, cid, "免除违约金", [LateFeeWaiver(Decimal("1"))])
    w._session(c, cid)
    c.run(case_workflow.fail_to_litigation, cid, "业主坚持不同意支付违约金，调解不成")
    summary = c.run(handover.litigation_handover, cid, actor=c.actor("judge.lin"))
    data = json.loads(handover.handover_json(summary))
    assert data["format"] == "mediation-app/litigation-handover" and data["status"] == "failed_to_litigation"
    assert data["reason"] == "业主坚持不同意支付违约金，调解不成"
    assert data["owner"]["name"] == "车某" and data["owner"]["id_number"] == "350302198506180316"
    assert data["claimed"]["total"] == "23543.60" and data["recomputed"]["service_fee"] == "14475.42"
    assert data["proposals"][0]["name"] == "免除违约金" and len(data["sessions"]) == 1
    assert [p["kind"] for p in data["path"]][-1] == "fail_to_litigation"
    assert summary.case_number in data["notice"] and c.actor("judge.lin").name in data["notice"]
    masked = c.run(handover.litigation_handover, cid, actor=c.actor("supervisor.weng"))
    assert masked.owner.id_number != "350302198506180316" and "*" in masked.owner.id_number
    with pytest.raises(PermissionDenied):
        c.run(handover.litigation_handover, cid, actor=c.actor("clerk.yang"))


def test_late_fee_terms_left_out_at_intake_are_entered_with_checks_and_audited(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION, case_id=c.centre_case)
    with pytest.raises(FormErrors) as bad:
        c.run(record_late_fee_terms, cid, LateFeeTermsForm("0.5", "-1", "2", reason="合同第八条"))
    assert {error.field for error in bad.value.errors} == {"daily_rate", "grace_days", "cap_ratio"}
    with pytest.raises(PermissionDenied):
        c.run(record_late_fee_terms, cid, LateFeeTermsForm("0.0003"), actor=c.actor("supervisor.weng"))
    c.run(record_late_fee_terms, cid, LateFeeTermsForm("0.0003", "5", "0.3", reason="合同第八条"))
    with c.db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        assert (case.late_fee_daily_rate, case.late_fee_grace_days, case.late_fee_cap_ratio) == (
            Decimal("0.0003"),
            5,
            Decimal("0.3"),
        )
        before, after = session.execute(
            select(AuditEvent.before_json, AuditEvent.after_json).where(
                AuditEvent.action == "case.late_fee_terms"
            )
        ).one()
    # before and after in the same form: the stored places (as the terms read after loading)
    assert '"0.000500"' in before and '"0.000300"' in after and "合同第八条" in after
