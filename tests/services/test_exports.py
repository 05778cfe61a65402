"""XLSX exports: they say what they hold, mask by role, never write a formula, and are audited."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from mediation_app.batch_import import ImportOptions, commit_import, preview
from mediation_app.cli import main
from mediation_app.documents.monthly import COLUMNS
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Role
from mediation_app.errors import PermissionDenied
from mediation_app.exports import export_case_list, export_monthly_statistics
from mediation_app.queries.case_list import CaseFilter
from mediation_app.queries.statistics import monthly_statistics
from mediation_app.storage.models import AuditEvent, Case
from mediation_app.storage.uow import Database
from tests.support.import_sheets import CLERK, good_row, small_centre, unique_id_number, write_xlsx

MEDIATOR = Actor(None, "陈志明", Role.MEDIATOR)
SUPERVISOR = Actor(None, "翁某某", Role.SUPERVISOR)
INJECTION = '=HYPERLINK("http://evil.example","点我")'


def _centre_with_cases(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    rows = [
        good_row(1, owner=INJECTION, id_number=unique_id_number(1), phone="13859012345"),
        good_row(2, note="+cmd|' /C calc'!A0"),
        good_row(3, owner="-2+3"),
    ]
    path = write_xlsx(tmp_path / "list.xlsx", rows, text_cells=["A2", "A4"])
    with db.read() as session:
        result = preview(session, path, centre.company_id, today=db.clock.today(), options=ImportOptions())
    with db.unit_of_work(CLERK) as uow:
        commit_import(uow, result)


def _data_rows(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]


def test_the_case_list_states_its_contents_and_keeps_text_as_text(db: Database, tmp_path: Path) -> None:
    _centre_with_cases(db, tmp_path)
    summary = export_case_list(db, MEDIATOR, tmp_path / "cases.xlsx")

    assert summary.rows == 3 and not summary.masked
    sheet = openpyxl.load_workbook(summary.path).worksheets[0]
    assert sheet["A1"].font.bold and sheet["A5"].value  # the title, and the column names in row 5
    assert "3" in str(sheet["A3"].value) and "陈志明" in str(sheet["A3"].value)
    owners = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=2) for r in range(6, 9)}
    assert INJECTION in owners and owners[INJECTION].data_type == "s" and owners[INJECTION].quotePrefix
    assert owners["-2+3"].quotePrefix
    with zipfile.ZipFile(summary.path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")  # no formula anywhere
    ids = {row[2] for row in _data_rows(summary.path)}
    assert unique_id_number(1) in ids  # a mediator sees ID numbers in full
    with db.read() as session:
        exported = session.scalar(select(AuditEvent.after_json).where(AuditEvent.action == "data.export"))
    assert exported is not None and '"rows": 3' in exported


def test_a_supervisor_gets_masked_identities_and_a_clerk_no_export(db: Database, tmp_path: Path) -> None:
    _centre_with_cases(db, tmp_path)
    summary = export_case_list(db, SUPERVISOR, tmp_path / "cases.xlsx")
    assert summary.masked
    rows = _data_rows(summary.path)
    number = unique_id_number(1)
    assert number[:6] + "********" + number[-4:] in {row[2] for row in rows}
    assert "138****2345" in {row[3] for row in rows}
    with pytest.raises(PermissionDenied):
        export_case_list(db, CLERK, tmp_path / "clerk.xlsx")
    assert not (tmp_path / "clerk.xlsx").exists()


def test_the_filters_are_applied_and_named(db: Database, tmp_path: Path) -> None:
    _centre_with_cases(db, tmp_path)
    with db.unit_of_work(CLERK) as uow:
        case = uow.session.scalar(select(Case).order_by(Case.id).limit(1))
        assert case is not None
        case.status = CaseStatus.IN_MEDIATION
        uow.commit()
    filters = CaseFilter(statuses=frozenset({CaseStatus.IN_MEDIATION}), text="荔景")
    summary = export_case_list(db, MEDIATOR, tmp_path / "filtered", filters)
    assert summary.path.name == "filtered.xlsx" and summary.rows == 1
    sheet = openpyxl.load_workbook(summary.path).worksheets[0]
    assert "荔景" in str(sheet["A2"].value)
    assert len(_data_rows(summary.path)) == 1


def test_the_monthly_statistics_export_holds_the_statistics_figures(db: Database, tmp_path: Path) -> None:
    _centre_with_cases(db, tmp_path)
    summary = export_monthly_statistics(db, SUPERVISOR, "2026-11", tmp_path / "monthly.xlsx")
    with db.read() as session:
        stats = monthly_statistics(session, "2026-11")
    sheet = openpyxl.load_workbook(summary.path).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "2026年11月" in str(values[0][0])
    total = next(row for row in values[4:] if row[1] == stats.total.received and row[0])
    keys = [column.key for column in COLUMNS]
    assert total[1 + keys.index("received")] == 3 and total[1 + keys.index("closed")] == 0
    assert total[1 + keys.index("claimed")] == pytest.approx(float(stats.total.claimed))
    assert total[1 + keys.index("success_rate")] == "—"  # nothing closed: no rate
    with pytest.raises(PermissionDenied):
        export_monthly_statistics(db, CLERK, "2026-11", tmp_path / "no.xlsx")


def test_the_export_commands_write_files(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(db_url)
    _centre_with_cases(db, tmp_path)
    db.dispose()
    assert (
        main(["export", "cases", "--out", str(tmp_path / "a.xlsx"), "--status", "intake", "--db", db_url])
        == 0
    )
    assert (
        main(["export", "monthly", "--month", "2026-11", "--out", str(tmp_path / "m.xlsx"), "--db", db_url])
        == 0
    )
    assert (tmp_path / "a.xlsx").exists() and (tmp_path / "m.xlsx").exists()
    assert "a.xlsx" in capsys.readouterr().out
