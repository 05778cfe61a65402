"""Each rule of the calculator contract (issue 3, rules 1–7) on small cases worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import ValidationError
from mediation_app.fees import Result, WarningCode, calculate, parse_input
from mediation_app.fees.lpr import RateHistory
from mediation_app.fees.periods import bill_period
from mediation_app.fees.schedule import payment_order, utility_bills

# 3.65% a year throughout, published up to 2099: a yardstick of exactly 0.01% a day.
FLAT = RateHistory.from_rows(
    [(dt.date(2000, 1, 1), Decimal("3.65")), (dt.date(2099, 12, 31), Decimal("3.65"))]
)


def calc(**data: Any) -> Result:
    """Calculate from the JSON form; ``area`` and ``as_of`` default to 100 m² and 2021-06-30."""
    data.setdefault("area", "100")
    data.setdefault("as_of", "2021-06-30")
    return calculate(parse_input(data), rates=FLAT)


def fee(start: str, end: str, rate: str = "2.00", due_day: int = 1, **more: Any) -> dict[str, Any]:
    return {
        "rates": [{"from": "2000-01", "rate": rate}],
        "start": start,
        "end": end,
        "due_day": due_day,
        **more,
    }


def lines(result: Result) -> list[tuple[str, int, str, str]]:
    return [(str(x.month), x.days, str(x.amount), x.due.isoformat()) for x in result.service_fee_lines]


# ------------------------------------------------------------------ rule 1: service-fee lines


def test_one_line_per_month_prorated_by_days_with_due_day_clamped_to_the_month() -> None:
    result = calc(service_fee=fee("2021-02-15", "2021-04-10", due_day=31))
    assert lines(result) == [
        ("2021-02", 14, "100.00", "2021-02-28"),  # 100 × 2 × 14/28; the 31st is the 28th in February
        ("2021-03", 31, "200.00", "2021-03-31"),
        ("2021-04", 10, "66.67", "2021-04-30"),  # 200 × 10/30 = 66.666… → 66.67
    ]
    assert result.service_fee_total == Decimal("366.67")
    assert [line.days_in_month for line in result.service_fee_lines] == [28, 31, 30]


def test_a_line_is_never_due_before_the_start_date() -> None:
    result = calc(service_fee=fee("2021-02-15", "2021-03-31", due_day=1))
    assert [line.due.isoformat() for line in result.service_fee_lines] == ["2021-02-15", "2021-03-01"]


def test_a_leap_february_has_29_days() -> None:
    result = calc(service_fee=fee("2020-02-10", "2020-02-29", due_day=30))
    assert lines(result) == [("2020-02", 20, "137.93", "2020-02-29")]  # 200 × 20/29 = 137.931…


def test_a_single_day() -> None:
    result = calc(service_fee=fee("2021-03-31", "2021-03-31"))
    assert lines(result) == [("2021-03", 1, "6.45", "2021-03-31")]  # 200/31 = 6.4516…


def test_the_rate_is_the_one_with_the_latest_from_not_after_the_month() -> None:
    terms = {
        "rates": [
            {"from": "2021-03", "rate": "3.00"},
            {"from": "2020-01", "rate": "2.00"},
            {"from": "2021-05", "rate": "2.5"},
        ],
        "start": "2021-02-01",
        "end": "2021-05-31",
    }
    result = calc(service_fee=terms)
    assert [(str(x.month), str(x.rate), str(x.amount)) for x in result.service_fee_lines] == [
        ("2021-02", "2.00", "200.00"),
        ("2021-03", "3.00", "300.00"),
        ("2021-04", "3.00", "300.00"),
        ("2021-05", "2.5", "250.00"),
    ]


def test_amounts_round_half_up_not_to_even() -> None:
    # 0.5 m² × 0.01 = 0.005 → 0.01 (banker's rounding would give 0.00).
    result = calc(area="0.5", service_fee=fee("2021-03-01", "2021-03-31", rate="0.01"))
    assert result.service_fee_lines[0].amount == Decimal("0.01")


def test_no_rate_for_a_month_is_an_error_naming_the_rates() -> None:
    terms = {"rates": [{"from": "2021-03", "rate": "2.00"}], "start": "2021-02-15", "end": "2021-04-10"}
    with pytest.raises(ValidationError) as caught:
        calc(service_fee=terms)
    assert caught.value.field == "service_fee.rates"
    assert "2021-02" in caught.value.problem


def test_without_service_fee_there_are_no_lines() -> None:
    result = calc()
    assert result.service_fee_lines == () and result.service_fee_total == Decimal("0.00")
    assert result.payable == Decimal("0.00") and result.payable_uppercase == "人民币零元整"


# ------------------------------------------------------------ rules 2 and 3: utilities, payments


def test_utilities_are_charges_with_their_own_due_date() -> None:
    result = calc(utilities=[{"period": "2021-01", "amount": "61.30", "due": "2021-02-15"}])
    assert result.utilities_total == Decimal("61.30")
    (line,) = result.utility_lines
    assert (str(line.period), line.due.isoformat(), line.outstanding) == (
        "2021-01",
        "2021-02-15",
        Decimal("61.30"),
    )
    assert line.key == "utilities:2021-01"


def test_payments_pay_the_oldest_due_date_first_service_fee_before_utilities_on_equal_dates() -> None:
    result = calc(
        service_fee=fee("2021-03-01", "2021-03-31", due_day=10),  # 200.00 due 2021-03-10
        utilities=[
            {"period": "2021-02", "amount": "30.00", "due": "2021-03-10"},
            {"period": "2021-01", "amount": "20.00", "due": "2021-03-10"},
            {"period": "2020-12", "amount": "10.00", "due": "2021-03-09"},
        ],
        payments=[{"date": "2021-04-01", "amount": "215.00"}],
    )
    (payment,) = result.payments
    assert [(a.charge, str(a.amount)) for a in payment.applied] == [
        ("utilities:2020-12", "10.00"),  # due a day earlier
        ("service_fee:2021-03", "200.00"),  # same day: service fee first
        ("utilities:2021-01", "5.00"),  # then utilities by period
    ]
    assert [str(x.outstanding) for x in result.utility_lines] == ["30.00", "15.00", "0.00"]


def test_payments_are_taken_in_date_order_and_pay_charges_not_yet_due() -> None:
    result = calc(
        service_fee=fee("2021-03-01", "2021-04-30"),
        payments=[{"date": "2021-03-20", "amount": "50"}, {"date": "2021-02-01", "amount": "250.00"}],
    )
    assert [p.date.isoformat() for p in result.payments] == ["2021-02-01", "2021-03-20"]
    assert str(result.payments[1].amount) == "50.00"  # figures always carry two decimals
    assert [(a.charge, str(a.amount)) for a in result.payments[0].applied] == [
        ("service_fee:2021-03", "200.00"),
        ("service_fee:2021-04", "50.00"),  # not due until 2021-04-01: paid all the same
    ]
    assert [str(x.outstanding) for x in result.service_fee_lines] == ["0.00", "100.00"]


def test_what_is_left_after_every_charge_is_credit_reported_not_netted() -> None:
    result = calc(
        service_fee=fee("2021-03-01", "2021-03-31"), payments=[{"date": "2021-03-05", "amount": "250.00"}]
    )
    assert result.credit == Decimal("50.00") and result.payments[0].credit == Decimal("50.00")
    assert result.principal_outstanding == Decimal("0.00") and result.payable == Decimal("0.00")
    assert result.paid == Decimal("250.00")
    assert [w.code for w in result.warnings] == [WarningCode.CREDIT]
    assert "50.00" in result.warnings[0].text


def test_a_payment_after_as_of_is_an_error() -> None:
    with pytest.raises(ValidationError) as caught:
        calc(payments=[{"date": "2021-06-30", "amount": "1.00"}, {"date": "2021-07-01", "amount": "1.00"}])
    assert caught.value.field == "payments[1].date"


# -------------------------------------------------------------------------- rule 4: late fee


def one_charge(**late_fee: Any) -> dict[str, Any]:
    """A single service-fee month of 100.00 due 2021-01-01, late fees to 2021-01-11."""
    return {
        "area": "50",
        "as_of": "2021-01-11",
        "service_fee": fee("2021-01-01", "2021-01-31"),
        "late_fee": {"daily_rate": "0.001", **late_fee},
    }


def test_late_fee_runs_from_the_day_after_due_to_as_of_inclusive() -> None:
    result = calc(**one_charge())
    assert result.service_fee_lines[0].late_fee == Decimal("1.00")  # 100 × 0.001 × 10 days
    assert result.late_fee.computed == result.late_fee.total == Decimal("1.00")
    assert result.late_fee.cap is None
    assert result.late_fee.annual_rate == Decimal("0.365")


def test_grace_days_delay_the_start() -> None:
    assert calc(**one_charge(grace_days=5)).late_fee.total == Decimal("0.50")  # 01-07 … 01-11


def test_a_payment_stops_accrual_on_what_it_paid_from_its_date() -> None:
    data = one_charge()
    data["payments"] = [{"date": "2021-01-06", "amount": "40.00"}]
    # 40 accrues 01-02 … 01-05 (4 days) = 0.16; 60 accrues 10 days = 0.60.
    assert calc(**data).late_fee.computed == Decimal("0.76")
    data["payments"] = [{"date": "2021-01-01", "amount": "100.00"}]  # on the due date: nothing
    assert calc(**data).late_fee.computed == Decimal("0.00")


def test_no_late_fee_before_the_first_overdue_day() -> None:
    data = one_charge()
    data["as_of"] = "2021-01-01"
    assert calc(**data).late_fee.computed == Decimal("0.00")


def test_each_charge_is_rounded_before_summing() -> None:
    # Two months of 10.00 each, one day overdue at 0.0005: 0.005 each → 0.01 + 0.01.
    result = calc(
        area="5",
        as_of="2021-02-02",
        service_fee=fee("2021-01-01", "2021-02-28", due_day=1),
        payments=[{"date": "2021-01-03", "amount": "10.00"}],
        late_fee={"daily_rate": "0.0005"},
    )
    assert [str(x.late_fee) for x in result.service_fee_lines] == ["0.01", "0.01"]
    assert result.late_fee.computed == Decimal("0.02")


def test_the_cap_limits_the_total_to_a_ratio_of_the_outstanding_principal() -> None:
    result = calc(**one_charge(cap_ratio="0.005"))  # 0.005 × 100.00 = 0.50
    assert (result.late_fee.computed, result.late_fee.cap, result.late_fee.total) == (
        Decimal("1.00"),
        Decimal("0.50"),
        Decimal("0.50"),
    )
    loose = calc(**one_charge(cap_ratio="0.3"))
    assert (loose.late_fee.cap, loose.late_fee.total) == (Decimal("30.00"), Decimal("1.00"))


def test_late_fees_apply_to_the_kinds_named_only() -> None:
    data = one_charge(applies_to=["utilities"])
    data["utilities"] = [{"period": "2020-12", "amount": "50.00", "due": "2021-01-01"}]
    result = calc(**data)
    assert result.service_fee_lines[0].late_fee == Decimal("0.00")
    assert result.utility_lines[0].late_fee == Decimal("0.50")
    assert result.late_fee.computed == Decimal("0.50")
    both = calc(**one_charge(applies_to=["service_fee", "utilities"]) | {"utilities": data["utilities"]})
    assert both.late_fee.computed == Decimal("1.50")


def test_without_late_fee_terms_there_is_no_late_fee() -> None:
    data = one_charge()
    del data["late_fee"]
    result = calc(**data)
    assert result.late_fee.computed == result.late_fee.total == Decimal("0.00")
    assert result.late_fee.cap is None and result.late_fee.annual_rate is None


# ------------------------------------------------------------------------ rule 5: limitation


def barred(due: str, claim: str, interruptions: tuple[str, ...] = (), **more: Any) -> list[str]:
    result = calc(
        as_of=claim,
        service_fee=fee(due, due),
        limitation={"claim_date": claim, "interruptions": list(interruptions)},
        **more,
    )
    return list(result.time_barred.charges)


def test_landing_exactly_three_years_later_is_in_time_one_day_more_is_not() -> None:
    assert barred("2018-03-09", "2021-03-09") == []
    assert barred("2018-03-09", "2021-03-10") == ["service_fee:2018-03"]


def test_29_february_maps_to_28_february() -> None:
    assert barred("2020-02-29", "2023-02-28") == []
    assert barred("2020-02-29", "2023-03-01") == ["service_fee:2020-02"]


def test_interruptions_restart_the_period_and_each_step_counts() -> None:
    assert barred("2017-01-01", "2022-12-31", ("2019-12-31",)) == []
    assert barred("2017-01-01", "2022-12-31", ("2020-01-02",)) == [
        "service_fee:2017-01"
    ]  # first step too long
    assert barred("2017-01-01", "2023-01-01", ("2019-12-31",)) == [
        "service_fee:2017-01"
    ]  # last step too long
    assert barred("2017-01-01", "2023-01-01", ("2019-12-31", "2021-06-01")) == []


def test_interruptions_before_the_due_date_or_after_the_claim_do_not_count() -> None:
    assert barred("2017-01-01", "2020-06-01", ("2016-12-31", "2020-06-02")) == ["service_fee:2017-01"]
    assert barred("2017-01-01", "2020-06-01", ("2017-01-01",)) == ["service_fee:2017-01"]  # not after


def test_only_outstanding_charges_are_listed_and_nothing_is_removed() -> None:
    result = calc(
        as_of="2021-06-30",
        service_fee=fee("2017-01-01", "2017-03-31"),
        utilities=[{"period": "2016-12", "amount": "10.00", "due": "2017-01-15"}],
        payments=[{"date": "2017-01-01", "amount": "205.00"}],
        limitation={"claim_date": "2021-06-30"},
    )
    # January paid in full, the bill partly (5.00 left), February and March untouched; listed
    # in due-date order.
    assert list(result.time_barred.charges) == [
        "utilities:2016-12",
        "service_fee:2017-02",
        "service_fee:2017-03",
    ]
    assert result.time_barred.principal == Decimal("405.00")
    assert result.principal_outstanding == Decimal("405.00")
    assert [line.time_barred for line in result.service_fee_lines] == [False, True, True]
    assert result.utility_lines[0].time_barred
    assert result.warnings[0].code is WarningCode.POSSIBLY_TIME_BARRED
    assert result.warnings[0].params == {"count": "3", "principal": "405.00"}


# ------------------------------------------------------------------------- rule 6: discounts


def test_rate_reduction_in_its_months_capped_at_each_months_outstanding() -> None:
    result = calc(
        service_fee=fee("2021-01-16", "2021-04-30"),
        payments=[{"date": "2021-02-10", "amount": "290.00"}],  # Jan 103.23 + Feb 186.77 of 200.00
        discounts=[
            {"type": "rate_reduction", "per_m2": "0.40"},
            {"type": "rate_reduction", "per_m2": "0.40", "from": "2021-03", "to": "2021-03"},
        ],
    )
    assert [str(x.amount) for x in result.service_fee_lines] == ["103.23", "200.00", "200.00", "200.00"]
    # All months: Jan 0 (paid), Feb min(40, 13.23), Mar 40, Apr 40; then March alone: 40.
    assert [(d.kind.value, str(d.amount)) for d in result.discounts] == [
        ("rate_reduction", "93.23"),
        ("rate_reduction", "40.00"),
    ]
    assert result.discount_total == Decimal("133.23")


def test_rate_reduction_prorates_partial_months() -> None:
    result = calc(
        service_fee=fee("2021-04-21", "2021-04-30"), discounts=[{"type": "rate_reduction", "per_m2": "0.4"}]
    )
    assert result.discounts[0].amount == Decimal("13.33")  # 100 × 0.4 × 10/30


def test_waiver_and_fixed_in_the_order_given() -> None:
    data = one_charge()
    data["as_of"] = "2021-01-04"  # late fee 0.30
    data["discounts"] = [{"type": "fixed", "amount": "5.00"}, {"type": "late_fee_waiver", "ratio": "0.5"}]
    result = calc(**data)
    assert [(d.kind.value, str(d.amount)) for d in result.discounts] == [
        ("fixed", "5.00"),
        ("late_fee_waiver", "0.15"),
    ]
    data["discounts"] = [{"type": "late_fee_waiver", "ratio": "0.05"}]  # 0.30 × 0.05 = 0.015 → 0.02
    assert calc(**data).discounts[0].amount == Decimal("0.02")


def test_discounts_may_cancel_the_debt_but_not_exceed_it() -> None:
    data = one_charge()  # 100.00 + late fee 1.00
    data["discounts"] = [{"type": "fixed", "amount": "100.00"}, {"type": "late_fee_waiver", "ratio": "1"}]
    result = calc(**data)
    assert result.payable == Decimal("0.00") and result.payable_uppercase == "人民币零元整"
    data["discounts"].append({"type": "fixed", "amount": "0.01"})
    with pytest.raises(ValidationError) as caught:
        calc(**data)
    assert caught.value.field == "discounts"
    assert "101.01" in caught.value.problem and "101.00" in caught.value.problem


# --------------------------------------------------------------------------- rule 7: payable


def test_payable_is_principal_plus_late_fee_minus_discounts_in_figures_and_words() -> None:
    data = one_charge()
    data["discounts"] = [{"type": "fixed", "amount": "0.95"}]
    result = calc(**data)
    assert result.payable == Decimal("100.05")
    assert result.payable_uppercase == "人民币壹佰元零伍分"


def test_charges_are_paid_and_listed_in_payment_order() -> None:
    """Payment order is :func:`payment_order`: due date, then service fee before utilities, then
    the period's days. The schedule sorts the bills on it; across the two kinds the ledger goes
    by due date alone, the service fee first on the same day. A payment for everything pays the
    charges in that order, and the possibly time-barred charges are listed in it."""
    data: dict[str, Any] = {
        "area": "100",
        "service_fee": fee("2020-11-15", "2021-03-31", due_day=15),
        "utilities": [
            {"period": "2020-12", "amount": "1.00", "due": "2020-12-15"},
            {"period": "2020-11", "amount": "1.00", "due": "2020-12-15"},
            {"period": {"from": "2020-11-01", "to": "2020-12-31"}, "amount": "1.00", "due": "2020-12-15"},
        ],
    }
    inp = parse_input({**data, "as_of": "2021-06-30"})
    bills, placed = utility_bills(
        [bill.period for bill in inp.utilities], [bill.due for bill in inp.utilities], [100, 100, 100]
    )
    assert placed == [1, 2, 0]  # same due date: by first day, then by last day
    orders = []
    for due, period in zip(bills.due_ordinals, bills.periods, strict=True):
        span = bill_period(period)
        orders.append(payment_order(due, ChargeKind.UTILITIES, span.start.toordinal(), span.end.toordinal()))
    assert orders == sorted(orders)
    expected = [
        "service_fee:2020-11",
        "service_fee:2020-12",
        "utilities:2020-11",
        "utilities:2020-11-01..2020-12-31",
        "utilities:2020-12",
    ]
    paid = calc(**data, payments=[{"date": "2021-06-30", "amount": "10000.00"}])
    assert [part.charge for part in paid.payments[0].applied][:5] == expected
    barred = calc(**data, as_of="2025-06-30", limitation={"claim_date": "2025-06-01"})
    assert list(barred.time_barred.charges)[:5] == expected
