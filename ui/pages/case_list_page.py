"""The case list: search as you type, filters, sorting; Enter or a double-click opens a case.

Search covers the case number, owner names, phones, ID numbers (the whole number or its last
digits), community and room, forgiving spaces, brackets, case and width
(:mod:`mediation_app.domain.search`). Each keystroke shows the first screenful at once; the rest of
the list and its count follow from the background (:mod:`ui.models.case_table_model`). The filter bar narrows by status, track, level, organisation, company, community and
intake dates; its last choice is remembered (:mod:`ui.filter_memory`).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from mediation_app.domain.enums import CaseStatus, Track, label
from mediation_app.i18n import _
from ui import filter_memory
from ui.error_reporting import show_error
from ui.models.case_table_model import CASE_ID_ROLE, CaseTableModel
from ui.viewmodels.case_list import CaseListViewModel
from ui.widgets.filter_bar import CaseFilterBar
from ui.widgets.list_table import list_table, open_on_enter

# The first screenful is a query that stops at its first rows (a few milliseconds at 100,000
# cases), so it runs as soon as the keystroke's events are handled: a paste or an input method's
# several characters still make one query.
SEARCH_DELAY_MS = 0
COLUMN_WIDTHS = (180, 80, 180, 220, 110, 110, 90, 120, 100, 100)
INTAKE_COLUMN = 8
STAGE_COLUMN, TRACK_COLUMN = 5, 6


class CaseListPage(QWidget):
    case_activated = Signal(int)
    count_changed = Signal(int)

    def __init__(self, cases: CaseListViewModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseListPage")
        self._settings = settings
        self.model = CaseTableModel(cases, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search: case number, owner, phone, ID number, room …"))
        choices = cases.filter_choices()
        self.filter_bar = CaseFilterBar(choices.organizations, choices.companies, choices.communities, self)
        self.table = list_table(self.model, self, "caseTable", COLUMN_WIDTHS)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self._fit_label_columns()
        self.table.horizontalHeader().setSortIndicator(INTAKE_COLUMN, Qt.SortOrder.DescendingOrder)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.filter_bar.changed.connect(self._filters_changed)
        self.search.returnPressed.connect(self.focus_results)
        self.table.doubleClicked.connect(self._activate)
        open_on_enter(self.table, self._activate)
        self._select_when_complete: int | None = None
        self.model.completed.connect(self._completed)
        self.model.load_failed.connect(lambda error: show_error(self, error))

    def _fit_label_columns(self) -> None:
        """Stage and track columns as wide as their longest label in the language in use (the
        English labels are three times as long as the Chinese ones)."""
        metrics = self.table.fontMetrics()
        for column, members in ((STAGE_COLUMN, list(CaseStatus)), (TRACK_COLUMN, list(Track))):
            widest = max(metrics.horizontalAdvance(label(member)) for member in members)
            self.table.setColumnWidth(column, min(max(widest + 16, COLUMN_WIDTHS[column]), 240))

    def load(self) -> None:
        """Restore the last filters and run the first query."""
        self.filter_bar.blockSignals(True)
        try:
            self.filter_bar.set_filters(filter_memory.load(self._settings))
        finally:
            self.filter_bar.blockSignals(False)
        self.apply_search()

    def refresh(self) -> None:
        """Re-read after a change made elsewhere (a new case, a status change)."""
        self.model.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._timer.stop()
        self.model.set_filter(dataclasses.replace(self.filter_bar.filters(), text=self.search.text()))

    def focus_results(self) -> None:
        """Enter in the search box: run the search now and go to the first result (Enter again
        opens it), so a case is found and opened without the mouse."""
        self.apply_search()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.data(index, CASE_ID_ROLE))

    def select_case(self, case_id: int) -> None:
        """Select ``case_id``'s row (once the list is read that far, if it is not yet)."""
        row = self.model.row_of(case_id)
        self._select_when_complete = None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        elif not self.model.complete:
            self._select_when_complete = case_id

    def _completed(self, count: int) -> None:
        self.count_changed.emit(count)
        if self._select_when_complete is not None:
            self.select_case(self._select_when_complete)

    def _filters_changed(self) -> None:
        filter_memory.save(self._settings, self.filter_bar.filters())
        self.apply_search()

    def _activate(self) -> None:
        case_id = self.current_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)
