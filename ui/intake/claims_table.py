"""The claim items editor: the table, a drop-down for the kind, add and remove, and the errors.

Errors of single cells are tinted in the table (with the message as the cell's tooltip) and
listed right under it, so none is missed on a long claim.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_app.domain.enums import ChargeKind, label
from mediation_app.i18n import _
from ui.intake.claims_model import KIND_COLUMN, ClaimItemsModel
from ui.widgets.field_errors import ErrorLabel

Index = QModelIndex | QPersistentModelIndex


class KindDelegate(QStyledItemDelegate):
    """Edits the kind of a claim item with a drop-down of the charge kinds."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for kind in ChargeKind:
            combo.addItem(label(kind), kind.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ClaimItemsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClaimItemsModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("intakeClaims")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(KIND_COLUMN, KindDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setMinimumHeight(150)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 170), (2, 110), (3, 110), (4, 120)):
            self.table.setColumnWidth(column, width)
        self.add_button = QPushButton(_("Add an item"), self)
        self.add_button.setObjectName("intakeAddClaim")
        self.remove_button = QPushButton(_("Remove the selected item"), self)
        self.remove_button.setObjectName("intakeRemoveClaim")
        self.errors = ErrorLabel(self)
        self.errors.setObjectName("intakeClaimsError")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)

        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_selected)

    def add_line(self) -> None:
        row = self.model.add_line()
        self.table.setCurrentIndex(self.model.index(row, 1))

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_line(index.row())

    def show_errors(self, errors: dict[tuple[int, str], str], general: list[str]) -> None:
        """Tint the cells named in ``errors`` and list every message under the table."""
        self.model.set_errors(errors)
        self.errors.set_messages(general + list(errors.values()))

    def focus_first_error(self) -> None:
        for row in range(self.model.rowCount()):
            for column in range(self.model.columnCount()):
                if self.model.error_at(row, column):
                    self.table.setCurrentIndex(self.model.index(row, column))
                    self.table.setFocus()
                    return
        self.table.setFocus()
