"""Monthly statistics: what counts in a month, and breakdowns that add up to the total."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation_app.domain.enums import CaseStatus, ChargeKind, Level, Track
from mediation_app.errors import ValidationError
from mediation_app.queries.statistics import Figures, month_bounds, monthly_statistics
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    intake_case,
)
from mediation_app.storage.models import Agreement, Case, PerformancePayment
from mediation_app.storage.uow import Database
from tests.support.import_sheets import CLERK, Centre, small_centre

D = dt.date


def _case(
    db: Database,
    centre: Centre,
    room: str,
    intake: D,
    claimed: str,
    *,
    company: int | None = None,
    organization: int | None = None,
    track: Track = Track.PEOPLE,
) -> int:
    with db.unit_of_work(CLERK) as uow:
        ref = intake_case(
            uow,
            IntakeForm(
                owner=OwnerForm(name="陈某", phone="13859012345"),
                company=CompanyForm(existing_id=company or centre.company_id),
                unit=UnitForm(community_id=centre.community_id, building="1幢", room=room, area="90"),
                claims=[ClaimLine(ChargeKind.SERVICE_FEE, "", "", "", claimed)],
                organization_id=organization or centre.town_id,
                track=track,
                intake_date=intake.isoformat(),
            ),
        )
    return ref.id


def _close(db: Database, case_id: int, status: CaseStatus, on: D) -> None:
    with db.unit_of_work(CLERK) as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        case.status, case.closed_on = status, on
        uow.commit()


def test_the_month_counts_intake_outcomes_and_money_by_their_own_dates(db: Database) -> None:
    centre = small_centre(db)
    settled = _case(db, centre, "101", D(2026, 10, 5), "1500.00")
    _case(
        db,
        centre,
        "102",
        D(2026, 11, 2),
        "800.50",
        company=centre.other_company_id,
        organization=centre.centre_id,
        track=Track.JUDICIAL,
    )
    failed = _case(db, centre, "103", D(2026, 11, 4), "200.00")
    refused = _case(db, centre, "104", D(2026, 11, 6), "300.00")
    withdrawn = _case(db, centre, "105", D(2026, 11, 8), "400.00")
    _case(db, centre, "106", D(2026, 9, 30), "999.00")
    with db.unit_of_work(CLERK) as uow:
        uow.session.add(Agreement(case_id=settled, total=Decimal("1000.00"), reached_on=D(2026, 11, 3)))
        uow.session.add_all(
            [
                PerformancePayment(case_id=settled, paid_on=D(2026, 10, 31), amount=Decimal("50.00")),
                PerformancePayment(case_id=settled, paid_on=D(2026, 11, 10), amount=Decimal("400.00")),
            ]
        )
        uow.commit()
    _close(db, settled, CaseStatus.PERFORMED, D(2026, 11, 20))  # 46 days
    _close(db, failed, CaseStatus.FAILED_TO_LITIGATION, D(2026, 11, 24))  # 20 days
    _close(db, refused, CaseStatus.NOT_ACCEPTED, D(2026, 11, 7))  # not timed
    _close(db, withdrawn, CaseStatus.WITHDRAWN, D(2026, 11, 9))  # 1 day

    with db.read() as session:
        stats = monthly_statistics(session, "2026-11")

    total = stats.total
    assert (stats.first_day, stats.last_day) == (D(2026, 11, 1), D(2026, 11, 30))
    assert (total.received, total.closed, total.settled, total.failed, total.withdrawn) == (4, 4, 1, 1, 1)
    assert total.claimed == Decimal("1700.50") and total.agreed == Decimal("1000.00")
    assert total.collected == Decimal("400.00")
    assert total.success_rate == Decimal("0.3333") and total.average_days == Decimal("22.3")
    levels = dict(stats.by_level)
    assert list(levels) == list(Level) and levels[Level.COMMUNITY] == Figures()
    assert levels[Level.DISTRICT].received == 1 and levels[Level.DISTRICT].claimed == Decimal("800.50")
    assert dict(stats.by_track)[Track.JUDICIAL].received == 1
    for breakdown in (
        [f for _, f in stats.by_level],
        [f for _, f in stats.by_track],
        [n.figures for n in stats.by_organization],
        [n.figures for n in stats.by_company],
    ):
        assert sum(breakdown, Figures()) == total
    assert [n.name for n in stats.by_organization] == ["区调处中心", "拱辰街道分中心"]


def test_an_empty_month_has_zeros_and_no_rates(db: Database) -> None:
    with db.read() as session:
        stats = monthly_statistics(session, "2026年2月")
    assert stats.month == "2026-02" and stats.last_day == D(2026, 2, 28)
    assert stats.total == Figures() and stats.total.success_rate is None and stats.total.average_days is None
    assert stats.by_organization == () and stats.by_company == ()


def test_a_bad_month_is_refused() -> None:
    with pytest.raises(ValidationError):
        month_bounds("2026-13")
    assert month_bounds("2024-02")[2] == D(2024, 2, 29)
