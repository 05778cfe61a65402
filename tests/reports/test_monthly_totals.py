"""The monthly report and ``export monthly`` give the same figures for the same month — the totals
and every breakdown row, column by column — and the PDF prints them with the definitions
(SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl

from mediation_app.backup.daily import write_checkpoints
from mediation_app.documents.monthly import AMOUNT_COLUMNS, COLUMNS, COUNT_COLUMNS, DEFINITIONS, Figures, Kind
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.exports import export_monthly_statistics
from mediation_app.i18n import _
from mediation_app.services.documents.builders.monthly import monthly_data
from mediation_app.storage.uow import Database
from reports import monthly, registry
from tests.support import pdfcheck
from tests.support.endings import MONTH, every_ending

SUPERVISOR = Actor(None, "翁某某", Role.SUPERVISOR)


def _sections(path: Path) -> dict[str, list[list[object]]]:
    """The sheet's tables by their title (the first cell of their heading row), without the heading."""
    rows = [[cell.value for cell in row] for row in openpyxl.load_workbook(path).worksheets[0].iter_rows()]
    sections: dict[str, list[list[object]]] = {}
    current: list[list[object]] | None = None
    for row in rows:
        if not any(value is not None for value in row):
            current = None
        elif current is None and len(row) > 1 and row[1] is not None and isinstance(row[1], str):
            headings = row[1 : 1 + len(COLUMNS)]
            assert headings == [
                _("{population}: {figure}").format(population=_(c.population), figure=c.title())
                for c in COLUMNS
            ]
            current = sections.setdefault(str(row[0]), [])
        elif current is not None:
            current.append(row)
    return sections


def _agrees(column_kind: Kind, cell: object, expected: int | Decimal | None) -> bool:
    """The cell holds the figure as the report shows it (a rate or an average rounded once)."""
    if expected is None:
        return cell == "—"
    if column_kind is Kind.RATE:
        return Decimal(str(cell)) == Decimal(expected).quantize(Decimal("0.001"), rounding="ROUND_HALF_UP")
    if column_kind is Kind.DAYS:
        return Decimal(str(cell)) == Decimal(expected).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    return Decimal(str(cell)) == expected


def _assert_row(row: list[object], name: str, figures: Figures) -> None:
    assert row[0] == name
    for column, cell in zip(COLUMNS, row[1:], strict=False):
        assert _agrees(column.kind, cell, column.value(figures)), (name, column.key, cell)


def test_the_reports_figures_equal_the_export_of_the_same_month(db: Database, tmp_path: Path) -> None:
    every_ending(db)
    with db.read() as session:
        report = monthly_data(session, MONTH, dt.date(2026, 5, 6), prepared_by="杨某某")
    export = export_monthly_statistics(db, SUPERVISOR, MONTH, tmp_path / "monthly.xlsx")
    sections = _sections(export.path)

    (total,) = sections[_("All cases")]
    _assert_row(total, _("Total"), report.total.figures)
    assert report.total.figures.closed == 9  # the month has something in every column
    for title, rows in (
        (_("By level"), report.by_level),
        (_("By track"), report.by_track),
        (_("By handling organisation"), report.by_organisation),
        (_("By company"), report.by_company),
    ):
        assert len(sections[title]) == len(rows)
        for row, expected in zip(sections[title], rows, strict=True):
            _assert_row(row, expected.name, expected.figures)
    sheet_text = " ".join(
        str(cell.value)
        for row in openpyxl.load_workbook(export.path).worksheets[0].iter_rows()
        for cell in row
    )
    assert all(_(definition) in sheet_text for definition in DEFINITIONS)

    pdf = registry.render(registry.MONTHLY, report)
    text = pdfcheck.flat_text(pdf)
    figures = report.total.figures
    for columns in (COUNT_COLUMNS, AMOUNT_COLUMNS):  # each table's total row, as printed
        printed = pdfcheck.squeeze(_("Total") + "".join(monthly.shown(column, figures) for column in columns))
        assert text.count(printed) == 4, columns  # by level, track, organisation and company
    pdfcheck.assert_shows(pdf, monthly.summary(report), _("Definitions"), *(_(d) for d in DEFINITIONS))


def test_the_monthly_report_prints_the_newest_checkpoint_that_vouches_for_the_audit_trail(
    db: Database, db_url: str
) -> None:
    every_ending(db)
    with db.read() as session:
        assert monthly_data(session, MONTH, dt.date(2026, 5, 6)).audit_checkpoint == ""  # none yet
    checkpoint = write_checkpoints(db_url, db.clock)
    assert checkpoint is not None
    with db.read() as session:
        report = monthly_data(session, MONTH, dt.date(2026, 5, 6), prepared_by="杨某某")
    line = report.audit_checkpoint
    assert str(checkpoint.last_id) in line, line
    assert checkpoint.last_hash[:16] in line and checkpoint.signer in line
    pdf = registry.render(registry.MONTHLY, report)
    pdfcheck.assert_shows(pdf, _("Audit trail"), checkpoint.last_hash[:16], checkpoint.signer)
