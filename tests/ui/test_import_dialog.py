"""The import dialog: the preview table marks each bad cell, Import writes one batch, Cancel nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.storage.models import Batch, Case, Company
from mediation_app.storage.uow import Database
from tests.support.import_sheets import good_row, write_xlsx
from ui.import_dialog import ERROR_COLOUR, ImportDialog
from ui.viewmodels.batch_import import ImportViewModel
from ui.viewmodels.workspace import Workspace

MEDIATOR = Actor(None, "陈志明", Role.MEDIATOR)


def _company_id(db: Database) -> int:
    with db.read() as session:
        company_id = session.scalar(select(Company.id).where(Company.name == "莆田市荔安物业服务有限公司"))
    assert company_id is not None
    return company_id


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        cases = session.scalar(select(func.count()).select_from(Case)) or 0
        batches = session.scalar(select(func.count()).select_from(Batch)) or 0
    return cases, batches


def _sheet(tmp_path: Path) -> Path:
    # 99幢 is not among the demo centre's flats, so only the planted errors appear.
    rows = [
        good_row(1, building="99幢"),
        good_row(2, building="99幢", id_number="350302198506180317"),  # C3: check digit
        good_row(3, building="99幢", area="一百"),  # H4: not a number
        good_row(4, building="99幢"),
    ]
    return write_xlsx(tmp_path / "list.xlsx", rows)


def _open(qtbot: QtBot, db: Database, tmp_path: Path) -> ImportDialog:
    model = ImportViewModel(Workspace(db, MEDIATOR))
    dialog = ImportDialog(model, path=_sheet(tmp_path), company_id=_company_id(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=15_000)
    return dialog


def test_the_preview_marks_each_bad_cell_and_counts_the_rows(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    dialog = _open(qtbot, demo_db, tmp_path)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and dialog.import_button.isEnabled()
    assert "2" in dialog.import_button.text()  # Import 2 cases
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    id_column = headers.index("C 身份证号")
    bad = model.index(1, id_column)
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole).color().name() == ERROR_COLOUR
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, id_column), Qt.ItemDataRole.BackgroundRole) is None
    assert "C3 身份证号" in model.data(model.index(1, 1))  # the Problems column names the cell

    dialog.only_problems.setChecked(True)
    assert [model.row_at(i).number for i in range(model.rowCount())] == [3, 4]


def test_import_records_the_valid_rows_as_one_batch(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    before_cases, before_batches = _counts(demo_db)
    dialog = _open(qtbot, demo_db, tmp_path)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.import_button.click()
    assert dialog.outcome is not None and len(dialog.outcome.cases) == 2
    assert _counts(demo_db) == (before_cases + 2, before_batches + 1)


def test_cancel_after_the_preview_writes_nothing(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    before = _counts(demo_db)
    dialog = _open(qtbot, demo_db, tmp_path)
    dialog.reject()
    assert dialog.outcome is None and _counts(demo_db) == before


def test_changing_the_options_checks_the_file_again(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    dialog = _open(qtbot, demo_db, tmp_path)
    first = dialog.preview
    dialog.create_communities.setChecked(True)
    assert dialog.preview is None and not dialog.import_button.isEnabled()  # stale until re-checked
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=15_000)
    assert dialog.preview is not first and dialog.preview.options.create_communities


def test_a_file_that_cannot_be_read_is_explained_in_the_dialog(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    broken = tmp_path / "old.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    model = ImportViewModel(Workspace(demo_db, MEDIATOR))
    dialog = ImportDialog(model, path=broken, company_id=_company_id(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: ".xls" in dialog.summary.text() and not dialog.busy, timeout=15_000)
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0
