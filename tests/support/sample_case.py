"""The centre's own case (DOMAIN.md), as the data of every document, for the report tests.

Owner 车某 took the keys on 2016-05-02 and paid up to 2017-07. The company (莆田市荔安物业服务有限公司)
claimed shared utilities 2,151.20 up to 2021-02-28, service fees 14,474.72 up to 2021-03-09 and
late fees 6,917.68. The flat is the demo centre's: 119.42 m² at 2.80 yuan/m²/month (so the service
fee recomputes to 14,475.42, 0.70 above the claim); late fees at 0.05 % a day. In mediation the
company lowered the fee standard by 0.40 yuan/m² (worth 2,067.98 over the period) and waived the
late fees; the owner agreed to pay 12,406.74 + 2,151.20 = 14,557.94.

The figures here are built with plain Decimal arithmetic (the same rules as the calculator:
area × rate × days/days-in-month, half-up per line), so the statement's lines add up.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stdnum.cn import ric, uscc

from mediation_app.clock import CHINA
from mediation_app.documents.agreement import Instalment, PaymentTerms, SettlementAgreement
from mediation_app.documents.case_file import CaseFile, FiledDocument
from mediation_app.documents.closing import ClosingReport, TrackStep
from mediation_app.documents.confirmation import ConfirmationApplication, ServiceAddress
from mediation_app.documents.followup import FollowUpRecord, InstalmentStatus
from mediation_app.documents.intake import ClaimLine, IntakeRecord
from mediation_app.documents.monthly import Figures, MonthlyReport, StatsRow
from mediation_app.documents.notice import RightsNotice, civil_code
from mediation_app.documents.parties import Agent, Company, Organisation, Owner, Unit
from mediation_app.documents.session_record import Attendee, RecordEntry, SessionRecord
from mediation_app.documents.statement import (
    ArrearsStatement,
    FeeMonth,
    LateFeeBasis,
    RateFrom,
    UtilityBillLine,
)
from mediation_app.domain.enums import CaseSource, CaseStatus, ChargeKind, Remedy, Sex, Track
from mediation_app.fees.reconciliation import (
    Base,
    ConcessionTerm,
    Settlement,
    SettlementLine,
    SettlementTotals,
)
from mediation_app.services.documents.builders.agreement import agreement_clauses
from mediation_app.workflow.legal_basis import confirmation_law
from mediation_app.workflow.outcomes import SETTLED, Ending, Outcome

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
CASE_NUMBER = "荔物调〔2021〕0018号"
AGREEMENT_NUMBER = "荔物调协〔2021〕0018号"
AREA = Decimal("119.42")
RATE = Decimal("2.80")
REDUCTION = Decimal("0.40")
DAILY_RATE = Decimal("0.0005")
CLAIM_UTILITIES = Decimal("2151.20")
CLAIM_SERVICE = Decimal("14474.72")
CLAIM_LATE = Decimal("6917.68")
REDUCTION_WORTH = Decimal("2067.98")
AGREED_SERVICE = CLAIM_SERVICE - REDUCTION_WORTH  # 12,406.74
AGREED_TOTAL = AGREED_SERVICE + CLAIM_UTILITIES  # 14,557.94
INTAKE = dt.date(2021, 3, 10)
AGREEMENT_DATE = dt.date(2021, 3, 22)


def money(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _id_number() -> str:
    body = "35030219850618031"
    number = body + ric.calc_check_digit(body + "0")
    assert ric.is_valid(number)
    return number


def _credit_code() -> str:
    body = "91350304MA2XK8L5Q"
    code = body + uscc.calc_check_digit(body)
    assert uscc.is_valid(code)
    return code


ORGANISATION = Organisation(
    name="荔城区物业纠纷调处中心",
    address="莆田市荔城区镇海街道社区服务大厅一楼",
    phone="0594-2288110",
)
OWNER = Owner(
    name="车某",
    sex=Sex.MALE,
    birth_date=dt.date(1985, 6, 18),
    id_number=_id_number(),
    address="福建省莆田市荔城区拱辰街道荔景花园3幢1502室",
    phone="13859012345",
    ethnicity="汉族",
)
COMPANY = Company(
    name="莆田市荔安物业服务有限公司",
    domicile="福建省莆田市荔城区拱辰街道荔园路88号",
    credit_code=_credit_code(),
    legal_representative="林某某",
    legal_representative_title="总经理",
    phone="0594-2690088",
    agent=Agent(name="郑某", capacity="该公司荔景花园项目经理", phone="13905941234"),
)
UNIT = Unit(
    community="荔景花园",
    building="3幢",
    room="1502",
    address="福建省莆田市荔城区拱辰街道荔景花园3幢1502室",
    area=AREA,
    handover_date=dt.date(2016, 5, 2),
)


def service_fee_months() -> list[tuple[dt.date, int, int, Decimal]]:
    """(first day, days charged, days in month, amount) from 2017-08-01 to 2021-03-09."""
    lines = []
    month = dt.date(2017, 8, 1)
    end = dt.date(2021, 3, 9)
    while month <= end:
        days_in = calendar.monthrange(month.year, month.month)[1]
        last = min(end, month.replace(day=days_in))
        days = (last - month).days + 1
        lines.append((month, days, days_in, money(AREA * RATE * days / days_in)))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return lines


def agreement(*, instalments: bool = False) -> SettlementAgreement:
    """The agreement of the centre's case; with ``instalments`` the total is paid in three parts."""
    plan: tuple[Instalment, ...] = ()
    deadline: dt.date | None = dt.date(2021, 3, 31)
    if instalments:
        plan = (
            Instalment(1, dt.date(2021, 3, 31), Decimal("5000.00")),
            Instalment(2, dt.date(2021, 4, 30), Decimal("5000.00")),
            Instalment(3, dt.date(2021, 5, 31), AGREED_TOTAL - Decimal("10000.00")),
        )
        deadline = None
    payment = PaymentTerms(
        method="银行转账",
        place="乙方指定的收款账户",
        account="莆田市荔安物业服务有限公司，开户行：中国农业银行莆田荔城支行，账号：1358\u00a00101\u00a00400\u00a012345",
        deadline=deadline,
        instalments=plan,
    )
    agreed = settlement()
    return SettlementAgreement(
        number=AGREEMENT_NUMBER,
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        owners=(OWNER,),
        company=COMPANY,
        unit=UNIT,
        facts=(
            "甲方的物业服务费缴至2017年7月，此后未再缴纳。乙方多次催缴未果，"
            "于2021年3月10日向本中心申请调解，主张甲方支付拖欠的公摊水电费、物业服务费及违约金。",
            "经双方同意，本中心于同日启动诉前调解，向双方发送了援引《中华人民共和国民法典》物业服务合同"
            "相关规定的温馨短信提醒，并由特邀调解员建立微信群开展线上调解。乙方在群内提交了欠费清单及"
            "收费明细，甲方逐项核对后予以确认。",
        ),
        claim="乙方主张甲方支付2017年8月1日至2021年2月28日的公摊水电费2,151.20元、2017年8月1日至2021年3月9日的"
        "物业服务费14,474.72元、违约金6,917.68元，合计人民币贰万叁仟伍佰肆拾叁元陆角整（¥23,543.60）。",
        matters_in_dispute=(
            "甲方应否支付2017年8月至2021年3月的物业服务费及公摊水电费",
            "违约金的计算标准是否过高",
            "物业服务收费标准能否酌情下调",
        ),
        responsibility="甲方作为房屋业主，自2017年8月1日起未按物业服务合同约定缴纳物业服务费等费用，应当承担支付所欠费用的责任。"
        "乙方主张的违约金经核对部分不予支持，乙方应当依据收费记录主张权利。",
        settlement=agreed,
        clauses=agreement_clauses(
            agreed,
            payment,
            ("乙方应继续按照物业服务合同的约定为甲方提供物业服务，甲方应按时缴纳此后的物业服务费。",),
            3,
            2,
            ORGANISATION.name,
            remedy=Remedy.ACCELERATION if instalments else Remedy.REVIVAL,
            law=confirmation_law(Track.PEOPLE, AGREEMENT_DATE),
        ),
        payment=payment,
        copies=3,
        mediators=("陈某",),
        recorder="杨某某",
        place="荔城区物业纠纷调处中心（线上调解，微信群）",
        date=AGREEMENT_DATE,
    )


RECOMPUTED_SERVICE = Decimal("14475.42")  # 119.42 m² × 2.80 a month, 2017-08-01 to 2021-03-09


def recomputed_late_fee(as_of: dt.date = dt.date(2021, 3, 9)) -> Decimal:
    """万分之五 a day on each month's fee, from its due day up to ``as_of`` (as the statement shows)."""
    return sum(
        (
            money(amount * DAILY_RATE * max((as_of - first).days, 0))
            for first, _d, _n, amount in service_fee_months()
        ),
        Decimal("0.00"),
    )


def settlement() -> Settlement:
    """The centre's case settled as its agreement says, worked out by hand: each item on the lower
    of the claimed and the recomputed figure, the fee standard lowered by 0.40, the late fee waived."""
    late = recomputed_late_fee()
    lines = (
        SettlementLine(
            "1",
            ChargeKind.UTILITIES,
            "公摊水电费",
            dt.date(2017, 8, 1),
            dt.date(2021, 2, 28),
            CLAIM_UTILITIES,
            CLAIM_UTILITIES,
            Base.CLAIMED,
            ZERO,
            CLAIM_UTILITIES,
            ("按账单重算：¥2,151.20。",),
            "以主张金额为准，与重算金额一致。",
            (),
        ),
        SettlementLine(
            "2",
            ChargeKind.SERVICE_FEE,
            "物业服务费",
            dt.date(2017, 8, 1),
            dt.date(2021, 3, 9),
            CLAIM_SERVICE,
            RECOMPUTED_SERVICE,
            Base.CLAIMED,
            REDUCTION_WORTH,
            AGREED_SERVICE,
            ("按建筑面积119.42平方米×每平方米每月2.80元逐月重算：¥14,475.42。",),
            "主张金额低于重算金额，以主张金额为准。",
            ("收费标准每平方米每月下调0.40元：减少¥2,067.98。",),
        ),
        SettlementLine(
            "3",
            ChargeKind.LATE_FEE,
            "违约金",
            dt.date(2017, 8, 1),
            dt.date(2021, 3, 9),
            CLAIM_LATE,
            late,
            Base.RECOMPUTED,
            late,
            ZERO,
            (f"按约定日万分之五重算至2021年3月9日：¥{late:,}。",),
            "重算金额低于主张金额，以重算金额为准。",
            (f"违约金全部免除：¥{late:,}。",),
        ),
    )
    total = SettlementTotals(
        claimed=CLAIM_UTILITIES + CLAIM_SERVICE + CLAIM_LATE,
        recomputed=CLAIM_UTILITIES + RECOMPUTED_SERVICE + late,
        adjustment=CLAIM_LATE - late,
        concession=REDUCTION_WORTH + late,
        payable=AGREED_TOTAL,
    )
    return Settlement(
        dt.date(2021, 3, 9),
        lines,
        total,
        "人民币壹万肆仟伍佰伍拾柒元玖角肆分",
        (
            ConcessionTerm(
                "乙方同意将甲方2017年8月1日至2021年3月9日期间的物业服务收费标准由每平方米每月2.80元"
                "下调为2.40元，物业服务费相应减少¥2,067.98。",
                REDUCTION_WORTH,
            ),
            ConcessionTerm(f"乙方自愿放弃主张违约金¥{late:,}。", late),
        ),
    )


def intake() -> IntakeRecord:
    """The intake form of 2021-03-10: the company applied at the window."""
    return IntakeRecord(
        case_number=CASE_NUMBER,
        intake_date=INTAKE,
        source=CaseSource.WALK_IN,
        source_detail="",
        organisation=ORGANISATION,
        track=Track.PEOPLE,
        applicant_is_company=True,
        owners=(OWNER,),
        company=COMPANY,
        unit=UNIT,
        fee_standard=RATE,
        claims=(
            ClaimLine(
                ChargeKind.UTILITIES, "公摊水电费", dt.date(2017, 8, 1), dt.date(2021, 2, 28), CLAIM_UTILITIES
            ),
            ClaimLine(
                ChargeKind.SERVICE_FEE, "物业服务费", dt.date(2017, 8, 1), dt.date(2021, 3, 9), CLAIM_SERVICE
            ),
            ClaimLine(ChargeKind.LATE_FEE, "违约金", dt.date(2017, 8, 1), dt.date(2021, 3, 9), CLAIM_LATE),
        ),
        request="请求业主支付拖欠的公摊水电费、物业服务费及违约金共计人民币23,543.60元。",
        summary="业主自2016年5月2日收房，物业服务费缴至2017年7月，此后未再缴纳；物业公司多次催缴未果。"
        "业主称曾因房屋漏水问题与物业公司沟通未果，对违约金计算标准有异议。",
        owner_consent=INTAKE,
        company_consent=INTAKE,
        electronic_service=True,
        received_by="杨某某",
        assigned_to="陈某（特邀调解员）",
        remarks="已发送温馨短信提醒；建立微信群开展线上调解。",
    )


def notice() -> RightsNotice:
    """The notice sent to both parties when pre-litigation mediation started."""
    return RightsNotice(
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        addressees=(OWNER.name, COMPANY.name),
        mediation_days=30,
        court="福建省莆田市荔城区人民法院",
        articles=civil_code(),
        date=INTAKE,
    )


def utility_bills() -> list[tuple[dt.date, Decimal]]:
    """The demo centre's bills: 50.00 a month from 2017-08 to 2021-02, the last one making up the
    claimed 2,151.20; each due on the 15th of the next month."""
    months = []
    month = dt.date(2017, 8, 1)
    while month <= dt.date(2021, 2, 1):
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    amounts = [Decimal("50.00")] * len(months)
    amounts[-1] += CLAIM_UTILITIES - sum(amounts)
    return list(zip(months, amounts, strict=True))


def _barred(due: dt.date) -> bool:
    """More than three years from the due date to the claim (no interruption recorded)."""
    return due.replace(year=due.year + 3) < INTAKE


def statement(*, as_of: dt.date = dt.date(2021, 3, 9)) -> ArrearsStatement:
    """The statement the mediator printed: lines recomputed at 2.80 yuan/m²/month, late fees at
    0.05 % a day on the service fee, the company's claim beside it. (The yardstick here uses a
    flat 1.3 × 4.35 % a year, the benchmark rate of 2017-2019, as a sample figure.)"""
    fees = []
    for first, days, days_in, amount in service_fee_months():
        late_days = max((as_of - first).days, 0)
        fees.append(
            FeeMonth(
                month=f"{first:%Y-%m}",
                days=days,
                days_in_month=days_in,
                rate=RATE,
                amount=amount,
                due=first,
                outstanding=amount,
                late_fee=money(amount * DAILY_RATE * late_days),
                time_barred=_barred(first),
            )
        )
    bills = []
    for month, amount in utility_bills():
        due = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=15)
        bills.append(UtilityBillLine(f"{month:%Y-%m}", amount, due, amount, Decimal("0.00"), _barred(due)))
    principal = sum((f.outstanding for f in fees), Decimal(0)) + sum(
        (b.outstanding for b in bills), Decimal(0)
    )
    late = sum((f.late_fee for f in fees), Decimal(0))
    yardstick = money(
        sum((f.amount * max((as_of - f.due).days, 0) for f in fees), Decimal(0))
        * Decimal("0.0435")
        * Decimal("1.3")
        / 365
    )
    return ArrearsStatement(
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        owners=(OWNER.name,),
        company=COMPANY.name,
        unit=UNIT,
        as_of=as_of,
        rates=(RateFrom("2016-05", RATE),),
        service_fees=tuple(fees),
        utilities=tuple(bills),
        payments=(),
        late_fee_basis=LateFeeBasis(DAILY_RATE, 0, (ChargeKind.SERVICE_FEE,)),
        late_fee_computed=late,
        late_fee_cap=None,
        late_fee_total=late,
        yardstick=yardstick,
        limitation_date=INTAKE,
        time_barred_principal=sum((f.outstanding for f in fees if f.time_barred), Decimal(0))
        + sum((b.outstanding for b in bills if b.time_barred), Decimal(0)),
        principal_outstanding=principal,
        credit=Decimal("0.00"),
        settlement=settlement(),
        prepared_by="陈某",
        date=dt.date(2021, 3, 15),
        notes=("物业公司主张的物业服务费比重新核算金额少0.70元，调解协议按物业公司主张的金额计算。",),
    )


def session_record() -> SessionRecord:
    """The WeChat-group session of 2021-03-15 in which the parties settled."""
    return SessionRecord(
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        number=1,
        start=dt.datetime(2021, 3, 15, 9, 30, tzinfo=CHINA),
        end=dt.datetime(2021, 3, 15, 11, 10, tzinfo=CHINA),
        place="微信群“荔景花园3幢1502室物业费调解”",
        mode="线上调解（微信群）",
        mediators=("陈某",),
        recorder="杨某某",
        attendees=(
            Attendee(OWNER.name, "业主"),
            Attendee("郑某", "物业公司委托代理人"),
            Attendee("陈某", "特邀调解员"),
        ),
        entries=(
            RecordEntry(
                "调解员",
                "今天在群里就荔景花园3幢1502室物业费一事进行调解。调解员已向双方发送《诉前调解告知书》，"
                "双方是否清楚自己的权利义务，是否同意调解？",
            ),
            RecordEntry("车某", "清楚，同意调解。"),
            RecordEntry("郑某", "清楚，同意调解。欠费清单和收费明细已经发到群里，请业主核对。"),
            RecordEntry(
                "车某",
                "清单我逐项核对过了，公摊水电费没有异议。物业费我认可，但房子一直空着，"
                "违约金太高，希望能减免。",
            ),
            RecordEntry(
                "调解员",
                "根据《民法典》第九百四十四条，物业公司已经按约提供服务的，业主不能以房屋空置为由"
                "拒绝交费；但违约金按日万分之五计算，年化达18.25%，明显偏高，人民法院可能予以调减。"
                "请物业公司考虑适当让步。",
            ),
            RecordEntry(
                "郑某",
                "公司同意免除全部违约金，并将收费标准每平方米每月下调0.40元，前提是业主在本月底前一次付清。",
            ),
            RecordEntry("车某", "可以接受，我在3月31日前一次性付清。"),
        ),
        outcome="双方同意：乙方将收费标准每平方米每月下调0.40元并免除违约金；甲方于2021年3月31日前一次性支付"
        "物业服务费12,406.74元、公摊水电费2,151.20元，共计14,557.94元。",
        next_step="调解员起草调解协议书，双方于2021年3月22日到中心签字。",
    )


def confirmation() -> ConfirmationApplication:
    agreed = agreement()
    return ConfirmationApplication(
        case_number=CASE_NUMBER,
        court="福建省莆田市荔城区人民法院",
        owners=(OWNER,),
        company=COMPANY,
        organisation=ORGANISATION,
        agreement_number=AGREEMENT_NUMBER,
        agreement_date=AGREEMENT_DATE,
        facts="申请人车某系荔景花园3幢1502室业主，申请人莆田市荔安物业服务有限公司为该小区物业服务人。"
        "因车某自2017年8月起未缴纳物业服务费及公摊水电费，双方发生纠纷。2021年3月10日，经双方同意，"
        "荔城区物业纠纷调处中心进行诉前调解，双方于2021年3月22日自愿达成调解协议。",
        terms=agreed.clauses,
        settlement=agreed.settlement,
        instalments=agreed.payment.instalments,
        parties_named="协议中的甲方即申请人车某，乙方即申请人莆田市荔安物业服务有限公司。",
        law=confirmation_law(Track.PEOPLE, dt.date(2021, 3, 23)).citation(),
        service_addresses=(
            ServiceAddress(OWNER.name, OWNER.address, OWNER.phone, True),
            ServiceAddress(COMPANY.name, COMPANY.domicile, COMPANY.phone, True),
        ),
        attachments=(
            "调解协议书（荔物调协〔2021〕0018号）一份",
            "申请人车某居民身份证复印件一份",
            "莆田市荔安物业服务有限公司营业执照复印件、法定代表人身份证明书各一份",
            "授权委托书及委托代理人身份证复印件一份",
            "物业服务合同、欠费明细表各一份",
        ),
        date=dt.date(2021, 3, 23),
    )


def followup() -> FollowUpRecord:
    """The follow-up of the instalment variant, halfway through."""
    return FollowUpRecord(
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        agreement_number=AGREEMENT_NUMBER,
        visit_date=dt.date(2021, 5, 10),
        method="电话回访",
        visitor="陈某",
        contacted=("业主车某", "物业公司郑某"),
        schedule=(
            InstalmentStatus(
                1, dt.date(2021, 3, 31), Decimal("5000.00"), Decimal("5000.00"), dt.date(2021, 3, 30)
            ),
            InstalmentStatus(
                2, dt.date(2021, 4, 30), Decimal("5000.00"), Decimal("5000.00"), dt.date(2021, 5, 6)
            ),
            InstalmentStatus(
                3, dt.date(2021, 5, 31), AGREED_TOTAL - Decimal("10000.00"), Decimal("0.00"), None
            ),
        ),
        performance="业主已按期支付第一期款项，第二期款项逾期6日后付清；第三期尚未到期。",
        owner_feedback="对调解结果满意，将按期支付第三期款项。",
        company_feedback="确认已收到两期款项共计10,000.00元，物业服务照常提供。",
        satisfaction="满意",
        next_visit=dt.date(2021, 6, 2),
    )


def closing() -> ClosingReport:
    return ClosingReport(
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        owners=(OWNER.name,),
        company=COMPANY.name,
        unit_address=UNIT.address,
        intake_date=INTAKE,
        closing_date=dt.date(2021, 3, 31),
        ending=Ending(Outcome.PERFORMED),
        course=(TrackStep(INTAKE, Track.PEOPLE, ORGANISATION.name, "来访申请，双方同意诉前调解"),),
        sessions=1,
        claimed=CLAIM_UTILITIES + CLAIM_SERVICE + CLAIM_LATE,
        agreed=AGREED_TOTAL,
        paid=AGREED_TOTAL,
        agreement_number=AGREEMENT_NUMBER,
        summary=(
            "本案为物业服务合同纠纷。中心受理后即发送温馨短信提醒，引用《民法典》物业服务合同相关规定释法说理；"
            "特邀调解员建立微信群开展线上调解，物业公司在群内提交欠费清单及收费明细，业主逐项核对确认。",
            "经调解，物业公司将收费标准每平方米每月下调0.40元并免除违约金，业主于2021年3月30日一次性付清"
            "14,557.94元。双方当事人无需往返奔波，纠纷得到实质化解，协议已履行完毕，予以结案。",
        ),
        mediator="陈某",
        reviewer="林振华",
        date=dt.date(2021, 3, 31),
    )


def _filed(*documents: tuple[str, str, Any]) -> tuple[FiledDocument, ...]:
    def day(data: Any) -> dt.date:
        for name in ("date", "intake_date", "visit_date"):
            if hasattr(data, name):
                return getattr(data, name)  # type: ignore[no-any-return]
        return data.start.date()  # type: ignore[no-any-return]

    return tuple(FiledDocument(kind, title, day(data), data) for kind, title, data in documents)


def case_file() -> CaseFile:
    """The whole file of the centre's case, everything in it (the instalment follow-up stands in
    for a follow-up visit)."""
    return CaseFile(
        case_number=CASE_NUMBER,
        organisation=ORGANISATION,
        cause="物业服务合同纠纷",
        parties=(OWNER.name, COMPANY.name),
        intake_date=INTAKE,
        closing_date=dt.date(2021, 3, 31),
        outcome=CaseStatus.PERFORMED,
        mediators=("陈某",),
        keeper="杨某某",
        checker="林振华",
        retention="长期",
        date=dt.date(2021, 4, 6),
        sections=_filed(
            ("intake", "受理登记表", intake()),
            ("notice", "诉前调解告知书", notice()),
            ("statement", "欠费明细表", statement()),
            ("record.1", "调解记录（第1次）", session_record()),
            ("agreement", "调解协议书", agreement()),
            ("confirmation", "司法确认申请书", confirmation()),
            ("followup.1", "回访记录（第1次）", followup()),
            ("closing", "结案报告", closing()),
        ),
        remarks="业主已于2021年3月30日一次性履行完毕。",
        ending=Ending(Outcome.PERFORMED),
    )


MONTHLY_ORGANISATIONS = (
    ("荔城区物业纠纷调处中心", "区级"),
    ("拱辰街道分中心", "镇街"),
    ("镇海街道分中心", "镇街"),
    ("西天尾镇分中心", "镇街"),
    ("黄石镇分中心", "镇街"),
    ("新度镇分中心", "镇街"),
    ("北高镇分中心", "镇街"),
    ("步云社区工作站", "村居"),
    ("英龙社区工作站", "村居"),
    ("文献社区工作站", "村居"),
)
MONTHLY_COMPANIES = (
    "莆田市荔安物业服务有限公司",
    "福建恒顺物业管理有限公司",
    "莆田市嘉禾物业服务有限公司",
    "莆田市锦华物业服务有限公司",
)
MONTHLY_TRACKS = (("人民调解", 6), ("行业调解", 2), ("司法调解", 2), ("行政调解", 1))


def _aggregate(name: str, cases: list[dict[str, Any]]) -> StatsRow:
    figures = Figures()
    for case in cases:
        outcome: Outcome | None = case["outcome"]
        settled = outcome in SETTLED
        figures += Figures(
            received=int(case["received"]),
            claimed=case["claimed"] if case["received"] else Decimal("0.00"),
            days_to_close=case["days"] if outcome is not None else 0,
            agreed=case["agreed"] if settled else Decimal("0.00"),
            paid=case["paid"] if settled else Decimal("0.00"),
            paying=int(case["collected"] > 0),
            collected=case["collected"],
            **({outcome.value: 1} if outcome is not None else {}),
        )
    return StatsRow(name, figures)


_OUTCOME_WEIGHTS = (
    (Outcome.PERFORMED, 60),
    (Outcome.NOT_PERFORMED, 8),
    (Outcome.CONFIRMATION_REJECTED, 3),
    (Outcome.FAILED, 15),
    (Outcome.WITHDRAWN, 8),
    (Outcome.NOT_ACCEPTED, 6),
)


def monthly() -> MonthlyReport:
    """March 2021 in the district: ~130 synthetic cases (fixed seed), aggregated every way."""
    rng = random.Random(2021_03)
    cases: list[dict[str, Any]] = []
    tracks = [name for name, weight in MONTHLY_TRACKS for _ in range(weight)]
    for _index in range(130):
        organisation, level = rng.choice(
            MONTHLY_ORGANISATIONS[:1] * 4 + MONTHLY_ORGANISATIONS[1:7] * 2 + MONTHLY_ORGANISATIONS[7:]
        )
        received = rng.random() < 0.85
        outcome = (
            rng.choices([o for o, _w in _OUTCOME_WEIGHTS], [w for _o, w in _OUTCOME_WEIGHTS])[0]
            if rng.random() < 0.7
            else None
        )
        claimed = money(Decimal(rng.randint(150_000, 3_000_000)) / 100)
        agreed = money(claimed * Decimal(rng.randint(60, 95)) / 100)
        paid = agreed if outcome is Outcome.PERFORMED else money(agreed * Decimal(rng.randint(0, 90)) / 100)
        cases.append(
            {
                "organisation": organisation,
                "level": level,
                "track": rng.choice(tracks),
                "company": rng.choice(MONTHLY_COMPANIES),
                "received": received,
                "day": rng.randint(1, 31),
                "outcome": outcome,
                "days": rng.randint(3, 45),
                "claimed": claimed,
                "agreed": agreed,
                "paid": paid,
                "collected": money(paid / 2) if rng.random() < 0.5 else Decimal("0.00"),
            }
        )

    def by(key: str, names: list[str]) -> tuple[StatsRow, ...]:
        return tuple(_aggregate(name, [case for case in cases if case[key] == name]) for name in names)

    daily = [0] * 31
    for case in cases:
        if case["received"]:
            daily[case["day"] - 1] += 1
    return MonthlyReport(
        district="荔城区",
        organisation=ORGANISATION,
        year=2021,
        month=3,
        total=_aggregate("合计", cases),
        by_level=by("level", ["区级", "镇街", "村居"]),
        by_track=by("track", [name for name, _weight in MONTHLY_TRACKS]),
        by_organisation=by("organisation", [name for name, _level in MONTHLY_ORGANISATIONS]),
        by_company=by("company", list(MONTHLY_COMPANIES)),
        daily_received=tuple(daily),
        previous=StatsRow(
            "上月",
            Figures(
                received=96,
                claimed=Decimal("1520331.25"),
                performed=61,
                not_performed=10,
                failed=12,
                withdrawn=3,
                not_accepted=2,
                days_to_close=1707,
                agreed=Decimal("1180442.10"),
                paid=Decimal("1012300.00"),
                paying=58,
                collected=Decimal("903100.00"),
            ),
        ),
        prepared_by="杨某某",
        date=dt.date(2021, 4, 2),
    )
