"""The result objects: frozen lines (however they are built), months, warnings in the user's language."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees import (
    CalcWarning,
    Month,
    ServiceFeeLine,
    UtilityLine,
    WarningCode,
    calculate,
    parse_input,
)
from mediation_app.fees.results import (
    build_service_fee_line,
    build_service_fee_lines,
    build_utility_line,
    charge_key,
    fast_builder,
)
from mediation_app.i18n import set_language

LINE_VALUES = (
    Month.of(2017, 8),
    31,
    31,
    Decimal("2.20"),
    Decimal("260.83"),
    dt.date(2017, 8, 1),
    Decimal("260.83"),
    Decimal("102.98"),
    True,
)


def test_fast_built_lines_are_the_frozen_dataclass_itself() -> None:
    fast = build_service_fee_line(*LINE_VALUES)
    slow = ServiceFeeLine(*LINE_VALUES)
    assert type(fast) is ServiceFeeLine
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert dataclasses.astuple(fast) == dataclasses.astuple(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.amount = Decimal(0)  # type: ignore[misc]
    assert dataclasses.replace(fast, amount=Decimal(1)).amount == Decimal(1)
    assert fast.key == "service_fee:2017-08"


def test_the_rows_builder_makes_the_frozen_lines_a_table_at_a_time() -> None:
    rows = build_service_fee_lines(*([value, value] for value in LINE_VALUES))
    assert rows == [ServiceFeeLine(*LINE_VALUES)] * 2
    assert all(type(row) is ServiceFeeLine for row in rows)
    with pytest.raises(ValueError):  # columns of different lengths
        build_service_fee_lines(*([value] for value in LINE_VALUES[:-1]), [True, False])


def test_fast_builder_for_utility_lines_and_its_limits() -> None:
    values = (
        Month.of(2020, 12),
        Decimal("61.30"),
        dt.date(2021, 1, 15),
        Decimal("0.00"),
        Decimal("0.00"),
        False,
    )
    assert build_utility_line(*values) == UtilityLine(*values)

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    with pytest.raises(TypeError):
        fast_builder(NoSlots)


def test_calculated_lines_are_frozen() -> None:
    result = calculate(
        parse_input(
            {
                "area": "10",
                "as_of": "2021-03-01",
                "service_fee": {
                    "rates": [{"from": "2021-01", "rate": "1"}],
                    "start": "2021-01-01",
                    "end": "2021-01-31",
                },
                "utilities": [{"period": "2021-01", "amount": "5.00", "due": "2021-02-01"}],
                "payments": [{"date": "2021-02-01", "amount": "12.00"}],
            }
        )
    )
    items = [
        (result.service_fee_lines[0], "outstanding"),
        (result.utility_lines[0], "outstanding"),
        (result.payments[0].applied[0], "amount"),
        (result.payments[0], "credit"),
        (result, "payable"),
    ]
    for item, field in items:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(item, field, Decimal(0))


def test_months() -> None:
    month = Month.parse("2017-08")
    assert (month.year, month.month, month.days, str(month), repr(month)) == (
        2017,
        8,
        31,
        "2017-08",
        "Month('2017-08')",
    )
    assert Month.of(2020, 2).days == 29 and Month.of(2100, 2).days == 28
    assert month.first_day() == dt.date(2017, 8, 1) and month.last_day() == dt.date(2017, 8, 31)
    assert Month.of(2021, 2).day(31) == dt.date(2021, 2, 28)
    assert Month.containing(dt.date(2017, 8, 20)) is month  # shared instances
    assert Month.of(2017, 8) < Month.of(2017, 9) < Month.of(2018, 1)
    with pytest.raises(ValueError):
        Month.of(2017, 13)
    assert charge_key(ChargeKind.UTILITIES, month) == "utilities:2017-08"


def test_warning_text_is_translated_when_shown() -> None:
    warning = CalcWarning(WarningCode.CREDIT, {"credit": "50.00"})
    set_language("en")
    english = warning.text
    assert (
        english
        == "The payments exceed all charges by 50.00 yuan; the excess is shown as credit and not deducted."
    )
    set_language("zh_CN")
    assert "50.00" in warning.text  # the catalogue's sentence (or the English one until translated)
