"""The late-fee yardstick (1.3 × the one-year LPR) and the shipped rate history."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mediation_app.fees import RateHistory, Result, WarningCode, calculate, parse_input, shipped_history
from mediation_app.fees.lpr import read_rate_file
from mediation_app.paths import resources_dir

D = dt.date


def history(*rows: tuple[dt.date, str]) -> RateHistory:
    return RateHistory.from_rows([(day, Decimal(rate)) for day, rate in rows])


def calc(rates: RateHistory, **data: Any) -> Result:
    return calculate(parse_input(data), rates=rates)


def one_month(as_of: str, daily_rate: str = "0.0001", **more: Any) -> dict[str, Any]:
    """1000.00 due 2021-01-01 (area 500 × 2.00 for January)."""
    return {
        "area": "500",
        "as_of": as_of,
        "service_fee": {
            "rates": [{"from": "2021-01", "rate": "2.00"}],
            "start": "2021-01-01",
            "end": "2021-01-31",
        },
        "late_fee": {"daily_rate": daily_rate},
        **more,
    }


# ------------------------------------------------------------------------------- the figure


def test_interest_at_1_3_times_the_rate_over_the_late_fee_days() -> None:
    flat = history((D(2000, 1, 1), "3.65"), (D(2099, 1, 1), "3.65"))
    # 1000.00 × 1.3 × 3.65% / 365 = 0.13 a day, for 2021-01-02 … 2022-01-01 (365 days).
    result = calc(flat, **one_month("2022-01-01"))
    assert result.yardstick.amount == Decimal("47.45")
    assert result.yardstick.multiplier == Decimal("1.3")
    assert result.late_fee.total == Decimal("36.50")  # 0.0001 × 1000 × 365
    assert not result.yardstick.exceeded
    assert result.warnings == ()


def test_rate_changes_are_followed_day_by_day() -> None:
    rates = history((D(2000, 1, 1), "3.65"), (D(2021, 4, 12), "7.30"), (D(2099, 1, 1), "7.30"))
    # 2021-01-02 … 2021-04-11 is 100 days at 0.13, 2021-04-12 … 2021-04-21 10 days at 0.26.
    result = calc(rates, **one_month("2021-04-21"))
    assert result.yardstick.amount == Decimal("15.60")


def test_payments_and_grace_shape_the_yardstick_like_the_late_fee() -> None:
    flat = history((D(2000, 1, 1), "3.65"), (D(2099, 1, 1), "3.65"))
    data = one_month("2021-01-31", late_fee={"daily_rate": "0.0001", "grace_days": 10})
    data["payments"] = [{"date": "2021-01-21", "amount": "500.00"}]
    # From 2021-01-12: 500 for 9 days and 500 for 20 days, at 0.0001 × 1.3 a day.
    result = calc(flat, **data)
    assert result.yardstick.amount == Decimal("1.89")  # 0.585 + 1.30 = 1.885 → 1.89
    assert result.late_fee.total == Decimal("1.45")


def test_a_warning_when_the_late_fee_exceeds_the_yardstick() -> None:
    flat = history((D(2000, 1, 1), "3.65"), (D(2099, 1, 1), "3.65"))
    # 10.95% a year on 1000.00 for 364 days (2021-01-02 … 2021-12-31) against 364 × 0.13.
    result = calc(flat, **one_month("2021-12-31", daily_rate="0.0003"))
    assert result.yardstick.exceeded
    (warning,) = result.warnings
    assert warning.code is WarningCode.LATE_FEE_ABOVE_YARDSTICK
    assert warning.params == {"late_fee": "109.20", "annual_rate": "10.95%", "yardstick": "47.32"}
    assert "109.20" in warning.text and "47.32" in warning.text


def test_unavailable_before_the_history_starts() -> None:
    late_history = history((D(2021, 6, 1), "3.85"), (D(2099, 1, 1), "3.85"))
    result = calc(late_history, **one_month("2021-12-31"))
    assert result.yardstick.amount is None and not result.yardstick.exceeded
    assert [w.code for w in result.warnings] == [WarningCode.YARDSTICK_UNAVAILABLE]
    assert result.warnings[0].params == {"first": "2021-06-01"}


def test_a_warning_when_days_after_the_newest_published_rate_are_used() -> None:
    rates = history((D(2000, 1, 1), "3.65"), (D(2021, 3, 1), "3.65"))
    assert rates.known_through == D(2021, 3, 1)
    inside = calc(rates, **one_month("2021-03-01"))
    assert inside.warnings == ()
    beyond = calc(rates, **one_month("2021-03-02"))
    assert [w.code for w in beyond.warnings] == [WarningCode.RATES_ASSUMED_UNCHANGED]
    assert beyond.warnings[0].params == {"date": "2021-03-01", "as_of": "2021-03-02"}
    assert beyond.yardstick.amount == Decimal("7.80")  # the last rate continues: 60 days × 0.13


def test_no_late_fee_terms_still_gives_the_interest_figure() -> None:
    flat = history((D(2000, 1, 1), "3.65"), (D(2099, 1, 1), "3.65"))
    data = one_month("2021-01-11")
    del data["late_fee"]
    result = calc(flat, **data)
    assert result.yardstick.amount == Decimal("1.30") and not result.yardstick.exceeded


# ------------------------------------------------------------------------ the rate history


def test_running_sums_equal_a_day_by_day_sum() -> None:
    rates = history((D(2019, 1, 1), "4.35"), (D(2019, 8, 20), "4.25"), (D(2019, 9, 20), "4.20"))
    first, stop = D(2019, 7, 1).toordinal(), D(2019, 12, 1).toordinal()
    by_day = sum(int(rates.rate_on(dt.date.fromordinal(o)) * 100) for o in range(first, stop))  # type: ignore[operator]
    assert rates.basis_point_days(first, stop) == by_day
    assert rates.basis_point_days(stop, first) == 0
    assert rates.basis_point_days(D(2018, 1, 1).toordinal(), stop) is None


def test_the_history_refuses_bad_rows() -> None:
    with pytest.raises(ValueError):
        history((D(2020, 1, 1), "3.5"), (D(2019, 1, 1), "3.4"))
    with pytest.raises(ValueError):
        history((D(2020, 1, 1), "3.455"))
    with pytest.raises(ValueError):
        RateHistory.from_rows([])


@pytest.mark.parametrize(
    ("day", "percent"),
    [
        (D(1999, 6, 10), "5.85"),
        (D(2008, 12, 23), "5.31"),
        (D(2015, 10, 23), "4.60"),
        (D(2015, 10, 24), "4.35"),
        (D(2019, 8, 19), "4.35"),  # the benchmark rate up to the day before the first LPR
        (D(2019, 8, 20), "4.25"),
        (D(2020, 4, 20), "3.85"),
        (D(2021, 12, 20), "3.80"),
        (D(2023, 8, 21), "3.45"),
        (D(2024, 10, 21), "3.10"),
        (D(2025, 5, 20), "3.00"),
        (D(2026, 2, 24), "3.00"),
    ],
)
def test_the_shipped_history_has_the_published_rates(day: dt.date, percent: str) -> None:
    assert shipped_history().rate_on(day) == Decimal(percent)


def test_the_shipped_history_starts_in_1999_and_is_checked_to_2026() -> None:
    rates = shipped_history()
    assert rates.rate_on(D(1999, 6, 9)) is None
    assert rates.first_day == D(1999, 6, 10)
    assert rates.known_through == D(2026, 2, 24)


def test_the_rate_file_is_well_formed_and_documented() -> None:
    path = resources_dir() / "data" / "lpr_1y.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert {row["basis"] for row in rows} == {"benchmark", "lpr"}
    lpr_days = [dt.date.fromisoformat(row["effective_from"]) for row in rows if row["basis"] == "lpr"]
    assert min(lpr_days) == D(2019, 8, 20)
    assert all(
        dt.date.fromisoformat(row["effective_from"]) < D(2019, 8, 20)
        for row in rows
        if row["basis"] == "benchmark"
    )
    assert all(len(row["rate_percent"].split(".")[1]) == 2 for row in rows)
    readme = " ".join((Path(path).parent / "README.md").read_text(encoding="utf-8").split())
    assert "National Interbank Funding Center" in readme and "2026-02-24" in readme
    assert read_rate_file(path) == shipped_history()
