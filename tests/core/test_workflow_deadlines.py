"""Working days across China's holidays, the mediation period and its extensions, urgency."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import set_language
from mediation_app.workflow.deadlines import (
    Extension,
    MediationPeriod,
    Urgency,
    add_working_days,
    days_left,
    due_cutoff,
    is_working_day,
    mediation_deadline,
    next_working_day,
    urgency,
    working_days_between,
)
from mediation_app.workflow.working_days import HolidayCalendarMissing, calendar_years

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # Spring Festival 2025: 1-28 to 2-4 off; Sunday 1-26 and Saturday 2-8 are working days.
        (D(2025, 1, 26), True),
        (D(2025, 1, 28), False),
        (D(2025, 2, 4), False),
        (D(2025, 2, 8), True),
        # National Day 2025 (with Mid-Autumn): 10-1 to 10-8 off; Sunday 9-28, Saturday 10-11 work.
        (D(2025, 9, 28), True),
        (D(2025, 10, 8), False),
        (D(2025, 10, 11), True),
        # Spring Festival 2026: 2-15 to 2-23 off; Saturdays 2-14 and 2-28 work.
        (D(2026, 2, 14), True),
        (D(2026, 2, 16), False),
        (D(2026, 2, 23), False),
        (D(2026, 2, 28), True),
        # National Day 2026: 10-1 to 10-7 off; Sunday 9-20 and Saturday 10-10 work.
        (D(2026, 9, 20), True),
        (D(2026, 10, 7), False),
        (D(2026, 10, 10), True),
        # An ordinary weekend.
        (D(2026, 3, 7), False),
        (D(2026, 3, 9), True),
    ],
)
def test_the_holiday_calendar_knows_holidays_and_makeup_working_days(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2025, 1, 24), 1, D(2025, 1, 26)),  # Friday → the makeup Sunday
        (D(2025, 1, 27), 1, D(2025, 2, 5)),  # over the whole Spring Festival
        (D(2025, 1, 24), 7, D(2025, 2, 10)),  # 1-26, 1-27, 2-5, 2-6, 2-7, 2-8 (Sat), 2-10
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Friday → the makeup Sunday before National Day
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 10, 9), 2, D(2025, 10, 11)),  # Thursday → Friday → the makeup Saturday
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 12), 3, D(2026, 2, 24)),
        (D(2026, 2, 27), 1, D(2026, 2, 28)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 2, 24), -1, D(2026, 2, 14)),  # backwards over the holiday
        (D(2026, 10, 8), -2, D(2026, 9, 29)),
        (D(2026, 2, 16), 0, D(2026, 2, 16)),  # zero days: the start itself, even on a holiday
    ],
)
def test_add_working_days_across_spring_festival_and_national_day(
    start: dt.date, count: int, expected: dt.date
) -> None:
    assert add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 1, 24), D(2025, 2, 10), 7),
        (D(2025, 9, 30), D(2025, 10, 9), 1),
        (D(2026, 2, 13), D(2026, 2, 24), 2),
        (D(2026, 2, 14), D(2026, 2, 28), 5),  # 2-24 … 2-27, then the makeup Saturday
        (D(2026, 2, 24), D(2026, 2, 13), -2),
        (D(2026, 5, 6), D(2026, 5, 6), 0),
    ],
)
def test_working_days_between(start: dt.date, end: dt.date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_the_count_of_national_day_2026_by_hand() -> None:
    # Written out: 9-20 (makeup Sunday), 9-21..9-24, 9-28..9-30, 10-8, 10-9, 10-10 (makeup), 10-12.
    # 9-25 is the Mid-Autumn holiday. That is 1 + 4 + 3 + 4 = 12.
    assert working_days_between(D(2026, 9, 18), D(2026, 10, 12)) == 12


FIRST_YEAR, LAST_YEAR = calendar_years()
# Starts late enough in the last year would count past the calendar's data (that case raises,
# tested above); 40 working days from mid-October stay inside it.
DAYS = st.dates(D(FIRST_YEAR, 1, 1), D(LAST_YEAR, 10, 15))


@given(start=DAYS, count=st.integers(0, 40))
def test_counting_back_the_days_added_gives_the_count(start: dt.date, count: int) -> None:
    end = add_working_days(start, count)
    assert working_days_between(start, end) == count
    if count:
        assert is_working_day(end)


@given(start=DAYS, count=st.integers(1, 40))
def test_adding_then_subtracting_returns_to_a_working_start(start: dt.date, count: int) -> None:
    start = next_working_day(start)
    assert add_working_days(add_working_days(start, count), -count) == start


def test_next_working_day() -> None:
    assert next_working_day(D(2026, 2, 15)) == D(2026, 2, 24)
    assert next_working_day(D(2026, 2, 14)) == D(2026, 2, 14)
    assert next_working_day(D(2026, 2, 14), include_today=False) == D(2026, 2, 24)


@pytest.mark.parametrize("day", [D(2003, 12, 31), D(2100, 1, 4)])
def test_a_year_without_holiday_data_is_a_clear_error(day: dt.date) -> None:
    set_language("en")
    with pytest.raises(HolidayCalendarMissing) as missing:
        is_working_day(day)
    assert str(day.year) in missing.value.message
    assert "chinese-calendar" in missing.value.message
    assert missing.value.year == day.year
    assert isinstance(missing.value, WorkflowError)
    with pytest.raises(HolidayCalendarMissing):
        add_working_days(D(LAST_YEAR, 12, 20), 30)


def test_the_mediation_period_is_30_calendar_days_holidays_included() -> None:
    # Assigned 2026-01-20: the 30 days run through the Spring Festival and end on 2-19, a holiday.
    assert mediation_deadline(D(2026, 1, 20)) == D(2026, 2, 19)
    assert MediationPeriod(D(2026, 9, 15)).deadline == D(2026, 10, 15)


def test_extensions_add_their_days_one_after_another() -> None:
    period = MediationPeriod(D(2026, 1, 20))
    period = period.extend(Extension(15, D(2026, 2, 10), owner_consented=True, company_consented=True))
    assert period.deadline == D(2026, 3, 6)
    period = period.extend(Extension(10, D(2026, 3, 2), owner_consented=True, company_consented=True))
    assert period.deadline == D(2026, 3, 16)
    assert period.extended_days == 25
    assert len(period.extensions) == 2


@pytest.mark.parametrize(("owner", "company", "missing"), [(False, True, "owner"), (True, False, "company")])
def test_an_extension_needs_both_parties_consent(owner: bool, company: bool, missing: str) -> None:
    set_language("en")
    with pytest.raises(WorkflowError) as refused:
        Extension(10, D(2026, 2, 10), owner_consented=owner, company_consented=company)
    assert missing in refused.value.message
    assert "both parties" in refused.value.message


@pytest.mark.parametrize("days", [0, -3])
def test_an_extension_adds_at_least_one_day(days: int) -> None:
    with pytest.raises(ValidationError) as refused:
        Extension(days, D(2026, 2, 10), owner_consented=True, company_consented=True)
    assert refused.value.field == "extension.days"


def test_an_extension_cannot_be_agreed_before_the_assignment() -> None:
    with pytest.raises(ValidationError):
        MediationPeriod(D(2026, 1, 20)).extend(Extension(5, D(2026, 1, 19), True, True))


@pytest.mark.parametrize(
    ("today", "left", "expected"),
    [
        (D(2026, 2, 13), 6, Urgency.ON_TIME),
        (D(2026, 2, 14), 5, Urgency.DUE_SOON),
        (D(2026, 2, 19), 0, Urgency.DUE_SOON),
        (D(2026, 2, 20), -1, Urgency.OVERDUE),
    ],
)
def test_due_soon_is_five_days_or_fewer_and_overdue_after_the_last_day(
    today: dt.date, left: int, expected: Urgency
) -> None:
    period = MediationPeriod(D(2026, 1, 20))
    assert period.days_left(today) == left == days_left(period.deadline, today)
    assert period.urgency(today) == expected == urgency(period.deadline, today)
    assert expected.label


def test_the_due_soon_window_can_be_widened() -> None:
    assert urgency(D(2026, 3, 20), D(2026, 3, 10), due_soon_days=10) == Urgency.DUE_SOON
    assert due_cutoff(D(2026, 3, 10)) == D(2026, 3, 15)
    assert due_cutoff(D(2026, 3, 10), 10) == D(2026, 3, 20)
    with pytest.raises(ValidationError):
        due_cutoff(D(2026, 3, 10), -1)
