"""Deadlines: the open cases past their deadline or due within a few days, earliest first.

The list is the workflow's due query (:func:`mediation_app.queries.due.due_cases`, through the
page's view model :class:`~ui.viewmodels.deadlines.DeadlinesViewModel`); the page only shows it: overdue rows tinted red, due-soon rows amber, what the deadline is for, how many
days are left. Enter or a double-click opens the case.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.i18n import N_, _, ngettext
from mediation_app.queries.due import DueRow
from mediation_app.workflow.deadlines import DUE_SOON_DAYS, Urgency
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


class DeadlinesPage(QWidget):
    case_activated = Signal(int)

    def __init__(self, model: DeadlinesViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlinesPage")
        self._deadlines = model
        self.model: RowsTableModel[DueRow] = RowsTableModel(COLUMNS, self, row_id=lambda r: r.id, tint=tint)
        self.summary = QLabel(self)
        self.summary.setObjectName("deadlinesSummary")
        self.days = QSpinBox(self)
        self.days.setObjectName("deadlinesDays")
        self.days.setRange(0, 60)
        self.days.setValue(DUE_SOON_DAYS)
        self.days.setSuffix(" " + _("days"))
        self.days.setToolTip(_("Show cases due within this many days (overdue ones are always shown)"))
        self.own_only = QCheckBox(_("Only my organisation"), self)
        self.own_only.setObjectName("deadlinesOwnOnly")
        self.own_only.setVisible(model.has_own_organisation)
        self.table = list_table(self.model, self, "deadlinesTable", (90, 100, 130, 250, 190, 90, 120, 130))

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(_("Due within"), self))
        top.addWidget(self.days)
        top.addWidget(self.own_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.days.valueChanged.connect(lambda _value: self.refresh())
        self.own_only.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(self._activate)
        open_on_enter(self.table, self._activate)

    def refresh(self) -> None:
        due = self._deadlines.due(self.days.value(), own_organisation_only=self.own_only.isChecked())
        self.model.set_rows(list(due.overdue) + list(due.due_soon))
        fit_columns_once(self.table)
        self.summary.setText(
            _("{overdue} overdue, {soon} due within {days} days (as of {today})").format(
                overdue=len(due.overdue),
                soon=len(due.due_soon),
                days=due.days,
                today=formatting.date(due.today),
            )
        )

    def _activate(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.case_activated.emit(int(self.model.data(index, ROW_ID_ROLE)))
