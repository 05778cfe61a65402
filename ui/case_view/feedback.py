"""Telling the user: errors, questions, and the offer to reload after a conflicting save.

Each prompt is a class with a ``classmethod ask``/``show`` returning plain values, so tests
replace it instead of clicking a modal box. :func:`attempt` runs one save of the case's view model
for a button without a form: a conflict offers to reload (nothing was typed, so nothing is lost),
any other :class:`~mediation_app.errors.MediationError` is shown in its own words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from mediation_app.errors import ConflictError, MediationError
from mediation_app.i18n import _
from ui.case_view.context import CaseContext
from ui.error_reporting import ask_to_reload

T = TypeVar("T")


STATUS_MS = 8000


def show_status(widget: QWidget, message: str) -> None:
    """Say ``message`` in the main window's status bar, when the widget is inside one."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, STATUS_MS)


class Notice:
    @classmethod
    def show(cls, parent: QWidget | None, text: str, title: str | None = None) -> None:
        QMessageBox.warning(parent, title or _("Cannot do that"), text)


class Confirm:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class ConflictPrompt:
    """Someone saved the case meanwhile: reload now? (What was typed stays in the form.)"""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str) -> bool:
        return ask_to_reload(parent, message, _("Reload the case"))


def attempt(
    ctx: CaseContext, parent: QWidget | None, work: Callable[[], T], *, announce: bool = True
) -> T | None:
    """Run ``work`` as one save; show what went wrong and return None when it was refused."""
    try:
        return ctx.save(work, announce=announce)
    except ConflictError as error:
        if ConflictPrompt.ask(parent, error.message):
            ctx.reload_wanted.emit()
    except MediationError as error:
        Notice.show(parent, error.message)
    return None
