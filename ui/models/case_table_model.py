"""The case list as a lazy table model: all matching ids in order, rows fetched a block at a time.

A new search or sort first reads the first screenful (the first :data:`FIRST_PAGE` ids in the
list's order, a query that stops at them) and shows it at once; the whole ordered id list, and so
the exact count, is read off the GUI thread and appended when it arrives (:attr:`completed`), so
typing in the search box never waits for a scan of every case. Keeping only ids (a list of ints)
for 100,000 cases costs under a megabyte; rows are read in blocks of :data:`BLOCK` when the view
first needs them and kept in a small cache, so scrolling stays smooth and the count is exact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.errors import MediationError
from mediation_app.i18n import N_, _
from mediation_app.queries.case_list import CaseFilter, CaseRow, Sort, SortKey
from ui.error_reporting import report_unexpected
from ui.tasks import TaskHandle, run_in_background
from ui.viewmodels.case_list import CaseListViewModel

BLOCK = 200
FIRST_PAGE = BLOCK  # the first screenful, read on the GUI thread with a LIMIT
# The whole list is read once typing pauses: a keystroke every 100-200 ms starts no scan it would
# throw away at the next one.
REST_DELAY_MS = 120
MAX_CACHED_BLOCKS = 50

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str  # English message id, translated when shown
    sort_key: SortKey
    text: Callable[[CaseRow], str]
    align_right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(N_("Case number"), SortKey.NUMBER, lambda r: r.number),
    Column(N_("Owner"), SortKey.OWNER, lambda r: r.owner),
    Column(N_("Community and unit"), SortKey.UNIT, lambda r: f"{r.community} {r.building}{r.room}"),
    Column(N_("Property company"), SortKey.COMPANY, lambda r: r.company),
    Column(N_("Claimed"), SortKey.CLAIMED, lambda r: formatting.money(r.claimed_total), align_right=True),
    Column(N_("Stage"), SortKey.STATUS, lambda r: label(r.status)),
    Column(N_("Track"), SortKey.STATUS, lambda r: label(r.track)),
    Column(N_("Handled by"), SortKey.STATUS, lambda r: r.organization),
    Column(N_("Intake"), SortKey.INTAKE, lambda r: formatting.short_date(r.intake_date)),
    Column(N_("Next deadline"), SortKey.DEADLINE, lambda r: formatting.short_date(r.next_deadline)),
)
SORTABLE = {0, 1, 2, 3, 4, 5, 8, 9}
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseTableModel(QAbstractTableModel):
    completed = Signal(int)  # the whole list is known: its exact count
    load_failed = Signal(object)  # a MediationError while reading the whole list

    def __init__(self, cases: CaseListViewModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._cases = cases
        self._ids: list[int] = []
        self._blocks: dict[int, list[CaseRow]] = {}
        self._filter = CaseFilter()
        self._sort = Sort()
        self._generation = 0  # bumped by every new query: late answers to older ones are dropped
        self._read = False  # no query yet: a sort set while the page is built only sets the order
        self._complete = True
        self._loading: TaskHandle | None = None
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_DELAY_MS)
        self._rest_timer.timeout.connect(self._load_rest)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self._settle)

    # --- what to show -----------------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def case_sort(self) -> Sort:
        return self._sort

    def set_filter(self, case_filter: CaseFilter) -> None:
        self._filter = case_filter
        self.refresh()

    @property
    def complete(self) -> bool:
        """Whether every matching case is in the model (else only the first screenful is)."""
        return self._complete

    def refresh(self) -> None:
        """Re-run the query (after a filter, a sort, or a change made elsewhere): the first
        screenful now, the rest (and the count) from the background when it is read."""
        self._generation += 1
        self._read = True
        self._rest_timer.stop()
        first = self._cases.case_ids(self._filter, self._sort, limit=FIRST_PAGE)
        self.beginResetModel()
        self._ids = first
        self._blocks.clear()
        self._complete = len(first) < FIRST_PAGE
        self.endResetModel()
        if self._complete:
            self.completed.emit(len(first))
        else:
            self._rest_timer.start()

    def _load_rest(self) -> None:
        cases, filters, sort, generation = self._cases, self._filter, self._sort, self._generation

        def work(_task: TaskHandle) -> tuple[int, list[int]]:
            if generation != self._generation:  # a newer query was asked for meanwhile
                return generation, []
            return generation, cases.case_ids(filters, sort)

        # No parent: the window may close (and delete this model) while the read runs; the late
        # answer then goes nowhere instead of to a deleted object.
        self._loading = run_in_background(work, on_done=self._rest_loaded, on_error=self._rest_failed)

    def _rest_loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        generation, ids = result
        if generation != self._generation:
            return
        self._loading = None
        known = len(self._ids)
        if ids[:known] == self._ids:
            if len(ids) > known:
                self.beginInsertRows(QModelIndex(), known, len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:  # the list changed between the two reads: show the later one whole
            self.beginResetModel()
            self._ids = ids
            self._blocks.clear()
            self.endResetModel()
        self._complete = True
        self.completed.emit(len(self._ids))

    def _rest_failed(self, error: BaseException) -> None:
        self._loading = None
        if isinstance(error, MediationError):
            self.load_failed.emit(error)
        else:
            report_unexpected(type(error), error, error.__traceback__)

    def _settle(self) -> None:
        """At quit: let a read still running end before Qt and Python take the objects down."""
        self._rest_timer.stop()
        if self._loading is not None:
            self._loading.wait(5.0)

    def wait_until_complete(self, timeout_s: float = 30.0) -> bool:
        """Read the rest now if it is still to come, and wait for it (tests, the benchmark)."""
        if self._complete:
            return True
        if self._rest_timer.isActive():
            self._rest_timer.stop()
            self._load_rest()
        if self._loading is not None:
            self._loading.wait(timeout_s)
        deadline = time.monotonic() + timeout_s
        while not self._complete and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.001)
        return self._complete

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        """The row of ``case_id``, if it is in the part of the list read so far."""
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    # --- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._row(index.row())
            return column.text(row) if row is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORTABLE:
            return
        self._sort = Sort(COLUMNS[column].sort_key, descending=order == Qt.SortOrder.DescendingOrder)
        if self._read:
            self.refresh()

    # --- the row cache ----------------------------------------------------------------------

    def _row(self, row: int) -> CaseRow | None:
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
            rows = self._cases.case_rows(ids)
            if len(self._blocks) >= MAX_CACHED_BLOCKS:
                self._blocks.pop(next(iter(self._blocks)))
            self._blocks[block] = rows
        offset = row - block * BLOCK
        return rows[offset] if offset < len(rows) else None
