"""The figures on the dashboard: cases by status, track and level, deadlines, success, money.

One function, :func:`dashboard`, reads them all in a few aggregate queries (no rows are loaded),
so it stays quick at 100,000 cases.

Definitions (also shown as the dashboard's tooltips):

- *due soon*: an open case whose next deadline is today or within
  :data:`~mediation_app.workflow.deadlines.DUE_SOON_DAYS` days; *overdue*: past its deadline. A
  case counts as open until it is performed, handed to litigation, withdrawn or not accepted.
- *success rate*: the cases that reached an agreement (agreement reached and every status after
  it) over the cases concluded either way (those, plus the ones handed to litigation or
  withdrawn). Cases not accepted were never mediated and count in neither.
- *agreed* by month: the totals of agreements by the month they were reached; *collected*: the
  payments made under agreements by the month they were paid. The last :data:`MONTHS` months,
  this month included; months with nothing show zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.storage.models import Agreement, Case, Organization, PerformancePayment
from mediation_app.workflow.deadlines import due_cutoff
from mediation_app.workflow.transitions import CLOSED_STATUSES

MONTHS = 12

S = CaseStatus
SUCCESS_STATUSES = frozenset(
    {
        S.AGREEMENT_REACHED,
        S.SIGNED,
        S.CONFIRMATION_APPLIED,
        S.CONFIRMED,
        S.CONFIRMATION_REJECTED,
        S.PERFORMING,
        S.PERFORMED,
        S.NOT_PERFORMED,
    }
)
UNSUCCESSFUL_STATUSES = frozenset({S.FAILED_TO_LITIGATION, S.WITHDRAWN})


@dataclass(frozen=True)
class MonthAmounts:
    month: str  # YYYY-MM
    agreed: Decimal
    collected: Decimal


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    total: int
    by_status: dict[CaseStatus, int]  # every status, zeros included, in the enum's order
    by_track: dict[Track, int]
    by_level: dict[Level, int]
    due_soon: int
    overdue: int
    succeeded: int
    concluded: int
    months: tuple[MonthAmounts, ...]  # oldest first

    @property
    def success_rate(self) -> Decimal | None:
        """Share of concluded cases that reached an agreement (0..1), None before any concluded."""
        if not self.concluded:
            return None
        return Decimal(self.succeeded) / Decimal(self.concluded)

    @property
    def agreed_total(self) -> Decimal:
        return sum((m.agreed for m in self.months), Decimal("0.00"))

    @property
    def collected_total(self) -> Decimal:
        return sum((m.collected for m in self.months), Decimal("0.00"))


def dashboard(session: Session, today: dt.date) -> Dashboard:
    by_status = {status: 0 for status in CaseStatus}
    for status, count in session.execute(select(Case.status, func.count()).group_by(Case.status)):
        by_status[CaseStatus(status)] = count
    by_track = {track: 0 for track in Track}
    for track, count in session.execute(select(Case.track, func.count()).group_by(Case.track)):
        by_track[Track(track)] = count
    by_level = {level: 0 for level in Level}
    level_counts = (
        select(Organization.level, func.count())
        .select_from(Case)
        .join(Organization, Organization.id == Case.organization_id)
        .group_by(Organization.level)
    )
    for level, count in session.execute(level_counts):
        by_level[Level(level)] = count

    closed = [s.value for s in CLOSED_STATUSES]
    with_deadline = select(func.count()).where(Case.status.not_in(closed), Case.next_deadline.is_not(None))
    overdue = session.scalar(with_deadline.where(Case.next_deadline < today)) or 0
    due_soon = (
        session.scalar(
            with_deadline.where(Case.next_deadline >= today, Case.next_deadline <= due_cutoff(today))
        )
        or 0
    )
    succeeded = sum(by_status[s] for s in SUCCESS_STATUSES)
    concluded = succeeded + sum(by_status[s] for s in UNSUCCESSFUL_STATUSES)
    return Dashboard(
        today=today,
        total=sum(by_status.values()),
        by_status=by_status,
        by_track=by_track,
        by_level=by_level,
        due_soon=due_soon,
        overdue=overdue,
        succeeded=succeeded,
        concluded=concluded,
        months=_months(session, today),
    )


def month_keys(today: dt.date, count: int = MONTHS) -> list[str]:
    """``count`` months ending with ``today``'s, oldest first, as YYYY-MM."""
    keys = []
    year, month = today.year, today.month
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def _months(session: Session, today: dt.date) -> tuple[MonthAmounts, ...]:
    keys = month_keys(today)
    first = dt.date(int(keys[0][:4]), int(keys[0][5:]), 1)
    agreed = _sum_by_month(session, Agreement.total, Agreement.reached_on, first, today)
    collected = _sum_by_month(session, PerformancePayment.amount, PerformancePayment.paid_on, first, today)
    zero = Decimal("0.00")
    return tuple(MonthAmounts(k, agreed.get(k, zero), collected.get(k, zero)) for k in keys)


def _sum_by_month(session: Session, amount, day, first: dt.date, last: dt.date) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    year = extract("year", day)
    month = extract("month", day)
    stmt = select(year, month, func.sum(amount)).where(day >= first, day <= last).group_by(year, month)
    return {f"{int(y):04d}-{int(m):02d}": total for y, m, total in session.execute(stmt)}
