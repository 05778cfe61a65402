"""The case list: search as you type over number, owner, phone, ID tail, community and room."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from mediation_app.i18n import _
from mediation_app.services.case_list import CaseFilter
from mediation_app.storage.uow import Database
from ui.models.case_table_model import CASE_ID_ROLE, CaseTableModel

SEARCH_DELAY_MS = 60  # long enough to skip the query between two fast keystrokes


class CaseListPage(QWidget):
    case_activated = Signal(int)
    count_changed = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(db, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search: case number, owner, phone, last digits of an ID number, room …"))
        self.table = QTableView(self)
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 90, 190, 230, 110, 110, 90, 120, 100, 100)):
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(8, header.sortIndicatorOrder().DescendingOrder)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.table.doubleClicked.connect(self._activate)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        self.model.modelReset.connect(lambda: self.count_changed.emit(self.model.rowCount()))

    def load(self) -> None:
        self.model.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        current = self.model.case_filter
        self.model.set_filter(
            CaseFilter(
                text=self.search.text(),
                statuses=current.statuses,
                tracks=current.tracks,
                levels=current.levels,
                organization_id=current.organization_id,
                company_id=current.company_id,
                community_id=current.community_id,
                intake_from=current.intake_from,
                intake_to=current.intake_to,
            )
        )

    def _activate(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.case_activated.emit(int(self.model.data(index, CASE_ID_ROLE)))
