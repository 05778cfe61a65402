"""What the user sees when something goes wrong, and what the log keeps.

- A :class:`~mediation_app.errors.MediationError` is a message meant for the user: it is shown as
  it is (a field's error goes beside its field; the forms handle those themselves). A
  :class:`~mediation_app.errors.ConflictError` (someone saved the same record meanwhile) comes
  with the offer to reload it (:func:`ask_to_reload`).
- A :class:`~mediation_app.errors.SignInRequired` (the account was deactivated or given another
  role since it signed in) is shown, then :func:`sign_in_requests` says so: the window's host
  (:class:`ui.app.WindowHost`) hides the window and asks who signs in.
- Anything else is a bug: the user gets a short apology naming the log file, and the log
  (``data_dir()/logs/mediation-app.log``, rotated, set up by :mod:`mediation_app.log_file`) keeps
  the traceback. Drafts keep what was typed.

:func:`install_excepthook` routes uncaught exceptions (including those raised inside Qt slots,
which PySide6 hands to ``sys.excepthook``) to :func:`report_unexpected`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mediation_app.errors import MediationError, SignInRequired
from mediation_app.i18n import _
from mediation_app.log_file import log_path, setup_logging

log = logging.getLogger("mediation_app.ui")


class SignInRequests(QObject):
    """Says :attr:`needed` after a refusal that only signing in again can answer."""

    needed = Signal()


_requests: SignInRequests | None = None


def sign_in_requests() -> SignInRequests:
    global _requests
    if _requests is None:
        _requests = SignInRequests()
    return _requests


def show_error(parent: QWidget | None, error: MediationError, title: str | None = None) -> None:
    """A user-facing error: its own words, no traceback (then, for a :class:`SignInRequired`,
    the request to sign in again)."""
    QMessageBox.warning(parent, title or _("Cannot do that"), error.message)
    if isinstance(error, SignInRequired):
        sign_in_requests().needed.emit()


def ask_to_reload(parent: QWidget | None, message: str, reload_text: str) -> bool:
    """Someone saved the record meanwhile (``message`` says so): reload it? ``reload_text`` names
    the button that says yes; the other is "Not now"."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Changed by someone else"), message, parent=parent)
    reload_button = box.addButton(reload_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is reload_button


def apology_text(path: Path) -> str:
    return _(
        "Sorry, something went wrong inside the program. What you typed is kept in a draft.\n\n"
        "The details were written to the log file:\n{path}\n\n"
        "Please send that file to your administrator."
    ).format(path=path)


def report_unexpected(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the traceback and, when a window can be shown, apologise naming the log file."""
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return
    parent = QApplication.activeWindow()
    if isinstance(exc, MediationError):
        show_error(parent, exc)
        return
    QMessageBox.critical(parent, _("Unexpected error"), apology_text(log_path()))


def show_failure(parent: QWidget | None, error: object) -> None:
    """What work in the background failed with: a user-facing error in its own words
    (:func:`show_error`), anything else logged with the apology (:func:`report_unexpected`)."""
    if isinstance(error, MediationError):
        show_error(parent, error)
    elif isinstance(error, BaseException):
        report_unexpected(type(error), error, error.__traceback__)


_showing = False


def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if _showing:  # an error while the apology is open: log it, do not stack message boxes
        log.error("unexpected error (while reporting another)", exc_info=(exc_type, exc, tb))
        return
    _showing = True
    try:
        report_unexpected(exc_type, exc, tb)
    finally:
        _showing = False


def install_excepthook() -> None:
    setup_logging()
    sys.excepthook = _hook
