"""The GUI's composition root: builds the application, opens the database, shows the window.

The database opened here goes to the sign-in gate's view model and then, with the person who
signed in, into the :class:`~ui.viewmodels.workspace.Workspace` the main window and every screen's
view model work in. Nothing is built at import time. A database that cannot be opened (wrong URL, server down, a
newer schema) is reported in one message box, never as a traceback. Unexpected errors are
logged to ``data_dir()/logs/mediation-app.log`` and answered with a short apology naming that
file (:mod:`ui.error_reporting`). A language switch rebuilds the main window in the new language;
a signed-in client idle for the centre's set time returns to the sign-in dialog (:mod:`ui.idle`).
"""

from __future__ import annotations

import logging
import sys
import weakref

import shiboken6
from PySide6.QtCore import QLibraryInfo, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from mediation_app.backup.locate import sqlite_path
from mediation_app.backup.startup import open_for_app
from mediation_app.clock import Clock
from mediation_app.errors import MediationError
from mediation_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language
from mediation_app.i18n import language as current_language
from ui.app_icon import set_window_icon
from ui.error_reporting import install_excepthook, sign_in_requests
from ui.fonts import register_fonts
from ui.idle import IdleWatch
from ui.main_window import MainWindow
from ui.session_gate import obtain_actor
from ui.sign_in_dialog import SignInDialog
from ui.tasks import run_in_background
from ui.viewmodels.sign_in import SignInViewModel
from ui.viewmodels.workspace import Workspace

ORGANIZATION = "LichengMediation"
APPLICATION = "mediation-app"

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName(APPLICATION)  # the Linux desktop entry (mediation-app.desktop) it belongs to
    register_fonts(app)
    set_window_icon(app)
    return app


_qt_translator: QTranslator | None = None


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own words (OK, Cancel, Close, the file dialog …) in the app's language.

    Qt ships them as ``qtbase_<lang>.qm``; English needs none. Called on start and after a
    language switch, so the standard buttons follow the rest of the window.
    """
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        log.warning("no Qt translation qtbase_%s in %s", language, folder)


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def saved_language(app_settings: QSettings) -> str:
    value = app_settings.value("language", DEFAULT_LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def start_daily_backup(db_url: str | None, clock: Clock, parent: QWidget | None) -> None:
    """Make today's backup of the single-seat SQLite database off the GUI thread (once a day).

    A failure is shown as a warning and the work goes on: yesterday's backups are untouched.
    """
    # Imported here: the backup machinery (zip archives, the checkpoint's signing key) is not
    # needed to show the first window, and this runs once it is up.
    from mediation_app.backup.daily import ensure_daily_backup, ensure_workstation_checkpoint

    path = sqlite_path(db_url)
    if path is None:  # a shared server: its backups are the administrator's; the checkpoint is ours
        run_in_background(lambda _handle: ensure_workstation_checkpoint(db_url, clock), parent=parent)
        return

    def failed(error: BaseException) -> None:
        message = error.message if isinstance(error, MediationError) else str(error)
        log.warning("daily backup failed: %s", message)
        QMessageBox.warning(
            parent, _("Daily backup"), _("Today's backup could not be made: {reason}").format(reason=message)
        )

    run_in_background(lambda _handle: ensure_daily_backup(path, clock), on_error=failed, parent=parent)


class WindowHost:
    """Keeps the one main window: replaces it when the language changes, and signs out after the
    centre's idle time when someone signed in (see :mod:`ui.idle`)."""

    def __init__(
        self,
        workspace: Workspace,
        app_settings: QSettings,
        gate: SignInViewModel | None = None,
        *,
        idle_ms: int | None = None,
    ) -> None:
        self.workspace = workspace
        self.settings = app_settings
        self.window: MainWindow | None = None
        self.gate = gate
        self.idle: IdleWatch | None = None
        self._asking = False
        if gate is not None and workspace.actor.staff_id is not None:
            timeout = idle_ms if idle_ms is not None else gate.idle_sign_out_minutes() * 60_000
            self.idle = IdleWatch(timeout)
            self.idle.idle.connect(self.sign_out)
        if gate is not None:
            # The account was deactivated or its role changed (a step was refused): sign in again.
            # Held weakly: a host that is gone (its window closed) is not asked.
            host = weakref.ref(self)

            def needed() -> None:
                alive = host()
                if alive is not None:
                    alive.sign_out()

            sign_in_requests().needed.connect(needed)

    def open(self) -> MainWindow:
        window = MainWindow(self.workspace, self.settings)
        window.rebuild_requested.connect(self.rebuild)
        window.show()
        window.load()
        self.window = window
        if self.idle is not None:
            self.idle.start()
        return window

    def rebuild(self) -> MainWindow:
        """Build a new window in the language now in force, where the old one was."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, current_language())
        old = self.window
        page = 0
        if old is not None:
            page = old.pages.currentIndex()
            old.save_layout()
        window = self.open()
        window.go_to(page)
        if old is not None:
            old.rebuild_requested.disconnect(self.rebuild)
            old.hide()
            old.deleteLater()
        return window

    def sign_out(self) -> None:
        """Idle too long, or the account refused: close the open dialogs (an intake dialog keeps
        its draft), hide the window, and ask who signs in once the dialogs' own loops have ended."""
        if self._asking or self.window is None or not shiboken6.isValid(self.window):
            return
        self._asking = True
        if self.idle is not None:
            self.idle.stop()
        log.info("idle sign-out of staff id %s", self.workspace.actor.staff_id)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if self.window is not None:
            self.window.hide()
        QTimer.singleShot(0, self._sign_in_again)

    def _sign_in_again(self) -> None:
        assert self.gate is not None  # only a host with a gate signs out
        actor = SignInDialog.ask(self.gate, None)
        self._asking = False
        old = self.window
        if actor is None:  # the person quit at the sign-in dialog
            if old is not None:
                old.close()
            QApplication.quit()
            return
        if actor == self.workspace.actor and old is not None:
            old.show()  # the same person, the same role: everything as it was left
            if self.idle is not None:
                self.idle.start()
            return
        # Someone else (or the same account with another role): a window of their own.
        self.workspace = self.workspace.signed_in_as(actor)
        self.window = None
        self.open()
        if old is not None:
            old.rebuild_requested.disconnect(self.rebuild)
            old.deleteLater()


def open_main_window(workspace: Workspace, app_settings: QSettings) -> MainWindow:
    """Show a main window (start-up benchmarks and tests use this without a host)."""
    window = MainWindow(workspace, app_settings)
    window.show()
    window.load()
    return window


def run(db_url: str | None = None, language: str | None = None, *, quit_after_ms: int | None = None) -> int:
    """Open the client; returns the process exit status.

    ``quit_after_ms`` closes the window after that long (smoke tests and benchmarks).
    """
    app = create_application()
    install_excepthook()
    app_settings = settings()
    set_language(language or saved_language(app_settings))
    install_qt_translations(app, current_language())
    try:
        db = open_for_app(db_url)  # backs an older database up before upgrading it
    except MediationError as error:
        QMessageBox.critical(None, _("Cannot open the database"), error.message)
        return 2
    try:
        gate = SignInViewModel(db)
        actor = obtain_actor(gate, None)
        if actor is None:
            return 0
        host = WindowHost(Workspace(db, actor), app_settings, gate)
        window = host.open()
        start_daily_backup(db_url, db.clock, window)
        log.info("client started as %s (%s)", actor.name, actor.role.value)
        if quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, lambda: host.window.close() if host.window else window.close())
        return app.exec()
    finally:
        db.dispose()
