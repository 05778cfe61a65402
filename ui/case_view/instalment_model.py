"""The instalment plan being edited: a due date and an amount per row, typed by the mediator.

Amounts are kept as typed (text) and read into Decimal when the plan is checked; whether they add
up to the total exactly is the payment-plan rules' business
(:func:`mediation_app.workflow.payment_plan.instalment_plan`), so the editor shows their words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from mediation_app import formatting
from mediation_app.errors import FormErrors, ValidationError
from mediation_app.i18n import _
from mediation_app.workflow import payment_plan
from ui.case_view.inputs import read_decimal

Index = QModelIndex | QPersistentModelIndex
DUE, AMOUNT = 0, 1


@dataclass
class PlanRow:
    due_on: dt.date
    amount: str  # as typed


class InstalmentModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self.cell_errors: dict[tuple[int, str], str] = {}

    # --- editing -------------------------------------------------------------------------------

    def set_plan(self, rows: list[tuple[dt.date, Decimal]]) -> None:
        self.beginResetModel()
        self._rows = [PlanRow(due, format(amount, "f")) for due, amount in rows]
        self.cell_errors = {}
        self.endResetModel()

    def add_row(self, due_on: dt.date) -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(PlanRow(due_on, ""))
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rows(self) -> list[PlanRow]:
        return list(self._rows)

    def instalments(self) -> tuple[payment_plan.Instalment, ...]:
        """The plan as typed; an amount that is not a number is an error naming its row."""
        errors: list[ValidationError] = []
        items = []
        for index, row in enumerate(self._rows):
            field = f"payment_plan.instalments[{index}].amount"
            try:
                amount = read_decimal(row.amount, field, _("Instalment {number}").format(number=index + 1))
            except ValidationError as error:
                errors.append(error)
                continue
            assert amount is not None
            items.append(payment_plan.Instalment(row.due_on, amount))
        if errors:
            raise FormErrors(errors)
        return tuple(items)

    def show_errors(self, cells: dict[tuple[int, str], str]) -> None:
        if cells == self.cell_errors:
            return
        self.cell_errors = dict(cells)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 1))

    # --- the model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (_("Due date"), _("Amount (yuan)"))[section] if section in (DUE, AMOUNT) else None
        return _("Instalment {number}").format(number=section + 1) if 0 <= section < len(self._rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (
            0 <= index.row() < len(self._rows) and index.column() in (DUE, AMOUNT)
        ):
            return None
        row = self._rows[index.row()]
        name = "due_on" if index.column() == DUE else "amount"
        if role == Qt.ItemDataRole.DisplayRole:
            return formatting.short_date(row.due_on) if index.column() == DUE else row.amount
        if role == Qt.ItemDataRole.EditRole:
            if index.column() == DUE:
                return QDate(row.due_on.year, row.due_on.month, row.due_on.day)
            return row.amount
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_errors.get((index.row(), name))
        if role == Qt.ItemDataRole.ForegroundRole and (index.row(), name) in self.cell_errors:
            return QBrush(QColor("#b3261e"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        if index.column() == DUE:
            if isinstance(value, QDate):
                row.due_on = dt.date(value.year(), value.month(), value.day())
            elif isinstance(value, dt.date):
                row.due_on = value
            else:
                return False
        elif index.column() == AMOUNT:
            row.amount = str(value).strip()
        else:
            return False
        self.dataChanged.emit(index, index)
        return True
