"""Rule 4: the late fee (违约金), accrued per balance segment, never day by day.

On each charge in ``applies_to``: daily_rate × the outstanding balance for every day from
(due + grace_days + 1) to ``as_of`` inclusive. A payment dated P stops accrual on the amount it
paid from day P on, so a charge's balance is a few constant segments: fen × days per segment,
summed exactly, times the daily rate, rounded half-up once per charge. With ``cap_ratio`` the
total is capped at round(cap_ratio × outstanding principal of those charges).
"""

from __future__ import annotations

from decimal import Decimal

from mediation_app.fees.charges import Charge
from mediation_app.money import round_half_up


def fen_days(charge: Charge, first: int, as_of: int) -> int:
    """Σ balance (fen) × days overdue, over the days ``first`` .. ``as_of``."""
    total = 0
    for day, fen in charge.paid:
        if day > first:
            total += fen * (day - first)
    if charge.outstanding and as_of >= first:
        total += charge.outstanding * (as_of + 1 - first)
    return total


def late_fee_fen(charge: Charge, daily_rate: tuple[int, int], first: int, as_of: int) -> int:
    """The charge's late fee in fen: daily_rate × fen-days, rounded half-up."""
    numerator, denominator = daily_rate
    return round_half_up(fen_days(charge, first, as_of) * numerator, denominator)


def cap_fen(cap_ratio: Decimal, outstanding_fen: int) -> int:
    """round(cap_ratio × outstanding principal), in fen."""
    numerator, denominator = cap_ratio.as_integer_ratio()
    return round_half_up(outstanding_fen * numerator, denominator)
