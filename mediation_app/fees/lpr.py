"""The one-year lending rate history (benchmark rate, then LPR) shipped in ``resources/data``.

Rates are kept in basis points (3.45% → 345) with a running sum of basis-point-days, so the
interest on a balance over any span of days is one subtraction, however many rate changes the
span crosses: the yardstick never walks day by day.
"""

from __future__ import annotations

import csv
import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

from mediation_app.paths import resources_dir

LPR_FILE = "lpr_1y.csv"


@dataclass(frozen=True)
class RateHistory:
    """Annual rates in force from given days on; each rate holds until the next one."""

    starts: tuple[int, ...]  # date ordinals, ascending
    basis_points: tuple[int, ...]  # annual rate in hundredths of a percent
    cumulative: tuple[int, ...]  # basis-point-days from starts[0] to starts[i]
    known_through: dt.date  # the newest publication in the history

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[dt.date, Decimal]]) -> RateHistory:
        """Build from ``(effective_from, rate_percent)`` rows in date order."""
        starts: list[int] = []
        points: list[int] = []
        last_day: dt.date | None = None
        for day, percent in rows:
            if last_day is not None and day <= last_day:
                raise ValueError(f"rate history out of order at {day}")
            last_day = day
            bp = percent.scaleb(2)
            if bp != bp.to_integral_value() or bp < 0:
                raise ValueError(f"rate {percent}% on {day} is not a whole number of basis points")
            if points and points[-1] == int(bp):
                continue  # a publication that repeats the rate only moves known_through
            starts.append(day.toordinal())
            points.append(int(bp))
        if last_day is None:
            raise ValueError("empty rate history")
        cumulative = [0]
        for i in range(1, len(starts)):
            cumulative.append(cumulative[-1] + points[i - 1] * (starts[i] - starts[i - 1]))
        return cls(tuple(starts), tuple(points), tuple(cumulative), last_day)

    @property
    def first_day(self) -> dt.date:
        return dt.date.fromordinal(self.starts[0])

    def running_total(self, ordinal: int) -> int:
        """Basis-point-days from the first day of the history to the day before ``ordinal``
        (which must not be before the history starts)."""
        i = bisect_right(self.starts, ordinal) - 1
        return self.cumulative[i] + self.basis_points[i] * (ordinal - self.starts[i])

    @cached_property
    def running_totals(self) -> _RunningTotals:
        """``running_totals[ordinal]`` is ``running_total(ordinal)``, remembered: the
        calculator asks for the same due dates case after case."""
        return _RunningTotals(self)

    def basis_point_days(self, first: int, stop: int) -> int | None:
        """Sum of the rate in basis points over the days ``first`` .. ``stop - 1`` (ordinals).

        None when ``first`` is before the history starts. After the last row the last rate is
        taken to continue.
        """
        if stop <= first:
            return 0
        if first < self.starts[0]:
            return None
        return self.running_total(stop) - self.running_total(first)

    def rate_on(self, day: dt.date) -> Decimal | None:
        """The annual rate in percent in force on ``day`` (None before the history starts)."""
        ordinal = day.toordinal()
        if ordinal < self.starts[0]:
            return None
        return Decimal(self.basis_points[bisect_right(self.starts, ordinal) - 1]).scaleb(-2)


class _RunningTotals(dict[int, int]):
    """Day ordinal → basis-point-days from the start of a history, filled on first use. Bounded,
    so a long-running client does not grow it forever."""

    LIMIT = 100_000

    def __init__(self, history: RateHistory) -> None:
        super().__init__()
        self._running_total = history.running_total

    def __missing__(self, ordinal: int) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        total = self[ordinal] = self._running_total(ordinal)
        return total


def read_rate_file(path: Path) -> RateHistory:
    """Parse a rate CSV (``effective_from,rate_percent,basis``; ``#`` lines are comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    rows = []
    for record in reader:
        rows.append((dt.date.fromisoformat(record["effective_from"]), Decimal(record["rate_percent"])))
    return RateHistory.from_rows(rows)


@cache
def shipped_history() -> RateHistory:
    """The history in ``resources/data/lpr_1y.csv``, read once per process."""
    return read_rate_file(resources_dir() / "data" / LPR_FILE)
