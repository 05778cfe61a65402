"""Properties of the calculator over generated fee data (hypothesis).

The strongest one: every figure agrees with ``calc_reference``, a naive day-by-day
implementation of the contract with exact fractions. The others are the invariants the issue
lists: totals are sums of lines, nothing goes negative, allocation conserves money, a discount
never exceeds what it applies to, rounding is half-up to the fen.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import ValidationError
from mediation_app.fees import (
    CalcInput,
    FixedDiscount,
    LateFeeTerms,
    LateFeeWaiver,
    LimitationTerms,
    Month,
    Payment,
    RateChange,
    RateHistory,
    RateReduction,
    Result,
    ServiceFeeTerms,
    UtilityBill,
    calculate,
)
from mediation_app.fees.periods import BillPeriod
from tests.support.calc_reference import reference

# A small rate history with changes inside the generated date range, so the yardstick crosses
# rate segments (the shipped history is tested on its own).
RATE_ROWS = [
    (dt.date(2015, 1, 1), Decimal("4.35")),
    (dt.date(2018, 3, 20), Decimal("4.20")),
    (dt.date(2019, 8, 20), Decimal("4.25")),
    (dt.date(2020, 4, 20), Decimal("3.85")),
    (dt.date(2021, 12, 20), Decimal("3.80")),
]
HISTORY = RateHistory.from_rows(RATE_ROWS)

FEN = Decimal("0.01")


def decimals(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    """Decimals from low to high (in units of 10^-places), with exactly ``places`` decimals."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-places))


dates = st.dates(dt.date(2016, 1, 1), dt.date(2019, 12, 31))


def bill_periods(first_month: Month, offset: int) -> st.SearchStrategy[Month | BillPeriod]:
    """A bill's period: a month, a quarter, or a range of days, near the claim's first month
    (ranges may share a first day with a month or another range: ties in payment order)."""
    month = Month(first_month.index + offset)
    return st.one_of(
        st.just(month),
        st.integers(0, 2).map(
            lambda length: BillPeriod(month.first_day(), Month(month.index + length).last_day())
        ),
        st.tuples(st.integers(0, 27), st.integers(0, 120)).map(
            lambda ends: BillPeriod(
                month.first_day() + dt.timedelta(days=ends[0]),
                month.first_day() + dt.timedelta(days=ends[0] + ends[1]),
            )
        ),
    )


@st.composite
def calc_inputs(draw: st.DrawFn) -> CalcInput:
    start = draw(dates)
    end = start + dt.timedelta(days=draw(st.integers(0, 500)))
    as_of = end + dt.timedelta(days=draw(st.integers(-60, 400)))
    as_of = max(as_of, start)
    first_month = Month.containing(start)
    rate_count = draw(st.integers(1, 3))
    rates = [RateChange(Month(first_month.index - draw(st.integers(0, 14))), draw(decimals(0, 500, 2)))]
    for _ in range(rate_count - 1):
        month = Month(first_month.index + draw(st.integers(1, 18)))
        if all(r.start != month for r in rates):
            rates.append(
                RateChange(month, draw(decimals(0, 50000, draw(st.integers(2, 4))) | decimals(0, 500, 2)))
            )
    service = ServiceFeeTerms(
        rates=tuple(draw(st.permutations(rates))),
        start=start,
        end=end,
        due_day=draw(st.integers(1, 31)),
    )
    periods = draw(st.lists(st.integers(-3, 20), max_size=3, unique=True))
    utilities = tuple(
        UtilityBill(
            period=draw(bill_periods(first_month, offset)),
            amount=draw(decimals(0, 50000, 2)),
            due=start + dt.timedelta(days=draw(st.integers(-20, 600))),
        )
        for offset in periods
    )
    payments = tuple(
        Payment(
            date=start + dt.timedelta(days=draw(st.integers(-30, max(0, (as_of - start).days + 30)))),
            amount=draw(decimals(1, 300000, 2)),
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    payments = tuple(p for p in payments if p.date <= as_of)
    late_fee = draw(
        st.none()
        | st.builds(
            LateFeeTerms,
            daily_rate=decimals(1, 30, 4) | decimals(1, 300, 5),  # the bounds: 0 < rate ≤ 0.01
            grace_days=st.integers(0, 40),
            applies_to=st.sampled_from(
                [
                    (ChargeKind.SERVICE_FEE,),
                    (ChargeKind.UTILITIES,),
                    (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES),
                ]
            ),
            cap_ratio=st.none() | decimals(0, 100, 2),
        )
    )
    limitation = draw(
        st.none()
        | st.builds(
            LimitationTerms,
            claim_date=st.dates(dt.date(2018, 1, 1), dt.date(2024, 12, 31)),
            interruptions=st.lists(st.dates(dt.date(2016, 1, 1), dt.date(2024, 12, 31)), max_size=3).map(
                tuple
            ),
        )
    )
    month_or_none = st.none() | st.integers(-2, 20).map(lambda k: Month(first_month.index + k))
    discount = st.one_of(
        st.builds(RateReduction, per_m2=decimals(0, 100, 2), start=month_or_none, end=st.none()),
        st.builds(LateFeeWaiver, ratio=decimals(0, 100, 2)),
        st.builds(FixedDiscount, amount=decimals(0, 20000, 2)),
    )
    return CalcInput(
        area=draw(decimals(1000, 30000, 2) | decimals(10000, 3000000, 4)),
        as_of=as_of,
        service_fee=service,
        utilities=utilities,
        payments=payments,
        late_fee=late_fee,
        limitation=limitation,
        discounts=tuple(draw(st.lists(discount, max_size=3))),
    )


def run(inp: CalcInput) -> Result | None:
    """The result, or None when the discounts exceed the debt (the one error generated)."""
    try:
        return calculate(inp, rates=HISTORY)
    except ValidationError as exc:
        assert exc.field == "discounts", exc
        return None


PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(calc_inputs())
def test_every_figure_agrees_with_a_day_by_day_reference(inp: CalcInput) -> None:
    result = run(inp)
    ref = reference(inp, RATE_ROWS)
    if ref.payable is None:
        assert result is None
        return
    assert result is not None
    assert [
        (str(line.month), line.days, line.rate, line.amount, line.due) for line in result.service_fee_lines
    ] == [(c.period, c.days, c.rate, c.amount, c.due) for c in ref.service]
    assert [line.outstanding for line in result.service_fee_lines] == [c.outstanding for c in ref.service]
    assert [line.outstanding for line in result.utility_lines] == [c.outstanding for c in ref.utilities]
    assert {
        line.key: line.late_fee for line in (*result.service_fee_lines, *result.utility_lines)
    } == ref.late_fees
    assert [[(a.charge, a.amount) for a in p.applied] for p in result.payments] == ref.applied
    assert result.credit == ref.credit
    assert result.late_fee.computed == ref.computed
    assert result.late_fee.cap == ref.cap
    assert result.late_fee.total == ref.late_total
    assert list(result.time_barred.charges) == ref.barred
    assert result.time_barred.principal == ref.barred_principal
    assert [line.amount for line in result.discounts] == ref.discounts
    assert result.payable == ref.payable
    assert result.yardstick.amount == ref.yardstick


@PROPERTY_SETTINGS
@given(calc_inputs())
def test_totals_are_the_sums_of_their_lines(inp: CalcInput) -> None:
    result = run(inp)
    if result is None:
        return
    lines = (*result.service_fee_lines, *result.utility_lines)
    assert result.service_fee_total == sum(line.amount for line in result.service_fee_lines)
    assert result.utilities_total == sum(line.amount for line in result.utility_lines)
    assert result.principal_outstanding == sum(line.outstanding for line in lines)
    assert result.late_fee.computed == sum(line.late_fee for line in lines)
    assert result.time_barred.principal == sum(line.outstanding for line in lines if line.time_barred)
    assert result.discount_total == sum(line.amount for line in result.discounts)
    assert result.payable == result.principal_outstanding + result.late_fee.total - result.discount_total
    assert result.paid == sum(payment.amount for payment in inp.payments)


@PROPERTY_SETTINGS
@given(calc_inputs())
def test_payments_never_make_anything_negative_and_conserve_money(inp: CalcInput) -> None:
    result = run(inp)
    if result is None:
        return
    lines = (*result.service_fee_lines, *result.utility_lines)
    for line in lines:
        assert Decimal(0) <= line.outstanding <= line.amount
        assert line.late_fee >= 0
    applied = sum(part.amount for payment in result.payments for part in payment.applied)
    assert result.paid == applied + result.credit
    assert result.credit >= 0 and result.payable >= 0 and result.late_fee.total >= 0
    # What the lines lost is exactly what was applied to them.
    assert sum(line.amount - line.outstanding for line in lines) == applied
    for payment in result.payments:
        assert payment.amount == sum(part.amount for part in payment.applied) + payment.credit
        assert all(part.amount > 0 for part in payment.applied)
    # Credit only once every charge is paid.
    if result.credit:
        assert result.principal_outstanding == 0


@PROPERTY_SETTINGS
@given(calc_inputs())
def test_a_discount_never_exceeds_what_it_applies_to(inp: CalcInput) -> None:
    result = run(inp)
    if result is None:
        return
    assert result.discount_total <= result.principal_outstanding + result.late_fee.total
    for discount, line in zip(inp.discounts, result.discounts, strict=True):
        assert line.amount >= 0
        if isinstance(discount, RateReduction):
            covered = [
                month
                for month in result.service_fee_lines
                if (discount.start is None or month.month >= discount.start)
                and (discount.end is None or month.month <= discount.end)
            ]
            assert line.amount <= sum(month.outstanding for month in covered)
        elif isinstance(discount, LateFeeWaiver):
            assert line.amount <= result.late_fee.total
        else:
            assert line.amount == discount.amount


@PROPERTY_SETTINGS
@given(calc_inputs())
def test_every_figure_is_whole_fen_and_lines_round_half_up(inp: CalcInput) -> None:
    result = run(inp)
    if result is None:
        return
    figures = [
        result.service_fee_total,
        result.utilities_total,
        result.paid,
        result.credit,
        result.principal_outstanding,
        result.late_fee.computed,
        result.late_fee.total,
        result.discount_total,
        result.payable,
    ]
    for line in result.service_fee_lines:
        figures += [line.amount, line.outstanding, line.late_fee]
        exact = inp.area * line.rate * line.days / line.days_in_month  # Decimal, 28 digits
        assert line.amount == exact.quantize(FEN, rounding=ROUND_HALF_UP)
    for payment in result.payments:
        figures += [payment.amount, payment.credit, *(part.amount for part in payment.applied)]
    for line in result.utility_lines:
        figures += [line.amount, line.outstanding, line.late_fee]
    figures += [line.amount for line in result.discounts]
    for figure in figures:
        assert figure.as_tuple().exponent == -2, figure
    if result.late_fee.cap is not None:
        assert inp.late_fee is not None and inp.late_fee.cap_ratio is not None
        subject = [
            line
            for line in (*result.service_fee_lines, *result.utility_lines)
            if (ChargeKind.SERVICE_FEE if hasattr(line, "month") else ChargeKind.UTILITIES)
            in inp.late_fee.applies_to
        ]
        base = inp.late_fee.cap_ratio * sum(line.outstanding for line in subject)
        assert result.late_fee.cap == base.quantize(FEN, rounding=ROUND_HALF_UP)
