"""The centre's own case (DOMAIN.md): owner 车某, keys on 2016-05-02, fees paid up to 2017-07, the
company's claim and the utilities bills it put into the WeChat group."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stdnum.cn import ric

from mediation_app.demo.places import CHE_ID_NUMBER_BIRTH
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseSource, ChargeKind, Track
from mediation_app.services.cases.intake import ClaimLine, CompanyForm, IntakeForm, OwnerForm, UnitForm
from mediation_app.storage.models import Case, UtilityBill
from mediation_app.storage.uow import Database, UnitOfWork


def centre_case_form(ids: dict[str, dict[str, int]]) -> IntakeForm:
    """The centre's own case (DOMAIN.md): owner 车某, keys on 2016-05-02, paid up to 2017-07."""
    body = f"350302{CHE_ID_NUMBER_BIRTH:%Y%m%d}031"
    che_id = body + ric.calc_check_digit(body + "0")
    return IntakeForm(
        owner=OwnerForm(
            name="车某",
            id_number=che_id,
            phone="13859012345",
            address="莆田市荔城区拱辰街道荔景花园3幢1502室",
            electronic_notice=True,
        ),
        company=CompanyForm(existing_id=ids["company"]["莆田市荔安物业服务有限公司"]),
        unit=UnitForm(
            community_id=ids["community"]["荔景花园"],
            building="3幢",
            room="1502",
            area="119.42",
            handover_date="2016-05-02",
            rate="2.80",
            rate_from="2016-05",
        ),
        claims=[
            ClaimLine(ChargeKind.UTILITIES, "公摊水电费", "2017-08-01", "2021-02-28", "2151.20"),
            ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "2017-08-01", "2021-03-09", "14474.72"),
            ClaimLine(ChargeKind.LATE_FEE, "违约金", "2017-08-01", "2021-03-09", "6917.68"),
        ],
        organization_id=ids["org"]["区调处中心"],
        source=CaseSource.WALK_IN,
        track=Track.PEOPLE,
        intake_date="2021-03-10",
        late_fee_daily_rate="0.0005",
        summary="业主自2016年5月2日收房，物业费缴至2017年7月，此后未再缴纳；物业公司主张公摊水电费、物业服务费及违约金。",
    )


def add_centre_case_fee_data(db: Database, case_id: int) -> None:
    """:func:`write_centre_case_fee_data` in a unit of work of its own."""
    with db.unit_of_work(SYSTEM) as uow:
        write_centre_case_fee_data(uow, case_id)


def write_centre_case_fee_data(uow: UnitOfWork, case_id: int) -> None:
    """The arrears list the company put into the WeChat group: monthly shared-utilities bills
    from 2017-08 to 2021-02 totalling 2,151.20 (nothing was paid after 2017-07)."""
    case = uow.session.get(Case, case_id)
    assert case is not None
    unit = case.unit
    month = dt.date(2017, 8, 1)
    amounts: list[Decimal] = []
    while month <= dt.date(2021, 2, 1):
        amounts.append(Decimal("50.00"))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    amounts[-1] += Decimal("2151.20") - sum(amounts)
    month = dt.date(2017, 8, 1)
    for amount in amounts:
        due = (month + dt.timedelta(days=32)).replace(day=15)
        unit.utility_bills.append(UtilityBill(period=f"{month:%Y-%m}", amount=amount, due=due))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    uow.audit("unit.fee_data", "unit", unit.id, None, {"utility_bills": len(amounts)})
    uow.commit()
