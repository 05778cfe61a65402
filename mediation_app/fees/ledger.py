"""The ledger: rules 3, 4 and 5 and the yardstick over the charges, and the result lines.

- **payments** (rule 3): the payments, in date order, pay the oldest charges first, whether or
  not a charge is due yet. Taken together they are one stream of money poured into the charges
  in payment order (:func:`.schedule.payment_order`): each charge takes what it needs from the
  payment in hand and the next ones; what is left after the last charge is credit: reported,
  never netted against anything;
- **late fee** (rule 4, :mod:`.late_fee`): on each charge in ``applies_to``, daily_rate × the
  outstanding balance for every day from (due + grace_days + 1) to ``as_of`` inclusive. A
  payment dated P stops accrual on what it paid from day P on, so a charge's balance is a few
  constant segments: fen × days per segment, summed exactly, times the daily rate, rounded
  half-up once per charge;
- **yardstick** (:mod:`.yardstick`): the interest on the same balances over the same days at
  1.3 × the one-year rate, from the rate history's running sums, rounded per charge;
- **limitation** (rule 5, :mod:`.limitation`): a charge still outstanding whose due date falls
  in a possibly time-barred span.

How, and why this way: this is nearly all of the calculator's time (a few hundred charges per
case, thousands of cases in a batch). Payments reach only the first charges in payment order:
those are walked one by one (:func:`_allocate`, then :meth:`_Accrual.fees` charge by charge).
Every later charge is owed in full: its late fee is a linear function of its due date, its
yardstick its amount times a weight of its due date (the same for every case computed as of the
same day), and the limitation spans are runs of consecutive due dates. So the rest of each
kind's charges is done a column at a time (:mod:`.schedule`), in list comprehensions and C-level
``map``, and the result lines are made the same way. ``tests/core/test_fees_properties.py``
checks every figure against a day-by-day reference implementation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.inputs import CalcInput
from mediation_app.fees.limitation import barred_spans
from mediation_app.fees.lpr import RateHistory
from mediation_app.fees.results import (
    ServiceFeeLine,
    UtilityLine,
    build_service_fee_lines,
    build_utility_lines,
)
from mediation_app.fees.schedule import NO_MONTHS, Charges, ServiceMonths, service_months, utility_bills
from mediation_app.fees.validation import Checked
from mediation_app.fees.yardstick import SCALE, YardstickFigure
from mediation_app.money import FEN, from_fen

_DEFAULT_APPLIES_TO = (ChargeKind.SERVICE_FEE,)
_first = itemgetter(0)
_TWICE_SCALE = 2 * SCALE.numerator
_ZERO = from_fen(0)  # 0.00: the late fee where none applies, what a paid-off charge owes

Paid = list[tuple[int, int]]  # what paid a charge: (payment date ordinal, fen), in payment order


class Applied(NamedTuple):
    """What one payment paid, charge by charge in payment order: two columns, so the result's
    allocations are made a column at a time."""

    keys: list[str]  # the charge keys
    amounts: list[Decimal]  # in yuan: the charge's own amount when the payment paid all of it


class Allocation(NamedTuple):
    """Rule 3's outcome: what paid each charge the payments reached, and each payment's use.

    Most charges a payment reaches are paid off by the payment in hand: those keep only that
    payment's date; the others (paid by several payments, or only in part) keep their parts."""

    month_paid_off: dict[int, int]  # by month place: the date ordinal of the payment
    month_paid: dict[int, Paid]  # by month place: the parts, the rest
    bill_paid_off: dict[int, int]  # by bill place (in payment order)
    bill_paid: dict[int, Paid]
    applied: list[Applied]  # per payment in date order
    credits: list[int]  # per payment in date order: fen left over


def _allocate(
    payments: list[tuple[int, int]],
    months: Charges,
    bills: Charges,
    month_outs: list[int],
    bill_outs: list[int],
) -> Allocation:
    """Rule 3: the payments (``(date ordinal, fen)`` in date order) poured into the charges of
    both kinds in payment order, as far as they reach; fills in what each charge still owes."""
    applied = [Applied([], []) for _payment in payments]
    month_paid_off: dict[int, int] = {}
    month_paid: dict[int, Paid] = {}
    bill_paid_off: dict[int, int] = {}
    bill_paid: dict[int, Paid] = {}
    count = len(payments)
    current = 0
    day, left = payments[0] if payments else (0, 0)
    into_keys, into_amounts = applied[0] if payments else ([], [])
    i = j = 0
    month_dues, bill_dues = months.due_ordinals, bills.due_ordinals
    month_count, bill_count = len(month_dues), len(bill_dues)
    # Each kind's columns and what the walk fills in, picked together for the next charge.
    month_side = (months.fens, months.keys, months.amounts, month_outs, month_paid_off, month_paid)
    bill_side = (bills.fens, bills.keys, bills.amounts, bill_outs, bill_paid_off, bill_paid)
    while left and (i < month_count or j < bill_count):
        # The next charge in payment order, of either kind: the service fee first on the same day.
        if j >= bill_count or (i < month_count and month_dues[i] <= bill_dues[j]):
            place, side = i, month_side
            i += 1
        else:
            place, side = j, bill_side
            j += 1
        fens, keys, amounts, outs, paid_off, paid_map = side
        owed = fens[place]
        if not owed:
            continue
        name = keys[place]
        if owed <= left:  # paid off by the payment in hand, the common case
            left -= owed
            outs[place] = 0
            paid_off[place] = day
            into_keys.append(name)
            into_amounts.append(amounts[place])
            if not left:
                current += 1
                if current < count:
                    day, left = payments[current]
                    into_keys, into_amounts = applied[current]
            continue
        paid: Paid = []  # by this payment and the next ones, as far as they reach
        while owed and left:
            take = owed if owed <= left else left
            owed -= take
            left -= take
            paid.append((day, take))
            into_keys.append(name)
            into_amounts.append(FEN * take)  # from_fen
            if not left:
                current += 1
                if current < count:
                    day, left = payments[current]
                    into_keys, into_amounts = applied[current]
        outs[place] = owed
        paid_map[place] = paid
    credits = [0] * count
    if current < count:
        credits[current] = left
        for later in range(current + 1, count):
            credits[later] = payments[later][1]
    return Allocation(month_paid_off, month_paid, bill_paid_off, bill_paid, applied, credits)


class _Accrual:
    """Late fees and yardstick of the charges, one at a time or a run at a time, and their sums."""

    def __init__(self, inp: CalcInput, history: RateHistory) -> None:
        terms = inp.late_fee
        self.late = terms is not None
        # (fen-days · numerator + denominator // 2) // denominator is round half-up (the same as
        # (2 · fen-days · numerator + denominator) // (2 · denominator), with numbers half as
        # large: for most charges they stay within one machine word, where int is fastest).
        self.rate_num, self.rate_den = terms.daily_rate.as_integer_ratio() if terms is not None else (0, 1)
        self.half_den = self.rate_den // 2
        self.offset = (terms.grace_days if terms is not None else 0) + 1
        self.as_of = inp.as_of.toordinal()
        self.last_due = self.as_of - self.offset  # the last due date overdue on as_of
        self.history = history
        self.history_start = history.starts[0]
        self.running = history.running_totals
        self.at_end = 0
        self.weights: _InterestWeights | None = None  # for charges owed in full
        if self.as_of >= self.history_start:
            self.at_end = history.running_total(self.as_of + 1)
            self.weights = _interest_weights(history, self.as_of, self.offset)
        self.late_weights = _late_weights(self.as_of, self.offset, self.rate_num)  # for charges owed in full
        self.computed = 0  # the late fees so far
        self.yardstick = 0
        self.yardstick_known = True  # False once a balance was overdue before the history starts
        self.latest_stop = 0  # the day after the last day of interest counted

    def fees(
        self,
        charges: Charges,
        outs: list[int],
        paid_off: dict[int, int],
        paid_by: dict[int, Paid],
        calendar: tuple[list[int], int] | None = None,
    ) -> list[int]:
        """The late fee of each charge of one kind, whatever paid it (``paid_off``: the charges
        one payment paid off, by that payment's date; ``paid_by``: the parts that paid the
        others); adds them and their yardstick shares to the sums. ``calendar`` is, for the
        service-fee months, their calendar's due dates and the place of the first month (see
        :class:`.schedule.ServiceMonths`)."""
        fens, dues = charges.fens, charges.due_ordinals
        reached = max([*paid_off, *paid_by], default=-1) + 1  # payments reach a first run of charges
        fees = [0] * reached
        as_of, offset = self.as_of, self.offset
        late, rate_num, rate_den, half_den = self.late, self.rate_num, self.rate_den, self.half_den
        history_start, running, at_end = self.history_start, self.running, self.at_end
        # Only charges something paid: before the last of them, a charge not paid is one of 0 fen.
        # The sums are kept in locals in the loops and stored once after them.
        computed, yardstick, known, latest = 0, 0, self.yardstick_known, self.latest_stop
        twice_scale, half, double = _TWICE_SCALE, SCALE.half, SCALE.double
        for place, day in paid_off.items():
            # One segment: the whole charge, from its first overdue day to the day before the
            # payment (if any).
            first = dues[place] + offset
            if day <= first:
                continue
            fen = fens[place]
            if late:
                fee = fees[place] = (fen * (day - first) * rate_num + half_den) // rate_den
                computed += fee
            if not known:
                continue
            if first < history_start:
                known = False  # overdue before the rate history starts
                continue
            yardstick += (fen * (running[day] - running[first]) * twice_scale + half) // double
            if day > latest:
                latest = day
        for place, paid in paid_by.items():
            out = outs[place]
            first = dues[place] + offset
            overdue_now = out and as_of >= first
            # The balance segments: each paid part up to the day before its payment, the rest
            # up to as_of; parts paid before the first overdue day never accrue. ``paid`` is in
            # payment order, so these are all of it, none of it, or (rarely) a tail of it.
            if paid[0][0] > first:
                segments = paid
            elif paid[-1][0] <= first:
                if not overdue_now:
                    continue
                segments = []
            else:
                segments = [(day, part) for day, part in paid if day > first]
            if late:
                fen_days = out * (as_of + 1 - first) if overdue_now else 0
                for day, part in segments:
                    fen_days += part * (day - first)
                fee = fees[place] = (fen_days * rate_num + half_den) // rate_den
                computed += fee
            if not known:
                continue
            if first < history_start:
                known = False  # overdue before the rate history starts
                continue
            at_first = running[first]
            weighted = out * (at_end - at_first) if overdue_now else 0  # fen × basis-point-days
            for day, part in segments:
                weighted += part * (running[day] - at_first)
            if segments:
                latest = max(latest, segments[-1][0])
            if overdue_now:
                latest = as_of + 1
            yardstick += (weighted * twice_scale + half) // double
        self.computed += computed
        self.yardstick += yardstick
        self.yardstick_known, self.latest_stop = known, latest

        # Owed in full: overdue on as_of when due + offset ≤ as_of. Times the rate's numerator,
        # the fen-days are fen × the weight of the due date. For months due on their calendar's
        # due dates (all of them but, maybe, the first) the weights are a slice of the calendar's
        # column of them; otherwise each is looked up (by map(), in C).
        stop = bisect_right(dues, self.last_due, reached)
        owed, overdue = fens[reached:stop], dues[reached:stop]
        aligned: tuple[list[int], int] | None = None  # the calendar's due dates, its place of owed[0]
        if calendar is not None and overdue:
            calendar_dues, base = calendar
            if reached or dues[0] == calendar_dues[base]:  # the first month may be due on the start
                aligned = (calendar_dues, base + reached)
        if late:
            if aligned is None:
                weights: Iterable[int] = map(self.late_weights.__getitem__, overdue)
            else:
                weights = self.late_weights.column(aligned[0])[aligned[1] : aligned[1] + len(owed)]
            run = [(fen * weight + half_den) // rate_den for fen, weight in zip(owed, weights, strict=True)]
            self.computed += sum(run)
            fees += run
        else:
            fees += [0] * len(owed)
        fees += [0] * (len(fens) - stop)
        if known and any(owed):
            self._yardstick_run(owed, overdue, aligned)
        return fees

    def _yardstick_run(self, fens: list[int], dues: list[int], aligned: tuple[list[int], int] | None) -> None:
        """The yardstick of charges owed in full and overdue, ``fens`` due on ``dues`` (ascending;
        ``aligned``: a due-day calendar's due dates and its place of the first of them)."""
        cut = bisect_left(dues, self.history_start - self.offset)  # first overdue day before the history
        if cut:  # rare: charges overdue before the history starts; no copies otherwise
            if any(fens[:cut]):
                self.yardstick_known = False
                return
            fens, dues = fens[cut:], dues[cut:]
        self.latest_stop = self.as_of + 1
        interest_weights = self.weights
        assert interest_weights is not None  # as_of is after the history starts, as these charges' days are
        half, double = SCALE.half, SCALE.double
        # The weights looked up by map() in C (a subscript of a dict subclass in the loop costs
        # more), or a slice of the calendar's column of them.
        if aligned is None:
            weights: Iterable[int] = map(interest_weights.__getitem__, dues)
        else:
            calendar_dues, at = aligned
            weights = interest_weights.column(calendar_dues)[at + cut : at + cut + len(dues)]
        self.yardstick += sum(
            [(fen * weight + half) // double for fen, weight in zip(fens, weights, strict=True)]
        )


class _DueWeights(dict[int, int]):
    """Due date ordinal → weight, each worked out on first use (``__missing__``), and the weights
    of a due-day calendar's due dates place by place (:meth:`column`)."""

    first_due = 0  # weights are read from this due date ordinal on

    def __init__(self) -> None:
        super().__init__()
        self._columns: dict[int, tuple[list[int], list[int]]] = {}

    def column(self, dues: list[int]) -> list[int]:
        """The weights of ``dues``, a due-day calendar's due dates, made once per calendar (a
        calendar is never changed, and every case takes its months from one): a run of months
        owed in full then takes a slice of it instead of a look-up per month. 0 before
        ``first_due``."""
        found = self._columns.get(id(dues))
        if found is not None and found[0] is dues:
            return found[1]
        start = bisect_left(dues, self.first_due)
        column = [0] * start + list(map(self.__getitem__, dues[start:]))
        self._columns[id(dues)] = (dues, column)  # keeps dues alive: its id stays its own
        return column


class _InterestWeights(_DueWeights):
    """Due date ordinal → 2 × 1.3's numerator × the basis-point-days from the first overdue day
    to ``as_of`` (one history, as_of and grace): the yardstick of fen owed in full is then
    (fen × weight + half) // double. The same due dates come back case after case, as of the
    same day, so each is worked out once."""

    def __init__(self, history: RateHistory, as_of: int, offset: int) -> None:
        super().__init__()
        self.running = history.running_totals
        self.at_end = history.running_total(as_of + 1)
        self.offset = offset
        self.twice = 2 * SCALE.numerator
        self.first_due = history.starts[0] - offset  # the first due date the history covers

    def __missing__(self, due: int) -> int:
        weight = self[due] = self.twice * (self.at_end - self.running[due + self.offset])
        return weight


class _LateWeights(_DueWeights):
    """Due date ordinal → the daily rate's numerator × the days from the first overdue day to
    ``as_of`` (one as_of, grace and rate): the late fee of fen owed in full is then
    (fen × weight + half the denominator) // the denominator. Made once per due date, as the
    interest weights are: a look-up costs less than the two operations it replaces."""

    def __init__(self, as_of: int, offset: int, rate_num: int) -> None:
        super().__init__()
        self.stop = as_of + 1 - offset  # the day after as_of, less the offset to the first overdue day
        self.rate_num = rate_num

    def __missing__(self, due: int) -> int:
        weight = self[due] = self.rate_num * (self.stop - due)
        return weight


_LATE_WEIGHTS: dict[tuple[int, int, int], _LateWeights] = {}


def _late_weights(as_of: int, offset: int, rate_num: int) -> _LateWeights:
    """The late-fee weights for this as_of, offset and rate, kept for the last few such contexts."""
    key = (as_of, offset, rate_num)
    found = _LATE_WEIGHTS.get(key)
    if found is not None:
        return found
    if len(_LATE_WEIGHTS) >= 16:
        _LATE_WEIGHTS.clear()
    weights = _LATE_WEIGHTS[key] = _LateWeights(as_of, offset, rate_num)
    return weights


_WEIGHTS: dict[tuple[int, int, int], tuple[RateHistory, _InterestWeights]] = {}


def _interest_weights(history: RateHistory, as_of: int, offset: int) -> _InterestWeights:
    """The weights for this history, as_of and offset, kept for the last few such contexts."""
    key = (id(history), as_of, offset)
    found = _WEIGHTS.get(key)
    if found is not None and found[0] is history:
        return found[1]
    if len(_WEIGHTS) >= 16:
        _WEIGHTS.clear()
    weights = _InterestWeights(history, as_of, offset)
    _WEIGHTS[key] = (history, weights)
    return weights


class _Barred(NamedTuple):
    flags: list[bool]
    entries: list[tuple[int, str]]  # (due date ordinal, key) of each possibly barred charge
    principal: int


def _barred(charges: Charges, outs: list[int], spans: Sequence[tuple[int, int]]) -> _Barred:
    """Rule 5: the charges still owed whose due date is in a possibly time-barred span."""
    dues = charges.due_ordinals
    flags = [False] * len(dues)
    entries: list[tuple[int, str]] = []
    principal = 0
    for low_day, high_day in spans:
        low, high = bisect_left(dues, low_day), bisect_left(dues, high_day)
        if low >= high:
            continue
        owed = outs[low:high]
        # Payments leave a run of paid charges at the start: the rest are picked in C
        # (compress), and only their keys are made.
        flags[low:high] = map(bool, owed)
        entries += compress(zip(dues[low:high], charges.keys[low:high], strict=True), owed)
        principal += sum(owed)
    return _Barred(flags, entries, principal)


class Ledger(NamedTuple):
    months: ServiceMonths  # the service-fee months' columns
    service_lines: list[ServiceFeeLine]  # in month order
    service_outstanding: list[int]  # fen, by month
    service_total: int  # fen
    utility_lines: list[UtilityLine]  # in the bills' input order
    principal: int  # fen still owed, every charge
    barred: list[str]  # keys of the possibly time-barred charges, in payment order
    barred_principal: int
    applied: list[Applied]  # per payment in date order
    credits: list[int]  # per payment in date order: fen left over
    late_fee: int  # the sum of the late fees (before any cap)
    subject_outstanding: int  # what is still owed on the charges late fees apply to
    yardstick: YardstickFigure


def walk(inp: CalcInput, checked: Checked, payments: list[tuple[int, int]], history: RateHistory) -> Ledger:
    """Rules 1–5 over ``inp``, ``checked`` by validation; ``payments`` are the payments as
    ``(date ordinal, fen)`` in date order."""
    months = service_months(inp.service_fee, inp.area) if inp.service_fee is not None else NO_MONTHS
    bills, placed = utility_bills(
        checked.bill_periods, checked.bill_dues, checked.bill_fens, checked.bill_amounts
    )
    service = months.charges

    month_outs, bill_outs = list(service.fens), list(bills.fens)
    allocation = _allocate(payments, service, bills, month_outs, bill_outs)

    terms = inp.late_fee
    applies_to = terms.applies_to if terms is not None else _DEFAULT_APPLIES_TO
    accrual = _Accrual(inp, history)
    no_fees: list[int] = []
    month_fees = (
        accrual.fees(
            service,
            month_outs,
            allocation.month_paid_off,
            allocation.month_paid,
            (months.calendar_dues, months.base),
        )
        if ChargeKind.SERVICE_FEE in applies_to
        else no_fees
    )
    bill_fees = (
        accrual.fees(bills, bill_outs, allocation.bill_paid_off, allocation.bill_paid)
        if ChargeKind.UTILITIES in applies_to
        else no_fees
    )

    spans = barred_spans(inp.limitation) if inp.limitation is not None else ()
    month_barred = _barred(service, month_outs, spans)
    bill_barred = _barred(bills, bill_outs, spans)
    barred = month_barred.entries + bill_barred.entries
    if month_barred.entries and bill_barred.entries:
        # Into payment order: each kind's are in it already, and a stable sort on the due date
        # keeps the service fees (listed first) before the bills due on the same day.
        barred.sort(key=_first)

    # The lines, a column at a time (one loop per kind, see results.fast_rows_builder). What is
    # still owed is what was charged, in the same Decimal, except for the charges payments
    # reached: nothing (one shared 0.00) for those a payment paid off. Each other figure is a new
    # Decimal (FEN × fen, cheaper than a look-up in a cache of them that no cache line holds).
    month_owed = list(service.amounts)
    for place in allocation.month_paid_off:
        month_owed[place] = _ZERO
    for place in allocation.month_paid:
        month_owed[place] = FEN * month_outs[place]  # from_fen
    service_lines = build_service_fee_lines(
        service.periods,
        months.days,
        months.days_in,
        months.rates,
        service.amounts,
        service.dues,
        month_owed,
        [FEN * fee for fee in month_fees] if month_fees else repeat(_ZERO, len(month_outs)),
        month_barred.flags,
    )
    bill_amounts = bills.amounts
    bill_owed = list(bill_amounts)
    for place in allocation.bill_paid_off:
        bill_owed[place] = _ZERO
    for place in allocation.bill_paid:
        bill_owed[place] = FEN * bill_outs[place]  # from_fen
    in_payment_order = build_utility_lines(
        bills.periods,
        bill_amounts,
        bills.dues,
        bill_owed,
        [FEN * fee for fee in bill_fees] if bill_fees else repeat(_ZERO, len(bill_outs)),
        bill_barred.flags,
    )
    if placed is None:  # the bills came in payment order
        utility_lines = in_payment_order
    else:
        utility_lines = [None] * len(placed)  # type: ignore[list-item]  # filled below
        for position, line in zip(placed, in_payment_order, strict=True):
            utility_lines[position] = line

    service_total = sum(service.fens)
    service_owed, utilities_owed = sum(month_outs), sum(bill_outs)
    return Ledger(
        months,
        service_lines,
        month_outs,
        service_total,
        utility_lines,
        service_owed + utilities_owed,
        [key for _order, key in barred],
        month_barred.principal + bill_barred.principal,
        allocation.applied,
        allocation.credits,
        accrual.computed,
        (service_owed if ChargeKind.SERVICE_FEE in applies_to else 0)
        + (utilities_owed if ChargeKind.UTILITIES in applies_to else 0),
        YardstickFigure(
            accrual.yardstick if accrual.yardstick_known else None,
            accrual.latest_stop > history.known_through.toordinal() + 1,
        ),
    )
