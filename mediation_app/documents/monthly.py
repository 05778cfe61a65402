"""月度统计报表: the district's monthly statistics — overall and by level (三级), track (四调),
organisation and company; the daily intake for the trend chart; last month's totals for
comparison — and what every figure means.

:class:`Figures` is the one set of figures for a group of cases in a month: the statistics query
(:mod:`mediation_app.queries.statistics`) fills it, the dashboard, the XLSX export and this
report read it, and :data:`COLUMNS` and :data:`DEFINITIONS` say in one place what each column is
called and which cases it counts, so the report and the export cannot name or define a figure
differently. Each group of columns counts one population, and every amount, rate or average
sits beside the count of the very cases it is computed over:

- *received*: cases whose intake date is in the month — how many, and what they claim;
- *closed*: cases concluded in the month, by how they ended (:mod:`mediation_app.workflow.
  outcomes`), the success rate and the average days from intake to closing over them;
- *settled*: the closed cases that ended with a signed agreement — the agreements' totals, what
  was paid under them and what is unpaid;
- *paid in the month*: the cases that paid under their agreement in the month, and how much.

Rates and averages are exact here; they are rounded once, where they are shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum

from mediation_app.documents.parties import Organisation
from mediation_app.errors import ValidationError
from mediation_app.i18n import N_, _
from mediation_app.workflow.outcomes import SETTLED, Outcome, outcome_label

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Figures:
    """The month's figures for one group of cases (or all of them)."""

    received: int = 0
    claimed: Decimal = ZERO  # by the cases received
    performed: int = 0  # closed, by outcome (the names of Outcome's values)
    not_performed: int = 0
    confirmation_rejected: int = 0
    failed: int = 0
    withdrawn: int = 0
    not_accepted: int = 0
    days_to_close: int = 0  # summed over the closed cases, so groups add up exactly
    agreed: Decimal = ZERO  # the agreements of the settled closed cases
    paid: Decimal = ZERO  # everything paid under those agreements
    paying: int = 0  # cases with a payment under their agreement dated in the month
    collected: Decimal = ZERO  # those payments

    def count(self, outcome: Outcome) -> int:
        """The closed cases that ended so."""
        return int(getattr(self, outcome.value))

    @property
    def closed(self) -> int:
        return sum(self.count(outcome) for outcome in Outcome)

    @property
    def settled(self) -> int:
        """调解成功: closed with a signed agreement, performed or not."""
        return sum(self.count(outcome) for outcome in SETTLED)

    @property
    def mediated(self) -> int:
        """The closed cases that had been accepted (the success rate's denominator)."""
        return self.closed - self.not_accepted

    @property
    def unpaid(self) -> Decimal:
        return self.agreed - self.paid

    @property
    def success_rate(self) -> Decimal | None:
        """settled ÷ (closed − not accepted), unrounded (0..1); None when nothing was mediated."""
        if not self.mediated:
            return None
        return Decimal(self.settled) / Decimal(self.mediated)

    @property
    def average_days(self) -> Decimal | None:
        """Mean days from intake to closing over the closed cases, unrounded; None when none."""
        if not self.closed:
            return None
        return Decimal(self.days_to_close) / Decimal(self.closed)

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def total_of(items: tuple[Figures, ...] | list[Figures]) -> Figures:
    return sum(items, Figures())


class Kind(StrEnum):
    """How a column's values are written."""

    COUNT = "count"
    AMOUNT = "amount"
    RATE = "rate"
    DAYS = "days"


@dataclass(frozen=True)
class Column:
    """A figure as the report and the export show it: the attribute of :class:`Figures` it reads,
    its heading (a message id), how it is written, and the population it counts (a message id)."""

    key: str
    heading: str
    kind: Kind
    population: str

    def value(self, figures: Figures) -> int | Decimal | None:
        return figures.count(Outcome(self.key)) if self.key in _OUTCOMES else getattr(figures, self.key)

    def title(self) -> str:
        if self.key in _OUTCOMES:
            return outcome_label(Outcome(self.key))
        return _(self.heading)


_OUTCOMES = {outcome.value for outcome in Outcome}

RECEIVED = N_("Received in the month")
CLOSED = N_("Closed in the month")
SETTLED_CLOSED = N_("Closed with an agreement (settled)")
PAID_IN_MONTH = N_("Paid in the month")

_RECEIVED = (Column("received", N_("Received"), Kind.COUNT, RECEIVED),)
_CLAIMED = (Column("claimed", N_("Claimed"), Kind.AMOUNT, RECEIVED),)
_CLOSED = (
    Column("closed", N_("Closed"), Kind.COUNT, CLOSED),
    *(Column(outcome.value, "", Kind.COUNT, CLOSED) for outcome in Outcome),
    Column("success_rate", N_("Success rate"), Kind.RATE, CLOSED),
    Column("average_days", N_("Average days"), Kind.DAYS, CLOSED),
)
_SETTLED = (
    Column("settled", N_("Settled"), Kind.COUNT, SETTLED_CLOSED),
    Column("agreed", N_("Agreed"), Kind.AMOUNT, SETTLED_CLOSED),
    Column("paid", N_("Paid under the agreements"), Kind.AMOUNT, SETTLED_CLOSED),
    Column("unpaid", N_("Unpaid"), Kind.AMOUNT, SETTLED_CLOSED),
)
_PAYING = (
    Column("paying", N_("Cases paying"), Kind.COUNT, PAID_IN_MONTH),
    Column("collected", N_("Amount paid"), Kind.AMOUNT, PAID_IN_MONTH),
)

COUNT_COLUMNS: tuple[Column, ...] = (*_RECEIVED, *_CLOSED)
"""The report's first table of each breakdown: how many cases, and how they ended."""
AMOUNT_COLUMNS: tuple[Column, ...] = (*_RECEIVED, *_CLAIMED, *_SETTLED, *_PAYING)
"""The report's second table: the money, each amount beside the count of its cases."""
COLUMNS: tuple[Column, ...] = (*_RECEIVED, *_CLAIMED, *_CLOSED, *_SETTLED, *_PAYING)
"""Every figure, in the export's order."""

DEFINITIONS: tuple[str, ...] = (
    N_("Received: the cases whose intake date is in the month; claimed: what those cases claim."),
    N_(
        "Closed: the cases concluded in the month (their closing date is in the month), each under how "
        "it ended — agreement performed; agreement not performed (the owner did not pay as agreed, "
        "whether the case then went to enforcement or to litigation); confirmation refused (the court "
        "refused to confirm the signed agreement and the case went to litigation); mediation failed (no "
        "agreement took effect, or a party refused mediation, and the case went to litigation); "
        "withdrawn; not accepted."
    ),
    N_(
        "Settled: closed with a signed agreement, performed or not. Success rate = settled ÷ (closed − "
        "not accepted). Average days: from intake to closing, over all the cases closed in the month."
    ),
    N_(
        "Agreed, paid under the agreements and unpaid: over the settled cases closed in the month, the "
        "totals of their agreements, everything paid under them to date, and the difference."
    ),
    N_(
        "Paid in the month: the payments under agreements dated in the month, and the number of cases "
        "that made them."
    ),
    N_(
        "Each case counts under the level, track, organisation and company it is filed under now; "
        "amounts in yuan."
    ),
)
"""What the figures count, stated on the report and in the export (message ids)."""


@dataclass(frozen=True)
class StatsRow:
    name: str
    figures: Figures


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
    # the newest signed checkpoint of the audit trail, in words ("" when there is none)
    audit_checkpoint: str = ""

    def __post_init__(self) -> None:
        days = calendar.monthrange(self.year, self.month)[1]
        if len(self.daily_received) != days:
            raise ValidationError(
                "daily_received", _("needs one figure per day of the month"), "daily_received"
            )
        if sum(self.daily_received) != self.total.figures.received:
            raise ValidationError(
                "daily_received", _("does not add up to the cases received"), "daily_received"
            )
        for field in ("by_level", "by_track", "by_organisation", "by_company"):
            rows: tuple[StatsRow, ...] = getattr(self, field)
            if rows and total_of([row.figures for row in rows]) != self.total.figures:
                raise ValidationError(field, _("its rows do not add up to the totals"), field)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)
