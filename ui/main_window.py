"""The main window: navigation on the left, the chosen page on the right, menus and a toolbar.

Pages: Today (the signed-in person's day, where the window opens), Cases (the list, with opened
cases as tabs beside it), Deadlines, Dashboard, SMS outbox, Batches (model mediation of a
company's imported batch) and Settings. The case list and Today are built at start; the others on
first visit (:class:`LazyPage`).
Shortcuts: Ctrl+N new case, Ctrl+F search, Ctrl+P print the current case's documents, Ctrl+E
export the case list as filtered, Ctrl+W close the current case tab, Ctrl+1…7 the pages, F5
refresh, Ctrl+Q quit; the Actions menu takes every step of the open case, the usual ones with
Ctrl+Shift shortcuts (:data:`STEP_SHORTCUTS`). The window's geometry,
splitter, table columns, last page and the case list's filters are remembered in QSettings.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from mediation_app import __version__, formatting
from mediation_app.domain.enums import label
from mediation_app.i18n import _
from mediation_app.log_file import log_path
from mediation_app.security.permissions import Permission, can
from mediation_app.workflow.actions import Action
from ui.case_area import CaseArea
from ui.change_password_dialog import unavailable_reason
from ui.pages.case_list_page import CaseListPage
from ui.pages.lazy_page import LazyPage
from ui.tasks import TaskHandle, run_with_progress
from ui.viewmodels.accounts import AccountsViewModel
from ui.viewmodels.case_list import CaseListViewModel
from ui.viewmodels.workspace import Workspace

log = logging.getLogger(__name__)

PAGE_TODAY, PAGE_CASES, PAGE_DEADLINES, PAGE_DASHBOARD, PAGE_SMS, PAGE_BATCHES, PAGE_SETTINGS = range(7)

STEP_SHORTCUTS: dict[Action, str] = {
    Action.ACCEPT: "Ctrl+Shift+A",
    Action.RECORD_CONSENT: "Ctrl+Shift+C",
    Action.START_MEDIATION: "Ctrl+Shift+M",
    Action.RECORD_SESSION: "Ctrl+Shift+S",
    Action.EXTEND_PERIOD: "Ctrl+Shift+E",
    Action.REACH_AGREEMENT: "Ctrl+Shift+R",
    Action.SIGN: "Ctrl+Shift+G",
    Action.RECORD_PAYMENT: "Ctrl+Shift+P",
    Action.RECORD_FOLLOW_UP: "Ctrl+Shift+F",
}
"""The steps a mediator takes every day; the others are in the Actions menu (Alt, then arrows)."""


class MainWindow(QMainWindow):
    print_requested = Signal(int)  # Ctrl+P on an open case: the case view prints its documents
    case_opened = Signal(int)
    rebuild_requested = Signal()  # the language changed: the composition root builds a new window

    def __init__(self, workspace: Workspace, settings: QSettings) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.actor = workspace.actor
        self.setObjectName("mainWindow")
        self.setWindowTitle(_("Property Dispute Mediation") + f" — {__version__}")
        self.resize(1280, 800)

        self.cases = CaseListViewModel(workspace)
        self.case_list = CaseListPage(self.cases, settings, self)
        self.case_area = CaseArea(workspace, self.case_list, self)
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self._lazy: dict[int, LazyPage] = {}
        self.help_window: QDialog | None = None
        self._add_lazy_page(_("Today"), self._build_today)
        self._add_page(_("Cases"), self.case_area)
        self._add_lazy_page(_("Deadlines"), self._build_deadlines)
        self._add_lazy_page(_("Dashboard"), self._build_dashboard, needs=Permission.VIEW_STATISTICS)
        self._add_lazy_page(_("SMS outbox"), self._build_sms_outbox, needs=Permission.SEND_SMS)
        self._add_lazy_page(_("Batches"), self._build_batches)
        self._add_lazy_page(_("Settings"), self._build_settings)
        self.navigation.setMinimumWidth(110)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([160, 1120])
        self.setCentralWidget(self.splitter)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()

        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")
        self.actor_label = QLabel(
            _("{name} ({role})").format(name=self.actor.name, role=label(self.actor.role)), self
        )
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addWidget(self.actor_label)

        self.navigation.currentRowChanged.connect(self._show_page)
        self.case_list.count_changed.connect(self._show_count)
        self.case_area.currentChanged.connect(lambda _index: self._update_print_action())
        self.case_list.case_activated.connect(self.open_case)
        self.case_area.current_case_changed.connect(self._update_print_action)
        self.case_area.case_changed.connect(lambda _case_id: self.refresh())
        self.navigation.setCurrentRow(PAGE_TODAY)
        self._restore_layout()
        self._update_print_action()

    # --- pages ------------------------------------------------------------------------------

    def _add_page(self, title: str, page: QWidget) -> QListWidgetItem:
        self.pages.addWidget(page)
        return QListWidgetItem(title, self.navigation)

    def _add_lazy_page(
        self, title: str, factory: Callable[[QWidget], QWidget], needs: Permission | None = None
    ) -> None:
        page = LazyPage(factory, self)
        self._lazy[self.pages.count()] = page
        item = self._add_page(title, page)
        if needs is not None and not can(self.actor, needs):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(
                _("Your role ({role}) does not allow you to {action}.").format(
                    role=label(self.actor.role), action=needs.label
                )
            )

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built if it was not yet (tests and screenshots use this)."""
        lazy = self._lazy.get(index)
        if lazy is not None:
            return lazy.ensure_built()
        page = self.pages.widget(index)
        if page is None:
            raise IndexError(f"the window has no page {index}")
        return page

    def go_to(self, index: int) -> None:
        item = self.navigation.item(index)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.navigation.setCurrentRow(index)

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        lazy = self._lazy.get(index)
        if lazy is not None:
            lazy.visit()
        self._update_print_action()

    def _build_today(self, parent: QWidget) -> QWidget:
        from ui.pages.today_page import TodayPage
        from ui.viewmodels.today import TodayViewModel

        page = TodayPage(TodayViewModel(self.workspace), parent)
        page.case_tab_requested.connect(self.open_case_on)
        page.load()  # off the GUI thread: the window opens on this page
        return page

    def _build_deadlines(self, parent: QWidget) -> QWidget:
        from ui.pages.deadlines_page import DeadlinesPage
        from ui.viewmodels.deadlines import DeadlinesViewModel

        page = DeadlinesPage(DeadlinesViewModel(self.workspace), self.settings, parent)
        page.case_activated.connect(self.open_case)
        page.refresh()
        return page

    def _build_dashboard(self, parent: QWidget) -> QWidget:
        from ui.pages.dashboard_page import DashboardPage  # QtCharts is loaded only now
        from ui.viewmodels.dashboard import DashboardViewModel

        page = DashboardPage(DashboardViewModel(self.workspace), parent)
        page.refresh()
        return page

    def _build_sms_outbox(self, parent: QWidget) -> QWidget:
        from ui.pages.sms_outbox_page import SmsOutboxPage
        from ui.viewmodels.sms_outbox import SmsOutboxViewModel

        page = SmsOutboxPage(SmsOutboxViewModel(self.workspace), self.settings, parent)
        page.case_activated.connect(self.open_case)
        page.refresh()
        return page

    def _build_batches(self, parent: QWidget) -> QWidget:
        from ui.pages.batch_page import BatchPage
        from ui.viewmodels.batch import BatchViewModel

        page = BatchPage(BatchViewModel(self.workspace), self.settings, parent)
        page.case_activated.connect(self.open_case)
        page.data_changed.connect(self.case_list.refresh)
        page.refresh()
        return page

    def _build_settings(self, parent: QWidget) -> QWidget:
        from ui.pages.settings_page import SettingsPage
        from ui.viewmodels.settings import SettingsViewModel

        page = SettingsPage(SettingsViewModel(self.workspace), self.settings, parent)
        page.language_changed.connect(lambda _language: self.rebuild_requested.emit())
        page.data_changed.connect(self.refresh)
        return page

    # --- actions, menus, toolbar -------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        SP = QStyle.StandardPixmap
        self.new_case_action = self._action(
            _("New case …"), self.new_case, "Ctrl+N", SP.SP_FileIcon, "actionNewCase"
        )
        if not can(self.actor, Permission.INTAKE_CASE):
            self.new_case_action.setEnabled(False)
            self.new_case_action.setToolTip(
                _("Your role ({role}) does not allow you to {action}.").format(
                    role=label(self.actor.role), action=Permission.INTAKE_CASE.label
                )
            )
        self.find_action = self._action(
            _("Find a case"), self.focus_search, "Ctrl+F", SP.SP_FileDialogContentsView, "actionFind"
        )
        self.print_action = self._action(
            _("Print the case's documents …"),
            self.print_current,
            "Ctrl+P",
            SP.SP_DialogSaveButton,
            "actionPrint",
        )
        self.refresh_action = self._action(
            _("Refresh"), self.refresh, "F5", SP.SP_BrowserReload, "actionRefresh"
        )
        self.close_case_action = self._action(
            _("Close the case tab"), self.case_area.close_current, "Ctrl+W", name="actionCloseCase"
        )
        self.quit_action = self._action(_("Quit"), self.close, "Ctrl+Q", name="actionQuit")
        self.export_action = self._action(
            _("Export the case list …"),
            self.export_case_list,
            "Ctrl+E",
            SP.SP_DialogSaveButton,
            "actionExport",
        )
        if not can(self.actor, Permission.EXPORT_DATA):
            self.export_action.setEnabled(False)
            self.export_action.setToolTip(
                _("Your role ({role}) does not allow you to {action}.").format(
                    role=label(self.actor.role), action=Permission.EXPORT_DATA.label
                )
            )
        self.import_action = self._action(
            _("Import cases from a spreadsheet …"), self.import_cases, name="actionImport"
        )
        if not can(self.actor, Permission.INTAKE_CASE):
            self.import_action.setEnabled(False)
            self.import_action.setToolTip(
                _("Your role ({role}) does not allow you to {action}.").format(
                    role=label(self.actor.role), action=Permission.INTAKE_CASE.label
                )
            )
        self.go_actions = [
            self._action(self.navigation.item(i).text(), functools.partial(self.go_to, i), f"Ctrl+{i + 1}")
            for i in range(self.navigation.count())
        ]
        self.verify_action = self._action(_("Verify a document …"), self.verify_document, name="actionVerify")
        self.change_password_action = self._action(
            _("Change my password …"), self.change_password, name="actionChangePassword"
        )
        no_password = unavailable_reason(self.actor)
        self.change_password_action.setEnabled(not no_password)
        self.change_password_action.setToolTip(no_password)
        self.step_actions: dict[Action, QAction] = {}
        for step in Action:
            entry = self._action(
                step.label,
                functools.partial(self.take_step, step),
                STEP_SHORTCUTS.get(step),
                name=f"menu_step_{step.value}",
            )
            entry.setEnabled(False)
            self.step_actions[step] = entry
        self.open_logs_action = self._action(_("Open the log folder"), self.open_log_folder)
        self.about_action = self._action(_("About"), self.about)
        self.manual_action = self._action(
            _("User manual"), self.open_manual, QKeySequence.StandardKey.HelpContents, name="actionManual"
        )

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self.new_case_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.close_case_action)
        file_menu.addAction(self.verify_action)
        file_menu.addSeparator()
        file_menu.addAction(self.change_password_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addAction(self.find_action)
        go_menu = bar.addMenu(_("&Go"))
        for action in self.go_actions:
            go_menu.addAction(action)
        go_menu.addSeparator()
        go_menu.addAction(self.refresh_action)
        self.steps_menu = bar.addMenu(_("&Actions"))
        self.steps_menu.setObjectName("stepsMenu")
        self.steps_menu.setToolTipsVisible(True)
        for entry in self.step_actions.values():
            self.steps_menu.addAction(entry)
        self.steps_menu.aboutToShow.connect(self._refresh_step_actions)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.manual_action)
        help_menu.addSeparator()
        help_menu.addAction(self.open_logs_action)
        help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        toolbar = QToolBar(_("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_case_action)
        toolbar.addAction(self.find_action)
        toolbar.addAction(self.print_action)
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _update_print_action(self) -> None:
        # The count ("12 cases (filtered)") speaks of the case list: elsewhere it means nothing.
        self.count_label.setVisible(
            self.pages.currentIndex() == PAGE_CASES and self.case_area.currentWidget() is self.case_list
        )
        on_case = self.pages.currentIndex() == PAGE_CASES and self.case_area.current_case_id() is not None
        for entry in self.step_actions.values():
            entry.setEnabled(on_case)
        self.print_action.setEnabled(on_case)
        self.print_action.setToolTip(
            _("Print this case's documents")
            if on_case
            else _("Open a case first: printing prints the documents of the open case.")
        )
        self.print_action.setStatusTip(self.print_action.toolTip())

    # --- what the actions do ----------------------------------------------------------------

    def open_case(self, case_id: int) -> None:
        """The hook for opening a case from anywhere: its tab in the case area."""
        self.go_to(PAGE_CASES)
        self.case_area.open_case(case_id)
        self.case_opened.emit(case_id)
        self._update_print_action()

    def open_case_on(self, case_id: int, page_name: str) -> None:
        """Open the case on one of its pages (``mediation``, ``documents`` …): from the Today page."""
        self.open_case(case_id)
        view = self.case_area.case_view_at(self.case_area.currentIndex())
        if view is not None and page_name in view.pages:
            view.show_page(page_name)

    def take_step(self, action: Action) -> None:
        """An entry of the Actions menu (or its shortcut): the step on the open case, or why not."""
        view = self.case_area.case_view_at(self.case_area.currentIndex())
        if view is None or self.pages.currentIndex() != PAGE_CASES:
            return
        view.runner.run(action)

    def _refresh_step_actions(self) -> None:
        """Before the Actions menu opens: each step greyed with its reason, as in the case header."""
        view = self.case_area.case_view_at(self.case_area.currentIndex())
        for action, entry in self.step_actions.items():
            if view is None or self.pages.currentIndex() != PAGE_CASES:
                entry.setEnabled(False)
                entry.setToolTip(_("Open a case first: the steps are taken on the open case."))
                continue
            state = view.runner.availability(action)
            entry.setEnabled(state.enabled)
            entry.setToolTip(state.why or action.label)

    def new_case(self) -> None:
        if not self.new_case_action.isEnabled():
            return
        from ui.intake.intake_dialog import IntakeDialog  # built on first use: start-up stays quick
        from ui.viewmodels.intake import IntakeViewModel

        ref = IntakeDialog.ask(IntakeViewModel(self.workspace), self)
        if ref is None:
            return
        self.statusBar().showMessage(_("Case {number} registered.").format(number=ref.number), 8000)
        self.refresh()
        self.case_list.select_case(ref.id)
        self.open_case(ref.id)

    def import_cases(self) -> None:
        from ui.import_dialog import ImportDialog  # built on first use: start-up stays quick
        from ui.viewmodels.batch_import import ImportViewModel

        if ImportDialog.ask(ImportViewModel(self.workspace), self):
            self.refresh()

    def export_case_list(self) -> TaskHandle | None:
        """The list as filtered and sorted now, to an XLSX file, off the GUI thread."""
        if not self.export_action.isEnabled():
            return None
        from mediation_app.exports import ExportSummary  # openpyxl loads on the first export only

        suggested = str(Path.home() / (_("case-list") + f"-{self.workspace.today():%Y%m%d}.xlsx"))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export the case list"), suggested, _("Excel workbook (*.xlsx)")
        )
        if not chosen:
            return None
        cases, model = self.cases, self.case_list.model
        filters, sort = model.case_filter, model.case_sort

        def work(task: TaskHandle) -> ExportSummary:
            task.progress(0, 0, _("Writing {count} cases …").format(count=formatting.count(model.rowCount())))
            return cases.export(Path(chosen), filters, sort)

        def done(summary: object) -> None:
            assert isinstance(summary, ExportSummary)
            self.statusBar().showMessage(
                _("Exported {rows} cases to {path}").format(rows=summary.rows, path=summary.path), 10000
            )

        return run_with_progress(self, _("Exporting the case list"), work, on_done=done, cancellable=False)

    def change_password(self) -> None:
        if not self.change_password_action.isEnabled():
            return
        from ui.change_password_dialog import ChangePasswordDialog

        if ChangePasswordDialog.ask(AccountsViewModel(self.workspace), self):
            self.statusBar().showMessage(_("Your password was changed."), 8000)

    def verify_document(self) -> None:
        from ui.verify_dialog import VerifyDialog
        from ui.viewmodels.verification import VerificationViewModel

        VerifyDialog.ask(VerificationViewModel(self.workspace), self)

    def focus_search(self) -> None:
        self.go_to(PAGE_CASES)
        self.case_area.setCurrentIndex(0)
        self.case_list.focus_search()

    def print_current(self) -> None:
        case_id = self.case_area.current_case_id()
        if case_id is None or self.pages.currentIndex() != PAGE_CASES:
            return
        self.print_requested.emit(case_id)
        self.case_area.print_current()

    def refresh(self) -> None:
        """Re-read everything shown (after a change made here or at another workstation)."""
        self.case_list.refresh()
        current = self._lazy.get(self.pages.currentIndex())
        if current is not None:
            current.visit()

    def open_log_folder(self) -> None:
        folder = log_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def open_manual(self) -> None:
        from ui.help_window import HelpWindow  # the manual's browser only when it is asked for

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About"),
            _(
                "Property Dispute Mediation {version}\nLicheng District property-dispute mediation centre.\n\n"
                "Log file: {log}"
            ).format(version=__version__, log=log_path()),
        )

    def _show_count(self, count: int) -> None:
        text = _("{count} cases").format(count=formatting.count(count))
        if self.case_list.filter_bar.is_active() or self.case_list.search.text().strip():
            text = _("{count} cases (filtered)").format(count=formatting.count(count))
        self.count_label.setText(text)

    # --- remembered layout -------------------------------------------------------------------

    def load(self) -> None:
        """Fill the case list (after the window is shown, so it appears at once)."""
        self.case_list.load()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value("main_window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        table = self.settings.value("main_window/case_table")
        if table is not None:
            self.case_list.table.horizontalHeader().restoreState(table)

    def save_layout(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.settings.setValue("main_window/splitter", self.splitter.saveState())
        self.settings.setValue("main_window/case_table", self.case_list.table.horizontalHeader().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        refusing = self.case_area.first_refusing_to_close()
        if refusing is not None:
            self.case_area.setCurrentIndex(refusing)
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)
