"""Hostile input to the calculator (issue 15 item 3): every figure and date has a plausible range
(mediation_app.domain.bounds), checked before any arithmetic. Each case below gets a clear
error naming the field: from the core a ValidationError, from ``mediation-app calc`` exit status
2 and one line on stderr — never a traceback, never exit 70 (a fault), never a hang.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mediation_app.cli import main
from mediation_app.errors import ValidationError
from mediation_app.fees import (
    CalcInput,
    FixedDiscount,
    LateFeeTerms,
    LimitationTerms,
    Month,
    Payment,
    RateChange,
    ServiceFeeTerms,
    UtilityBill,
    calculate,
    parse_input,
)
from mediation_app.fees.json_io import load_json
from mediation_app.fees.periods import BillPeriod

pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 3)
RAW = "@@raw@@"  # replaced by a raw JSON token (a number as written) in the input's text

GOOD: dict[str, Any] = {
    "area": "89.70",
    "as_of": "2020-06-30",
    "service_fee": {
        "rates": [{"from": "2018-01", "rate": "1.80"}, {"from": "2019-07", "rate": "2.00"}],
        "start": "2019-05-16",
        "end": "2020-06-30",
        "due_day": 10,
    },
    "utilities": [{"period": "2020-01", "amount": "61.30", "due": "2020-02-15"}],
    "payments": [{"date": "2019-09-10", "amount": "500.00"}],
    "late_fee": {"daily_rate": "0.0005", "grace_days": 5, "applies_to": ["service_fee"], "cap_ratio": "0.3"},
    "limitation": {"claim_date": "2020-06-30", "interruptions": ["2020-01-01"]},
    "discounts": [
        {"type": "rate_reduction", "per_m2": "0.40", "from": "2019-07", "to": "2019-12"},
        {"type": "late_fee_waiver", "ratio": "0.5"},
        {"type": "fixed", "amount": "100.00"},
    ],
}


def hostile(path: str, value: Any) -> str:
    """GOOD as JSON text with the value at a dotted path replaced; a ``raw(...)`` value goes in
    as written (a JSON number no Python value would print the same way)."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    target[key] = RAW if isinstance(value, Raw) else value
    text = json.dumps(data, ensure_ascii=False)
    return text.replace(f'"{RAW}"', value.token) if isinstance(value, Raw) else text


class Raw:
    def __init__(self, token: str) -> None:
        self.token = token


def many(item: dict[str, Any], count: int) -> list[dict[str, Any]]:
    return [item] * count


HUGE_INTEGER = "9" * 5001
# (what, path, value, the field the error names, what the error says)
HOSTILE = [
    # Numbers written to cost minutes of exact arithmetic, or more digits than Python reads.
    ("area 1e-10000000, a JSON number", "area", Raw("1e-10000000"), "area", "exponent"),
    ("area 1e-10000000, as text", "area", "1e-10000000", "area", "exponent"),
    ("area of 5,001 digits, a JSON number", "area", Raw(HUGE_INTEGER), "area", "too many digits (5001)"),
    ("area of 5,001 digits, as text", "area", HUGE_INTEGER, "area", "too many digits (5001)"),
    (
        "payment of 5,001 digits",
        "payments.0.amount",
        Raw(HUGE_INTEGER),
        "payments[0].amount",
        "too many digits",
    ),
    ("bill of 1e30", "utilities.0.amount", Raw("1e30"), "utilities[0].amount", "exponent"),
    (
        "bill of 20 digits",
        "utilities.0.amount",
        "12345678901234567890",
        "utilities[0].amount",
        "too many digits",
    ),
    ("rate 2.8E0", "service_fee.rates.0.rate", Raw("2.8E0"), "service_fee.rates[0].rate", "exponent"),
    ("waiver 1e2", "discounts.1.ratio", Raw("1e2"), "discounts[1].ratio", "exponent"),
    ("area with 21 decimals", "area", "1." + "0" * 20 + "1", "area", "too many digits"),
    (
        "due day of 5,001 digits",
        "service_fee.due_day",
        Raw(HUGE_INTEGER),
        "service_fee.due_day",
        "too many digits",
    ),
    ("due day 1e1", "service_fee.due_day", Raw("1e1"), "service_fee.due_day", "exponent"),
    (
        "grace days 10^30",
        "late_fee.grace_days",
        Raw("1" + "0" * 30),
        "late_fee.grace_days",
        "too many digits",
    ),
    (
        "grace days of ten thousand years",
        "late_fee.grace_days",
        3_650_000,
        "late_fee.grace_days",
        "from 0 to 3660",
    ),
    ("NaN as a JSON constant", "area", Raw("NaN"), "area", "not a number"),
    (
        "-Infinity as a JSON constant",
        "payments.0.amount",
        Raw("-Infinity"),
        "payments[0].amount",
        "not a number",
    ),
    # Figures no case could have.
    ("area of 99,999,999,999.99 m²", "area", "99999999999.99", "area", "at most 100,000 m²"),
    ("area of 0.00 m²", "area", "0.00", "area", "greater than zero"),
    ("fee standard -2.80", "service_fee.rates.0.rate", "-2.80", "service_fee.rates[0].rate", "negative"),
    (
        "fee standard 1,000.01",
        "service_fee.rates.1.rate",
        "1000.01",
        "service_fee.rates[1].rate",
        "at most 1,000",
    ),
    (
        "payment of 10^10 yuan",
        "payments.0.amount",
        "10000000000",
        "payments[0].amount",
        "less than 10,000,000,000",
    ),
    (
        "bill of 92 quadrillion",
        "utilities.0.amount",
        "92000000000000000",
        "utilities[0].amount",
        "too many digits",
    ),
    ("fixed discount of 10^10", "discounts.2.amount", "10000000000.00", "discounts[2].amount", "less than"),
    ("payment of -0", "payments.0.amount", "-0", "payments[0].amount", "greater than zero"),
    ("daily rate 0", "late_fee.daily_rate", "0", "late_fee.daily_rate", "greater than zero and at most 0.01"),
    ("daily rate 1.01%", "late_fee.daily_rate", "0.0101", "late_fee.daily_rate", "at most 0.01 a day"),
    ("cap of 200%", "late_fee.cap_ratio", "2", "late_fee.cap_ratio", "between 0 and 1"),
    ("reduction of -0.40", "discounts.0.per_m2", "-0.40", "discounts[0].per_m2", "negative"),
    # Dates no case could have.
    ("as_of 9999-12-31", "as_of", "9999-12-31", "as_of", "after"),
    ("as_of 1989-12-31", "as_of", "1989-12-31", "as_of", "before 1990-01-01"),
    (
        "handover-era start 1900-01-01",
        "service_fee.start",
        "1900-01-01",
        "service_fee.start",
        "before 1990-01-01",
    ),
    ("arrears to 2099", "service_fee.end", "2099-12-31", "service_fee.end", "after"),
    (
        "a rate from year 1",
        "service_fee.rates.0.from",
        "0001-01",
        "service_fee.rates[0].from",
        "before 1990-01-01",
    ),
    ("payment in 1900", "payments.0.date", "1900-01-01", "payments[0].date", "before 1990-01-01"),
    ("bill due 9999-12-31", "utilities.0.due", "9999-12-31", "utilities[0].due", "after"),
    ("bill for 1900-01", "utilities.0.period", "1900-01", "utilities[0].period", "before 1990-01-01"),
    (
        "bill for a range into 2099",
        "utilities.0.period",
        {"from": "2020-01-01", "to": "2099-12-31"},
        "utilities[0].period.to",
        "after",
    ),
    (
        "bill period reversed",
        "utilities.0.period",
        {"from": "2020-03-31", "to": "2020-01-01"},
        "utilities[0].period.to",
        "before the start date",
    ),
    ("bill for quarter 5", "utilities.0.period", "2020-Q5", "utilities[0].period", "not a bill period"),
    ("claim in 9999", "limitation.claim_date", "9999-12-31", "limitation.claim_date", "after"),
    (
        "interruption in year 1",
        "limitation.interruptions.0",
        "0001-01-01",
        "limitation.interruptions[0]",
        "before",
    ),
    ("reduction from 1800", "discounts.0.from", "1800-01", "discounts[0].from", "before 1990-01-01"),
    # Lists no case could have, refused before any item is read.
    (
        "10,001 bills",
        "utilities",
        many({"period": "2020-01", "amount": "1.00", "due": "2020-02-15"}, 10_001),
        "utilities",
        "10001 items",
    ),
    (
        "10,001 payments",
        "payments",
        many({"date": "2019-09-10", "amount": "1.00"}, 10_001),
        "payments",
        "10001",
    ),
    (
        "101 discounts",
        "discounts",
        many({"type": "fixed", "amount": "1.00"}, 101),
        "discounts",
        "at most 100",
    ),
    (
        "a period 5,000 characters long",
        "utilities.0.period",
        "x" * 5000,
        "utilities[0].period",
        "not a bill period",
    ),
]


@pytest.mark.parametrize(
    ("what", "path", "value", "field", "problem"), HOSTILE, ids=[case[0] for case in HOSTILE]
)
def test_the_core_refuses_with_the_field_named(
    what: str, path: str, value: Any, field: str, problem: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        calculate(parse_input(load_json(hostile(path, value))), today=TODAY)
    assert caught.value.field == field, what
    assert problem in caught.value.problem, (what, caught.value.problem)
    assert len(caught.value.message) < 250  # one short line, whatever the input's size


@pytest.mark.parametrize(
    ("what", "path", "value", "field", "problem"), HOSTILE, ids=[case[0] for case in HOSTILE]
)
def test_the_command_exits_2_with_one_clear_line(
    what: str,
    path: str,
    value: Any,
    field: str,
    problem: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "input.json"
    source.write_text(hostile(path, value), encoding="utf-8")
    status = main(["calc", str(source)])
    captured = capsys.readouterr()
    assert (status, captured.out) == (2, ""), what
    assert captured.err.count("\n") == 1 and field in captured.err and problem in captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err


# Built in Python (a service, a test): the same bounds, before any arithmetic.
GOOD_INPUT = parse_input(copy.deepcopy(GOOD))
BILL = GOOD_INPUT.utilities[0]


def with_input(**changes: Any) -> CalcInput:
    values = {name: getattr(GOOD_INPUT, name) for name in GOOD_INPUT.__dataclass_fields__}
    return CalcInput(**{**values, **changes})


PYTHON_HOSTILE = [
    ("area 1e-10000000", with_input(area=Decimal("1e-10000000")), "area"),
    ("area of 5,001 digits", with_input(area=Decimal("9" * 5001)), "area"),
    ("area NaN", with_input(area=Decimal("NaN")), "area"),
    ("area as a float", with_input(area=89.7), "area"),
    (
        "bill sNaN",
        with_input(utilities=(UtilityBill(BILL.period, Decimal("sNaN"), BILL.due),)),
        "utilities[0].amount",
    ),
    (
        "bill 1e-10000000",
        with_input(utilities=(UtilityBill(BILL.period, Decimal("1e-10000000"), BILL.due),)),
        "utilities[0].amount",
    ),
    (
        "bill 10^10",
        with_input(utilities=(UtilityBill(BILL.period, Decimal("1E+10"), BILL.due),)),
        "utilities[0].amount",
    ),
    (
        "bill period reversed",
        with_input(
            utilities=(
                UtilityBill(BillPeriod(dt.date(2020, 3, 1), dt.date(2020, 1, 1)), Decimal(1), BILL.due),
            )
        ),
        "utilities[0].period.to",
    ),
    (
        "payment of 1e-10000000",
        with_input(payments=(Payment(dt.date(2019, 9, 10), Decimal("1e-10000000")),)),
        "payments[0].amount",
    ),
    ("as_of date.max", with_input(as_of=dt.date.max), "as_of"),
    (
        "a service fee to date.max",
        with_input(
            as_of=dt.date(2020, 6, 30),
            service_fee=ServiceFeeTerms(
                (RateChange(Month.of(2019, 1), Decimal(2)),), dt.date(2019, 5, 1), dt.date.max
            ),
        ),
        "service_fee.end",
    ),
    (
        "due day 10^100",
        with_input(
            service_fee=ServiceFeeTerms(
                (RateChange(Month.of(2019, 1), Decimal(2)),),
                dt.date(2019, 5, 1),
                dt.date(2020, 1, 1),
                due_day=10**100,
            )
        ),
        "service_fee.due_day",
    ),
    (
        "grace days 10^100",
        with_input(late_fee=LateFeeTerms(Decimal("0.0005"), grace_days=10**100)),
        "late_fee.grace_days",
    ),
    (
        "daily rate 1e-10000000",
        with_input(late_fee=LateFeeTerms(Decimal("1e-10000000"))),
        "late_fee.daily_rate",
    ),
    ("claim on date.min", with_input(limitation=LimitationTerms(dt.date.min)), "limitation.claim_date"),
    ("fixed discount NaN", with_input(discounts=(FixedDiscount(Decimal("NaN")),)), "discounts[0].amount"),
]


@pytest.mark.parametrize(("what", "inp", "field"), PYTHON_HOSTILE, ids=[case[0] for case in PYTHON_HOSTILE])
def test_inputs_built_in_python_are_bounded_too(what: str, inp: CalcInput, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        calculate(inp, today=TODAY)
    assert caught.value.field == field, what
    assert len(caught.value.message) < 250


def test_the_bounds_leave_the_latest_plausible_day_and_a_long_case_alone() -> None:
    """Not every large input is hostile: thirty years of monthly fees as of five years from now."""
    latest = TODAY.replace(year=TODAY.year + 5)
    data = copy.deepcopy(GOOD)
    data["as_of"] = latest.isoformat()
    data["service_fee"]["start"] = "1990-01-01"
    data["service_fee"]["end"] = latest.isoformat()
    data["service_fee"]["rates"][0]["from"] = "1990-01"
    data["limitation"]["claim_date"] = latest.isoformat()
    result = calculate(parse_input(data), today=TODAY)
    assert len(result.service_fee_lines) == (latest.year - 1990) * 12 + latest.month


@pytest.mark.parametrize("token", ["1e-10000000", HUGE_INTEGER])
def test_a_real_process_answers_at_once_with_exit_2(token: str) -> None:
    """The issue's cases through a real process: no hang (it once took minutes), no exit 70 (a
    5,001-digit integer once ended in Python's own 'Exceeds the limit' error)."""
    done = subprocess.run(
        [sys.executable, "-m", "mediation_app", "--lang", "en", "calc", "-"],
        input=hostile("area", Raw(token)).encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.count(b"\n") == 1 and b"area" in done.stderr and b"Traceback" not in done.stderr
