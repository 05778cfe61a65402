"""A read-only table over a list of plain rows, its columns declared as data.

The rows are the services' frozen dataclasses, never ORM objects. Each :class:`RowColumn` names
its header (an English message id, translated when shown) and how to write a row's cell;
optionally right alignment (figures and money, the header aligned with them), a tooltip and a text
colour per cell. The model may add a background tint per row and the row's id under
:data:`ROW_ID_ROLE` (the lists that open a case). Pages find the selected row again with
:meth:`RowsTableModel.row_at`.
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
    colour: Callable[[T], str | None] | None = None  # the cell's text colour, e.g. "#b3261e"


def _brush(colour: str | None) -> QBrush | None:
    return QBrush(QColor(colour)) if colour else None


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """``row_id`` feeds :data:`ROW_ID_ROLE`; ``tint`` colours a whole row's background.
    ``text_tips``: a cell whose column has no tooltip shows its own text on hover, for the narrow
    tables of the case view whose cells get cut off."""

    def __init__(
        self,
        columns: Sequence[RowColumn[T]],
        parent: Any = None,
        *,
        row_id: Callable[[T], int | None] | None = None,
        tint: Callable[[T], str | None] | None = None,
        text_tips: bool = False,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._row_id = row_id
        self._tint = tint
        self._text_tips = text_tips
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self._columns[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[section].align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row) or None
            return (column.text(row) or None) if self._text_tips else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return _brush(column.colour(row))
        if role == Qt.ItemDataRole.BackgroundRole and self._tint is not None:
            return _brush(self._tint(row))
        if role == ROW_ID_ROLE and self._row_id is not None:
            return self._row_id(row)
        return None
