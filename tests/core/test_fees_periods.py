"""Utility bills of any period (issue 12 item 4): a month, a quarter or a range of days, in the
calculator's JSON contract, its charge keys, its payment order and its output."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mediation_app.errors import ValidationError
from mediation_app.fees import Month, Result, calculate, parse_input, result_to_dict
from mediation_app.fees.periods import BillPeriod

pytestmark = pytest.mark.usefixtures("english")

D = dt.date


@pytest.mark.parametrize(
    ("written", "start", "end", "text"),
    [
        ("2023-03", D(2023, 3, 1), D(2023, 3, 31), "2023-03"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024-02"),
        ("2023-Q1", D(2023, 1, 1), D(2023, 3, 31), "2023-01-01..2023-03-31"),
        ("2023Q4", D(2023, 10, 1), D(2023, 12, 31), "2023-10-01..2023-12-31"),
        ("2023-q2", D(2023, 4, 1), D(2023, 6, 30), "2023-04-01..2023-06-30"),
        ("2023-01-15..2023-02-14", D(2023, 1, 15), D(2023, 2, 14), "2023-01-15..2023-02-14"),
        ("2023-05-01..2023-05-31", D(2023, 5, 1), D(2023, 5, 31), "2023-05"),  # a whole month is that month
        (
            {"from": "2020-10-01", "to": "2020-12-31"},
            D(2020, 10, 1),
            D(2020, 12, 31),
            "2020-10-01..2020-12-31",
        ),
        (
            {"from": "2020-12-01", "to": "2020-12-01"},
            D(2020, 12, 1),
            D(2020, 12, 1),
            "2020-12-01..2020-12-01",
        ),
    ],
)
def test_every_written_form_reads_to_one_value(written: Any, start: dt.date, end: dt.date, text: str) -> None:
    period = BillPeriod.parse(written)
    assert (period.start, period.end, period.text, str(period)) == (start, end, text, text)
    assert BillPeriod.parse(period.text) == period  # the stored form reads back
    assert period.days == (end - start).days + 1


def test_a_period_knows_whether_it_is_a_month_and_says_so_in_json() -> None:
    month = BillPeriod.of_month(Month.of(2020, 12))
    assert month.calendar_month == Month.of(2020, 12) and month.to_json() == "2020-12"
    quarter = BillPeriod.quarter(2020, 4)
    assert quarter.calendar_month is None
    assert quarter.to_json() == {"from": "2020-10-01", "to": "2020-12-31"}
    assert BillPeriod(D(2020, 12, 1), D(2020, 12, 30)).calendar_month is None
    # Ordered by first day, then last day.
    assert sorted([quarter, month, BillPeriod(D(2020, 10, 1), D(2020, 10, 31))]) == [
        BillPeriod(D(2020, 10, 1), D(2020, 10, 31)),
        quarter,
        month,
    ]


@pytest.mark.parametrize(
    ("written", "field", "problem"),
    [
        ("2023-13", "utilities[0].period", "not a bill period"),
        ("2023-Q5", "utilities[0].period", "not a bill period"),
        ("2023-Q0", "utilities[0].period", "not a bill period"),
        ("23-Q1", "utilities[0].period", "not a bill period"),
        ("２０２３-Q1", "utilities[0].period", "not a bill period"),
        ("2023-03-31..2023-01-01", "utilities[0].period", "2023-01-01 is before the start date 2023-03-31"),
        ("2023-01-01..2023-02-30", "utilities[0].period", "not a date"),
        ({"from": "2023-03-31", "to": "2023-01-01"}, "utilities[0].period.to", "before the start date"),
        ({"from": "2023-01-01"}, "utilities[0].period.to", "is required"),
        (
            {"from": "2023-01-01", "to": "2023-03-31", "days": 90},
            "utilities[0].period.days",
            "not a known field",
        ),
        ({"from": 20230101, "to": "2023-03-31"}, "utilities[0].period.from", "written as text"),
        (202303, "utilities[0].period", "must be a month"),
        ("x" * 5000, "utilities[0].period", "not a bill period"),
    ],
)
def test_a_bad_period_is_refused_naming_the_json_path(written: Any, field: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        BillPeriod.parse(written, "utilities[0].period", "Utility bill period")
    assert caught.value.field == field
    assert problem in caught.value.problem
    assert len(caught.value.message) < 250  # a long value is quoted cut short


def calc(*bills: dict[str, Any], **more: Any) -> Result:
    data: dict[str, Any] = {"area": "100", "as_of": "2024-06-30", "utilities": list(bills), **more}
    return calculate(parse_input(data), today=D(2026, 12, 3))


def test_a_quarter_and_a_range_are_charges_with_their_own_keys_and_output_their_period() -> None:
    result = calc(
        {"period": "2023-Q1", "amount": "300.00", "due": "2023-04-15"},
        {"period": {"from": "2023-04-01", "to": "2023-05-20"}, "amount": "200.00", "due": "2023-06-15"},
        {"period": "2023-06", "amount": "100.00", "due": "2023-07-15"},
        {"period": {"from": "2023-07-01", "to": "2023-07-31"}, "amount": "100.00", "due": "2023-08-15"},
        payments=[{"date": "2023-05-01", "amount": "350.00"}],
    )
    assert [line.key for line in result.utility_lines] == [
        "utilities:2023-01-01..2023-03-31",
        "utilities:2023-04-01..2023-05-20",
        "utilities:2023-06",
        "utilities:2023-07",  # a whole month given as a range is that month
    ]
    assert isinstance(result.utility_lines[0].period, BillPeriod)
    assert result.utility_lines[3].period == Month.of(2023, 7)
    assert (result.utility_lines[1].start, result.utility_lines[1].end) == (D(2023, 4, 1), D(2023, 5, 20))
    assert [(part.charge, str(part.amount)) for part in result.payments[0].applied] == [
        ("utilities:2023-01-01..2023-03-31", "300.00"),
        ("utilities:2023-04-01..2023-05-20", "50.00"),
    ]
    out = result_to_dict(result)
    assert [line["period"] for line in out["utilities"]["lines"]] == [
        {"from": "2023-01-01", "to": "2023-03-31"},
        {"from": "2023-04-01", "to": "2023-05-20"},
        "2023-06",
        "2023-07",
    ]
    assert out["utilities_total"] == "700.00"


def test_bills_due_the_same_day_are_paid_by_first_day_then_last_day_then_as_given() -> None:
    result = calc(
        {"period": "2023-Q1", "amount": "10.00", "due": "2023-04-15"},
        {"period": "2023-01", "amount": "10.00", "due": "2023-04-15"},
        {"period": "2022-12-15..2023-01-14", "amount": "10.00", "due": "2023-04-15"},
        {"period": "2023-02", "amount": "10.00", "due": "2023-03-15"},
        payments=[{"date": "2023-05-01", "amount": "40.00"}],
    )
    assert [part.charge for part in result.payments[0].applied] == [
        "utilities:2023-02",  # the earliest due date first, whatever its period
        "utilities:2022-12-15..2023-01-14",
        "utilities:2023-01",  # same first day as the quarter, earlier last day
        "utilities:2023-01-01..2023-03-31",
    ]


def test_limitation_and_late_fees_run_from_each_bills_due_date() -> None:
    result = calc(
        {"period": "2019-Q1", "amount": "100.00", "due": "2019-04-15"},
        {"period": "2022-Q1", "amount": "100.00", "due": "2022-04-15"},
        late_fee={"daily_rate": "0.001", "applies_to": ["utilities"]},
        limitation={"claim_date": "2024-06-30"},
    )
    assert result.time_barred.charges == ("utilities:2019-01-01..2019-03-31",)
    old, recent = result.utility_lines
    assert old.late_fee == Decimal("100.00") * Decimal("0.001") * (D(2024, 6, 30) - D(2019, 4, 15)).days
    assert recent.late_fee == Decimal("100.00") * Decimal("0.001") * (D(2024, 6, 30) - D(2022, 4, 15)).days


def test_a_bill_period_built_in_python_is_checked_too() -> None:
    base = parse_input({"area": "100", "as_of": "2024-06-30"})
    from mediation_app.fees import CalcInput, UtilityBill

    for period, field in [
        (BillPeriod(D(2023, 3, 31), D(2023, 1, 1)), "utilities[0].period.to"),
        (BillPeriod(D(1900, 1, 1), D(1900, 3, 31)), "utilities[0].period.from"),
        (Month.of(9999, 12), "utilities[0].period"),
    ]:
        inp = CalcInput(
            base.area, base.as_of, utilities=(UtilityBill(period, Decimal("1.00"), D(2023, 4, 1)),)
        )
        with pytest.raises(ValidationError) as caught:
            calculate(inp, today=D(2026, 12, 3))
        assert caught.value.field == field
