"""The claim items of an intake as an editable table: kind, description, from, to, amount.

Cells hold what the clerk typed (text); the intake service validates them. A cell with an error
is tinted and carries the message as its tooltip (:meth:`ClaimItemsModel.set_errors`), so the
message sits where the mistake is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from mediation_app.domain.enums import ChargeKind, label
from mediation_app.i18n import N_, _
from mediation_app.services.cases.intake import ClaimLine

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_TINT = QColor("#fbe3e1")


@dataclass(frozen=True)
class ClaimColumn:
    header: str  # English message id
    field: str  # the ClaimLine attribute, and the last part of the error path claims[i].<field>
    hint: str = ""


COLUMNS = (
    ClaimColumn(N_("Item"), "kind"),
    ClaimColumn(N_("Description"), "description", N_("e.g. 物业服务费 2017-08 to 2021-03")),
    ClaimColumn(N_("Period from"), "period_from", "2017-08-01"),
    ClaimColumn(N_("Period to"), "period_to", "2021-03-09"),
    ClaimColumn(N_("Amount (yuan)"), "amount", "14474.72"),
)
KIND_COLUMN = 0
AMOUNT_COLUMN = 4


class ClaimItemsModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, lines: list[ClaimLine] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[ClaimLine] = list(lines or [])
        self._errors: dict[tuple[int, int], str] = {}

    # --- the lines ----------------------------------------------------------------------------

    def lines(self) -> list[ClaimLine]:
        return [ClaimLine(c.kind, c.description, c.period_from, c.period_to, c.amount) for c in self._lines]

    def set_lines(self, lines: list[ClaimLine]) -> None:
        self.beginResetModel()
        self._lines = [ClaimLine(c.kind, c.description, c.period_from, c.period_to, c.amount) for c in lines]
        self._errors.clear()
        self.endResetModel()

    def add_line(self, kind: ChargeKind = ChargeKind.SERVICE_FEE) -> int:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(ClaimLine(kind=kind))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self._lines):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()
        self._errors = {}
        self.edited.emit()

    def set_errors(self, errors: dict[tuple[int, str], str]) -> None:
        """Messages per (row, field name); cells not named are cleared."""
        old = set(self._errors)
        fields = [c.field for c in COLUMNS]
        self._errors = {
            (row, fields.index(name)): text for (row, name), text in errors.items() if name in fields
        }
        for row, column in old | set(self._errors):
            if row < len(self._lines):
                index = self.index(row, column)
                self.dataChanged.emit(
                    index, index, [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
                )

    def error_at(self, row: int, column: int) -> str | None:
        return self._errors.get((row, column))

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(COLUMNS[section].header)
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].hint:
                return _("For example: {example}").format(example=_(COLUMNS[section].hint))
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column.field == "kind":
                return label(line.kind) if role == Qt.ItemDataRole.DisplayRole else line.kind.value
            return str(getattr(line, column.field))
        if role == KIND_ROLE and column.field == "kind":
            return line.kind.value
        error = self._errors.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and error:
            return error
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return QBrush(ERROR_TINT)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AMOUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._lines):
            return False
        line = self._lines[index.row()]
        column = COLUMNS[index.column()]
        if column.field == "kind":
            try:
                line.kind = ChargeKind(str(value))
            except ValueError:
                return False
        else:
            setattr(line, column.field, "" if value is None else str(value))
        self._errors.pop((index.row(), index.column()), None)  # edited: its old message no longer applies
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True
