"""Monthly statistics for the district (月度统计): one function, one frozen result.

:func:`monthly_statistics` is the single source of the month's figures: the XLSX export
(``mediation-app export monthly``), the PDF monthly report and the dashboard all read the same
:class:`MonthlyStatistics`, so their numbers cannot disagree. It reads in five aggregate queries
(no case rows are loaded except those closed in the month) and works the same on SQLite and
PostgreSQL.

What each figure counts, for the month ``first_day``..``last_day``:

==================  ==========================================================================
``received``        cases whose intake date (受理日期) is in the month
``closed``          cases closed in the month (``closed_on``): performed, handed to litigation,
                    withdrawn or not accepted
``settled``         agreements reached in the month (调解成功), whatever happened to them later
``failed``          cases handed to litigation in the month (调解不成, 转诉讼)
``withdrawn``       cases withdrawn in the month
``success_rate``    settled / (settled + failed + withdrawn): the month's outcomes, the same
                    definition as the dashboard's (cases not accepted were never mediated and count
                    in neither); None when the month had no outcome
``average_days``    mean calendar days from intake to closing, over the cases closed in the month
                    except those not accepted; None when there are none
``claimed``         the amounts claimed in the cases received in the month (yuan)
``agreed``          the totals of the agreements reached in the month
``collected``       the payments made under agreements in the month (履行)
==================  ==========================================================================

Breakdowns (by level, track, handling organisation, company) file each case under where it is
*now*: a case transferred to another track or referred to another level since counts there. Each
breakdown adds up to the total. Levels and tracks are listed in full (zeros included);
organisations and companies only when they had something in the month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from mediation_app.domain import validators as v
from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.i18n import _
from mediation_app.storage.models import Agreement, Case, Company, Organization, PerformancePayment

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Figures:
    """The month's figures for one group of cases (or all of them)."""

    received: int = 0
    closed: int = 0
    settled: int = 0
    failed: int = 0
    withdrawn: int = 0
    days_to_close: int = 0  # summed over ``timed_closures``, so groups add up exactly
    timed_closures: int = 0
    claimed: Decimal = ZERO
    agreed: Decimal = ZERO
    collected: Decimal = ZERO

    @property
    def outcomes(self) -> int:
        return self.settled + self.failed + self.withdrawn

    @property
    def success_rate(self) -> Decimal | None:
        """settled / (settled + failed + withdrawn) as a fraction 0..1 (4 places), or None."""
        if not self.outcomes:
            return None
        return (Decimal(self.settled) / Decimal(self.outcomes)).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def average_days(self) -> Decimal | None:
        """Mean days from intake to closing (1 place), or None when nothing was closed."""
        if not self.timed_closures:
            return None
        return (Decimal(self.days_to_close) / Decimal(self.timed_closures)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True)
class NamedFigures:
    """Figures of one organisation or company."""

    id: int
    name: str
    figures: Figures
    level: Level | None = None  # an organisation's level (None for a company)


@dataclass(frozen=True)
class MonthlyStatistics:
    month: str  # YYYY-MM
    first_day: dt.date
    last_day: dt.date
    total: Figures
    by_level: tuple[tuple[Level, Figures], ...]  # every level, in the enum's order
    by_track: tuple[tuple[Track, Figures], ...]  # every track, in the enum's order
    by_organization: tuple[NamedFigures, ...]  # district first, then towns, then workstations
    by_company: tuple[NamedFigures, ...]  # by name


# A case's place in the breakdowns: (level, track, organisation id, company id).
_Key = tuple[Level, Track, int, int]


def month_bounds(month: str) -> tuple[str, dt.date, dt.date]:
    """'2026-11' (or 2026年11月) → ('2026-11', first day, last day); a bad month is a ValidationError."""
    key = v.month(month, "month", _("Month"))
    year, number = int(key[:4]), int(key[5:])
    first = dt.date(year, number, 1)
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return key, first, following - dt.timedelta(days=1)


def _grouped(stmt: Select) -> Select:  # type: ignore[type-arg]
    return stmt.join(Organization, Organization.id == Case.organization_id).group_by(
        Organization.level, Case.track, Case.organization_id, Case.company_id
    )


_KEY_COLUMNS = (Organization.level, Case.track, Case.organization_id, Case.company_id)


def monthly_statistics(session: Session, month: str) -> MonthlyStatistics:
    """The figures of ``month`` (YYYY-MM) for the whole database (see the module's table)."""
    key, first, last = month_bounds(month)
    tallies: dict[_Key, dict[str, object]] = defaultdict(dict)

    def add(group: _Key, **values: object) -> None:
        tally = tallies[group]
        for name, value in values.items():
            tally[name] = tally.get(name, 0) + value  # type: ignore[operator]

    received = _grouped(
        select(*_KEY_COLUMNS, func.count(), func.sum(Case.claimed_total)).where(
            Case.intake_date >= first, Case.intake_date <= last
        )
    )
    for level, track, org, company, count, claimed in session.execute(received):
        add((level, track, org, company), received=count, claimed=claimed or ZERO)

    closed = (
        select(*_KEY_COLUMNS, Case.status, Case.intake_date, Case.closed_on)
        .join(Organization, Organization.id == Case.organization_id)
        .where(Case.closed_on >= first, Case.closed_on <= last)
    )
    for level, track, org, company, status, intake, closed_on in session.execute(closed):
        group = (level, track, org, company)
        add(group, closed=1)
        if status is CaseStatus.FAILED_TO_LITIGATION:
            add(group, failed=1)
        elif status is CaseStatus.WITHDRAWN:
            add(group, withdrawn=1)
        if status is not CaseStatus.NOT_ACCEPTED and closed_on is not None:
            add(group, days_to_close=(closed_on - intake).days, timed_closures=1)

    settled = _grouped(
        select(*_KEY_COLUMNS, func.count(), func.sum(Agreement.total))
        .select_from(Agreement)
        .join(Case, Case.id == Agreement.case_id)
        .where(Agreement.reached_on >= first, Agreement.reached_on <= last)
    )
    for level, track, org, company, count, agreed in session.execute(settled):
        add((level, track, org, company), settled=count, agreed=agreed or ZERO)

    collected = _grouped(
        select(*_KEY_COLUMNS, func.sum(PerformancePayment.amount))
        .select_from(PerformancePayment)
        .join(Case, Case.id == PerformancePayment.case_id)
        .where(PerformancePayment.paid_on >= first, PerformancePayment.paid_on <= last)
    )
    for level, track, org, company, amount in session.execute(collected):
        add((level, track, org, company), collected=amount or ZERO)

    figures = {group: Figures(**values) for group, values in tallies.items()}  # type: ignore[arg-type]
    return MonthlyStatistics(
        month=key,
        first_day=first,
        last_day=last,
        total=_sum(figures.values()),
        by_level=tuple((level, _sum(f for g, f in figures.items() if g[0] is level)) for level in Level),
        by_track=tuple((track, _sum(f for g, f in figures.items() if g[1] is track)) for track in Track),
        by_organization=_organizations(session, figures),
        by_company=_companies(session, figures),
    )


def _sum(items: Iterable[Figures]) -> Figures:
    total = Figures()
    for item in items:
        total = total + item
    return total


def _organizations(session: Session, figures: dict[_Key, Figures]) -> tuple[NamedFigures, ...]:
    ids = sorted({group[2] for group in figures})
    if not ids:
        return ()
    order = {Level.DISTRICT: 0, Level.TOWN: 1, Level.COMMUNITY: 2}
    rows = sorted(
        session.execute(
            select(Organization.id, Organization.short_name, Organization.name, Organization.level).where(
                Organization.id.in_(ids)
            )
        ),
        key=lambda r: (order.get(r[3], 3), r[0]),
    )
    return tuple(
        NamedFigures(
            id=org_id,
            name=short or name,
            figures=_sum(f for g, f in figures.items() if g[2] == org_id),
            level=level,
        )
        for org_id, short, name, level in rows
    )


def _companies(session: Session, figures: dict[_Key, Figures]) -> tuple[NamedFigures, ...]:
    ids = sorted({group[3] for group in figures})
    if not ids:
        return ()
    rows = session.execute(
        select(Company.id, Company.name).where(Company.id.in_(ids)).order_by(Company.name)
    ).all()
    return tuple(
        NamedFigures(
            id=company_id, name=name, figures=_sum(f for g, f in figures.items() if g[3] == company_id)
        )
        for company_id, name in rows
    )
