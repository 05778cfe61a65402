"""Monthly statistics: each figure counts one population, named beside it; agreements not performed
count apart from failed mediations; the case list finds the same cases; breakdowns add up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus, Level
from mediation_app.errors import ValidationError
from mediation_app.queries.case_list import CaseFilter, case_ids
from mediation_app.queries.dashboard import dashboard
from mediation_app.queries.statistics import Figures, month_bounds, monthly_statistics
from mediation_app.services.agreement import performance
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.endings import HALF, MONTH, every_ending
from tests.support.workflow_setup import TOTAL, Centre

D = dt.date


def test_the_month_counts_each_population_by_its_own_date_and_ends_by_the_path(db: Database) -> None:
    endings = every_ending(db)
    with db.read() as session:
        april = monthly_statistics(session, MONTH)
        march = monthly_statistics(session, "2026-03")
        closed_in_april = case_ids(session, CaseFilter(closed_from=D(2026, 4, 1), closed_to=D(2026, 4, 30)))
        received_in_april = case_ids(session, CaseFilter(intake_from=D(2026, 4, 1), intake_to=D(2026, 4, 30)))
        board = dashboard(session, D(2026, 5, 6))

    total = april.total
    # received: the one case taken in in April, and what it claims
    assert (total.received, total.claimed) == (1, Decimal("7200.00"))
    assert received_in_april == [endings.received_in_april]
    # closed: every case concluded in April, by how it ended; the half-paid agreement handed to
    # litigation is an agreement not performed, not a failed mediation
    assert sorted(closed_in_april) == sorted(endings.concluded.values()) and total.closed == 9
    assert (
        total.performed,
        total.not_performed,
        total.confirmation_rejected,
        total.failed,
        total.withdrawn,
        total.not_accepted,
    ) == (1, 3, 1, 2, 1, 1)
    assert total.settled == 4 and total.mediated == 8
    assert total.success_rate == Decimal(1) / Decimal(2)
    # average days over the same nine cases: eight took 39 days, the one sued on took 49
    assert total.days_to_close == 8 * 39 + 49
    assert total.average_days == Decimal(361) / Decimal(9)  # exact: the page rounds it, once
    # settled: the four agreements, what was paid under them, what is unpaid
    assert total.agreed == 4 * TOTAL
    assert total.paid == TOTAL + HALF + Decimal("1000.00")
    assert total.unpaid == total.agreed - total.paid
    # paid in the month: three cases paid in April
    assert (total.paying, total.collected) == (3, TOTAL + HALF + Decimal("1000.00"))

    # March received the cases and closed none
    assert march.total.received == 12 and march.total.closed == 0 and march.total.success_rate is None
    for breakdown in (
        [f for _, f in april.by_level],
        [f for _, f in april.by_track],
        [n.figures for n in april.by_organization],
        [n.figures for n in april.by_company],
    ):
        assert sum(breakdown, Figures()) == total
    assert dict(april.by_level)[Level.DISTRICT].closed == 9
    # the dashboard's year is the months added up
    assert board.succeeded == 4 and board.concluded == 8 and board.success_rate == Decimal("0.5")
    assert board.agreed_total == total.agreed and board.collected_total == total.collected


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


def test_a_late_payment_moves_a_not_performed_case_to_performed_in_the_month_it_was_paid(
    db: Database,
) -> None:
    centre = Centre.build(db)
    case_id = centre.to(CaseStatus.NOT_PERFORMED)  # concluded 2026-03-02, nothing paid
    with db.read() as session:
        assert monthly_statistics(session, "2026-03").total.not_performed == 1
    centre.clock.current = dt.datetime(2026, 4, 15, 10, 0, tzinfo=CHINA)
    centre.run(performance.record_payment, case_id, D(2026, 4, 15), TOTAL, close_as_performed=True)
    with db.read() as session:
        assert session.get(Case, case_id).closed_on == D(2026, 4, 15)  # type: ignore[union-attr]
        march, april = monthly_statistics(session, "2026-03"), monthly_statistics(session, MONTH)
    assert march.total.closed == 0
    assert (april.total.performed, april.total.closed, april.total.agreed, april.total.paid) == (
        1,
        1,
        TOTAL,
        TOTAL,
    )


def test_the_dashboards_overdue_leaves_out_agreements_concluded_as_not_performed(db: Database) -> None:
    """未履行 cases keep their unpaid instalment's date for ever; they are enforcement's, so the
    overdue tile counts only the deadlines the centre can still act on."""
    centre = Centre.build(db)
    unperformed = centre.to(CaseStatus.NOT_PERFORMED)
    mediating = centre.to(CaseStatus.IN_MEDIATION)
    with db.read() as session:
        deadlines = [session.get(Case, cid).next_deadline for cid in (unperformed, mediating)]  # type: ignore[union-attr]
        assert all(deadlines)
        a_year_later = max(d for d in deadlines if d is not None) + dt.timedelta(days=365)
        board = dashboard(session, a_year_later)  # both deadlines long past
    assert board.overdue == 1  # the mediation period, not the unpaid instalment
