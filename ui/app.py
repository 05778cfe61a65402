"""The GUI's composition root: builds the application, opens the database, shows the window.

Nothing is built at import time. A database that cannot be opened (wrong URL, server down, a
newer schema) is reported in one message box, never as a traceback.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mediation_app.errors import MediationError
from mediation_app.i18n import DEFAULT_LANGUAGE, _, set_language
from mediation_app.storage.uow import Database
from ui.fonts import register_fonts
from ui.main_window import MainWindow

ORGANIZATION = "LichengMediation"
APPLICATION = "mediation-app"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    register_fonts(app)
    return app


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def open_main_window(db: Database, app_settings: QSettings) -> MainWindow:
    window = MainWindow(db, app_settings)
    window.show()
    window.load()
    return window


def run(db_url: str | None = None, language: str | None = None, *, quit_after_ms: int | None = None) -> int:
    """Open the client; returns the process exit status.

    ``quit_after_ms`` closes the window after that long (smoke tests and benchmarks).
    """
    app = create_application()
    app_settings = settings()
    set_language(language or str(app_settings.value("language", DEFAULT_LANGUAGE)))
    try:
        db = Database.open(db_url)
    except MediationError as error:
        QMessageBox.critical(None, _("Cannot open the database"), error.message)
        return 2
    window = open_main_window(db, app_settings)
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, window.close)
    try:
        return app.exec()
    finally:
        db.dispose()
