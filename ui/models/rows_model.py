"""A read-only table over a list of plain rows, its columns declared as data.

Each column names its header (an English message id, translated when shown) and how to write a
row's cell; the model adds alignment, tooltips, a tint per row and the row's id under
:data:`ROW_ID_ROLE`. The deadlines list and the SMS outbox are such tables; their rows are the
services' frozen dataclasses, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from mediation_app.i18n import _

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RowColumn(Generic[T]):
    header: str  # English message id
    text: Callable[[T], str]
    align_right: bool = False
    tooltip: Callable[[T], str] | None = None


class RowsTableModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[RowColumn[T]],
        row_id: Callable[[T], int | None],
        tint: Callable[[T], str | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._row_id = row_id
        self._tint = tint
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return _(self._columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._tint is not None:
            color = self._tint(row)
            return QBrush(QColor(color)) if color else None
        if role == ROW_ID_ROLE:
            return self._row_id(row)
        return None
