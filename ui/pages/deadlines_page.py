"""Deadlines: the open cases past their deadline or due within a few days, in three groups.

The rows are the workflow's due query (:func:`mediation_app.queries.due.due_cases`, through the
page's view model :class:`~ui.viewmodels.deadlines.DeadlinesViewModel`), grouped as it groups them:
*to act on now*, *waiting for others*, and *closed but not performed* (folded until unfolded: those
cases ended unpaid and belong to enforcement). Overdue rows are tinted red, due-soon rows amber;
each says what the deadline is for and how many days are left. Enter or a double-click opens the
case. The list shows the signed-in person's organisation by default; the choices (organisation,
days, the folded group) are remembered (:mod:`ui.filter_memory`).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.i18n import N_, _, ngettext
from mediation_app.queries.due import DueGroup, DueRow
from mediation_app.workflow.deadlines import DUE_SOON_DAYS, Urgency
from ui import filter_memory
from ui.models.rows_model import ROW_ID_ROLE, RowColumn, RowsTableModel
from ui.viewmodels.deadlines import DeadlinesViewModel
from ui.widgets.list_table import list_table, open_on_enter
from ui.widgets.table_fit import fit_columns_once

OVERDUE_TINT = "#fbe3e1"
DUE_SOON_TINT = "#fff4ce"


def days_text(days_left: int) -> str:
    if days_left < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days_left).format(n=-days_left)
    if days_left == 0:
        return _("Last day today")
    return ngettext("{n} day left", "{n} days left", days_left).format(n=days_left)


COLUMNS: tuple[RowColumn[DueRow], ...] = (
    RowColumn(N_("Urgency"), lambda r: r.urgency.label),
    RowColumn(N_("Deadline"), lambda r: formatting.short_date(r.deadline)),
    RowColumn(N_("Days"), lambda r: days_text(r.days_left), align_right=True),
    RowColumn(N_("Deadline for"), lambda r: r.deadline_kind.label if r.deadline_kind else ""),
    RowColumn(N_("Case number"), lambda r: r.number),
    RowColumn(N_("Owner"), lambda r: r.owner),
    RowColumn(N_("Stage"), lambda r: label(r.status)),
    RowColumn(N_("Track"), lambda r: label(r.track)),
    RowColumn(N_("Handled by"), lambda r: r.organisation, tooltip=lambda r: label(r.level)),
)


def tint(row: DueRow) -> str | None:
    if row.urgency is Urgency.OVERDUE:
        return OVERDUE_TINT
    if row.urgency is Urgency.DUE_SOON:
        return DUE_SOON_TINT
    return None


class DueGroupView(QWidget):
    """One group: a header line (a fold arrow for the folded group) over its table."""

    def __init__(self, group: DueGroup, foldable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName(f"deadlines_{group.value}")
        self.model: RowsTableModel[DueRow] = RowsTableModel(COLUMNS, self, row_id=lambda r: r.id, tint=tint)
        self.header = QToolButton(self)
        self.header.setObjectName(f"deadlines_{group.value}_header")
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.setCheckable(foldable)
        self.header.setChecked(True)
        self.foldable = foldable
        self.table: QTableView = list_table(
            self.model, self, f"deadlinesTable_{group.value}", (90, 100, 130, 250, 190, 90, 120, 130)
        )
        self.empty = QLabel(self)
        self.empty.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.header.toggled.connect(lambda _on: self._show_fold())

    @property
    def unfolded(self) -> bool:
        return not self.foldable or self.header.isChecked()

    def set_unfolded(self, unfolded: bool) -> None:
        self.header.setChecked(unfolded)
        self._show_fold()

    def set_rows(self, rows: list[DueRow]) -> None:
        self.model.set_rows(rows)
        fit_columns_once(self.table)
        self.header.setText(_("{title} ({count})").format(title=self.group.label, count=len(rows)))
        self.empty.setText(_("Nothing here."))
        self._show_fold()

    def _show_fold(self) -> None:
        if self.foldable:
            arrow = Qt.ArrowType.DownArrow if self.header.isChecked() else Qt.ArrowType.RightArrow
            self.header.setArrowType(arrow)
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(self.unfolded and has_rows)
        self.empty.setVisible(self.unfolded and not has_rows)


class DeadlinesPage(QWidget):
    case_activated = Signal(int)

    def __init__(
        self, model: DeadlinesViewModel, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deadlinesPage")
        self._deadlines = model
        self._settings = settings
        remembered = (
            filter_memory.load_deadlines(settings)
            if settings is not None
            else filter_memory.DeadlinesFilter()
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("deadlinesSummary")
        self.days = QSpinBox(self)
        self.days.setObjectName("deadlinesDays")
        self.days.setRange(0, 60)
        self.days.setValue(remembered.days if remembered.days is not None else DUE_SOON_DAYS)
        self.days.setSuffix(" " + _("days"))
        self.days.setToolTip(_("Show cases due within this many days (overdue ones are always shown)"))
        self.own_only = QCheckBox(_("Only my organisation"), self)
        self.own_only.setObjectName("deadlinesOwnOnly")
        self.own_only.setVisible(model.has_own_organisation)
        # Someone who belongs to an organisation sees its deadlines first, until they choose otherwise.
        own_default = model.has_own_organisation
        self.own_only.setChecked(
            model.has_own_organisation
            and (
                remembered.own_organisation_only
                if remembered.own_organisation_only is not None
                else own_default
            )
        )
        self.groups: dict[DueGroup, DueGroupView] = {}
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(_("Due within"), self))
        top.addWidget(self.days)
        top.addWidget(self.own_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for group in DueGroup:
            view = DueGroupView(group, foldable=group is DueGroup.UNPERFORMED, parent=self)
            self.groups[group] = view
            layout.addWidget(view, 0 if group is DueGroup.UNPERFORMED else 1)
            view.table.doubleClicked.connect(functools.partial(self._activate_index, view))
            open_on_enter(view.table, functools.partial(self._activate, view))
        unperformed = self.groups[DueGroup.UNPERFORMED]
        unperformed.set_unfolded(remembered.unperformed_open)
        self._fold_stretch()
        # The first group's table and model keep their old names: what is to be done now.
        self.model = self.groups[DueGroup.ACT_NOW].model
        self.table = self.groups[DueGroup.ACT_NOW].table

        self.days.valueChanged.connect(lambda _value: self._changed())
        self.own_only.toggled.connect(lambda _on: self._changed())
        unperformed.header.toggled.connect(lambda _on: self._folded())

    def refresh(self) -> None:
        due = self._deadlines.due(self.days.value(), own_organisation_only=self.own_only.isChecked())
        for group, view in self.groups.items():
            view.set_rows(list(due.group(group)))
        self.summary.setText(
            _(
                "{act} to act on now, {waiting} waiting for others, {closed} closed but not performed (as of {today})"
            ).format(
                act=len(due.group(DueGroup.ACT_NOW)),
                waiting=len(due.group(DueGroup.WAITING)),
                closed=len(due.group(DueGroup.UNPERFORMED)),
                today=formatting.date(due.today),
            )
        )

    def view_of(self, case_id: int) -> DueGroupView | None:
        """The group whose table lists ``case_id`` (None when no group does)."""
        for view in self.groups.values():
            if any(row.id == case_id for row in view.model.rows()):
                return view
        return None

    def _changed(self) -> None:
        self._remember()
        self.refresh()

    def _folded(self) -> None:
        self._fold_stretch()
        self._remember()

    def _fold_stretch(self) -> None:
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        unperformed = self.groups[DueGroup.UNPERFORMED]
        layout.setStretchFactor(unperformed, 1 if unperformed.unfolded else 0)

    def _remember(self) -> None:
        if self._settings is None:
            return
        filter_memory.save_deadlines(
            self._settings,
            filter_memory.DeadlinesFilter(
                self.own_only.isChecked() if self._deadlines.has_own_organisation else None,
                self.days.value(),
                self.groups[DueGroup.UNPERFORMED].unfolded,
            ),
        )

    def _activate_index(self, view: DueGroupView, _index: object) -> None:
        self._activate(view)

    def _activate(self, view: DueGroupView) -> None:
        index = view.table.currentIndex()
        if index.isValid():
            self.case_activated.emit(int(view.model.data(index, ROW_ID_ROLE)))
