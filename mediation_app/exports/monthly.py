"""The month's statistics (:func:`mediation_app.queries.statistics.monthly_statistics`) to XLSX.

One sheet: a title, the period, a line saying what the file holds (figures only, no personal
information), who exported it and when; then the month's total and its breakdowns by level,
track, handling organisation and company, each a small table with the same columns — the
columns of :data:`mediation_app.documents.monthly.COLUMNS`, each headed by the population it
counts — and at the foot the definitions the PDF report prints. The figures are exactly those of
the statistics function (no computation here; rates and averages are rounded once, as the report
shows them), so the file agrees with the dashboard and the PDF report. The export is recorded in
the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from mediation_app import formatting
from mediation_app.documents.monthly import COLUMNS, DEFINITIONS, Figures, Kind
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
from mediation_app.queries.statistics import MonthlyStatistics, monthly_statistics
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.disclosure import record_export
from mediation_app.storage.uow import Database

SHEET_TITLE = "月度统计"
TENTH_PERCENT = Decimal("0.001")
TENTH = Decimal("0.1")


def _figure_cells(sheet: WriteOnlyWorksheet, name: str, figures: Figures) -> list[object]:
    values: list[object] = [cell(sheet, name)]
    for column in COLUMNS:
        value = column.value(figures)
        if value is None:
            values.append(cell(sheet, "—"))
        elif column.kind is Kind.RATE:
            # The figure Excel shows is the report's: rounded half-up to a tenth of a percent, once.
            values.append(
                cell(
                    sheet, Decimal(value).quantize(TENTH_PERCENT, ROUND_HALF_UP), number_format=PERCENT_FORMAT
                )
            )
        elif column.kind is Kind.DAYS:
            values.append(cell(sheet, Decimal(value).quantize(TENTH, ROUND_HALF_UP), number_format="0.0"))
        else:
            values.append(cell(sheet, value))
    return values


def _section(sheet: WriteOnlyWorksheet, title: str, rows: Sequence[tuple[str, Figures]]) -> None:
    sheet.append([])
    headings = [
        _("{population}: {figure}").format(population=_(column.population), figure=column.title())
        for column in COLUMNS
    ]
    sheet.append(header_row(sheet, [title, *headings]))
    for name, figures in rows:
        sheet.append(_figure_cells(sheet, name, figures))


def write_monthly(stats: MonthlyStatistics, actor: Actor, path: Path, at_text: str) -> tuple[Path, int]:
    """Write ``stats`` to ``path``; returns the path written and the number of figure rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    set_widths(sheet, [26, *(14 if column.kind is Kind.AMOUNT else 11 for column in COLUMNS)])
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
    _section(sheet, _("All cases"), [(_("Total"), stats.total)])
    _section(sheet, _("By level"), [(label(level), f) for level, f in stats.by_level])
    _section(sheet, _("By track"), [(label(track), f) for track, f in stats.by_track])
    _section(sheet, _("By handling organisation"), [(n.name, n.figures) for n in stats.by_organization])
    _section(sheet, _("By company"), [(n.name, n.figures) for n in stats.by_company])
    sheet.append([])
    sheet.append([cell(sheet, _("Definitions"))])
    for definition in DEFINITIONS:
        sheet.append([cell(sheet, _(definition))])
    return save_atomically(workbook, path), rows


def export_monthly_statistics(db: Database, actor: Actor, month: str, path: Path) -> ExportSummary:
    """Compute ``month``'s statistics and write them to ``path`` (XLSX); audited."""
    actor = db.current_actor(actor)  # a deactivated or changed account writes no file
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
