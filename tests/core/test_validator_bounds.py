"""The field validators hold every figure and date to the bounds of mediation_app.domain.bounds,
so intake, import and corrections refuse what the calculator refuses, in the same words; the
edges themselves are accepted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation_app.domain import validators as v
from mediation_app.errors import ValidationError

pytestmark = pytest.mark.usefixtures("english")

TODAY = dt.date(2026, 12, 3)


def problem_of(check: object, *args: object, **options: object) -> str:
    with pytest.raises(ValidationError) as caught:
        check(*args, "the.field", "The label", **options)  # type: ignore[operator]
    assert caught.value.field == "the.field" and caught.value.message.startswith("The label: ")
    return caught.value.problem


@pytest.mark.parametrize(
    ("check", "accepted", "refused", "problem"),
    [
        (v.amount, "9999999999.99", "10000000000", "less than 10,000,000,000"),
        (v.amount, "0.01", "0", "greater than zero"),
        (v.amount, "1,234.50", "1e30", "exponent"),
        (v.amount, "１２．３０", "123456789012345", "too many digits (15)"),
        (v.area, "100000", "100000.01", "at most 100,000 m²"),
        (v.area, "0.01", "-1", "greater than zero"),
        (v.rate, "1000", "1000.01", "at most 1,000"),
        (v.rate, "0", "-2.80", "negative"),
        (v.rate, "2.8025", "2.80251", "4 decimal places"),
        (v.daily_rate, "0.01", "0.0101", "at most 0.01 a day"),
        (v.daily_rate, "0.000001", "0", "greater than zero"),
    ],
)
def test_figures_have_plausible_ranges(check: object, accepted: str, refused: str, problem: str) -> None:
    assert check(accepted, "f", "F") > Decimal(-1)  # type: ignore[operator]
    assert problem in problem_of(check, refused)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("NaN", "not a number"), ("1_000", "not a number"), ("٣٠٠", "not a number"), ("0x10", "not a number")],
)
def test_only_digits_make_a_figure(text: str, problem: str) -> None:
    assert problem in problem_of(v.amount, text)


def test_dates_run_from_1990_to_five_years_after_today() -> None:
    assert v.date("1990-01-01", "f", "F", today=TODAY) == dt.date(1990, 1, 1)
    assert v.date("2031-12-03", "f", "F", today=TODAY) == dt.date(2031, 12, 3)
    assert "before 1990-01-01" in problem_of(v.date, "1989-12-31", today=TODAY)
    assert "is after 2031-12-03" in problem_of(v.date, "2031-12-04", today=TODAY)
    assert "is after" in problem_of(v.date, dt.date(9999, 12, 31), today=TODAY)
    # Without today (a search filter) only the calendar counts.
    assert v.date("1900-01-01", "f", "F") == dt.date(1900, 1, 1)
    assert "not a valid calendar date" in problem_of(v.date, "0000-01-01")


def test_months_run_from_1990_01_to_the_month_five_years_ahead() -> None:
    assert v.month("1990-01", "f", "F", today=TODAY) == "1990-01"
    assert v.month("2031年12月", "f", "F", today=TODAY) == "2031-12"
    assert "before 1990-01-01" in problem_of(v.month, "1989-12", today=TODAY)
    assert "is after" in problem_of(v.month, "2032-01", today=TODAY)
    for unreadable in ("2017-13", "2017-00", "七月", "0000-01", "9999-99"):
        assert "not a month" in problem_of(v.month, unreadable, today=TODAY)
    assert v.month("9999-12", "f", "F") == "9999-12"  # no today: any real month
