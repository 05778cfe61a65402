"""The demo centre: Licheng district's mediation centre, its six town sub-centres, community
workstations, property companies, communities and about 300 cases over the last three years,
including the centre's own case of owner 车某 (see DOMAIN.md)."""

from __future__ import annotations

import datetime as dt
import gc
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from mediation_app.demo import identities
from mediation_app.demo.centre_case import centre_case_form
from mediation_app.demo.places import (
    COMMUNITIES,
    COMPANIES,
    COURT,
    DEMO_PASSWORD_HASH,
    DISTRICT_CENTRE,
    STAFF,
    TOWNS,
    WORKSTATIONS,
    company_of,
)
from mediation_app.demo.progress import play
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseSource, ChargeKind, Level, OrgKind, Role, Track
from mediation_app.services.accounts import SIGN_IN_REQUIRED
from mediation_app.services.cases.intake import ClaimLine, CompanyForm, IntakeForm, OwnerForm, UnitForm
from mediation_app.storage.models import Case, Community, Company, Organization, Setting, Staff
from mediation_app.storage.uow import Database

VACANT = "业主以房屋空置为由拒缴物业费。"
SUMMARIES = (
    VACANT,
    "业主认为电梯、绿化等服务不到位。",
    "业主对公摊水电费计算方式有异议。",
    "业主因家庭经济困难未能按时缴费。",
    "业主认为收费标准过高。",
)
STREETS = ("梅园东路", "荔城中大道", "学园南街", "延寿北街", "东园西路")


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
    ids = organisations_staff_companies(db, rng)
    centre_form = centre_case_form(ids)
    forms = [centre_form]
    forms += [_random_case_form(rng, ids, today) for _ in range(cases - 1)]
    forms.sort(key=lambda form: form.intake_date)
    # Intake and every later step of each case, in time order, through the real services.
    with _few_collections():
        play(db, ids, forms, centre_form=centre_form, seed=seed, progress=progress)
    with db.read() as session:
        return DemoSummary(
            organizations=session.scalar(select(func.count()).select_from(Organization)) or 0,
            staff=session.scalar(select(func.count()).select_from(Staff)) or 0,
            companies=session.scalar(select(func.count()).select_from(Company)) or 0,
            communities=session.scalar(select(func.count()).select_from(Community)) or 0,
            cases=session.scalar(select(func.count()).select_from(Case)) or 0,
        )


@contextmanager
def _few_collections() -> Iterator[None]:
    """Run the build with the cyclic garbage collector mostly out of the way.

    The build makes millions of short-lived objects while thousands live on (the open batch's
    rows, the scripts of the cases in play); at the default thresholds the collector ran a
    thousand times and walked those survivors each time: 0.65 s of a 13 s build. What exists
    before the build is frozen out of its sight, and it runs a fiftieth as often; the peak
    memory is the same (139 MB).
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def organisations_staff_companies(db: Database, rng: random.Random) -> dict[str, dict[str, int]]:
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
                level=level,
                kind=kind,
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
        for username, name, role, home_town in STAFF:
            home = by_short[f"{home_town}分中心"] if home_town else (court if role == Role.JUDGE else centre)
            staff = Staff(
                username=username,
                name=name,
                role=role,
                organization_id=home.id,
                phone=identities.mobile(rng),
                password_hash=DEMO_PASSWORD_HASH,
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


OLDER_CASES_FROM = dt.date(2021, 4, 1)
OLDER_CASES_SPAN = 913  # days, to 2023-09-30


def _random_case_form(rng: random.Random, ids: dict[str, dict[str, int]], today: dt.date) -> IntakeForm:
    community_name, town, _company_index = rng.choice(COMMUNITIES)
    with_company = company_of(community_name)
    back = rng.randint(0, 3 * 365)
    intake = today - dt.timedelta(days=back)
    if back % 7 == 0:  # one case in seven is older, so the law of 2021–2023 appears in the documents
        intake = OLDER_CASES_FROM + dt.timedelta(days=back % OLDER_CASES_SPAN)
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
    # drawn in the order the form is filled (the demo's cases stay the same from one build to the next)
    name, id_number, phone = identities.person_name(rng), identities.id_number(rng), identities.mobile(rng)
    electronic_notice = rng.random() < 0.8
    building, room = f"{rng.randint(1, 18)}幢", f"{rng.randint(1, 32)}{rng.randint(1, 4):02d}"
    late_fee_daily_rate = rng.choice(["0.0003", "0.0005", "0.001"])
    summary = rng.choice(SUMMARIES)
    # The owner lives in the flat, unless the flat stands empty: then at an address in the town
    # (where the case's papers are served), taken from the ID number's digits so that the draws
    # of every later case stay as they were.
    serial = int(id_number[-4:-1])
    address = (
        f"莆田市荔城区{town}{STREETS[serial % len(STREETS)]}{serial % 199 + 1}号"
        if summary == VACANT
        else f"莆田市荔城区{town}{community_name}{building}{room}室"
    )
    return IntakeForm(
        owner=OwnerForm(
            name=name,
            id_number=id_number,
            phone=phone,
            electronic_notice=electronic_notice,
            address=address,
        ),
        company=CompanyForm(existing_id=ids["company"][with_company]),
        unit=UnitForm(
            community_id=ids["community"][community_name],
            building=building,
            room=room,
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
        late_fee_daily_rate=late_fee_daily_rate,
        summary=summary,
    )
