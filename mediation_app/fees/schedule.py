"""The charges: one service-fee line per calendar month (prorated by days), and the utility bills.

Rule 1: a month overlapping [start, end] is charged area × rate × days inside / days in the
month, rounded half-up to the fen, at the rate with the latest ``from`` month not after it; it is
due on ``due_day`` (the last day of a shorter month) but never before ``start``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.charges import KIND_ORDER, PERIOD_SLOTS, Charge
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import ServiceFeeTerms, UtilityBill
from mediation_app.fees.months import Month, month_at
from mediation_app.i18n import _
from mediation_app.money import round_half_up, to_fen

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):  # isleap, inlined
        return 29
    return _DAYS[month - 1]


def prorated_fen(area: Decimal, price: Decimal, days: int, days_in: int) -> int:
    """area × price × days / days_in, in fen, rounded half-up (exact, no intermediate rounding)."""
    area_num, area_den = area.as_integer_ratio()
    price_num, price_den = price.as_integer_ratio()
    return round_half_up(area_num * price_num * days * 100, area_den * price_den * days_in)


def service_fee_charges(terms: ServiceFeeTerms, area: Decimal) -> list[Charge]:
    """One charge per month of [start, end], in month order (so in due-date order too)."""
    rates = sorted(terms.rates, key=lambda change: change.start.index)
    first = Month.containing(terms.start).index
    last = Month.containing(terms.end).index
    start_ordinal = terms.start.toordinal()
    due_day = terms.due_day
    kind = ChargeKind.SERVICE_FEE
    date = dt.date
    charges: list[Charge] = []
    append = charges.append
    current = -1
    rate = rates[0].rate
    next_change = rates[0].start.index
    # A full month's amount at the current rate, by days in the month (28–31), computed once.
    full: list[int | None] = [None] * 4
    for index in range(first, last + 1):
        if index >= next_change:
            while index >= next_change:
                current += 1
                next_change = rates[current + 1].start.index if current + 1 < len(rates) else last + 1
            rate = rates[current].rate
            full = [None] * 4
        year, month = divmod(index, 12)
        month += 1
        if current < 0:
            raise invalid(
                "service_fee.rates",
                _("no rate applies to {month}: the earliest rate starts in {earliest}").format(
                    month=f"{year:04d}-{month:02d}", earliest=rates[0].start
                ),
            )
        days_in = _DAYS[month - 1] if month != 2 else days_in_month(year, month)
        if index not in (first, last):
            days = days_in
            fen = full[days_in - 28]
            if fen is None:
                fen = full[days_in - 28] = prorated_fen(area, rate, days, days_in)
        else:
            days = (
                (terms.end.day if index == last else days_in) - (terms.start.day if index == first else 1) + 1
            )
            fen = prorated_fen(area, rate, days, days_in)
        due = date(year, month, due_day if due_day <= days_in else days_in)
        due_ordinal = due.toordinal()
        if due_ordinal < start_ordinal:
            due, due_ordinal = terms.start, start_ordinal
        # Positional: this runs for every month of every case (fields in Charge's order). The
        # order is payment_order() inlined: service fees rank 0 on equal due dates.
        append(
            Charge(
                kind,
                month_at(index),
                due,
                due_ordinal,
                due_ordinal * 2 * PERIOD_SLOTS + index,
                fen,
                fen,
                days,
                days_in,
                rate,
            )
        )
    return charges


def utility_charges(bills: tuple[UtilityBill, ...]) -> list[Charge]:
    """Rule 2: each bill is a charge with its own due date."""
    kind = ChargeKind.UTILITIES
    rank = KIND_ORDER[kind]
    charges = []
    for bill in bills:
        fen = to_fen(bill.amount)
        due_ordinal = bill.due.toordinal()
        order = (due_ordinal * 2 + rank) * PERIOD_SLOTS + bill.period.index  # payment_order, inlined
        charges.append(Charge(kind, bill.period, bill.due, due_ordinal, order, fen, fen))
    return charges
