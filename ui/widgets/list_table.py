"""The tables of the main window's list pages (cases, deadlines, SMS outbox).

One row is selected at a time and read on one line; rows are of one height; the person may widen
any column (the last one takes the rest). :func:`open_on_enter` lets Enter open the current row as
a double-click does, so a list is worked through from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ROW_HEIGHT = 26


def list_table(model: QAbstractItemModel, parent: QWidget, name: str, widths: Iterable[int]) -> QTableView:
    """A list page's table over ``model``; ``widths`` are the first columns' starting widths."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


class _EnterOpens(QObject):
    def __init__(self, table: QTableView, open_row: Callable[[], None]) -> None:
        super().__init__(table)
        self._open_row = open_row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_row()
            return True
        return super().eventFilter(watched, event)


def open_on_enter(table: QTableView, open_row: Callable[[], None]) -> None:
    """Enter (or Return) on ``table`` calls ``open_row`` instead of moving to the next row."""
    table.installEventFilter(_EnterOpens(table, open_row))
