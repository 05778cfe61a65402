"""月度统计报表: the district's monthly statistics — cases received, closed, settled and failed,
overall and by level (三级), track (四调), organisation and company; the success rate; the
average days to close; the money claimed, agreed and collected; the daily intake for the trend
chart; last month's totals for comparison.

Definitions (printed on the report): *closed* counts every case closed in the month, whatever
the result; *settled* those closed with an agreement; *failed* those closed without one (handed
to litigation, withdrawn, not accepted); success rate = settled ÷ closed; average days = mean of
(closing date − intake date) over the cases closed in the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mediation_app.documents.parties import Organisation
from mediation_app.errors import ValidationError
from mediation_app.i18n import _


@dataclass(frozen=True)
class StatsRow:
    name: str
    received: int
    closed: int
    settled: int
    failed: int
    average_days: Decimal | None  # None when nothing was closed
    claimed: Decimal
    agreed: Decimal
    collected: Decimal

    def __post_init__(self) -> None:
        if self.settled + self.failed != self.closed:
            raise ValidationError(
                "closed", _("settled and failed cases must add up to the closed ones"), self.name
            )

    @property
    def success_rate(self) -> Decimal | None:
        """Settled ÷ closed, to four places (None when nothing was closed)."""
        if not self.closed:
            return None
        return (Decimal(self.settled) / Decimal(self.closed)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True)
class MonthlyReport:
    district: str  # e.g. "荔城区"
    organisation: Organisation  # who issues the report
    year: int
    month: int
    total: StatsRow
    by_level: tuple[StatsRow, ...]
    by_track: tuple[StatsRow, ...]
    by_organisation: tuple[StatsRow, ...]
    by_company: tuple[StatsRow, ...]
    daily_received: tuple[int, ...]  # cases received on each day of the month
    previous: StatsRow | None  # last month's totals
    prepared_by: str
    date: dt.date

    def __post_init__(self) -> None:
        days = calendar.monthrange(self.year, self.month)[1]
        if len(self.daily_received) != days:
            raise ValidationError(
                "daily_received", _("needs one figure per day of the month"), "daily_received"
            )
        if sum(self.daily_received) != self.total.received:
            raise ValidationError(
                "daily_received", _("does not add up to the cases received"), "daily_received"
            )
        for field in ("by_level", "by_track", "by_organisation", "by_company"):
            rows: tuple[StatsRow, ...] = getattr(self, field)
            for count in ("received", "closed", "settled", "failed"):
                if rows and sum(getattr(row, count) for row in rows) != getattr(self.total, count):
                    raise ValidationError(field, _("its rows do not add up to the totals"), field)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)
