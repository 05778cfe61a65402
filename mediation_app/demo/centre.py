"""The demo centre: Licheng district's mediation centre, its six town sub-centres, community
workstations, property companies, communities and about 300 cases over the last three years,
including the centre's own case of owner 车某 (see DOMAIN.md)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from mediation_app.demo import identities
from mediation_app.demo.progress import play
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseSource, ChargeKind, Level, OrgKind, Role, Track
from mediation_app.security.passwords import hash_password
from mediation_app.services.accounts import SIGN_IN_REQUIRED
from mediation_app.services.cases.intake import ClaimLine, CompanyForm, IntakeForm, OwnerForm, UnitForm
from mediation_app.storage.models import Case, Community, Company, Organization, Setting, Staff, UtilityBill
from mediation_app.storage.uow import Database

COURT = "福建省莆田市荔城区人民法院"
DISTRICT_CENTRE = "荔城区物业纠纷调处中心"
TOWNS = ("拱辰街道", "镇海街道", "西天尾镇", "黄石镇", "新度镇", "北高镇")
WORKSTATIONS = {
    "拱辰街道": ("步云社区", "英龙社区"),
    "镇海街道": ("文献社区", "梅峰社区"),
    "西天尾镇": ("后卓村",),
    "黄石镇": ("清前村",),
    "新度镇": ("蒲坂村",),
    "北高镇": ("埕头村",),
}
COMPANIES = (
    ("莆田市荔安物业服务有限公司", "莆田市荔城区拱辰街道荔园路88号", "林某某"),
    ("福建恒顺物业管理有限公司", "莆田市荔城区镇海街道文献东路199号", "黄某"),
    ("莆田市嘉禾物业服务有限公司", "莆田市荔城区西天尾镇龙山路12号", "郑某某"),
    ("莆田市锦华物业服务有限公司", "莆田市荔城区黄石镇东园路6号", "吴某"),
)
COMMUNITIES = (
    ("荔景花园", "拱辰街道", 0),
    ("凤凰山庄", "拱辰街道", 1),
    ("紫荆苑", "镇海街道", 0),
    ("万兴城", "镇海街道", 1),
    ("海棠湾", "西天尾镇", 2),
    ("锦绣华庭", "西天尾镇", 3),
    ("龙桥新村", "黄石镇", 3),
    ("兰亭雅苑", "新度镇", 2),
    ("东岩御景", "北高镇", 0),
    ("镇海名都", "镇海街道", 1),
)
STAFF: tuple[tuple[str, str, Role, str | None], ...] = (
    ("judge.lin", "林法官", Role.JUDGE, None),
    ("judge.zheng", "郑法官", Role.JUDGE, None),
    ("mediator.chen", "陈调解员", Role.MEDIATOR, None),
    ("mediator.huang", "黄调解员", Role.MEDIATOR, None),
    ("mediator.wu", "吴调解员", Role.MEDIATOR, "拱辰街道"),
    ("mediator.xu", "许调解员", Role.MEDIATOR, "镇海街道"),
    ("mediator.cai", "蔡调解员", Role.MEDIATOR, "西天尾镇"),
    ("mediator.fang", "方调解员", Role.MEDIATOR, "黄石镇"),
    ("clerk.yang", "杨某某", Role.CLERK, None),
    ("clerk.zhu", "朱某", Role.CLERK, None),
    ("supervisor.weng", "翁某某", Role.SUPERVISOR, None),
    ("admin", "系统管理员", Role.ADMIN, None),
)
CHE_ID_NUMBER_BIRTH = dt.date(1985, 6, 18)
# Every demo account signs in with this password once sign-in is turned on (Settings); the demo
# itself starts as a single seat without sign-in, so `make run` opens straight onto the cases.
DEMO_PASSWORD = "demo-2026"


@dataclass(frozen=True)
class DemoSummary:
    organizations: int
    staff: int
    companies: int
    communities: int
    cases: int


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return not session.scalar(select(func.count()).select_from(Organization))


def build_demo(
    db: Database,
    *,
    cases: int = 300,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo centre. ``progress(done, total)`` is told per case."""
    rng = random.Random(seed)
    today = db.clock.today()
    ids = _organisations_staff_companies(db, rng)
    centre_form = _centre_case_form(ids)
    forms = [centre_form]
    forms += [_random_case_form(rng, ids, today) for _ in range(cases - 1)]
    forms.sort(key=lambda form: form.intake_date)
    # Intake and every later step of each case, in time order, through the real services.
    play(db, ids, forms, centre_form=centre_form, seed=seed, progress=progress)
    with db.read() as session:
        return DemoSummary(
            organizations=session.scalar(select(func.count()).select_from(Organization)) or 0,
            staff=session.scalar(select(func.count()).select_from(Staff)) or 0,
            companies=session.scalar(select(func.count()).select_from(Company)) or 0,
            communities=session.scalar(select(func.count()).select_from(Community)) or 0,
            cases=session.scalar(select(func.count()).select_from(Case)) or 0,
        )


def _organisations_staff_companies(db: Database, rng: random.Random) -> dict[str, dict[str, int]]:
    ids: dict[str, dict[str, int]] = {"org": {}, "staff": {}, "company": {}, "community": {}}
    with db.unit_of_work(SYSTEM) as uow:
        s = uow.session
        now = uow.clock.now()
        all_tracks = ",".join(t.value for t in Track)

        def org(
            name: str, short: str, level: Level, kind: OrgKind, tracks: str, parent: Organization | None
        ) -> Organization:
            record = Organization(
                name=name,
                short_name=short,
                level=level.value,
                kind=kind.value,
                tracks=tracks,
                parent=parent,
                court_name=COURT,
                address=f"莆田市荔城区{short}",
            )
            s.add(record)
            ids["org"][short] = 0
            return record

        centre = org(DISTRICT_CENTRE, "区调处中心", Level.DISTRICT, OrgKind.CENTRE, all_tracks, None)
        centre.address = "莆田市荔城区镇海街道社区服务大厅一楼"
        centre.phone = "0594-2288110"
        court = org(COURT, "荔城法院", Level.DISTRICT, OrgKind.COURT, Track.JUDICIAL.value, None)
        court.address = "莆田市荔城区镇海街道荔城中大道"
        org(
            "荔城区住房和城乡建设局",
            "区住建局",
            Level.DISTRICT,
            OrgKind.GOVERNMENT,
            Track.ADMINISTRATIVE.value,
            None,
        )
        org(
            "荔城区物业管理行业协会",
            "区物业协会",
            Level.DISTRICT,
            OrgKind.INDUSTRY_ASSOCIATION,
            Track.INDUSTRY.value,
            None,
        )
        org(
            "荔城区物业纠纷人民调解委员会",
            "区物业人调委",
            Level.DISTRICT,
            OrgKind.MEDIATION_COMMITTEE,
            Track.PEOPLE.value,
            centre,
        )
        for town in TOWNS:
            sub = org(
                f"{town}物业纠纷调处分中心",
                f"{town}分中心",
                Level.TOWN,
                OrgKind.CENTRE,
                f"{Track.PEOPLE.value},{Track.ADMINISTRATIVE.value}",
                centre,
            )
            for place in WORKSTATIONS[town]:
                org(
                    f"{town}{place}物业纠纷调解工作站",
                    f"{place}工作站",
                    Level.COMMUNITY,
                    OrgKind.MEDIATION_COMMITTEE,
                    Track.PEOPLE.value,
                    sub,
                )
        s.flush()
        by_short = {o.short_name: o for o in s.scalars(select(Organization))}
        ids["org"] = {short: o.id for short, o in by_short.items()}
        demo_hash = hash_password(DEMO_PASSWORD)
        for username, name, role, home_town in STAFF:
            home = by_short[f"{home_town}分中心"] if home_town else (court if role == Role.JUDGE else centre)
            staff = Staff(
                username=username,
                name=name,
                role=role.value,
                organization_id=home.id,
                phone=identities.mobile(rng),
                password_hash=demo_hash,
                created_at=now,
            )
            s.add(staff)
        if db.is_sqlite:
            s.add(Setting(key=SIGN_IN_REQUIRED, value="0"))
        for name, domicile, legal_rep in COMPANIES:
            s.add(
                Company(
                    name=name,
                    credit_code=identities.credit_code(rng),
                    domicile=domicile,
                    legal_rep=legal_rep,
                    agent_name=identities.person_name(rng),
                    agent_phone=identities.mobile(rng),
                    phone=f"0594-{rng.randint(2200000, 2699999)}",
                    created_at=now,
                )
            )
        s.flush()
        companies = list(s.scalars(select(Company).order_by(Company.id)))
        for name, town, company_index in COMMUNITIES:
            s.add(
                Community(
                    name=name,
                    address=f"莆田市荔城区{town}{name}",
                    organization_id=by_short[f"{town}分中心"].id,
                    company_id=companies[company_index].id,
                )
            )
        s.flush()
        ids["staff"] = {st.username: st.id for st in s.scalars(select(Staff))}
        ids["company"] = {c.name: c.id for c in companies}
        ids["community"] = {c.name: c.id for c in s.scalars(select(Community))}
        uow.audit(
            "demo.build", "database", "", None, {"organizations": len(by_short), "companies": len(companies)}
        )
        uow.commit()
    return ids


def _centre_case_form(ids: dict[str, dict[str, int]]) -> IntakeForm:
    """The centre's own case (DOMAIN.md): owner 车某, keys on 2016-05-02, paid up to 2017-07."""
    body = f"350302{CHE_ID_NUMBER_BIRTH:%Y%m%d}031"
    from stdnum.cn import ric

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


def _random_case_form(rng: random.Random, ids: dict[str, dict[str, int]], today: dt.date) -> IntakeForm:
    community_name, town, _company_index = rng.choice(COMMUNITIES)
    with_company = _company_of(community_name)
    intake = today - dt.timedelta(days=rng.randint(0, 3 * 365))
    handover = dt.date(rng.randint(2012, 2020), rng.randint(1, 12), rng.randint(1, 28))
    area = Decimal(rng.randint(6000, 16000)) / 100
    rate = rng.choice(
        [Decimal("1.50"), Decimal("1.80"), Decimal("2.00"), Decimal("2.20"), Decimal("2.50"), Decimal("2.80")]
    )
    months = rng.randint(6, 40)
    paid_to = intake.replace(day=1) - dt.timedelta(days=months * 30)
    start = (paid_to.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    end = intake.replace(day=1) - dt.timedelta(days=1)
    fee = (area * rate * months).quantize(Decimal("0.01"))
    claims = [ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", start.isoformat(), end.isoformat(), str(fee))]
    if rng.random() < 0.6:
        claims.append(
            ClaimLine(
                ChargeKind.UTILITIES,
                "公摊水电费",
                start.isoformat(),
                end.isoformat(),
                str((Decimal(rng.randint(2500, 6500)) / 100 * months).quantize(Decimal("0.01"))),
            )
        )
    if rng.random() < 0.7:
        claims.append(
            ClaimLine(
                ChargeKind.LATE_FEE,
                "违约金",
                start.isoformat(),
                end.isoformat(),
                str((fee * Decimal(rng.randint(5, 35)) / 100).quantize(Decimal("0.01"))),
            )
        )
    workstations = WORKSTATIONS[town]
    level_roll = rng.random()
    if level_roll < 0.45:
        organization = "区调处中心"
    elif level_roll < 0.8:
        organization = f"{town}分中心"
    else:
        organization = f"{rng.choice(workstations)}工作站"
    source = rng.choices(list(CaseSource), weights=[5, 2, 3, 1])[0]
    return IntakeForm(
        owner=OwnerForm(
            name=identities.person_name(rng),
            id_number=identities.id_number(rng),
            phone=identities.mobile(rng),
            electronic_notice=rng.random() < 0.8,
            address=f"莆田市荔城区{town}{community_name}",
        ),
        company=CompanyForm(existing_id=ids["company"][with_company]),
        unit=UnitForm(
            community_id=ids["community"][community_name],
            building=f"{rng.randint(1, 18)}幢",
            room=f"{rng.randint(1, 32)}{rng.randint(1, 4):02d}",
            area=str(area),
            handover_date=handover.isoformat(),
            rate=str(rate),
            rate_from=f"{handover:%Y-%m}",
        ),
        claims=claims,
        organization_id=ids["org"][organization],
        source=source,
        track=Track.PEOPLE,
        intake_date=intake.isoformat(),
        assigning_court=COURT if source == CaseSource.COURT_ASSIGNMENT else "",
        late_fee_daily_rate=rng.choice(["0.0003", "0.0005", "0.001"]),
        summary=rng.choice(
            [
                "业主以房屋空置为由拒缴物业费。",
                "业主认为电梯、绿化等服务不到位。",
                "业主对公摊水电费计算方式有异议。",
                "业主因家庭经济困难未能按时缴费。",
                "业主认为收费标准过高。",
            ]
        ),
    )


def _company_of(community_name: str) -> str:
    for name, _town, company_index in COMMUNITIES:
        if name == community_name:
            return COMPANIES[company_index][0]
    raise KeyError(community_name)


def add_centre_case_fee_data(db: Database, case_id: int) -> None:
    """The arrears list the company put into the WeChat group: monthly shared-utilities bills
    from 2017-08 to 2021-02 totalling 2,151.20 (nothing was paid after 2017-07)."""
    with db.unit_of_work(SYSTEM) as uow:
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
