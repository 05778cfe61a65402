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

MULTIPLIER = Decimal("1.3")
DAYS_PER_YEAR = 365
_BASIS_POINTS_PER_UNIT = 10_000


@dataclass(frozen=True, slots=True)
class YardstickFigure:
    fen: int | None  # None when a balance was overdue before the rate history starts
    beyond_known: bool  # some day after the newest published rate was used


def yardstick_fen(
    charges: Iterable[Charge], grace_days: int, as_of: int, history: RateHistory
) -> YardstickFigure:
    """The yardstick over ``charges`` (those the late fee applies to, in due-date order), each
    over the late fee's days: from due + ``grace_days`` + 1 to ``as_of`` (ordinals)."""
    multiplier_num, multiplier_den = MULTIPLIER.as_integer_ratio()
    double = 2 * multiplier_den * _BASIS_POINTS_PER_UNIT * DAYS_PER_YEAR
    half = double // 2
    running = history.running_total  # basis-point-days from the start of the history to a day
    starts, points, cumulative = history.starts, history.basis_points, history.cumulative
    history_start = starts[0]
    last_segment = len(starts) - 1
    segment = 0  # the rate segment of the last accrual start: charges come in due-date order
    # Only used when some charge is overdue on as_of, hence as_of is inside the history.
    at_end = running(as_of + 1) if as_of >= history_start else 0
    offset = grace_days + 1
    latest_stop = 0
    total = 0
    for charge in charges:
        first = charge.due_ordinal + offset
        overdue_now = charge.outstanding and as_of >= first
        paid = charge.paid
        if not overdue_now and not paid:
            continue
        if first < history_start:
            if overdue_now or any(day > first for day, _fen in paid or ()):
                return YardstickFigure(None, False)
            continue
        if starts[segment] > first:
            segment = 0  # out of order (a caller's own list): walk again from the start
        while segment < last_segment and starts[segment + 1] <= first:
            segment += 1
        at_first = cumulative[segment] + points[segment] * (first - starts[segment])
        weighted = 0  # fen × basis-point-days
        if paid:
            for day, fen in paid:
                if day > first:
                    weighted += fen * (running(day) - at_first)
                    if day > latest_stop:
                        latest_stop = day
        if overdue_now:
            weighted += charge.outstanding * (at_end - at_first)
            latest_stop = as_of + 1
        if weighted:
            total += (2 * weighted * multiplier_num + half) // double
    return YardstickFigure(total, latest_stop > history.known_through.toordinal() + 1)
