"""今日: the first page the client opens on, the signed-in person's day in five short lists.

Sessions today, consents awaiting, deadlines this week, instalments due and documents waiting to
be finalised or signed (the read model :mod:`mediation_app.queries.today` decides whose cases and
what counts). A click on a row, or Enter, opens the case on the page where the work is done: the
mediation page for a session or a mediation period, the parties for a consent, performance for
an instalment or the confirmation window, documents for an agreement to finalise or sign. An
empty list says so in a line, so an empty day reads as good news, not as a broken screen.

The window opens on this page: :meth:`TodayPage.load` reads the day off the GUI thread, so the
window is drawn at once and the lists fill in a moment later (the query module, with the
calculator and the agreement services it reads instalments through, is imported there too);
:meth:`TodayPage.refresh` (the Refresh button, after a change) reads at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.i18n import N_, _
from ui.error_reporting import show_failure
from ui.models.rows_model import RowColumn, RowsTableModel
from ui.tasks import TaskHandle, run_in_background
from ui.viewmodels.today import TodayViewModel
from ui.widgets.list_table import ROW_HEIGHT, list_table, open_on_enter

if TYPE_CHECKING:  # read in the background at start (see the module's docstring)
    from mediation_app.queries.today import Today, TodayRow, TodaySection

OVERDUE_TINT = "#fbe3e1"
VISIBLE_ROWS = 6  # a longer list scrolls inside its box, so every list stays in view

COLUMNS: tuple[RowColumn[TodayRow], ...] = (
    RowColumn(N_("When"), lambda r: r.when),
    RowColumn(N_("Case number"), lambda r: r.number),
    RowColumn(N_("Owner"), lambda r: r.owner),
    RowColumn(N_("What"), lambda r: r.what, tooltip=lambda r: r.what),
)

# (object name, title, the line an empty list shows)
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("sessions", N_("My sessions today"), N_("No sessions today.")),
    ("consents", N_("Consents awaiting"), N_("No case is waiting for a party's consent.")),
    (
        "deadlines",
        N_("My deadlines this week"),
        N_("No mediation period or confirmation window ends this week."),
    ),
    (
        "instalments",
        N_("Instalments due this week or overdue"),
        N_("No instalment is due this week, none overdue."),
    ),
    (
        "documents",
        N_("Documents to finalise or sign"),
        N_("No agreement is waiting to be finalised or signed."),
    ),
)


class TodaySectionBox(QGroupBox):
    """One list of the day: a table of its rows, or a friendly line when it has none."""

    def __init__(self, name: str, title: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"today_{name}")
        self._title = title
        self._empty_text = empty
        self.model: RowsTableModel[TodayRow] = RowsTableModel(
            COLUMNS, self, row_id=lambda r: r.case_id, tint=lambda r: OVERDUE_TINT if r.overdue else None
        )
        self.table: QTableView = list_table(self.model, self, f"today_{name}_table", (90, 190, 110))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)
        self.empty = QLabel(self)
        self.empty.setObjectName(f"today_{name}_empty")
        self.empty.setStyleSheet("color: #555;")
        self.more = QLabel(self)
        self.more.setObjectName(f"today_{name}_more")
        self.more.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(self.more)

    def show_section(self, section: TodaySection) -> None:
        self.setTitle(_("{title} ({count})").format(title=_(self._title), count=section.total))
        self.model.set_rows(list(section.rows))
        has_rows = bool(section.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.empty.setText(_(self._empty_text))
        shown = min(len(section.rows), VISIBLE_ROWS)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + shown * ROW_HEIGHT + 2 * self.table.frameWidth() + 2)
        hidden = section.total - len(section.rows)
        self.more.setVisible(hidden > 0)
        if hidden > 0:
            self.more.setText(
                _("… and {count} more: see the Deadlines page or the case list.").format(
                    count=formatting.count(hidden)
                )
            )


class TodayPage(QWidget):
    case_tab_requested = Signal(int, str)  # case id, the case view page to show

    def __init__(self, model: TodayViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self._today = model
        self.heading = QLabel(self)
        self.heading.setObjectName("todayHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.whose = QLabel(self)
        self.whose.setObjectName("todayWhose")
        self.whose.setStyleSheet("color: #555;")
        self.whose.setWordWrap(True)
        self.refresh_button = QPushButton(_("Refresh"), self)
        self.refresh_button.setObjectName("todayRefresh")
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.whose, 1)
        top.addWidget(self.refresh_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.sections: dict[str, TodaySectionBox] = {}
        for name, title, empty in SECTIONS:
            box = TodaySectionBox(name, title, empty, body)
            self.sections[name] = box
            body_layout.addWidget(box)
            box.table.clicked.connect(self._opener(box))
            open_on_enter(box.table, self._current_opener(box))
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("todayScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.shown: Today | None = None
        self._loading: TaskHandle | None = None
        self._generation = 0  # bumped by each reading at once: an older background answer is dropped

    def load(self) -> None:
        """Read the day off the GUI thread and show it when it is read."""
        if self._loading is not None:
            return
        model, asked = self._today, self._generation
        self.whose.setText(_("Reading the day …"))
        self._loading = run_in_background(
            lambda _task: model.today(),
            on_done=lambda day: self._loaded(day, asked),
            on_error=self._failed,
            parent=self,
        )

    def _loaded(self, day: object, asked: int) -> None:
        self._loading = None
        if asked == self._generation:  # else a refresh has shown a newer reading meanwhile
            self.show_day(cast("Today", day))

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        self.whose.setText(_("The day could not be read."))
        show_failure(self, error)

    def refresh(self) -> None:
        """Read the day now (the Refresh button, and after a change elsewhere)."""
        self._generation += 1
        self.show_day(self._today.today())

    def show_day(self, day: Today) -> None:
        self.shown = day
        self.heading.setText(_("Today, {date}").format(date=formatting.date(day.today)))
        scope = day.scope
        if scope.mediator_id is not None:
            whose = _("The cases you mediate (and your organisation's cases awaiting consent).")
        elif scope.organization_id is not None:
            whose = _("The cases of your organisation.")
        else:
            whose = _("Every case at this workstation: it runs without sign-in, so they are all yours.")
        self.whose.setText(
            whose + " " + _("This week: up to {date}.").format(date=formatting.date(day.week_end))
        )
        for name, section in (
            ("sessions", day.sessions),
            ("consents", day.consents),
            ("deadlines", day.deadlines),
            ("instalments", day.instalments),
            ("documents", day.documents),
        ):
            self.sections[name].show_section(section)

    def open_row(self, box: TodaySectionBox, row: int) -> None:
        found = box.model.row_at(row)
        if found is not None:
            self.case_tab_requested.emit(found.case_id, found.tab.value)

    def _opener(self, box: TodaySectionBox) -> Callable[[QModelIndex], None]:
        return lambda index: self.open_row(box, index.row())

    def _current_opener(self, box: TodaySectionBox) -> Callable[[], None]:
        return lambda: self.open_row(box, box.table.currentIndex().row())
