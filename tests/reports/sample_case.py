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
from decimal import ROUND_HALF_UP, Decimal

from stdnum.cn import ric, uscc

from mediation_app.documents.agreement import (
    AmountItem,
    Concession,
    Instalment,
    PaymentTerms,
    SettlementAgreement,
)
from mediation_app.documents.parties import Agent, Company, Organisation, Owner, Unit
from mediation_app.domain.enums import Sex

FEN = Decimal("0.01")
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
        matters_in_dispute=(
            "甲方应否支付2017年8月至2021年3月的物业服务费及公摊水电费",
            "违约金的计算标准是否过高",
            "物业服务收费标准能否酌情下调",
        ),
        claimed=(
            AmountItem("2017年8月1日至2021年2月28日的公摊水电费", CLAIM_UTILITIES),
            AmountItem("2017年8月1日至2021年3月9日的物业服务费", CLAIM_SERVICE),
            AmountItem("违约金", CLAIM_LATE),
        ),
        agreed_items=(
            AmountItem("2017年8月1日至2021年3月9日的物业服务费", AGREED_SERVICE),
            AmountItem("2017年8月1日至2021年2月28日的公摊水电费", CLAIM_UTILITIES),
        ),
        total=AGREED_TOTAL,
        concessions=(
            Concession(
                "乙方同意将甲方2017年8月1日至2021年3月9日期间的物业服务收费标准由每平方米每月2.80元"
                "下调0.40元，按每平方米每月2.40元计收，物业服务费相应减少人民币贰仟零陆拾柒元玖角捌分"
                "（¥2,067.98）。",
                REDUCTION_WORTH,
            ),
            Concession("乙方自愿放弃主张违约金人民币陆仟玖佰壹拾柒元陆角捌分（¥6,917.68）。", CLAIM_LATE),
        ),
        payment=PaymentTerms(
            method="银行转账",
            place="乙方指定的收款账户",
            account="莆田市荔安物业服务有限公司，开户行：中国农业银行莆田荔城支行，账号：1358\u00a00101\u00a00400\u00a012345",
            deadline=deadline,
            instalments=plan,
        ),
        settled_through=dt.date(2021, 3, 9),
        acceleration=True,
        other_terms=("乙方应继续按照物业服务合同的约定为甲方提供物业服务，甲方应按时缴纳此后的物业服务费。",),
        copies=3,
        mediators=("陈某",),
        recorder="杨某某",
        place="荔城区物业纠纷调处中心（线上调解，微信群）",
        date=AGREEMENT_DATE,
    )
