"""The input rules of the contract, checked on the dataclasses before any figure is computed.

The JSON reader checks form (types, dates, how numbers are written); this module checks meaning
(a plausible area, end after start, a rate for every month, payments not after ``as_of`` …) so
a service that builds :class:`~mediation_app.fees.inputs.CalcInput` itself gets the same
errors, with the same JSON paths, as the ``calc`` command. Every range comes from
:mod:`mediation_app.domain.bounds`, the bounds the whole application uses; they are checked
before any arithmetic, so no input can make the calculator hang or overflow.

Bills and payments come by the dozen: their amounts are checked on a fast path that also turns
them into fen, which the calculator then uses (:class:`Checked`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import NamedTuple

from mediation_app.domain.bounds import (
    AMOUNT_PLACES,
    EARLIEST_DATE,
    MAX_AMOUNT,
    MAX_AREA,
    MAX_RATE,
    RATE_PLACES,
    check_amount,
    check_area,
    check_daily_rate,
    check_date,
    check_rate,
    check_ratio,
    latest_date,
)
from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import ValidationError
from mediation_app.fees.fields import invalid, label
from mediation_app.fees.inputs import (
    CalcInput,
    FixedDiscount,
    LateFeeWaiver,
    Payment,
    RateChange,
    RateReduction,
    UtilityBill,
)
from mediation_app.fees.months import Month, month_at
from mediation_app.fees.periods import BillPeriod
from mediation_app.i18n import _
from mediation_app.money import from_fen, to_fen

LATE_FEE_KINDS = (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES)
# Lists longer than this are not a case's fee data (a bill a day for twenty-seven years is
# 10,000): refused before any of it is computed.
MAX_ITEMS = 10_000
MAX_DISCOUNTS = 100
MAX_GRACE_DAYS = 3660  # ten years
_FEN = Decimal(1).scaleb(-AMOUNT_PLACES)
_RATE_UNIT = Decimal(1).scaleb(-RATE_PLACES)
_PER_YUAN = Decimal(1).scaleb(AMOUNT_PLACES)  # fen per yuan: 1E+2


class Checked(NamedTuple):
    """What validation worked out on the way: the bills' amounts in fen and in yuan with two
    decimals (as the result lines show them), due dates and periods (columns, in input order;
    read once, as each bill is another object to fetch), and the payments' amounts in fen."""

    bill_fens: list[int]
    bill_amounts: list[Decimal]
    bill_dues: list[dt.date]
    bill_periods: list[Month | BillPeriod]
    payment_fens: list[int]


def _bounded(check: Callable[..., Decimal], value: Decimal, path: str, **options: bool) -> Decimal:
    """``check(value, path)`` from :mod:`~mediation_app.domain.bounds`, naming the field by its
    label only when it fails (a label costs a translation; nearly every value is fine)."""
    try:
        return check(value, path, None, **options)
    except ValidationError as exc:
        raise ValidationError(path, exc.problem, label(path)) from None


def _fen(value: Decimal) -> int | None:
    """``value`` in fen when it is a plain amount (finite, 0 ≤ value < MAX_AMOUNT, whole fen),
    else None; the full check then says what is wrong. ``quantize`` stays within a few digits
    whatever ``value`` is, so even a hostile Decimal costs nothing here. An amount written with
    two decimals is whole fen as it is (× 100 is exact; __trunc__ is the int)."""
    if _two_decimals(value) and 0 <= value < MAX_AMOUNT:
        return Decimal.__trunc__(value * _PER_YUAN)
    if type(value) is Decimal and value.is_finite() and 0 <= value < MAX_AMOUNT:
        rounded = value.quantize(_FEN)
        if rounded == value:
            return int(rounded.scaleb(AMOUNT_PLACES))
    return None


def _plain_amounts(amounts: list[Decimal]) -> tuple[list[int], list[Decimal]] | None:
    """The amounts in fen and as two-decimal yuan when every one is a plain amount (as
    :func:`_fen` says, and not -0), else None; the one-by-one check then says what is wrong.

    A case has dozens of bills: this checks them a column at a time, each step a C-level pass
    (``map``, ``max``, list equality) instead of a Python call per bill. The quantized amounts
    are the yuan the result lines show: ``Decimal("35.5")`` is shown as ``35.50``, like
    ``from_fen(3550)``; only -0.00 would differ from it, so it takes the slow path. Amounts
    written with two decimals, as statements list them, are their own quantized form (the same
    digits and exponent): they are neither rounded nor compared again.
    """
    if not amounts:
        return [], []
    if set(map(type, amounts)) != {Decimal}:
        return None
    # A sign (a negative amount, or -0, whose -0.00 would differ from from_fen(0)) sends the
    # amounts to the one-by-one check; is_signed is cheaper than a min() of Decimals.
    if any(map(Decimal.is_signed, amounts)):
        return None
    try:
        # Range first: quantize stays within a few digits (and a NaN compares as an error).
        if max(amounts) >= MAX_AMOUNT:
            return None
        if all(map(_FEN.same_quantum, amounts)):  # two decimals each (False for NaN, Infinity)
            rounded = amounts
        else:
            rounded = list(map(Decimal.quantize, amounts, repeat(_FEN)))
            if rounded != amounts:
                return None
    except ArithmeticError:
        return None
    # × 100 is exact (the coefficient stays; 1E+2 adds no digits); __trunc__ is the int, twice
    # as fast as int() on a Decimal.
    return list(map(Decimal.__trunc__, map(mul, rounded, repeat(_PER_YUAN)))), rounded


def _two_decimals(value: Decimal) -> bool:
    """``value`` is a Decimal written with exactly two decimals, as amounts, areas and most fee
    standards are: finite, with no more decimal places than any bound allows, so below 10^12
    every digit bound of ``bounds.check_number`` holds and the caller compares only its range
    (the full check reads the value's digits, several times the cost)."""
    return type(value) is Decimal and _FEN.same_quantum(value)


def _plain_rate(value: Decimal) -> bool:
    """A plausible fee standard (the common case, checked without building the field's path;
    the full check then says what is wrong)."""
    return (
        type(value) is Decimal
        and value.is_finite()
        and 0 <= value <= MAX_RATE
        and value == value.quantize(_RATE_UNIT)
    )


def _plain_rates(rates: list[Decimal]) -> bool:
    """Every rate a plausible fee standard (as :func:`_plain_rate` says), checked a column at a
    time; False sends the caller to the one-by-one check, which names what is wrong."""
    if set(map(type, rates)) != {Decimal}:
        return False
    try:
        # Range first: quantize then stays within a few digits (and a NaN compares as an error).
        if min(rates) < 0 or max(rates) > MAX_RATE:
            return False
        if all(map(_FEN.same_quantum, rates)):  # two decimals each, as fee standards are written
            return True
        return list(map(Decimal.quantize, rates, repeat(_RATE_UNIT))) == rates
    except ArithmeticError:
        return False


def validate(inp: CalcInput, today: dt.date | None = None) -> Checked:
    """Raise ValidationError for the first input that breaks a rule of the contract or a bound;
    ``today`` (default: the system's) sets the latest plausible date."""
    dates = _dates(today if today is not None else dt.date.today())
    if not (_two_decimals(inp.area) and 0 < inp.area <= MAX_AREA):
        _bounded(check_area, inp.area, "area")
    dates.check(inp.as_of, "as_of")
    _check_service_fee(inp, dates)
    bill_fens, bill_amounts, bill_dues, bill_periods = _check_bills(inp.utilities, dates)
    payment_fens = _check_payments(inp.payments, inp.as_of, dates)
    _check_late_fee(inp)
    if inp.limitation is not None:
        dates.check(inp.limitation.claim_date, "limitation.claim_date")
        _check_count(inp.limitation.interruptions, "limitation.interruptions", MAX_ITEMS)
        for i, day in enumerate(inp.limitation.interruptions):
            if not dates.earliest <= day <= dates.latest:
                dates.check(day, f"limitation.interruptions[{i}]")
    _check_discounts(inp, dates)
    return Checked(bill_fens, bill_amounts, bill_dues, bill_periods, payment_fens)


class _Dates:
    """The plausible dates (``bounds.check_date``), with month indexes for the month fields.

    Callers compare with ``earliest`` and ``latest`` first and only then build the field's path
    for :meth:`check`: a case has dozens of dates, nearly all of them plausible.
    """

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.earliest = EARLIEST_DATE
        self.latest = latest_date(today)
        self.first_month = Month.containing(self.earliest).index
        self.last_month = Month.containing(self.latest).index

    def check(self, day: dt.date, path: str) -> None:
        if not self.earliest <= day <= self.latest:
            check_date(day, path, label(path), self.today)

    def check_month(self, month: Month, path: str) -> None:
        if not self.first_month <= month.index <= self.last_month:
            # The month's days as check_date words them: its first day when too early, its
            # last when too late.
            day = month.first_day() if month.index < self.first_month else month.last_day()
            check_date(day, path, label(path), self.today)


@lru_cache(maxsize=4)
def _dates(today: dt.date) -> _Dates:
    return _Dates(today)


def _check_count(items: Sequence[object], path: str, maximum: int) -> None:
    if len(items) > maximum:
        raise invalid(
            path,
            _("has {count} items; at most {maximum} are accepted").format(count=len(items), maximum=maximum),
        )


def _check_service_fee(inp: CalcInput, dates: _Dates) -> None:
    terms = inp.service_fee
    if terms is None:
        return
    if not terms.rates:
        raise invalid("service_fee.rates", _("needs at least one rate"))
    _check_count(terms.rates, "service_fee.rates", MAX_ITEMS)
    first_month, last_month = dates.first_month, dates.last_month
    # A column at a time (C-level passes); one by one only when something is off, to name it.
    try:
        indexes = [change.start.index for change in terms.rates]
        rates = [change.rate for change in terms.rates]
    except AttributeError:  # not rate changes: left to the one-by-one check
        indexes, rates = [], []
    seen = set(indexes)  # month indexes: cheaper to hash than Month objects
    if not (
        rates
        and _plain_rates(rates)
        and len(seen) == len(indexes)
        and first_month <= min(indexes)
        and max(indexes) <= last_month
    ):
        seen = _check_rates_one_by_one(terms.rates, dates)
    dates.check(terms.start, "service_fee.start")
    dates.check(terms.end, "service_fee.end")
    if terms.end < terms.start:
        raise invalid(
            "service_fee.end",
            _("{end} is before the start date {start}").format(
                end=terms.end.isoformat(), start=terms.start.isoformat()
            ),
        )
    if type(terms.due_day) is not int or not 1 <= terms.due_day <= 31:
        raise invalid("service_fee.due_day", _("must be a day of the month from 1 to 31"))
    first = Month.containing(terms.start)
    if min(seen) > first.index:  # month indexes: a Month comparison is a Python-level call
        raise invalid(
            "service_fee.rates",
            _("no rate applies to {month}: the earliest rate starts in {earliest}").format(
                month=first, earliest=month_at(min(seen))
            ),
        )


def _check_rates_one_by_one(rates: Sequence[RateChange], dates: _Dates) -> set[int]:
    """The fee standards in input order, raising for the first one that is wrong; their months'
    indexes."""
    seen: set[int] = set()
    for i, change in enumerate(rates):
        if not _plain_rate(change.rate):
            path = f"service_fee.rates[{i}].rate"
            _bounded(check_rate, change.rate, path)
        index = change.start.index
        if not dates.first_month <= index <= dates.last_month:
            dates.check_month(change.start, f"service_fee.rates[{i}].from")
        if index in seen:
            raise invalid(
                f"service_fee.rates[{i}].from",
                _("another rate already starts in {month}").format(month=change.start),
            )
        seen.add(index)
    return seen


def _check_bills(
    bills: Sequence[UtilityBill], dates: _Dates
) -> tuple[list[int], list[Decimal], list[dt.date], list[Month | BillPeriod]]:
    _check_count(bills, "utilities", MAX_ITEMS)
    amounts = [bill.amount for bill in bills]
    dues = [bill.due for bill in bills]
    periods = [bill.period for bill in bills]
    plain = _plain_amounts(amounts)
    if plain is not None:
        fens, yuan = plain
    else:  # one by one: the full check names what is wrong
        checked = list(map(_fen, amounts))
        if None in checked:
            i = checked.index(None)
            _bounded(check_amount, amounts[i], f"utilities[{i}].amount")
        fens = [fen for fen in checked if fen is not None]  # every one of them
        yuan = list(map(from_fen, fens))
    if not bills:
        return [], [], [], []
    # Dates and periods a column at a time; one by one only to name a bad one.
    if min(dues) < dates.earliest or max(dues) > dates.latest:
        for i, due in enumerate(dues):
            dates.check(due, f"utilities[{i}].due")
    months = [period.index for period in periods if type(period) is Month]
    if len(months) < len(periods) or (min(months) < dates.first_month or max(months) > dates.last_month):
        for i, period in enumerate(periods):
            if type(period) is Month:
                dates.check_month(period, f"utilities[{i}].period")
            elif isinstance(period, BillPeriod):
                _check_bill_period(period, f"utilities[{i}].period", dates)
            else:
                raise invalid(f"utilities[{i}].period", _("is not a month or a bill period"))
    return fens, yuan, dues, periods


def _check_bill_period(period: BillPeriod, path: str, dates: _Dates) -> None:
    dates.check(period.start, f"{path}.from")
    dates.check(period.end, f"{path}.to")
    if period.end < period.start:
        raise invalid(
            f"{path}.to",
            _("{end} is before the start date {start}").format(
                end=period.end.isoformat(), start=period.start.isoformat()
            ),
        )


def _check_payments(payments: Sequence[Payment], as_of: dt.date, dates: _Dates) -> list[int]:
    _check_count(payments, "payments", MAX_ITEMS)
    fens = []
    for i, payment in enumerate(payments):
        fen = _fen(payment.amount)
        if not fen:  # None, or a zero payment: the full check names what is wrong
            path = f"payments[{i}].amount"
            fen = to_fen(_bounded(check_amount, payment.amount, path, positive=True))
        fens.append(fen)
        if not dates.earliest <= payment.date <= dates.latest:
            dates.check(payment.date, f"payments[{i}].date")
        if payment.date > as_of:
            raise invalid(
                f"payments[{i}].date",
                _("{date} is after the calculation date {as_of}").format(
                    date=payment.date.isoformat(), as_of=as_of.isoformat()
                ),
            )
    return fens


def _check_late_fee(inp: CalcInput) -> None:
    terms = inp.late_fee
    if terms is None:
        return
    _bounded(check_daily_rate, terms.daily_rate, "late_fee.daily_rate")
    grace = terms.grace_days
    if type(grace) is not int or not 0 <= grace <= MAX_GRACE_DAYS:
        raise invalid(
            "late_fee.grace_days",
            _("must be a whole number of days from 0 to {maximum}").format(maximum=MAX_GRACE_DAYS),
        )
    for i, kind in enumerate(terms.applies_to):
        if kind not in LATE_FEE_KINDS:
            raise invalid(
                f"late_fee.applies_to[{i}]",
                _("must be one of: {choices}").format(choices=", ".join(k.value for k in LATE_FEE_KINDS)),
            )
    if terms.cap_ratio is not None:
        _bounded(check_ratio, terms.cap_ratio, "late_fee.cap_ratio")


def _check_discounts(inp: CalcInput, dates: _Dates) -> None:
    _check_count(inp.discounts, "discounts", MAX_DISCOUNTS)
    # A field's path is built only for a value that fails: nearly every value is fine.
    for i, discount in enumerate(inp.discounts):
        if isinstance(discount, RateReduction):
            per_m2, start, end = discount.per_m2, discount.start, discount.end
            if not (_two_decimals(per_m2) and 0 <= per_m2 <= MAX_RATE):
                _bounded(check_rate, per_m2, f"discounts[{i}].per_m2")
            if start is not None and not dates.first_month <= start.index <= dates.last_month:
                dates.check_month(start, f"discounts[{i}].from")
            if end is not None and not dates.first_month <= end.index <= dates.last_month:
                dates.check_month(end, f"discounts[{i}].to")
            if start is not None and end is not None and end < start:
                raise invalid(
                    f"discounts[{i}].to",
                    _("{end} is before the start month {start}").format(end=end, start=start),
                )
        elif isinstance(discount, LateFeeWaiver):
            _bounded(check_ratio, discount.ratio, f"discounts[{i}].ratio")
        elif isinstance(discount, FixedDiscount):
            amount = discount.amount
            if not (_two_decimals(amount) and 0 <= amount < MAX_AMOUNT):
                _bounded(check_amount, amount, f"discounts[{i}].amount")
        else:
            raise invalid(f"discounts[{i}].type", _("is not a known discount type"))
