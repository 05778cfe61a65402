"""Rule 4: the late fee (违约金) and its cap.

On each charge in ``applies_to``: daily_rate × the outstanding balance for every day from
(due + grace_days + 1) to ``as_of`` inclusive, rounded half-up once per charge. The ledger
(:mod:`.ledger`) accrues it per balance segment while it applies the payments, never day by
day. With ``cap_ratio`` the total is capped at round(cap_ratio × outstanding principal of those
charges), here.
"""

from __future__ import annotations

from decimal import Decimal

from mediation_app.money import round_half_up


def cap_fen(cap_ratio: Decimal, outstanding_fen: int) -> int:
    """round(cap_ratio × outstanding principal), in fen."""
    numerator, denominator = cap_ratio.as_integer_ratio()
    return round_half_up(outstanding_fen * numerator, denominator)
