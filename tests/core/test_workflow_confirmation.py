"""Judicial confirmation: the competent court and the 30-day window, moved off rest days."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import set_language
from mediation_app.workflow.confirmation import (
    CourtBasis,
    check_application,
    confirmation_window,
    propose_court,
)
from mediation_app.workflow.deadlines import Urgency
from mediation_app.workflow.working_days import calendar_years

D = dt.date


def test_the_court_that_assigned_the_case_comes_first() -> None:
    proposal = propose_court("莆田市荔城区人民法院", "莆田市城厢区人民法院", on=D(2026, 3, 2))
    assert (proposal.court, proposal.basis) == ("莆田市荔城区人民法院", CourtBasis.ASSIGNING_COURT)
    assert "第二百零五条" in proposal.explanation
    # before 2022 the assigning court's competence came from the 2011 judicial interpretation
    assert (
        "法释" not in proposal.cited
        and "第二条第二款" in propose_court("甲法院", "乙法院", on=D(2021, 6, 1)).cited
    )


@pytest.mark.parametrize("assigning", [None, "", "  "])
def test_otherwise_the_basic_court_where_the_organisation_sits(assigning: str | None) -> None:
    proposal = propose_court(assigning, " 莆田市荔城区人民法院 ", on=D(2026, 3, 2))
    assert (proposal.court, proposal.basis) == ("莆田市荔城区人民法院", CourtBasis.ORGANISATION_SEAT)


def test_no_court_at_all_is_a_field_error() -> None:
    with pytest.raises(ValidationError) as refused:
        propose_court(None, " ", on=D(2026, 3, 2))
    assert refused.value.field == "organisation.court"


@pytest.mark.parametrize(
    ("effective", "deadline"),
    [
        (D(2026, 3, 2), D(2026, 4, 1)),  # a Wednesday: 30 days exactly
        (D(2025, 9, 1), D(2025, 10, 9)),  # 10-1 is National Day; the holiday runs to 10-8
        (D(2026, 1, 16), D(2026, 2, 24)),  # 2-15 is the first day of the Spring Festival break
        (D(2026, 1, 15), D(2026, 2, 14)),  # 2-14 is a Saturday, but a makeup working day
        (D(2026, 2, 5), D(2026, 3, 9)),  # 3-7 is an ordinary Saturday → Monday
        (D(2026, 9, 1), D(2026, 10, 8)),  # 10-1 … 10-7 off in 2026
    ],
)
def test_the_window_is_30_days_and_ends_on_a_working_day(effective: dt.date, deadline: dt.date) -> None:
    window = confirmation_window(effective)
    assert window.deadline == deadline
    assert not window.approximate
    assert check_application(effective, deadline) == window


def test_a_late_application_is_refused_naming_the_deadline() -> None:
    with pytest.raises(WorkflowError) as refused:
        check_application(D(2025, 9, 1), D(2025, 10, 10))
    assert "2025年10月9日" in refused.value.message
    set_language("en")
    with pytest.raises(WorkflowError) as refused:
        check_application(D(2025, 9, 1), D(2025, 10, 10))
    assert "October 9, 2025" in refused.value.message
    assert "September 1, 2025" in refused.value.message


def test_an_application_before_the_agreement_took_effect_is_a_field_error() -> None:
    with pytest.raises(ValidationError) as refused:
        check_application(D(2026, 3, 2), D(2026, 3, 1))
    assert refused.value.field == "applied_on"


def test_days_left_and_urgency_of_the_window() -> None:
    window = confirmation_window(D(2026, 3, 2))
    assert window.days_left(D(2026, 3, 27)) == 5
    assert window.urgency(D(2026, 3, 27)) == Urgency.DUE_SOON
    assert window.urgency(D(2026, 3, 10)) == Urgency.ON_TIME
    assert window.urgency(D(2026, 4, 2)) == Urgency.OVERDUE


def test_without_holiday_data_the_window_skips_weekends_and_says_it_is_approximate() -> None:
    year = calendar_years()[1] + 2
    effective = D(year, 3, 1)
    last_day = effective + dt.timedelta(days=30)
    window = confirmation_window(effective)
    assert window.approximate
    assert window.deadline.weekday() < 5
    assert 0 <= (window.deadline - last_day).days <= 2
