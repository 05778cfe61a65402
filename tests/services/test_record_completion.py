"""Completing the record after intake: payments before mediation and utility bills entered,
pasted and voided; 物业费缴至 at intake; figures marked out of date and recomputed with the
difference shown. Each runs on SQLite and PostgreSQL (the ``db`` fixture)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from mediation_app.domain.enums import CaseStatus, ChargeKind
from mediation_app.errors import ConflictError, FormErrors, NotFoundError, PermissionDenied, ValidationError
from mediation_app.fees import RateReduction
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.queries.fee_ledger import fee_ledger
from mediation_app.services.cases import fee_records
from mediation_app.services.cases.fee_records import BillForm, PaymentForm, Receipt
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    intake_case,
)
from mediation_app.services.settlement import proposals, staleness, statements
from mediation_app.services.settlement.fee_input import input_dict
from mediation_app.storage.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseEvent,
    FeePayment,
    Proposal,
    UtilityBill,
)
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre

CLERK = "clerk.yang"


@pytest.fixture
def centre(db: Database) -> Centre:
    return Centre.build(db)


def _version(centre: Centre, case_id: int) -> int:
    with centre.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version


def _counts(centre: Centre) -> tuple[int, int, int, int]:
    with centre.db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(FeePayment)) or 0,
            session.scalar(select(func.count()).select_from(UtilityBill)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
            session.scalar(select(func.count()).select_from(Attachment)) or 0,
        )


def _pay(centre: Centre, case_id: int, form: PaymentForm) -> fee_records.Saved:
    return centre.run(
        fee_records.record_prior_payment,
        case_id,
        form,
        actor=centre.actor(CLERK),
        expected_version=_version(centre, case_id),
    )


def _audit_whole(centre: Centre) -> None:
    with centre.db.read() as session:
        report = verify_chain(session)
    assert report.whole, report.broken


# --- payments before mediation ------------------------------------------------------------------


def test_a_payment_before_mediation_is_recorded_with_its_receipt_and_counted(centre: Centre) -> None:
    cid = centre.new_case()
    with centre.db.read() as session:
        before = fee_ledger(session, cid, centre.actor(CLERK), centre.clock.today()).result.paid
    saved = _pay(
        centre,
        cid,
        PaymentForm("2023-06-30", "1200.00", "微信转账", "业主自述", Receipt("收据.jpg", b"\xff\xd8receipt")),
    )
    with centre.db.read() as session:
        record = session.get(FeePayment, saved.ids[0])
        assert record is not None and record.method == "微信转账" and record.amount == Decimal("1200.00")
        assert record.receipt_id is not None
        receipt = session.get(Attachment, record.receipt_id)
        assert receipt is not None and receipt.kind == "receipt" and receipt.case_id == cid
        ledger = fee_ledger(session, cid, centre.actor(CLERK), centre.clock.today())
        events = [e.kind for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == cid))]
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "fee_payment.create")).one()
        after, audited_case = audit.after_json, audit.case_id
    assert ledger.result.paid - before == Decimal("1200.00")
    assert [p.amount for p in ledger.payments] == [Decimal("1200.00")]
    assert "prior_payment" in events
    assert '"amount": "1200.00"' in after and audited_case == cid
    assert saved.version == _version(centre, cid)
    _audit_whole(centre)


@pytest.mark.parametrize(
    ("paid_on", "amount", "field"),
    [
        ("2017-12-31", "100.00", "payment.paid_on"),  # before the handover (2018-01-01)
        ("2026-03-03", "100.00", "payment.paid_on"),  # after today (2026-03-02)
        ("1989-12-31", "100.00", "payment.paid_on"),
        ("2023-02-30", "100.00", "payment.paid_on"),
        ("2023-06-30", "0", "payment.amount"),
        ("2023-06-30", "-5.00", "payment.amount"),
        ("2023-06-30", "1e30", "payment.amount"),
        ("2023-06-30", "12345678901234", "payment.amount"),
        ("2023-06-30", "10000000000.00", "payment.amount"),
        ("2023-06-30", "1.005", "payment.amount"),
        ("2023-06-30", "abc", "payment.amount"),
    ],
)
def test_a_bad_payment_names_its_field_and_writes_nothing(
    centre: Centre, paid_on: str, amount: str, field: str
) -> None:
    cid = centre.new_case()
    counts, version = _counts(centre), _version(centre, cid)
    receipt = Receipt("r.pdf", b"%PDF-1.4 receipt")
    with pytest.raises(FormErrors) as refused:
        _pay(centre, cid, PaymentForm(paid_on, amount, receipt=receipt))
    assert [e.field for e in refused.value.errors] == [field]
    assert _counts(centre) == counts and _version(centre, cid) == version


def test_a_payment_on_a_case_someone_changed_meanwhile_is_refused(centre: Centre) -> None:
    cid = centre.new_case()
    seen = _version(centre, cid)
    _pay(centre, cid, PaymentForm("2023-06-30", "100.00"))
    counts = _counts(centre)
    with pytest.raises(ConflictError):
        centre.run(
            fee_records.record_prior_payment,
            cid,
            PaymentForm("2023-07-31", "100.00"),
            actor=centre.actor(CLERK),
            expected_version=seen,
        )
    assert _counts(centre) == counts


def test_a_voided_payment_stays_marked_with_its_reason_and_no_longer_counts(centre: Centre) -> None:
    cid = centre.new_case()
    saved = _pay(centre, cid, PaymentForm("2023-06-30", "800.00", "现金"))
    with pytest.raises(ValidationError) as no_reason:
        centre.run(fee_records.void_prior_payment, cid, saved.ids[0], "  ", actor=centre.actor(CLERK))
    assert no_reason.value.field == "reason"
    centre.run(
        fee_records.void_prior_payment,
        cid,
        saved.ids[0],
        "录入错误：该笔为2024年缴费",
        actor=centre.actor(CLERK),
        expected_version=_version(centre, cid),
    )
    with centre.db.read() as session:
        record = session.get(FeePayment, saved.ids[0])
        assert record is not None and record.voided_at is not None
        assert record.void_reason == "录入错误：该笔为2024年缴费"
        case = session.get(Case, cid)
        assert case is not None and "payments" not in input_dict(case, centre.clock.today())
        ledger = fee_ledger(session, cid, centre.actor(CLERK), centre.clock.today())
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "fee_payment.void")).one()
        audited = (audit.before_json, audit.after_json)
    assert [(p.amount, p.voided) for p in ledger.payments] == [(Decimal("800.00"), True)]
    assert ledger.result.paid == Decimal("0.00")
    assert '"voided": false' in audited[0] and '"voided": true' in audited[1]
    with pytest.raises(ValidationError):  # voided once; a void is not undone by voiding again
        centre.run(fee_records.void_prior_payment, cid, saved.ids[0], "再次作废", actor=centre.actor(CLERK))
    _audit_whole(centre)


def test_a_payment_of_another_unit_cannot_be_voided_through_this_case(centre: Centre) -> None:
    first, second = centre.new_case(), centre.new_case()
    saved = _pay(centre, first, PaymentForm("2023-06-30", "100.00"))
    with pytest.raises(NotFoundError):
        centre.run(fee_records.void_prior_payment, second, saved.ids[0], "错案", actor=centre.actor(CLERK))


def test_a_supervisor_may_not_enter_payments(centre: Centre) -> None:
    cid = centre.new_case()
    with pytest.raises(PermissionDenied):
        centre.run(
            fee_records.record_prior_payment,
            cid,
            PaymentForm("2023-06-30", "100.00"),
            actor=centre.actor("supervisor.weng"),
        )


# --- utility bills --------------------------------------------------------------------------------


def test_bills_of_a_month_a_quarter_and_a_range_are_recorded_and_overlaps_refused(centre: Centre) -> None:
    cid = centre.new_case()
    clerk = centre.actor(CLERK)
    centre.run(fee_records.record_utility_bill, cid, BillForm("2023-01", "52.30"), actor=clerk)
    centre.run(fee_records.record_utility_bill, cid, BillForm("2023-Q2", "150.00"), actor=clerk)
    centre.run(fee_records.record_utility_bill, cid, BillForm("2023-07-01..2023-08-15", "75.10"), actor=clerk)
    counts = _counts(centre)
    for overlapping in ("2023-05", "2023-08-01..2023-08-31", "2023-Q1"):
        with pytest.raises(FormErrors) as refused:
            centre.run(fee_records.record_utility_bill, cid, BillForm(overlapping, "10.00"), actor=clerk)
        assert [e.field for e in refused.value.errors] == ["bill.period"], overlapping
    assert _counts(centre) == counts
    with centre.db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        periods = [b["period"] for b in input_dict(case, centre.clock.today())["utilities"]]
        dues = set(session.scalars(select(UtilityBill.due).where(UtilityBill.unit_id == case.unit_id)))
    assert periods == ["2023-01", "2023-04-01..2023-06-30", "2023-07-01..2023-08-15"]
    assert dues == {dt.date(2023, 1, 31), dt.date(2023, 6, 30), dt.date(2023, 8, 15)}


def test_pasted_rows_are_saved_whole_or_not_at_all_with_each_bad_row_named(centre: Centre) -> None:
    cid = centre.new_case()
    clerk = centre.actor(CLERK)
    text = "期间\t金额\n2024-01\t61.20\n2024-02\t0\n2024-01\t33.00\n2024年4月\t58.00\n2024-13\t40.00\n"
    forms, shape_errors = fee_records.parse_bill_rows(text)
    assert not shape_errors and len(forms) == 5
    counts = _counts(centre)
    with pytest.raises(FormErrors) as refused:
        centre.run(fee_records.record_utility_bills, cid, forms, actor=clerk)
    assert [e.field for e in refused.value.errors] == [
        "bills[2].amount",
        "bills[3].period",  # overlaps row 1
        "bills[5].period",
    ]
    assert _counts(centre) == counts
    _forms, bad_shape = fee_records.parse_bill_rows("2024-01\t61.20\n2024-02 61.20\n")
    assert [e.field for e in bad_shape] == ["bills[2]"]
    good, errors = fee_records.parse_bill_rows("2024-01\t61.20\r\n2024年2月\t1,058.00\t2024-03-10\n\n")
    assert not errors
    saved = centre.run(fee_records.record_utility_bills, cid, good, actor=clerk)
    with centre.db.read() as session:
        rows = [session.get(UtilityBill, i) for i in saved.ids]
        stored = [(r.period, r.amount, r.due) for r in rows if r]
    assert stored == [
        ("2024-01", Decimal("61.20"), dt.date(2024, 1, 31)),
        ("2024-02", Decimal("1058.00"), dt.date(2024, 3, 10)),
    ]


def test_a_voided_bill_frees_its_period_and_leaves_the_calculation(centre: Centre) -> None:
    cid = centre.new_case()
    clerk = centre.actor(CLERK)
    saved = centre.run(fee_records.record_utility_bill, cid, BillForm("2023-03", "99.00"), actor=clerk)
    centre.run(fee_records.void_utility_bill, cid, saved.ids[0], "重复录入", actor=clerk)
    centre.run(fee_records.record_utility_bill, cid, BillForm("2023-03", "49.50"), actor=clerk)
    with centre.db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        bills = input_dict(case, centre.clock.today())["utilities"]
        ledger = fee_ledger(session, cid, clerk, centre.clock.today())
    assert [(b["period"], b["amount"]) for b in bills] == [("2023-03", "49.50")]
    assert sorted((b.amount, b.voided) for b in ledger.bills) == [
        (Decimal("49.50"), False),
        (Decimal("99.00"), True),
    ]
    _audit_whole(centre)


# --- 物业费缴至 at intake ---------------------------------------------------------------------------


def _intake_with_paid_to(centre: Centre, paid_to: str) -> int:
    """A new owner of the centre's community, handed the keys on 2018-01-01, paid up to ``paid_to``."""
    cid = centre.new_case()
    with centre.db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        community_id, org_id = case.unit.community_id, case.organization_id
        company_id = case.company_id
    form = IntakeForm(
        owner=OwnerForm(name="郑某", phone="13859000999"),
        company=CompanyForm(existing_id=company_id),
        unit=UnitForm(
            community_id=community_id,
            building="8幢",
            room="808",
            area="100.00",
            handover_date="2018-01-01",
            rate="2.00",
            rate_from="2018-01",
        ),
        claims=[ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "2018-01-01", "2025-12-31", "19200.00")],
        organization_id=org_id,
        intake_date=centre.clock.today().isoformat(),
        fees_paid_to=paid_to,
    )
    return centre.run(intake_case, form, actor=centre.actor(CLERK)).id


def test_fees_paid_up_to_a_month_start_the_claim_the_month_after(centre: Centre) -> None:
    cid = _intake_with_paid_to(centre, "2019年6月")
    with centre.db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        assert (case.fees_paid_to, case.service_start) == ("2019-06", dt.date(2019, 7, 1))
        months = input_dict(case, centre.clock.today())["service_fee"]
    assert months["start"] == "2019-07-01"


@pytest.mark.parametrize("paid_to", ["2017-12", "2026-04", "2019-13", "七月", "1989-12"])
def test_an_unreadable_or_implausible_paid_to_is_refused_by_name(centre: Centre, paid_to: str) -> None:
    with pytest.raises(FormErrors) as refused:
        _intake_with_paid_to(centre, paid_to)
    assert [e.field for e in refused.value.errors] == ["fees_paid_to"]


# --- out of date, recomputed with the difference ----------------------------------------------------


def test_a_change_marks_the_figures_out_of_date_and_the_recomputation_shows_the_difference(
    centre: Centre,
) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION)
    mediator = centre.actor("mediator.chen")
    old = centre.run(statements.compute_statement, cid, actor=mediator)
    kept = centre.run(proposals.propose, cid, "下调0.4元", [RateReduction(Decimal("0.40"))], actor=mediator)
    with centre.db.read() as session:
        assert staleness.figures_staleness(session, cid) is None
    _pay(centre, cid, PaymentForm("2024-12-31", "2000.00", "银行转账"))
    with centre.db.read() as session:
        stale = staleness.figures_staleness(session, cid)
    assert stale is not None and stale.since == centre.clock.now() and "2,000.00" in stale.reason

    done = centre.run(
        staleness.recompute_figures, cid, actor=mediator, expected_version=_version(centre, cid)
    )
    assert done.statement is not None and done.statement.old == old.figures.payable
    with centre.db.read() as session:
        latest = statements.latest_statement(session, cid)
        proposal = session.get(Proposal, kept.id)
        assert proposal is not None
        stored_payable = proposal.payable
        assert staleness.figures_staleness(session, cid) is None
    assert latest is not None and latest.as_of == old.as_of  # the same date: the data's difference
    assert done.statement.new == latest.figures.payable and done.statement.delta < 0
    (changed,) = done.proposals
    assert (changed.old, changed.new) == (kept.figures.payable, stored_payable)
    assert changed.delta < 0
    _audit_whole(centre)


def test_nothing_is_marked_without_stored_figures_and_an_accepted_proposal_is_left_alone(
    centre: Centre,
) -> None:
    cid = centre.new_case()
    _pay(centre, cid, PaymentForm("2024-12-31", "100.00"))
    with centre.db.read() as session:
        assert staleness.figures_staleness(session, cid) is None  # nothing computed to go stale
    signed = centre.to(CaseStatus.SIGNED)
    centre.run(statements.compute_statement, signed, actor=centre.actor("mediator.chen"))
    _pay(centre, signed, PaymentForm("2024-12-31", "100.00"))
    done = centre.run(staleness.recompute_figures, signed, actor=centre.actor("mediator.chen"))
    assert done.proposals == () and done.statement is not None


def test_recomputing_on_a_stale_screen_is_refused(centre: Centre) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION)
    centre.run(statements.compute_statement, cid, actor=centre.actor("mediator.chen"))
    seen = _version(centre, cid)
    _pay(centre, cid, PaymentForm("2024-12-31", "100.00"))
    with pytest.raises(ConflictError):
        centre.run(
            staleness.recompute_figures, cid, actor=centre.actor("mediator.chen"), expected_version=seen
        )
    with centre.db.read() as session:
        assert staleness.figures_staleness(session, cid) is not None
