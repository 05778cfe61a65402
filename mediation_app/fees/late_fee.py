"""Rule 4: the late fee (违约金), accrued per balance segment, never day by day.

On each charge in ``applies_to``: daily_rate × the outstanding balance for every day from
(due + grace_days + 1) to ``as_of`` inclusive. A payment dated P stops accrual on the amount it
paid from day P on, so a charge's balance is a few constant segments: fen × days per segment,
summed exactly, times the daily rate, rounded half-up once per charge. With ``cap_ratio`` the
total is capped at round(cap_ratio × outstanding principal of those charges).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from mediation_app.fees.charges import Charge
from mediation_app.money import round_half_up


def accrue(charges: Iterable[Charge], daily_rate: Decimal, grace_days: int, as_of: int) -> int:
    """Set each charge's ``late_fee`` (fen, rounded half-up) and return their sum, ``computed``.

    Per charge: Σ balance (fen) × days overdue from due + grace_days + 1 to ``as_of`` — each
    paid part up to the day before its payment, the rest up to ``as_of`` — times the daily rate.
    """
    numerator, denominator = daily_rate.as_integer_ratio()
    double = 2 * denominator  # round_half_up inlined: (2·x + d) // (2·d) for x ≥ 0
    offset = grace_days + 1
    computed = 0
    for charge in charges:
        first = charge.due_ordinal + offset
        fen_days = 0
        if charge.paid:
            for day, fen in charge.paid:
                if day > first:
                    fen_days += fen * (day - first)
        if charge.outstanding and as_of >= first:
            fen_days += charge.outstanding * (as_of + 1 - first)
        fee = (2 * fen_days * numerator + denominator) // double
        charge.late_fee = fee
        computed += fee
    return computed


def cap_fen(cap_ratio: Decimal, outstanding_fen: int) -> int:
    """round(cap_ratio × outstanding principal), in fen."""
    numerator, denominator = cap_ratio.as_integer_ratio()
    return round_half_up(outstanding_fen * numerator, denominator)
