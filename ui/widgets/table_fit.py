"""Column widths that fit what a table shows, once, without overriding the person's own choice."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

MAX_COLUMN_WIDTH = 320
PADDING = 12  # a little air: contents-exact columns read as one run of text
FITTED = "columnsFitted"


def fit_columns_once(table: QTableView, max_width: int = MAX_COLUMN_WIDTH) -> None:
    """Size every column to its contents the first time the table has rows (later refreshes keep
    whatever widths the person has set since); no column wider than ``max_width``."""
    model = table.model()
    if table.property(FITTED) or model is None or model.rowCount() == 0:
        return
    table.resizeColumnsToContents()
    for column in range(model.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column) + PADDING, max_width))
    table.setProperty(FITTED, True)
