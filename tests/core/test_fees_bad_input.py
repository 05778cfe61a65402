"""Every bad input of the issue: an error naming the field, never a traceback.

In the core: a ValidationError whose ``field`` is the JSON path. Through the command: exit 2,
one line on stderr naming the field, nothing on stdout.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_app.cli import main
from mediation_app.errors import ValidationError
from mediation_app.fees import (
    CalcInput,
    LateFeeTerms,
    LateFeeWaiver,
    calculate,
    parse_input,
)
from mediation_app.fees.months import Month

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[2]

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


def with_change(path: str, value: Any) -> dict[str, Any]:
    """GOOD with the value at a dotted path (``payments.0.date``) replaced, or deleted for DELETE."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    if value is DELETE:
        del target[key]
    else:
        target[key] = value
    return data


DELETE = object()

# (what the issue calls it, path to change, new value, the field the error must name)
BAD_INPUTS = [
    ("missing field: area", "area", DELETE, "area"),
    ("missing field: as_of", "as_of", DELETE, "as_of"),
    ("missing field: rates", "service_fee.rates", DELETE, "service_fee.rates"),
    ("missing field: payment amount", "payments.0.amount", DELETE, "payments[0].amount"),
    ("missing field: claim date", "limitation.claim_date", DELETE, "limitation.claim_date"),
    ("missing field: discount type", "discounts.1.type", DELETE, "discounts[1].type"),
    ("bad date: impossible day", "as_of", "2021-02-30", "as_of"),
    ("bad date: slashes", "service_fee.start", "2019/05/16", "service_fee.start"),
    ("bad date: compact", "payments.0.date", "20190910", "payments[0].date"),
    ("bad date: a number", "utilities.0.due", 20200215, "utilities[0].due"),
    ("bad date: interruption", "limitation.interruptions.0", "2020-13-01", "limitation.interruptions[0]"),
    ("bad month", "service_fee.rates.1.from", "2019-7", "service_fee.rates[1].from"),
    ("bad month: 13", "utilities.0.period", "2020-13", "utilities[0].period"),
    ("negative area", "area", "-89.70", "area"),
    ("zero area", "area", "0", "area"),
    ("unknown discount type", "discounts.2.type", "gift", "discounts[2].type"),
    ("waiver ratio above 1", "discounts.1.ratio", "1.5", "discounts[1].ratio"),
    ("waiver ratio below 0", "discounts.1.ratio", "-0.1", "discounts[1].ratio"),
    ("no rate for a month", "service_fee.rates.0.from", "2019-06", "service_fee.rates"),
    ("end before start", "service_fee.end", "2019-05-15", "service_fee.end"),
    ("payment after as_of", "payments.0.date", "2020-07-01", "payments[0].date"),
    ("discounts larger than the debt", "discounts.2.amount", "99999.00", "discounts"),
    ("money with three decimals: payment", "payments.0.amount", "500.001", "payments[0].amount"),
    ("money with three decimals: bill", "utilities.0.amount", "61.305", "utilities[0].amount"),
    ("money with three decimals: fixed", "discounts.2.amount", "100.001", "discounts[2].amount"),
    ("rate with five decimals", "service_fee.rates.0.rate", "1.80001", "service_fee.rates[0].rate"),
    ("non-numeric text: area", "area", "eighty", "area"),
    ("non-numeric text: rate", "service_fee.rates.1.rate", "2,00", "service_fee.rates[1].rate"),
    ("non-numeric text: daily rate", "late_fee.daily_rate", "万分之五", "late_fee.daily_rate"),
    ("non-numeric text: NaN", "late_fee.cap_ratio", "NaN", "late_fee.cap_ratio"),
    ("non-numeric text: exponent", "payments.0.amount", "5e2", "payments[0].amount"),
    ("a float has lost the figure", "area", 89.7, "area"),
    ("a boolean is not a number", "discounts.1.ratio", True, "discounts[1].ratio"),
    ("negative payment", "payments.0.amount", "-500.00", "payments[0].amount"),
    ("zero payment", "payments.0.amount", "0", "payments[0].amount"),
    ("negative bill", "utilities.0.amount", "-1.00", "utilities[0].amount"),
    ("negative rate", "service_fee.rates.0.rate", "-1.80", "service_fee.rates[0].rate"),
    ("same month twice", "service_fee.rates.1.from", "2018-01", "service_fee.rates[1].from"),
    ("due day 0", "service_fee.due_day", 0, "service_fee.due_day"),
    ("due day 32", "service_fee.due_day", 32, "service_fee.due_day"),
    ("due day as text", "service_fee.due_day", "10", "service_fee.due_day"),
    ("negative grace", "late_fee.grace_days", -1, "late_fee.grace_days"),
    (
        "late fee on something else",
        "late_fee.applies_to",
        ["service_fee", "parking"],
        "late_fee.applies_to[1]",
    ),
    ("negative cap", "late_fee.cap_ratio", "-0.3", "late_fee.cap_ratio"),
    ("daily rate above 100%", "late_fee.daily_rate", "1.5", "late_fee.daily_rate"),
    ("reduction months reversed", "discounts.0.to", "2019-06", "discounts[0].to"),
    ("unknown field", "late_fee.cap", "0.3", "late_fee.cap"),
    ("unknown field at the top", "owner", "张三", "owner"),
    ("field of another discount type", "discounts.1.amount", "1.00", "discounts[1].amount"),
    ("object expected", "service_fee", ["2019-05-16"], "service_fee"),
    ("list expected", "payments", {"date": "2019-09-10"}, "payments"),
    ("list item must be an object", "discounts.0", "rate_reduction", "discounts[0]"),
    ("too large", "area", "1000000000000", "area"),
]


@pytest.mark.parametrize(("what", "path", "value", "field"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_the_core_names_the_field(what: str, path: str, value: Any, field: str) -> None:
    data = with_change(path, value)
    with pytest.raises(ValidationError) as caught:
        calculate(parse_input(data))
    assert caught.value.field == field, what
    assert caught.value.problem
    assert caught.value.message.startswith(caught.value.label + ": ")


def test_the_good_input_is_good() -> None:
    result = calculate(parse_input(copy.deepcopy(GOOD)))
    assert result.payable > 0


def test_the_input_must_be_an_object() -> None:
    for data in ([], "x", 3, None):
        with pytest.raises(ValidationError) as caught:
            parse_input(data)
        assert caught.value.field == ""


def test_null_optional_values_count_as_absent() -> None:
    data = with_change("late_fee.cap_ratio", None)
    assert calculate(parse_input(data)).late_fee.cap is None
    with pytest.raises(ValidationError) as caught:
        parse_input(with_change("area", None))
    assert caught.value.field == "area"


def test_the_same_checks_apply_to_inputs_built_without_json() -> None:
    base = parse_input(copy.deepcopy(GOOD))
    cases: list[tuple[CalcInput, str]] = [
        (CalcInput(area=Decimal("0"), as_of=base.as_of), "area"),
        (CalcInput(area=Decimal("NaN"), as_of=base.as_of), "area"),
        (
            CalcInput(area=Decimal(1), as_of=base.as_of, discounts=(LateFeeWaiver(Decimal("1.01")),)),
            "discounts[0].ratio",
        ),
        (
            CalcInput(
                area=Decimal(1), as_of=base.as_of, late_fee=LateFeeTerms(Decimal("0.001"), grace_days=-2)
            ),
            "late_fee.grace_days",
        ),
        (
            CalcInput(
                area=Decimal(1),
                as_of=base.as_of,
                payments=(base.payments[0].__class__(base.as_of, Decimal("1.234")),),
            ),
            "payments[0].amount",
        ),
    ]
    for inp, field in cases:
        with pytest.raises(ValidationError) as caught:
            calculate(inp)
        assert caught.value.field == field


def test_an_unknown_discount_object_is_refused() -> None:
    class Gift:
        kind = "gift"

    inp = CalcInput(area=Decimal(1), as_of=parse_input(GOOD).as_of, discounts=(Gift(),))  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        calculate(inp)
    assert caught.value.field == "discounts[0].type"


def test_months_refuse_bad_text() -> None:
    for text in ("2017-8", "2017-00", "17-08", "２０１７-08", "2017_08"):
        with pytest.raises(ValueError):
            Month.parse(text)


# ------------------------------------------------------------------------------ the command


# A JSON number reaches the core as an exact Decimal (see below), so a float is a core-only case.
CLI_BAD_INPUTS = [case for case in BAD_INPUTS if not isinstance(case[2], float)]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    ("what", "path", "value", "field"), CLI_BAD_INPUTS, ids=[case[0] for case in CLI_BAD_INPUTS]
)
def test_the_command_exits_2_with_one_line_naming_the_field(
    what: str, path: str, value: Any, field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "input.json"
    source.write_text(json.dumps(with_change(path, value), ensure_ascii=False), encoding="utf-8")
    status, out, err = run_cli(["calc", str(source)], capsys)
    assert status == 2, what
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert field in err, (field, err)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON at line 1, column 2"),
        (b"", "not valid JSON"),
        (b'{"area": "1", "as_of": "2021-01-01"} trailing', "not valid JSON"),
        (b"\xff\xfe{", "not UTF-8"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_the_command_names_the_file_when_it_is_not_json(
    content: bytes, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "input.json"
    source.write_bytes(content)
    status, out, err = run_cli(["--lang", "en", "calc", str(source)], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(str(source)) and expected in err and err.count("\n") == 1


def test_the_command_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.json"
    status, out, err = run_cli(["calc", str(missing)], capsys)
    assert (status, out) == (2, "")
    assert str(missing) in err and err.count("\n") == 1
    status, out, err = run_cli(["calc", str(tmp_path)], capsys)  # a directory
    assert (status, out) == (2, "") and err.count("\n") == 1


def test_json_numbers_are_read_as_exact_decimals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "input.json"
    text = json.dumps(GOOD).replace('"89.70"', "89.70").replace('"0.0005"', "0.0005")
    source.write_text(text, encoding="utf-8")
    status, out, _err = run_cli(["calc", "--contract", str(source)], capsys)
    assert status == 0
    assert json.loads(out) == json.loads(json.dumps(_contract(GOOD)))
    source.write_text(text.replace("89.70", "NaN"), encoding="utf-8")
    status, out, err = run_cli(["calc", str(source)], capsys)
    assert (status, out) == (2, "") and "area" in err


def _contract(data: dict[str, Any]) -> Any:
    from mediation_app.fees import result_to_dict

    return result_to_dict(calculate(parse_input(copy.deepcopy(data))), contract_only=True)


def test_stdin_and_a_real_process_never_print_a_traceback(tmp_path: Path) -> None:
    good = subprocess.run(
        [sys.executable, "-m", "mediation_app", "calc", "-"],
        input=json.dumps(GOOD).encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["payable"] == _contract(GOOD)["payable"]
    for stdin in (b"nonsense", json.dumps(with_change("area", "-1")).encode()):
        bad = subprocess.run(
            [sys.executable, "-m", "mediation_app", "calc", "-"],
            input=stdin,
            capture_output=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        assert bad.returncode == 2 and bad.stdout == b""
        assert b"Traceback" not in bad.stderr and bad.stderr.count(b"\n") == 1


# Any JSON at all: the core either computes or raises ValidationError, nothing else.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def mutations() -> st.SearchStrategy[dict[str, Any]]:
    paths = [case[1] for case in BAD_INPUTS]
    return st.tuples(st.sampled_from(paths), json_values).map(lambda pv: with_change(pv[0], pv[1]))


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, mutations()))
def test_any_json_gives_a_result_or_a_validation_error(data: Any) -> None:
    try:
        calculate(parse_input(data))
    except ValidationError as exc:
        assert isinstance(exc.field, str) and exc.problem
