"""The charges: one service-fee line per calendar month (prorated by days), and the utility bills.

Rule 1: a month overlapping [start, end] is charged area × rate × days inside / days in the
month, rounded half-up to the fen, at the rate with the latest ``from`` month not after it; it is
due on ``due_day`` (the last day of a shorter month) but never before ``start``.

Rule 2: each utility bill is a charge of its amount, due on its own due date, whatever period
(a month, a quarter, any range of days) it covers.

Rule 3's order: payments reach the charges oldest due date first; on equal dates the service fee
before utilities, then by the first day of the period a charge covers, then by its last day
(:func:`payment_order`).

The charges of one kind are kept as columns (:class:`Charges`: a list per field, a place per
charge, in payment order) rather than an object per charge: the ledger (:mod:`.ledger`) then
works on whole runs of charges at a time, and the months' calendar facts are slices of columns
made once per due day and shared by every calculation (:class:`_DueDayCalendar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter, le, lt
from typing import NamedTuple, overload

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.inputs import ServiceFeeTerms
from mediation_app.fees.months import Month, month_at
from mediation_app.fees.periods import BillPeriod
from mediation_app.fees.results import charge_key, month_key
from mediation_app.money import FEN, from_fen

KIND_ORDER = {ChargeKind.SERVICE_FEE: 0, ChargeKind.UTILITIES: 1}
_DAY_BITS = 22  # a date ordinal (at most 3,652,059, for 9999-12-31) fits in 22 bits
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def payment_order(due_ordinal: int, kind: ChargeKind, start_ordinal: int, end_ordinal: int) -> int:
    """The order payments reach charges in, as one integer (sorting on it is a C-level compare):
    oldest due date first; on equal dates service fee, then utilities; then by the first day of
    the period the charge covers, then by its last day."""
    return (
        ((due_ordinal * 2 + KIND_ORDER[kind]) << (2 * _DAY_BITS)) | (start_ordinal << _DAY_BITS) | end_ordinal
    )


def days_in_month(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):  # isleap, inlined
        return 29
    return _DAYS[month - 1]


def _span(first: int, last: int) -> int:
    """A period's first and last day ordinals, packed as :func:`payment_order` packs them."""
    return (first << _DAY_BITS) | last


class _DueDayCalendar:
    """The months ``base``..``last`` (indexes), for charges due on one day of the month, as columns.

    Every case of a centre walks the same few hundred months with one of a few due days, so the
    months, due dates and keys are made once and each case takes slices of them.
    Made whole and never changed afterwards: a calculation on another thread that holds one
    sees consistent columns (a longer calendar replaces it, see :class:`_Calendar`).
    """

    def __init__(self, due_day: int, base: int, last: int) -> None:
        self.due_day = due_day
        self.base = base  # the month index of position 0
        self.last = last
        self.months: list[Month] = []
        self.days_in: list[int] = []
        self.dues: list[dt.date] = []
        self.due_ordinals: list[int] = []
        self.keys: list[str] = []  # the service fee's charge key
        for index in range(base, last + 1):
            year, month = divmod(index, 12)
            month += 1
            days_in = days_in_month(year, month)
            due = dt.date(year, month, min(due_day, days_in))
            self.months.append(month_at(index))
            self.days_in.append(days_in)
            self.dues.append(due)
            self.due_ordinals.append(due.toordinal())
            self.keys.append(month_key(ChargeKind.SERVICE_FEE, index))


class _Calendar:
    """The calendars of the 31 due days, made on first use from the earliest to the latest month
    asked for, with a few years to spare either side (a centre's cases span a few decades)."""

    def __init__(self) -> None:
        self._by_due_day: dict[int, _DueDayCalendar] = {}

    def columns(self, due_day: int, first: int, last: int) -> _DueDayCalendar:
        """The calendar of ``due_day``, reaching the months ``first``..``last`` (indexes)."""
        calendar = self._by_due_day.get(due_day)
        if calendar is None or first < calendar.base or last > calendar.last:
            base = min(first - _SPARE_MONTHS, _LAST_MONTH if calendar is None else calendar.base)
            reach = min(max(last + _SPARE_MONTHS, 0 if calendar is None else calendar.last), _LAST_MONTH)
            # Publishing a whole new calendar is atomic: two threads may both build one.
            calendar = self._by_due_day[due_day] = _DueDayCalendar(due_day, base, reach)
        return calendar


# A fee standard's exact ratio, remembered: a centre's cases share a few dozen standards, and a
# look-up costs a sixth of working the ratio out. Bounded, for a long-running client.
_RATE_RATIOS: dict[Decimal, tuple[int, int]] = {}
_MAX_RATE_RATIOS = 4096
_SPARE_MONTHS = 60
_LAST_MONTH = 9999 * 12 + 11  # December 9999
_START = attrgetter("start.index")
CALENDAR = _Calendar()


class Proration:
    """One rate on one area: area × rate × days / days in the month, in fen, rounded half-up.

    Exact on integers (the Decimals' ratios), with no intermediate rounding. A whole month is
    area × rate whatever its length, so it is computed once (``full``).
    """

    __slots__ = ("denominator", "full", "numerator")

    def __init__(self, area: Decimal | tuple[int, int], rate: Decimal) -> None:
        # The area's exact ratio may come worked out already: a case has one area, many rates.
        area_num, area_den = area if isinstance(area, tuple) else area.as_integer_ratio()
        rate_num, rate_den = rate.as_integer_ratio()
        self.numerator = area_num * rate_num * 100
        self.denominator = area_den * rate_den
        self.full = (2 * self.numerator + self.denominator) // (2 * self.denominator)

    def fen(self, days: int, days_in: int) -> int:
        return (2 * self.numerator * days + self.denominator * days_in) // (2 * self.denominator * days_in)


def prorated_fen(area: Decimal, price: Decimal, days: int, days_in: int) -> int:
    """area × price × days / days_in, in fen, rounded half-up (exact, no intermediate rounding)."""
    return Proration(area, price).fen(days, days_in)


def _prorated(ratio: tuple[int, int], days: int, days_in: int) -> int:
    """``ratio`` (a whole month's fee in fen, exact) × days / days_in, rounded half-up: what
    :meth:`Proration.fen` gives, from a ratio the schedule has already worked out."""
    numerator, denominator = ratio
    return (2 * numerator * days + denominator * days_in) // (2 * denominator * days_in)


class Charges(NamedTuple):
    """The charges of one kind, a column per field, in payment order.

    Between the two kinds payment order is by due date alone (the service fee first on the same
    day): the ledger compares ``due_ordinals``, and the periods only order bills among themselves.
    """

    fens: list[int]
    amounts: list[Decimal]  # the fens in yuan, as the result lines show them
    due_ordinals: list[int]  # ascending
    periods: Sequence[Month | BillPeriod]  # as the result lines show them
    dues: Sequence[dt.date]
    keys: Sequence[str]  # the charge keys (``"service_fee:2017-08"``): keys[place], keys[low:high]


class _MonthKeys(dict[int, str]):
    """Month index → the key of a bill for that month (``"utilities:2020-12"``), made once."""

    def __missing__(self, index: int) -> str:
        key = self[index] = month_key(ChargeKind.UTILITIES, index)
        return key


_BILL_MONTH_KEYS = _MonthKeys()


class _BillKeys(Sequence[str]):
    """The charge keys of the bills, made only for the bills a result names (paid or possibly
    time-barred): ``keys[place]`` and ``keys[low:high]`` like a list's."""

    def __init__(self, periods: Sequence[Month | BillPeriod]) -> None:
        self.periods = periods

    def __len__(self) -> int:
        return len(self.periods)

    @overload
    def __getitem__(self, place: int) -> str: ...

    @overload
    def __getitem__(self, place: slice) -> list[str]: ...

    def __getitem__(self, place: int | slice) -> str | list[str]:
        if isinstance(place, slice):  # one comprehension, no call per key but for other periods
            keys = _BILL_MONTH_KEYS
            return [
                keys[period.index] if type(period) is Month else charge_key(ChargeKind.UTILITIES, period)
                for period in self.periods[place]
            ]
        period = self.periods[place]
        if type(period) is Month:
            return _BILL_MONTH_KEYS[period.index]
        return charge_key(ChargeKind.UTILITIES, period)


class _MonthSpans(dict[int, int]):
    """Month index → its first and last day, packed (see _span), made once."""

    def __missing__(self, index: int) -> int:
        month = month_at(index)
        first = month.first_day().toordinal()
        span = self[index] = _span(first, first + month.days - 1)
        return span


_MONTH_SPANS = _MonthSpans()


class ServiceMonths(NamedTuple):
    """The service-fee months, in month order (so in due-date and payment order too)."""

    charges: Charges
    days: list[int]
    days_in: list[int]
    rates: list[Decimal]
    # The due dates of the calendar the months were taken from (shared by every case, never
    # changed) and the calendar's place of the first month: month ``i`` is due on
    # ``calendar_dues[base + i]``, but for the first month when it is due on the start date.
    calendar_dues: list[int]
    base: int


NO_MONTHS = ServiceMonths(Charges([], [], [], [], [], []), [], [], [], [], 0)


def service_months(terms: ServiceFeeTerms, area: Decimal) -> ServiceMonths:
    """Rule 1: one charge per month of [start, end]."""
    first = Month.containing(terms.start).index
    last = Month.containing(terms.end).index
    calendar = CALENDAR.columns(terms.due_day, first, last)
    low, high = first - calendar.base, last - calendar.base + 1
    months = calendar.months[low:high]
    days_in = calendar.days_in[low:high]
    dues = calendar.dues[low:high]
    due_ordinals = calendar.due_ordinals[low:high]
    keys = calendar.keys[low:high]
    count = high - low

    # A run of months per rate, each month a whole month's amount, then the first and last
    # month (the same one when the range is inside one month) prorated by their days.
    # A whole month is area × rate whatever its length: each run's columns are that one fee,
    # its yuan and its rate repeated (list repetition, in C). A run's area × rate in fen is
    # kept as an exact ratio (numerator, denominator) for the prorations.
    changes = terms.rates
    starts = [change.start.index for change in changes]
    if starts != sorted(starts):  # not listed oldest first, as they nearly always are
        changes = tuple(sorted(changes, key=_START))
        starts = list(map(_START, changes))
    area_num, area_den = area.as_integer_ratio()
    area_num *= 100  # in fen
    stop = last + 1
    fens: list[int] = []
    amounts: list[Decimal] = []
    rates: list[Decimal] = []
    run_ratios: list[tuple[int, int]] = []
    for change, begin, end in zip(changes, starts, [*starts[1:], stop], strict=True):
        if begin < first:
            begin = first
        if end > stop:
            end = stop
        if begin >= end:  # replaced before the first month, or after the last
            continue
        ratio = _RATE_RATIOS.get(change.rate)
        if ratio is None:
            if len(_RATE_RATIOS) >= _MAX_RATE_RATIOS:
                _RATE_RATIOS.clear()
            ratio = _RATE_RATIOS[change.rate] = change.rate.as_integer_ratio()
        rate_num, rate_den = ratio
        numerator, denominator = area_num * rate_num, area_den * rate_den
        fen = (2 * numerator + denominator) // (2 * denominator)  # half-up, as Proration.full
        length = end - begin
        fens += [fen] * length
        amounts += [FEN * fen] * length  # from_fen(fen)
        rates += [change.rate] * length
        run_ratios.append((numerator, denominator))
    yuan = FEN.__mul__  # from_fen
    days = list(days_in)
    start_day, end_day = terms.start.day, terms.end.day
    days[0] = days_in[0] - start_day + 1
    days[-1] = (end_day - start_day + 1) if count == 1 else end_day
    if days[0] != days_in[0]:
        fens[0] = _prorated(run_ratios[0], days[0], days_in[0])
        amounts[0] = yuan(fens[0])
    if count > 1 and days[-1] != days_in[-1]:
        fens[-1] = _prorated(run_ratios[-1], days[-1], days_in[-1])
        amounts[-1] = yuan(fens[-1])
    start = terms.start.toordinal()
    if due_ordinals[0] < start:  # never due before the start date
        dues[0], due_ordinals[0] = terms.start, start
    return ServiceMonths(
        Charges(fens, amounts, due_ordinals, months, dues, keys),
        days,
        days_in,
        rates,
        calendar.due_ordinals,
        low,
    )


def utility_bills(
    periods: Sequence[Month | BillPeriod],
    dues: Sequence[dt.date],
    fens: Sequence[int],
    amounts: Sequence[Decimal] | None = None,
) -> tuple[Charges, list[int] | None]:
    """Rule 2: the bills (a column per field, in input order: ``amounts`` are the ``fens`` in
    yuan, made here when not given) in payment order, and each one's place in the input (None
    when they come in payment order already, as a company's statement lists them)."""
    if amounts is None:
        amounts = list(map(from_fen, fens))
    due_ordinals = list(map(dt.date.toordinal, dues))
    if all(map(lt, due_ordinals, due_ordinals[1:])):
        # Each bill falls due after the one before it: in payment order, whatever their periods.
        return Charges(list(fens), list(amounts), due_ordinals, periods, dues, _BillKeys(periods)), None
    # Some fall due on the same day (or come out of order): the periods decide too.
    rank = KIND_ORDER[ChargeKind.UTILITIES]
    spans = _MONTH_SPANS
    orders = [
        (
            ((due * 2 + rank) << (2 * _DAY_BITS))
            | (spans[period.index] if type(period) is Month else _bill_span(period))
        )
        for due, period in zip(due_ordinals, periods, strict=True)
    ]  # payment_order(), inlined
    if all(map(le, orders, orders[1:])):
        return Charges(list(fens), list(amounts), due_ordinals, periods, dues, _BillKeys(periods)), None
    placed = sorted(range(len(orders)), key=orders.__getitem__)  # stable: equal orders, input order
    in_order = [periods[i] for i in placed]
    return (
        Charges(
            [fens[i] for i in placed],
            [amounts[i] for i in placed],
            [due_ordinals[i] for i in placed],
            in_order,
            [dues[i] for i in placed],
            _BillKeys(in_order),
        ),
        placed,
    )


def _bill_span(period: Month | BillPeriod) -> int:
    assert isinstance(period, BillPeriod)  # months are looked up in _MONTH_SPANS
    return _span(period.start.toordinal(), period.end.toordinal())
