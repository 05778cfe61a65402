"""月度统计报表 from :func:`mediation_app.queries.statistics.monthly_statistics`, the one source of
the month's figures (the dashboard and the XLSX export read it too, so the report cannot disagree
with them): each row holds the statistics' :class:`~mediation_app.documents.monthly.Figures` as
they are, under the name of its level, track, organisation or company.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents.monthly import MonthlyReport, StatsRow
from mediation_app.domain.enums import Level, OrgKind, label
from mediation_app.i18n import _
from mediation_app.queries.chain_anchor import check_anchor, location_of
from mediation_app.queries.statistics import month_bounds, monthly_statistics
from mediation_app.security import checkpoints
from mediation_app.services.documents.builders import common
from mediation_app.storage.models import Case, Organization


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
        total=StatsRow(_("Total"), stats.total),
        by_level=tuple(StatsRow(label(level), figures) for level, figures in stats.by_level),
        by_track=tuple(StatsRow(label(track), figures) for track, figures in stats.by_track),
        by_organisation=tuple(StatsRow(row.name, row.figures) for row in stats.by_organization),
        by_company=tuple(StatsRow(row.name, row.figures) for row in stats.by_company),
        daily_received=tuple(daily),
        previous=StatsRow(_("Last month"), previous.total),
        prepared_by=prepared_by,
        date=today,
        audit_checkpoint=checkpoint_line(session),
    )


def checkpoint_line(session: Session) -> str:
    """The newest checkpoint that still vouches for this database's audit trail, in one sentence."""
    bind = session.get_bind()
    folders = checkpoints.default_folders()
    status = check_anchor(
        session,
        checkpoints.find_checkpoints(folders),
        location=location_of(bind.engine.url),
        trusted=checkpoints.trusted_keys(),
        folders=folders,
    )
    vouched = status.vouched
    if vouched is None:
        return ""
    return _(
        "The audit trail is vouched for up to event {id} (hash {hash}…) by the checkpoint of {when} signed by "
        "workstation {workstation} (key {key}); `mediation-app audit verify` checks the data against it."
    ).format(
        id=vouched.last_id,
        hash=vouched.last_hash[:16],
        when=formatting.short_moment(vouched.when),
        workstation=vouched.workstation,
        key=vouched.signer,
    )
