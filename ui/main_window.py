"""The main window: navigation on the left, the chosen page on the right, a count below."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from mediation_app import __version__
from mediation_app.i18n import _
from mediation_app.storage.uow import Database
from ui.pages.case_list_page import CaseListPage


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: QSettings) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(_("Property Dispute Mediation") + f" — {__version__}")
        self.resize(1280, 780)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.pages = QStackedWidget(self)
        self.case_list = CaseListPage(db, self)
        self._add_page(_("Cases"), self.case_list)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.case_list.count_changed.connect(self._show_count)
        self._restore_layout()

    def _add_page(self, title: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        QListWidgetItem(title, self.navigation)

    def load(self) -> None:
        """Fill the pages from the database (after the window is shown, so it appears at once)."""
        self.case_list.load()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(_("{count} cases").format(count=f"{count:,}"))

    def _restore_layout(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main_window/case_table")
        if state is not None:
            self.case_list.table.horizontalHeader().restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/case_table", self.case_list.table.horizontalHeader().saveState())
        super().closeEvent(event)
