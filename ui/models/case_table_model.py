"""The case list as a lazy table model: all matching ids in order, rows fetched a block at a time.

Keeping only ids (a list of ints) for 100,000 cases costs under a megabyte and one indexed
query; rows are read in blocks of :data:`BLOCK` when the view first needs them and kept in a
small cache, so scrolling stays smooth and the count is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.i18n import N_, _
from mediation_app.queries.case_list import CaseFilter, CaseRow, Sort, SortKey
from ui.viewmodels.case_list import CaseListViewModel

BLOCK = 200
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
    def __init__(self, cases: CaseListViewModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._cases = cases
        self._ids: list[int] = []
        self._blocks: dict[int, list[CaseRow]] = {}
        self._filter = CaseFilter()
        self._sort = Sort()

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

    def refresh(self) -> None:
        """Re-run the query (after a filter, a sort, or a change made elsewhere)."""
        ids = self._cases.case_ids(self._filter, self._sort)
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
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
        self.layoutAboutToBeChanged.emit()
        self._ids = self._cases.case_ids(self._filter, self._sort)
        self._blocks.clear()
        self.layoutChanged.emit()

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
