"""The worked examples (copied from ../shared/examples/calc/) reproduce exactly.

Three ways: the contract part of the result equals the expected JSON; the command's
``--contract`` output is byte for byte the expected file; the full output carries every
expected key and value unchanged, the extensions only added.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mediation_app.cli import main
from mediation_app.fees import CONTRACT_KEYS, calculate, parse_input, result_to_dict

DATA = Path(__file__).parent / "data" / "calc"
EXAMPLES = sorted(path.name.removesuffix(".input.json") for path in DATA.glob("*.input.json"))
EXTENSION_KEYS = {"utilities", "payments", "yardstick", "warnings"}


def load(name: str, kind: str) -> Any:
    return json.loads((DATA / f"{name}.{kind}.json").read_text(encoding="utf-8"), parse_float=Decimal)


def test_the_examples_are_here() -> None:
    assert EXAMPLES == ["A_seed_like", "B_payments_rate_change"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_contract_output_equals_the_expected_json(name: str) -> None:
    result = calculate(parse_input(load(name, "input")))
    assert result_to_dict(result, contract_only=True) == load(name, "expected")


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_command_prints_the_expected_file_byte_for_byte(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calc", "--contract", str(DATA / f"{name}.input.json")]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == (DATA / f"{name}.expected.json").read_text(encoding="utf-8")


def contains(full: Any, expected: Any, path: str = "") -> None:
    """Every key and value of ``expected`` is in ``full``; lists match item by item."""
    if isinstance(expected, dict):
        assert isinstance(full, dict), path
        for key, value in expected.items():
            assert key in full, f"{path}.{key} missing"
            contains(full[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(full, list) and len(full) == len(expected), path
        for i, (got, want) in enumerate(zip(full, expected, strict=True)):
            contains(got, want, f"{path}[{i}]")
    else:
        assert full == expected, f"{path}: {full!r} != {expected!r}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_full_output_keeps_the_contract_and_only_adds(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", str(DATA / f"{name}.input.json")]) == 0
    full = json.loads(capsys.readouterr().out)
    expected = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    contains(full, expected)
    assert list(full)[: len(CONTRACT_KEYS)] == list(CONTRACT_KEYS) == list(expected)
    assert set(full) - set(expected) == EXTENSION_KEYS
    assert set(full["late_fee"]) - set(expected["late_fee"]) == {
        "daily_rate",
        "annual_rate",
        "grace_days",
        "applies_to",
    }


def test_example_a_extensions() -> None:
    """The seed-like case: 0.0003 a day is 10.95% a year, above 1.3 × LPR; eight months barred."""
    result = calculate(parse_input(load("A_seed_like", "input")))
    data = result_to_dict(result)
    assert data["late_fee"]["annual_rate"] == "0.1095"
    assert [line["period"] for line in data["utilities"]["lines"]] == ["2020-12", "2021-01"]
    assert data["payments"] == []
    codes = [warning["code"] for warning in data["warnings"]]
    assert codes == ["possibly_time_barred", "late_fee_above_yardstick"]
    assert data["warnings"][0]["params"] == {"count": "8", "principal": "2086.64"}
    assert result.yardstick.exceeded
    assert result.yardstick.amount is not None and result.yardstick.amount < result.late_fee.total


def test_example_b_allocations() -> None:
    """Payments pay the oldest months first; the second one finishes August and starts September."""
    data = result_to_dict(calculate(parse_input(load("B_payments_rate_change", "input"))))
    assert data["payments"] == [
        {
            "date": "2019-09-10",
            "amount": "500.00",
            "applied": [
                {"charge": "service_fee:2019-05", "amount": "83.33"},
                {"charge": "service_fee:2019-06", "amount": "161.46"},
                {"charge": "service_fee:2019-07", "amount": "179.40"},
                {"charge": "service_fee:2019-08", "amount": "75.81"},
            ],
            "credit": "0.00",
        },
        {
            "date": "2020-01-20",
            "amount": "179.40",
            "applied": [
                {"charge": "service_fee:2019-08", "amount": "103.59"},
                {"charge": "service_fee:2019-09", "amount": "75.81"},
            ],
            "credit": "0.00",
        },
    ]
    assert data["late_fee"]["annual_rate"] == "0.1825"
    assert data["late_fee"]["grace_days"] == 5


SHARED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "calc"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/examples/calc is not beside this clone")
def test_the_copies_match_the_shared_examples() -> None:
    """The examples are copied here so the tests stand alone; when ../shared is present they
    must still be the same files."""
    shared = sorted(path.name for path in SHARED.glob("*.json"))
    assert shared == sorted(path.name for path in DATA.glob("*.json"))
    for name in shared:
        assert (SHARED / name).read_bytes() == (DATA / name).read_bytes(), name
