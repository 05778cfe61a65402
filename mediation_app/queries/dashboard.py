"""The figures on the dashboard: cases by status, track and level; deadlines; success; money.

:func:`dashboard` reads the current state in a few aggregate queries (no rows are loaded) and
the last :data:`MONTHS` months from :func:`mediation_app.queries.statistics.monthly_statistics`,
the same figures the monthly export and report use, so the dashboard cannot disagree with them.

Definitions (also shown as the dashboard's tooltips):

- *by status, track, level*: every case on record, filed where it is now;
- *due soon*: an open case whose next deadline is today or within
  :data:`~mediation_app.workflow.deadlines.DUE_SOON_DAYS` days; *overdue*: past its deadline
  (the rules of :mod:`mediation_app.queries.due`); neither counts a case concluded as not
  performed (未履行, enforcement's business: the deadlines page shows it folded apart);
- *success rate*: over the cases closed in the last 12 months, those that ended with a signed
  agreement (performed or not) over those accepted (every closed case but the ones not accepted),
  as in the monthly statistics;
- *agreed*: the agreements of those settled cases; *collected*: the payments made under
  agreements in the months (by month in the chart: the month's closed cases and payments).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.queries.statistics import Figures, monthly_statistics
from mediation_app.storage.models import Case, Organization
from mediation_app.workflow.deadlines import due_cutoff
from mediation_app.workflow.transitions import CLOSED_STATUSES

MONTHS = 12


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    figures: Figures

    @property
    def agreed(self) -> Decimal:
        return self.figures.agreed

    @property
    def collected(self) -> Decimal:
        return self.figures.collected


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    total: int
    by_status: dict[CaseStatus, int]  # every status, zeros included, in the enum's order
    by_track: dict[Track, int]
    by_level: dict[Level, int]
    due_soon: int
    overdue: int
    months: tuple[MonthFigures, ...]  # oldest first, this month last

    @property
    def last_months(self) -> Figures:
        """The months added up."""
        return sum((m.figures for m in self.months), Figures())

    @property
    def success_rate(self) -> Decimal | None:
        """Settled over accepted closed cases in the months shown (0..1, unrounded), None when
        none was closed."""
        return self.last_months.success_rate

    @property
    def succeeded(self) -> int:
        return self.last_months.settled

    @property
    def concluded(self) -> int:
        """The accepted cases closed in the months shown (the success rate's denominator)."""
        return self.last_months.mediated

    @property
    def agreed_total(self) -> Decimal:
        return self.last_months.agreed

    @property
    def collected_total(self) -> Decimal:
        return self.last_months.collected


def dashboard(session: Session, today: dt.date) -> Dashboard:
    by_status = {status: 0 for status in CaseStatus}
    for status, count in session.execute(select(Case.status, func.count()).group_by(Case.status)):
        by_status[status] = count
    by_track = {track: 0 for track in Track}
    for track, count in session.execute(select(Case.track, func.count()).group_by(Case.track)):
        by_track[track] = count
    by_level = {level: 0 for level in Level}
    level_counts = (
        select(Organization.level, func.count())
        .select_from(Case)
        .join(Organization, Organization.id == Case.organization_id)
        .group_by(Organization.level)
    )
    for level, count in session.execute(level_counts):
        by_level[level] = count

    # A case concluded as not performed keeps its unpaid instalment's date for ever: it is
    # enforcement's now (the deadlines page folds it apart), not a deadline of the centre's.
    with_deadline = select(func.count()).where(
        Case.status.not_in([*CLOSED_STATUSES, CaseStatus.NOT_PERFORMED]), Case.next_deadline.is_not(None)
    )
    overdue = session.scalar(with_deadline.where(Case.next_deadline < today)) or 0
    due_soon = (
        session.scalar(
            with_deadline.where(Case.next_deadline >= today, Case.next_deadline <= due_cutoff(today))
        )
        or 0
    )
    return Dashboard(
        today=today,
        total=sum(by_status.values()),
        by_status=by_status,
        by_track=by_track,
        by_level=by_level,
        due_soon=due_soon,
        overdue=overdue,
        months=tuple(MonthFigures(key, monthly_statistics(session, key).total) for key in month_keys(today)),
    )


def month_keys(today: dt.date, count: int = MONTHS) -> list[str]:
    """``count`` months ending with ``today``'s, oldest first, as YYYY-MM."""
    keys = []
    year, month = today.year, today.month
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]
