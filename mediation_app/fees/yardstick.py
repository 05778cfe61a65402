"""The reasonableness yardstick for the late fee: interest at 1.3 × the one-year LPR.

Courts reduce a late fee that exceeds the actual loss by more than 30% (民法典 585), and take
interest at the one-year loan prime rate (before 2019-08-20, the benchmark lending rate) as that
loss. The yardstick is the interest the same outstanding balances, over the same days as the
late fee, would earn at 1.3 × the rate in force each day, at annual rate / 365 a day, rounded
half-up per charge like the late fee. It is computed per balance segment and per rate segment
(see :mod:`mediation_app.fees.lpr`), never day by day: the ledger (:mod:`.ledger`) adds each
charge's share as it walks the charges.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MULTIPLIER = Decimal("1.3")
DAYS_PER_YEAR = 365
_BASIS_POINTS_PER_UNIT = 10_000


@dataclass(frozen=True, slots=True)
class YardstickFigure:
    fen: int | None  # None when a balance was overdue before the rate history starts
    beyond_known: bool  # some day after the newest published rate was used


@dataclass(frozen=True, slots=True)
class YardstickScale:
    """fen × basis-point-days → fen at ``MULTIPLIER``: ``(2 · x · numerator + half) // double``
    is x × 1.3 / (10,000 × 365) rounded half-up."""

    numerator: int
    double: int
    half: int

    @classmethod
    def make(cls) -> YardstickScale:
        numerator, denominator = MULTIPLIER.as_integer_ratio()
        double = 2 * denominator * _BASIS_POINTS_PER_UNIT * DAYS_PER_YEAR
        return cls(numerator, double, double // 2)


SCALE = YardstickScale.make()
