"""The calculator's input built from stored bills: a bill stored for a month or for a range of
days ("2023-01-01..2023-03-31", in the same column) reaches the calculator as it was stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mediation_app.fees import Month, calculate, result_to_dict
from mediation_app.fees.periods import BillPeriod
from mediation_app.services.settlement.fee_input import calc_input
from mediation_app.storage.models import Case, Unit, UnitRate, UtilityBill


def stored_case(*bills: tuple[str, str, dt.date]) -> Case:
    """A case with its unit as the database holds them (not saved: only read here)."""
    unit = Unit(
        area=Decimal("100.00"),
        handover_date=dt.date(2022, 1, 1),
        rates=[UnitRate(from_month="2022-01", rate=Decimal("2.00"))],
        utility_bills=[
            UtilityBill(period=period, amount=Decimal(amount), due=due) for period, amount, due in bills
        ],
        payments=[],
    )
    return Case(
        unit=unit,
        intake_date=dt.date(2024, 6, 1),
        service_start=dt.date(2023, 1, 1),
        service_end=dt.date(2024, 3, 31),
        due_day=1,
        late_fee_daily_rate=None,
        late_fee_grace_days=0,
        late_fee_on_utilities=False,
        late_fee_cap_ratio=None,
        claim_items=[],
    )


def test_a_stored_range_is_passed_through_and_a_month_stays_a_month() -> None:
    case = stored_case(
        ("2023-01-01..2023-03-31", "300.00", dt.date(2023, 4, 15)),
        ("2023-04", "100.00", dt.date(2023, 5, 15)),
        ("2022-12", "100.00", dt.date(2023, 1, 15)),  # before the claim period: left out
    )
    data, inp = calc_input(case, dt.date(2024, 6, 1))
    assert [bill["period"] for bill in data["utilities"]] == ["2023-01-01..2023-03-31", "2023-04"]
    assert [bill.period for bill in inp.utilities] == [
        BillPeriod(dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
        Month.of(2023, 4),
    ]
    result = calculate(inp)
    assert [line.key for line in result.utility_lines] == [
        "utilities:2023-01-01..2023-03-31",
        "utilities:2023-04",
    ]
    assert [line["period"] for line in result_to_dict(result)["utilities"]["lines"]] == [
        {"from": "2023-01-01", "to": "2023-03-31"},
        "2023-04",
    ]
