"""The plausible ranges of mediation_app.domain.bounds: each check takes what is plausible and
refuses the rest with an error naming the field, before any arithmetic on the figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation_app.domain import bounds
from mediation_app.errors import ValidationError

pytestmark = pytest.mark.usefixtures("english")

TODAY = dt.date(2026, 12, 3)


def refused(check: object, *args: object, **options: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(*args, **options)  # type: ignore[operator]
    return caught.value


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1e-10000000", "exponent"),
        ("5E2", "exponent"),
        ("-.5e3", "exponent"),
        ("1" * 5001, "too many digits (5001)"),
        ("1" * 13, "too many digits (13)"),
        ("0." + "0" * 20 + "1", "too many digits"),
    ],
)
def test_a_figure_written_with_an_exponent_or_too_many_digits_is_refused_as_text(
    text: str, problem: str
) -> None:
    error = refused(bounds.check_number_text, text, "area", "Building area")
    assert (error.field, error.label) == ("area", "Building area")
    assert problem in error.problem
    assert len(error.message) < 200  # the value is quoted cut short, never 5,001 digits


@pytest.mark.parametrize(
    "text", ["2.80", "-2.80", "999999999999.99", "0.00000000000000000001", "0" * 40 + "7", "abc"]
)
def test_plain_figures_and_non_numbers_pass_the_text_check(text: str) -> None:
    assert bounds.check_number_text(text, "x") == text  # a non-number is the caller's to refuse


def test_a_decimal_is_checked_without_arithmetic() -> None:
    assert bounds.check_number(Decimal("118.56"), "area") == Decimal("118.56")
    for value, problem in [
        (Decimal("1e-10000000"), "decimal places"),
        (Decimal("1" * 5001), "too large"),
        (Decimal("NaN"), "finite"),
        (Decimal("sNaN"), "finite"),
        (Decimal("-Infinity"), "finite"),
    ]:
        assert problem in refused(bounds.check_number, value, "area").problem
    assert "digits" in refused(bounds.check_integer, 10**5000, "due_day").problem  # never printed


def test_amounts() -> None:
    assert bounds.check_amount(Decimal("9999999999.99"), "x") == Decimal("9999999999.99")
    assert bounds.check_amount(Decimal("0"), "x") == 0
    assert "less than 10,000,000,000 yuan" in refused(bounds.check_amount, Decimal("1E+10"), "x").problem
    assert "negative" in refused(bounds.check_amount, Decimal("-0.01"), "x").problem
    assert "greater than zero" in refused(bounds.check_amount, Decimal("0"), "x", positive=True).problem
    assert "decimal places" in refused(bounds.check_amount, Decimal("1.001"), "x").problem


def test_areas() -> None:
    assert bounds.check_area(Decimal("100000"), "area") == Decimal("100000")
    assert "at most 100,000 m²" in refused(bounds.check_area, Decimal("99999999999.99"), "area").problem
    assert "greater than zero" in refused(bounds.check_area, Decimal("0"), "area").problem


def test_fee_standards() -> None:
    assert bounds.check_rate(Decimal("2.205"), "rate") == Decimal("2.205")
    assert bounds.check_rate(Decimal("0"), "rate") == 0
    assert "negative" in refused(bounds.check_rate, Decimal("-2.80"), "rate").problem
    assert (
        "at most 1,000 yuan per m² per month"
        in refused(bounds.check_rate, Decimal("1000.01"), "rate").problem
    )
    assert "4 decimal places" in refused(bounds.check_rate, Decimal("2.20001"), "rate").problem


def test_daily_rates_and_ratios() -> None:
    assert bounds.check_daily_rate(Decimal("0.01"), "r") == Decimal("0.01")
    for value in ("0", "-0.0003", "0.0101", "1.5"):
        assert "at most 0.01 a day" in refused(bounds.check_daily_rate, Decimal(value), "r").problem
    assert bounds.check_ratio(Decimal("1"), "ratio") == 1
    assert "between 0 and 1" in refused(bounds.check_ratio, Decimal("1.01"), "ratio").problem


def test_dates_run_from_1990_to_five_years_after_today() -> None:
    assert bounds.check_date(dt.date(1990, 1, 1), "d", None, TODAY) == dt.date(1990, 1, 1)
    assert bounds.check_date(dt.date(2031, 12, 3), "d", None, TODAY) == dt.date(2031, 12, 3)
    assert "before 1990-01-01" in refused(bounds.check_date, dt.date(1900, 1, 1), "d", None, TODAY).problem
    late = refused(bounds.check_date, dt.date(9999, 12, 31), "as_of", "Calculation date", TODAY)
    assert (late.field, late.label) == ("as_of", "Calculation date")
    assert "after 2031-12-03" in late.problem
    assert bounds.latest_date(dt.date(2028, 2, 29)) == dt.date(2033, 2, 28)


def test_values_are_quoted_short() -> None:
    assert bounds.shown("x" * 100) == "x" * 24 + "…"
    assert bounds.shown("a\nb") == "a b"
