"""Monthly statistics for the district (月度统计): one function, one frozen result.

:func:`monthly_statistics` is the single source of the month's figures: the XLSX export
(``mediation-app export monthly``), the PDF monthly report and the dashboard all read the same
:class:`MonthlyStatistics`, so their numbers cannot disagree. It reads in a few aggregate queries
(no case rows are loaded except those closed in the month) and works the same on SQLite and
PostgreSQL.

**One population per figure group.** Every figure is counted over a set of cases named beside it,
and each amount or average sits next to the count of the very cases it was computed over:

=====================  ========================================================================
*received*             the cases whose intake date (受理日期) is in the month:
                       ``received`` and the amounts they claim, ``claimed``
*closed*               the cases concluded in the month (``closed_on``, 结案日期): ``closed``,
                       split by how they ended (:mod:`mediation_app.workflow.outcomes`) into
                       ``performed``, ``not_performed``, ``confirmation_rejected``, ``failed``,
                       ``withdrawn``, ``not_accepted``; ``average_days`` from intake to closing
                       over all of them; ``success_rate`` = settled ÷ (closed − not accepted)
*settled*              the closed cases that ended with a signed agreement (performed or not,
                       调解成功): ``settled``, the agreements' totals ``agreed``, what was paid
                       under them ``paid`` (every payment on record) and ``unpaid``
*paying*               the cases with a payment under their agreement dated in the month:
                       ``paying`` and the sum of those payments, ``collected`` (履行款)
=====================  ========================================================================

The case list shows the same populations: filtered by intake date it counts *received*, filtered
by closing date *closed* (and its statuses the outcomes, a hand-over to litigation being split by
where it came from). Rates and averages are exact fractions here; they are rounded once, where
they are shown (:func:`mediation_app.formatting.percent`, :func:`~mediation_app.formatting.number`).

**Sums cannot overflow.** Amounts are stored as integer fen; SQLite's ``sum()`` of 64-bit
integers stops with "integer overflow" past 92 quadrillion yuan (a single implausible row,
imported before the bounds of :mod:`mediation_app.domain.bounds` or edited in by hand, was
enough). So money is never summed in SQL: the rows' amounts are read (the month's cases and
payments, a few thousand at most) and added up in Python ``Decimal``, on both databases alike.

Breakdowns (by level, track, handling organisation, company) file each case under where it is
*now*: a case transferred to another track or referred to another level since counts there. Each
breakdown adds up to the total. Levels and tracks are listed in full (zeros included);
organisations and companies only when they had something in the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.documents.monthly import ZERO, Figures
from mediation_app.domain import validators as v
from mediation_app.domain.enums import Level, Track
from mediation_app.i18n import _
from mediation_app.queries.outcomes import handed_over_from
from mediation_app.storage.models import Agreement, Case, Company, Organization, PerformancePayment
from mediation_app.workflow.outcomes import SETTLED, outcome_of

__all__ = ["Figures", "MonthlyStatistics", "NamedFigures", "month_bounds", "monthly_statistics"]


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
    # monthrange, not "the first of the next month less a day": 9999-12 has no next month.
    return key, dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


_KEY_COLUMNS = (Organization.level, Case.track, Case.organization_id, Case.company_id)


def monthly_statistics(session: Session, month: str) -> MonthlyStatistics:
    """The figures of ``month`` (YYYY-MM) for the whole database (see the module's table)."""
    key, first, last = month_bounds(month)
    tallies: dict[_Key, dict[str, object]] = defaultdict(dict)

    def add(group: _Key, **values: object) -> None:
        tally = tallies[group]
        for name, value in values.items():
            tally[name] = tally.get(name, 0) + value  # type: ignore[operator]

    received = (
        select(*_KEY_COLUMNS, Case.claimed_total)
        .join(Organization, Organization.id == Case.organization_id)
        .where(Case.intake_date >= first, Case.intake_date <= last)
    )
    for level, track, org, company, claimed in session.execute(received):
        add((level, track, org, company), received=1, claimed=claimed or ZERO)

    in_month = (Case.closed_on >= first, Case.closed_on <= last)
    paid_by_case: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for case_id, amount in session.execute(
        select(PerformancePayment.case_id, PerformancePayment.amount)
        .join(Case, Case.id == PerformancePayment.case_id)
        .where(*in_month)
    ):
        paid_by_case[case_id] += amount
    closed = (
        select(
            *_KEY_COLUMNS,
            Case.id,
            Case.status,
            Case.intake_date,
            Case.closed_on,
            handed_over_from(),
            Agreement.total,
            Agreement.signed_on,
        )
        .join(Organization, Organization.id == Case.organization_id)
        .outerjoin(Agreement, Agreement.case_id == Case.id)
        .where(*in_month)
    )
    for (
        level,
        track,
        org,
        company,
        case_id,
        status,
        intake,
        closed_on,
        left,
        total,
        signed_on,
    ) in session.execute(closed):
        group = (level, track, org, company)
        outcome = outcome_of(status, left)
        add(group, **{outcome.value: 1}, days_to_close=(closed_on - intake).days)
        if outcome in SETTLED and total is not None and signed_on is not None:
            add(group, agreed=total, paid=paid_by_case.get(case_id, ZERO))

    paying = (
        select(*_KEY_COLUMNS, PerformancePayment.case_id, PerformancePayment.amount)
        .select_from(PerformancePayment)
        .join(Case, Case.id == PerformancePayment.case_id)
        .join(Organization, Organization.id == Case.organization_id)
        .where(PerformancePayment.paid_on >= first, PerformancePayment.paid_on <= last)
    )
    paying_cases: set[int] = set()
    for level, track, org, company, case_id, amount in session.execute(paying):
        first_payment = case_id not in paying_cases
        paying_cases.add(case_id)
        add((level, track, org, company), paying=int(first_payment), collected=amount)

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
