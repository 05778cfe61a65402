"""The reasonableness yardstick for the late fee: interest at 1.3 × the one-year LPR.

Courts reduce a late fee that exceeds the actual loss by more than 30% (民法典 585), and take
interest at the one-year loan prime rate (before 2019-08-20, the benchmark lending rate) as that
loss. The yardstick is the interest the same outstanding balances, over the same days as the
late fee, would earn at 1.3 × the rate in force each day, at annual rate / 365 a day, rounded
half-up per charge like the late fee. It is computed per balance segment and per rate segment
(see :mod:`mediation_app.fees.lpr`), never day by day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.fees.charges import Charge
from mediation_app.fees.lpr import RateHistory
from mediation_app.money import round_half_up

MULTIPLIER = Decimal("1.3")
DAYS_PER_YEAR = 365
_BASIS_POINTS_PER_UNIT = 10_000


@dataclass(frozen=True, slots=True)
class YardstickFigure:
    fen: int | None  # None when a balance was overdue before the rate history starts
    beyond_known: bool  # some day after the newest published rate was used


def yardstick_fen(charges: Iterable[Charge], as_of: int, history: RateHistory) -> YardstickFigure:
    """The yardstick over ``charges`` (those the late fee applies to), accrual from each charge's
    ``late_fee_from`` to ``as_of`` (ordinals)."""
    multiplier_num, multiplier_den = MULTIPLIER.as_integer_ratio()
    denominator = multiplier_den * _BASIS_POINTS_PER_UNIT * DAYS_PER_YEAR
    known_stop = history.known_through.toordinal() + 1
    latest_stop = 0
    total = 0
    for charge in charges:
        first = charge.late_fee_from
        weighted = 0  # fen × basis-point-days
        for day, fen in charge.paid:
            if day > first:
                rate_days = history.basis_point_days(first, day)
                if rate_days is None:
                    return YardstickFigure(None, False)
                weighted += fen * rate_days
                latest_stop = max(latest_stop, day)
        if charge.outstanding and as_of >= first:
            rate_days = history.basis_point_days(first, as_of + 1)
            if rate_days is None:
                return YardstickFigure(None, False)
            weighted += charge.outstanding * rate_days
            latest_stop = max(latest_stop, as_of + 1)
        if weighted:
            total += round_half_up(weighted * multiplier_num, denominator)
    return YardstickFigure(total, latest_stop > known_stop)
