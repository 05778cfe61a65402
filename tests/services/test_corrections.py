"""更正: each kind of record corrected through its service, on SQLite and PostgreSQL; the roles,
the reason, the case's version, the values intake refuses, the signed agreement; the audit
trail's before → after and an audit chain that stays whole."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, SessionMode
from mediation_app.domain.party import Party
from mediation_app.errors import (
    ConflictError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
    WorkflowError,
)
from mediation_app.queries.audit_trail import case_history, verify_chain
from mediation_app.queries.case_header import case_timeline
from mediation_app.services import corrections as fix
from mediation_app.services.cases.consents import consents
from mediation_app.services.cases.sessions import sessions
from mediation_app.services.settlement.staleness import figures_staleness
from mediation_app.services.settlement.statements import compute_statement
from mediation_app.storage.models import (
    Agreement,
    AuditEvent,
    Case,
    CaseCoOwner,
    CaseEvent,
    ClaimItem,
    Owner,
    Unit,
)
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre


@pytest.fixture
def centre(db: Database) -> Centre:
    return Centre.build(db)


def _version(db: Database, case_id: int) -> int:
    with db.read() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.version


@dataclass(frozen=True)
class Audited:
    case_id: int | None
    before_json: str
    after_json: str


@dataclass(frozen=True)
class Step:
    kind: str
    from_value: str
    to_value: str
    reason: str
    by_name: str


def _audits(db: Database, action: str) -> list[Audited]:
    with db.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        return [Audited(r.case_id, r.before_json, r.after_json) for r in rows]


def _events(db: Database, case_id: int) -> list[Step]:
    with db.read() as s:
        rows = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id))
        return [Step(r.kind, r.from_value, r.to_value, r.reason, r.by_name) for r in rows]


def _whole(db: Database) -> None:
    with db.read() as s:
        report = verify_chain(s)
    assert report.whole, report.broken


def test_a_clerk_corrects_the_owners_phone_and_the_path_says_who_what_and_why(
    db: Database, centre: Centre
) -> None:
    cid = centre.new_case()
    clerk = centre.actor("clerk.yang")
    seen = _version(db, cid)
    result = centre.run(
        fix.correct_owner, cid, "phone", "139 5940 0002", "录入错误", actor=clerk, expected_version=seen
    )
    assert result.after == "139****0002"  # the path shows it masked
    assert result.version > seen
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None
        assert case.owner.phone == "13959400002"
        assert "13959400002" in case.search_text  # found by the new number
        old_phone = "13859010001"
    [event] = [e for e in _events(db, cid) if e.kind == "correct:owner.phone"]
    assert (event.from_value, event.to_value, event.reason, event.by_name) == (
        "138****0001",
        "139****0002",
        "录入错误",
        "杨某某",
    )
    [audit] = _audits(db, "correct.owner")
    assert json.loads(audit.before_json) == {"field": "owner.phone", "phone": old_phone}
    assert json.loads(audit.after_json) == {
        "field": "owner.phone",
        "phone": "13959400002",
        "reason": "录入错误",
    }
    # the audit trail's screen names the field, shows before → after, masked for a supervisor
    with db.read() as s:
        history = case_history(s, cid, centre.actor("supervisor.weng"))
    [entry] = [h for h in history if h.action == "correct.owner"]
    assert entry.what == "更正业主信息"
    assert "业主电话：138****0001 → 139****0002" in entry.text(), entry.text()
    assert "13959400002" not in entry.text()
    with db.read() as s:
        lines = [e.description for e in case_timeline(s, cid).entries]
    assert "杨某某更正了业主电话（原因：录入错误）：138****0001 → 139****0002" in lines
    _whole(db)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_without_a_reason_is_refused_naming_the_field(
    db: Database, centre: Centre, reason: str
) -> None:
    cid = centre.new_case()
    before = len(_audits(db, "correct.owner"))
    with pytest.raises(ValidationError) as refused:
        centre.run(fix.correct_owner, cid, "phone", "13959400002", reason, actor=centre.actor("clerk.yang"))
    assert refused.value.field == "reason"
    assert refused.value.label == "更正原因"
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None and case.owner.phone == "13859010001"
    assert len(_audits(db, "correct.owner")) == before


def test_a_clerk_may_not_correct_amounts_area_or_the_agreement(db: Database, centre: Centre) -> None:
    cid = centre.to(CaseStatus.AGREEMENT_REACHED)
    clerk = centre.actor("clerk.yang")
    with db.read() as s:
        item_id = s.scalars(select(ClaimItem.id).where(ClaimItem.case_id == cid)).one()
    attempts = [
        lambda: centre.run(fix.correct_unit, cid, "area", "99.00", "测量有误", actor=clerk),
        lambda: centre.run(fix.correct_claim_line, cid, item_id, "amount", "7000.00", "核对", actor=clerk),
        lambda: centre.run(fix.correct_agreement, cid, "pay_method", "现金", "双方改口", actor=clerk),
        lambda: centre.run(fix.correct_owner, cid, "name", "林某某", "错字", actor=clerk),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert _audits(db, "correct.unit") == [] and _audits(db, "correct.claim_item") == []
    with db.read() as s:
        unit = s.scalars(select(Unit).join(Case, Case.unit_id == Unit.id).where(Case.id == cid)).one()
        assert unit.area == Decimal("100.00")


def test_a_mediator_corrects_the_area_and_the_stored_figures_are_marked_out_of_date(
    db: Database, centre: Centre
) -> None:
    cid = centre.new_case()
    centre.run(compute_statement, cid)
    mediator = centre.actor("mediator.chen")
    result = centre.run(fix.correct_unit, cid, "area", "98.50", "按房产证更正", actor=mediator)
    assert (result.before, result.after, result.figures_stale) == ("100.00", "98.50", True)
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None and case.unit.area == Decimal("98.50")
    with db.read() as s:
        stale = figures_staleness(s, cid)
    assert stale is not None and "建筑面积" in stale.reason
    [audit] = _audits(db, "correct.unit")
    assert (json.loads(audit.before_json)["area"], json.loads(audit.after_json)["area"]) == (
        "100.00",
        "98.50",
    )
    _whole(db)


def test_a_fee_standard_is_corrected_within_bounds_and_the_figures_go_out_of_date(
    db: Database, centre: Centre
) -> None:
    cid = centre.new_case()
    centre.run(compute_statement, cid)
    mediator = centre.actor("mediator.chen")
    for bad in ("-2.80", "2.80001", "1e3", "1001"):
        with pytest.raises(ValidationError) as refused:
            centre.run(fix.correct_fee_rate, cid, "2018-01", bad, "合同标准", actor=mediator)
        assert refused.value.field == "rate[1].rate"
    with pytest.raises(NotFoundError):
        centre.run(fix.correct_fee_rate, cid, "2019-01", "1.80", "合同标准", actor=mediator)
    result = centre.run(fix.correct_fee_rate, cid, "2018-01", "1.80", "按物业服务合同", actor=mediator)
    assert (result.before, result.after, result.figures_stale) == ("2.0000", "1.80", True)
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None and case.unit.rates[0].rate == Decimal("1.80")
    with db.read() as s:
        stale = figures_staleness(s, cid)
    assert stale is not None and "收费标准" in stale.reason
    with db.read() as s:
        lines = [e.description for e in case_timeline(s, cid).entries]
    assert any("收费标准1（元/平方米/月）" in line and "2.0000 → 1.80" in line for line in lines), lines


def test_a_claim_line_correction_keeps_the_total_and_the_period_in_step(db: Database, centre: Centre) -> None:
    cid = centre.new_case()
    mediator = centre.actor("mediator.chen")
    with db.read() as s:
        item_id = s.scalars(select(ClaimItem.id).where(ClaimItem.case_id == cid)).one()
    centre.run(fix.correct_claim_line, cid, item_id, "amount", "6,800.50", "物业公司更正清单", actor=mediator)
    centre.run(
        fix.correct_claim_line, cid, item_id, "period_to", "2025-06-30", "物业公司更正清单", actor=mediator
    )
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None
        assert case.claimed_total == Decimal("6800.50")
        assert str(case.service_end) == "2025-06-30"
    kinds = [e.kind for e in _events(db, cid)]
    assert "correct:claim[1].amount" in kinds and "correct:claim[1].period_to" in kinds
    with db.read() as s:
        lines = [e.description for e in case_timeline(s, cid).entries]
    assert any("请求项目1 · 金额" in line and "7200.00 → 6800.50" in line for line in lines), lines


@pytest.mark.parametrize(
    ("service", "field", "value", "path"),
    [
        ("owner", "phone", "12345", "owner.phone"),
        ("owner", "id_number", "350304199506121234", "owner.id_number"),
        ("unit", "area", "0", "unit.area"),
        ("unit", "area", "1e5", "unit.area"),
        ("unit", "area", "200000", "unit.area"),
        ("unit", "handover_date", "1900-01-01", "unit.handover_date"),
        ("claim", "amount", "-5", "claim[1].amount"),
        ("claim", "amount", "99999999999", "claim[1].amount"),
        ("claim", "period_from", "2026-01-01", "claim[1].period_from"),
        ("company", "credit_code", "913503001234", "company.credit_code"),
    ],
)
def test_a_corrected_value_is_checked_as_at_intake(
    db: Database, centre: Centre, service: str, field: str, value: str, path: str
) -> None:
    cid = centre.new_case()
    mediator = centre.actor("mediator.chen")
    with db.read() as s:
        item_id = s.scalars(select(ClaimItem.id).where(ClaimItem.case_id == cid)).one()
    calls = {
        "owner": lambda: centre.run(fix.correct_owner, cid, field, value, "更正", actor=mediator),
        "unit": lambda: centre.run(fix.correct_unit, cid, field, value, "更正", actor=mediator),
        "claim": lambda: centre.run(
            fix.correct_claim_line, cid, item_id, field, value, "更正", actor=mediator
        ),
        "company": lambda: centre.run(fix.correct_company, cid, field, value, "更正", actor=mediator),
    }
    with pytest.raises(ValidationError) as refused:
        calls[service]()
    assert refused.value.field == path
    assert len(_events(db, cid)) == 1  # only the registration: nothing half-written


def test_the_second_of_two_people_correcting_the_same_case_is_told_and_loses_nothing(
    db: Database, centre: Centre
) -> None:
    cid = centre.new_case()
    seen = _version(db, cid)  # both opened the case at this version
    first, second = centre.actor("clerk.yang"), centre.actor("clerk.zhu")
    # an address changes no column of the case itself: the case's version moves on all the same
    centre.run(
        fix.correct_owner, cid, "address", "荔景花园5幢001", "补全地址", actor=first, expected_version=seen
    )
    with pytest.raises(ConflictError) as told:
        centre.run(
            fix.correct_owner, cid, "phone", "13959400003", "录入错误", actor=second, expected_version=seen
        )
    assert "重新" in told.value.message or "reload" in told.value.message.lower()
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None
        assert (case.owner.address, case.owner.phone) == ("荔景花园5幢001", "13859010001")
    assert len(_audits(db, "correct.owner")) == 1
    # after reloading, the second person's correction goes through on the new version
    centre.run(
        fix.correct_owner,
        cid,
        "phone",
        "13959400003",
        "录入错误",
        actor=second,
        expected_version=_version(db, cid),
    )
    assert len(_audits(db, "correct.owner")) == 2


def test_co_owner_company_consent_and_session_corrections(db: Database, centre: Centre) -> None:
    cid = centre.to(CaseStatus.AGREEMENT_REACHED)
    mediator, clerk = centre.actor("mediator.chen"), centre.actor("clerk.yang")
    centre.run(fix.correct_company, cid, "agent_phone", "0594-2345678", "代理人换号", actor=clerk)
    centre.run(fix.correct_company, cid, "legal_rep", "王某某", "营业执照更正", actor=mediator)
    with db.read() as s:
        consent_rows = consents(s, cid)
        session_rows = sessions(s, cid)
    owner_consent = next(c for c in consent_rows if c.party is Party.OWNER)
    centre.run(
        fix.correct_consent, cid, owner_consent.id, "method", "sms_reply", "实为短信回复", actor=mediator
    )
    centre.run(fix.correct_consent, cid, owner_consent.id, "note", "短信截图在卷", "补记", actor=mediator)
    centre.run(
        fix.correct_session,
        cid,
        session_rows[0].id,
        "attendees",
        "业主林某、物业公司代理人",
        "漏记",
        actor=mediator,
    )
    with db.read() as s:
        case = s.get(Case, cid)
        assert case is not None
        assert (case.company.agent_phone, case.company.legal_rep) == ("05942345678", "王某某")
        consent = next(c for c in consents(s, cid) if c.id == owner_consent.id)
        assert (consent.method.value, consent.note) == ("sms_reply", "短信截图在卷")
        assert sessions(s, cid)[0].attendees == "业主林某、物业公司代理人"
    with pytest.raises(PermissionDenied):  # a session is a mediator's record
        centre.run(fix.correct_session, cid, session_rows[0].id, "notes", "补记", "漏记", actor=clerk)
    _whole(db)


def test_a_co_owner_is_corrected_by_their_own_id(db: Database, centre: Centre) -> None:
    cid = centre.new_case()
    with centre.db.unit_of_work(centre.actor("clerk.yang")) as uow:
        case = uow.session.get(Case, cid)
        assert case is not None
        co = Owner(name="林某妻", phone="13859019999", created_at=uow.clock.now())
        uow.session.add(co)
        uow.flush()
        uow.session.add(CaseCoOwner(case_id=case.id, owner_id=co.id))
        co_id = co.id
        uow.commit()
    centre.run(
        fix.correct_owner,
        cid,
        "name",
        "林某之妻",
        "错字",
        actor=centre.actor("mediator.chen"),
        owner_id=co_id,
    )
    with db.read() as s:
        assert s.get(Owner, co_id).name == "林某之妻"  # type: ignore[union-attr]
        assert "correct:co_owner.name" in {e.kind for e in _events(db, cid)}


def test_the_agreement_is_corrected_before_signing_and_only_supplemented_after(
    db: Database, centre: Centre
) -> None:
    cid = centre.to(CaseStatus.AGREEMENT_REACHED)
    mediator = centre.actor("mediator.chen")
    centre.run(fix.correct_agreement, cid, "pay_place", "物业服务中心前台", "补充付款地点", actor=mediator)
    centre.run(agreement_sign, cid)
    with db.read() as s:
        signed = s.scalars(select(Agreement).where(Agreement.case_id == cid)).one()
        signed_text = (signed.pay_method, signed.pay_place, signed.total, signed.version)
        item_id = s.scalars(select(ClaimItem.id).where(ClaimItem.case_id == cid)).one()
    assert signed_text[1] == "物业服务中心前台"
    refusals = [
        lambda: centre.run(fix.correct_agreement, cid, "pay_method", "现金", "改口", actor=mediator),
        lambda: centre.run(fix.correct_claim_line, cid, item_id, "amount", "7000.00", "改", actor=mediator),
        lambda: centre.run(fix.correct_unit, cid, "area", "99.00", "改", actor=mediator),
        lambda: centre.run(fix.correct_owner, cid, "name", "林某某", "改", actor=centre.actor("judge.lin")),
    ]
    for attempt in refusals:
        with pytest.raises(WorkflowError, match=r"补充记录|supplementary"):
            attempt()
    # contact details stay correctable: the phone is not the signed text
    centre.run(fix.correct_owner, cid, "phone", "13959400002", "换号", actor=centre.actor("clerk.yang"))
    with pytest.raises(PermissionDenied):
        centre.run(
            fix.add_supplementary_record, cid, "owner.name", "业主姓名应为林某某", "笔误", actor=mediator
        )
    row = centre.run(
        fix.add_supplementary_record,
        cid,
        "owner.name",
        "业主姓名应为林某某",
        "笔误",
        actor=centre.actor("judge.lin"),
    )
    centre.run(
        fix.add_supplementary_record,
        cid,
        "",
        "付款账户另行书面确认",
        "补充",
        actor=centre.actor("supervisor.weng"),
    )
    assert row.subject_label == "业主姓名"
    with db.read() as s:
        records = fix.supplementary_records(s, cid)
        again = s.scalars(select(Agreement).where(Agreement.case_id == cid)).one()
        assert (again.pay_method, again.pay_place, again.total, again.version) == signed_text
        case = s.get(Case, cid)
        assert case is not None and case.owner.name == "林某1"  # the record itself is not rewritten
        lines = [e.description for e in case_timeline(s, cid).entries]
    assert [r.text for r in records] == ["业主姓名应为林某某", "付款账户另行书面确认"]
    assert any(line.startswith("签署协议的补充记录（业主姓名）") for line in lines), lines
    _whole(db)


def test_a_supplementary_record_needs_a_signed_agreement_and_a_reason(db: Database, centre: Centre) -> None:
    cid = centre.to(CaseStatus.AGREEMENT_REACHED)
    judge = centre.actor("judge.lin")
    with pytest.raises(WorkflowError):
        centre.run(fix.add_supplementary_record, cid, "", "补充", "原因", actor=judge)
    centre.run(agreement_sign, cid)
    with pytest.raises(ValidationError) as refused:
        centre.run(fix.add_supplementary_record, cid, "", "补充", "", actor=judge)
    assert refused.value.field == "reason"
    with db.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.kind == "supplement")) == 0
        )


def test_an_unrestricted_actor_and_an_unknown_field(db: Database, centre: Centre) -> None:
    cid = centre.new_case()
    with pytest.raises(ValidationError) as refused:
        centre.run(fix.correct_owner, cid, "sex", "女", "更正", actor=centre.actor("mediator.chen"))
    assert refused.value.field == "field"
    supervisor = centre.actor("supervisor.weng")
    with pytest.raises(PermissionDenied):
        centre.run(fix.correct_owner, cid, "phone", "13959400002", "更正", actor=supervisor)
    admin_account = Actor(centre.staff("admin"), "admin", centre.actor("clerk.yang").role.ADMIN)
    centre.run(fix.correct_owner, cid, "address", "荔景花园5幢001", "补全地址", actor=admin_account)
    with pytest.raises(PermissionDenied):
        centre.run(fix.correct_unit, cid, "room", "002", "更正", actor=admin_account)


def agreement_sign(uow: object, case_id: int) -> object:
    from mediation_app.services.agreement.terms import sign

    return sign(uow, case_id)  # type: ignore[arg-type]


_ = SessionMode
