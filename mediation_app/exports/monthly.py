"""The month's statistics (:func:`mediation_app.queries.statistics.monthly_statistics`) to XLSX.

One sheet: a title, the period, a line saying what the file holds (figures only, no personal
information), who exported it and when; then the month's total and its breakdowns by level,
track, handling organisation and company, each a small table with the same columns. The figures
are exactly those of the statistics function (no computation here), so the file agrees with the
dashboard and the PDF report. The export is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import label
from mediation_app.exports.case_list import ExportSummary
from mediation_app.exports.sheet import (
    PERCENT_FORMAT,
    cell,
    header_row,
    save_atomically,
    set_widths,
    title_row,
)
from mediation_app.i18n import _
from mediation_app.queries.statistics import Figures, MonthlyStatistics, monthly_statistics
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.disclosure import record_export
from mediation_app.storage.uow import Database

SHEET_TITLE = "月度统计"


def _columns() -> list[tuple[str, float]]:
    return [
        ("", 26),
        (_("Received"), 9),
        (_("Closed"), 9),
        (_("Settled"), 9),
        (_("Failed (to litigation)"), 12),
        (_("Withdrawn"), 9),
        (_("Success rate"), 10),
        (_("Average days to close"), 12),
        (_("Claimed (yuan)"), 15),
        (_("Agreed (yuan)"), 15),
        (_("Collected (yuan)"), 15),
    ]


def _figure_cells(sheet: WriteOnlyWorksheet, name: str, figures: Figures) -> list[object]:
    rate = figures.success_rate
    days = figures.average_days
    values: list[object] = [
        cell(sheet, name),
        cell(sheet, figures.received),
        cell(sheet, figures.closed),
        cell(sheet, figures.settled),
        cell(sheet, figures.failed),
        cell(sheet, figures.withdrawn),
        cell(sheet, rate, number_format=PERCENT_FORMAT) if rate is not None else cell(sheet, "—"),
        cell(sheet, days, number_format="0.0") if days is not None else cell(sheet, "—"),
        cell(sheet, figures.claimed),
        cell(sheet, figures.agreed),
        cell(sheet, figures.collected),
    ]
    return values


def _section(
    sheet: WriteOnlyWorksheet, title: str, rows: Sequence[tuple[str, Figures]], columns: list[str]
) -> None:
    sheet.append([])
    heading = header_row(sheet, [title, *columns[1:]])
    sheet.append(heading)
    for name, figures in rows:
        sheet.append(_figure_cells(sheet, name, figures))


def write_monthly(stats: MonthlyStatistics, actor: Actor, path: Path, at_text: str) -> tuple[Path, int]:
    """Write ``stats`` to ``path``; returns the path written and the number of figure rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    columns = _columns()
    set_widths(sheet, (width for _name, width in columns))
    names = [name for name, _width in columns]
    sheet.append(
        title_row(
            sheet,
            _("Property-dispute mediation: monthly statistics {month}").format(
                month=formatting.month(stats.first_day)
            ),
        )
    )
    sheet.append(
        [
            cell(
                sheet,
                _(
                    "Period: {first} to {last}; all organisations. Cases are counted where they are now."
                ).format(first=formatting.date(stats.first_day), last=formatting.date(stats.last_day)),
            )
        ]
    )
    rows = 1 + len(stats.by_level) + len(stats.by_track) + len(stats.by_organization) + len(stats.by_company)
    sheet.append(
        [
            cell(
                sheet,
                _(
                    "Contents: monthly statistics ({rows} rows of figures); no personal information; "
                    "exported by {name} on {when}."
                ).format(rows=rows, name=actor.name, when=at_text),
            )
        ]
    )
    _section(sheet, _("All cases"), [(_("Total"), stats.total)], names)
    _section(sheet, _("By level"), [(label(level), f) for level, f in stats.by_level], names)
    _section(sheet, _("By track"), [(label(track), f) for track, f in stats.by_track], names)
    _section(
        sheet, _("By handling organisation"), [(n.name, n.figures) for n in stats.by_organization], names
    )
    _section(sheet, _("By company"), [(n.name, n.figures) for n in stats.by_company], names)
    sheet.append([])
    sheet.append(
        [
            cell(
                sheet,
                _(
                    "Success rate: settled ÷ (settled + failed + withdrawn) in the month. Average days: from "
                    "intake to closing, over the cases closed in the month (not those not accepted). "
                    "Claimed: cases received in the month; agreed: agreements reached in the month; "
                    "collected: payments under agreements in the month."
                ),
            )
        ]
    )
    return save_atomically(workbook, path), rows


def export_monthly_statistics(db: Database, actor: Actor, month: str, path: Path) -> ExportSummary:
    """Compute ``month``'s statistics and write them to ``path`` (XLSX); audited."""
    authorize(actor, Permission.VIEW_STATISTICS)
    authorize(actor, Permission.EXPORT_DATA)
    with db.read() as session:
        stats = monthly_statistics(session, month)
    written, rows = write_monthly(stats, actor, path, formatting.moment(db.clock.now()))
    with db.unit_of_work(actor) as uow:
        record_export(
            uow, _("monthly statistics {month}").format(month=stats.month), rows, full_identity=False
        )
    return ExportSummary(written, rows, masked=True)  # figures only: no identities to show
