"""The one read-only table model over plain rows: what each optional feature puts in which role."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from mediation_app.i18n import _
from ui.models.rows_model import ROW_ID_ROLE, RowColumn, RowsTableModel


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    amount: str
    late: bool


ROWS = [Item(7, "Lin", "12.00", True), Item(9, "Wang", "", False)]
COLUMNS = (
    RowColumn("Name", lambda r: r.name, tooltip=lambda r: f"#{r.id}"),
    RowColumn("Amount", lambda r: r.amount, align_right=True, colour=lambda r: "#b3261e" if r.late else None),
)


def test_a_model_with_every_feature_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model: RowsTableModel[Item] = RowsTableModel(
        COLUMNS, row_id=lambda r: r.id, tint=lambda r: "#fbe3e1" if r.late else None, text_tips=True
    )
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    late, other = model.index(0, 1), model.index(1, 1)
    assert model.data(late) == "12.00"
    assert model.data(late, Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert model.data(other, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(late, Qt.ItemDataRole.BackgroundRole).color().name() == "#fbe3e1"
    assert model.data(other, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(late, ROW_ID_ROLE) == 7
    assert model.data(late, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "#7"  # the column's own tip
    assert model.data(late, Qt.ItemDataRole.ToolTipRole) == "12.00"  # text_tips: the cell's text
    assert model.data(other, Qt.ItemDataRole.ToolTipRole) is None  # an empty cell has no tip
    assert model.row_at(1) == ROWS[1]
    assert model.row_at(2) is None


def test_without_the_options_a_cell_has_only_its_text_and_alignment() -> None:
    model: RowsTableModel[Item] = RowsTableModel(COLUMNS[1:])
    model.set_rows(ROWS)
    cell = model.index(0, 0)
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(cell, ROW_ID_ROLE) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == _("Amount")  # translated when shown
