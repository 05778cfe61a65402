"""月度统计报表 from :func:`mediation_app.queries.statistics.monthly_statistics`, the one source of
the month's figures (the dashboard and the XLSX export read it too, so the report cannot disagree
with them).

How the statistics' figures fill the report's rows: *closed* is the month's outcomes (settled +
failed + withdrawn, as the statistics count them), *settled* the agreements reached, *failed* the
cases handed to litigation or withdrawn; so the report's success rate, settled ÷ closed, is the
statistics' success rate. Claimed, agreed and collected are the statistics' amounts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.documents.monthly import MonthlyReport, StatsRow
from mediation_app.domain.enums import Level, OrgKind, label
from mediation_app.i18n import _
from mediation_app.queries.statistics import Figures, month_bounds, monthly_statistics
from mediation_app.services.documents.builders import common
from mediation_app.storage.models import Case, Organization


def stats_row(name: str, figures: Figures) -> StatsRow:
    return StatsRow(
        name=name,
        received=figures.received,
        closed=figures.outcomes,
        settled=figures.settled,
        failed=figures.failed + figures.withdrawn,
        average_days=figures.average_days,
        claimed=figures.claimed,
        agreed=figures.agreed,
        collected=figures.collected,
    )


def monthly_data(session: Session, month: str, today: dt.date, *, prepared_by: str = "") -> MonthlyReport:
    """The report of ``month`` (``YYYY-MM``), issued by the district centre and dated ``today``."""
    key, first, last = month_bounds(month)
    stats = monthly_statistics(session, key)
    before = first - dt.timedelta(days=1)
    previous = monthly_statistics(session, f"{before:%Y-%m}")
    daily = [0] * last.day
    for intake in session.scalars(
        select(Case.intake_date).where(Case.intake_date >= first, Case.intake_date <= last)
    ):
        daily[intake.day - 1] += 1
    centre = session.scalar(
        select(Organization)
        .where(Organization.level == Level.DISTRICT, Organization.kind == OrgKind.CENTRE)
        .order_by(Organization.id)
        .limit(1)
    ) or session.scalar(select(Organization).order_by(Organization.id).limit(1))
    if centre is None:
        raise common.lacking(
            _("Monthly Statistics of Property Disputes"), _("no organisation has been set up.")
        )
    return MonthlyReport(
        district=centre.name,
        organisation=common.organisation(centre),
        year=first.year,
        month=first.month,
        total=stats_row(_("Total"), stats.total),
        by_level=tuple(stats_row(label(level), figures) for level, figures in stats.by_level),
        by_track=tuple(stats_row(label(track), figures) for track, figures in stats.by_track),
        by_organisation=tuple(stats_row(row.name, row.figures) for row in stats.by_organization),
        by_company=tuple(stats_row(row.name, row.figures) for row in stats.by_company),
        daily_received=tuple(daily),
        previous=stats_row(_("Last month"), previous.total),
        prepared_by=prepared_by,
        date=today,
    )
