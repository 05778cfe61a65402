"""Driving the case view's real dialogs in tests, without their modal loop.

Every dialog of the case view is built by its ``ask`` and shown by :meth:`FormDialog.run`.
:class:`Dialogs` replaces ``run``: the next scripted filler gets the real dialog (already built
with the case's data), types into its widgets, and the dialog's own OK handler runs — reading the
fields, calling the service, placing any error beside its field. A dialog that stays open (the
service refused) is recorded with its messages, as a person would see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from ui.case_view import feedback
from ui.case_view.finalise_dialog import FinaliseConfirmation
from ui.case_view.form_dialog import FormDialog
from ui.case_view.performance_dialogs import CloseAsPerformedPrompt
from ui.widgets.field_errors import ErrorLabel

Filler = Callable[[Any], None]


@dataclass
class Dialogs:
    """Scripted answers to the dialogs, in the order they open."""

    monkeypatch: pytest.MonkeyPatch
    script: list[tuple[type, Filler]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (dialog, messages shown)
    notices: list[str] = field(default_factory=list)
    confirms: list[str] = field(default_factory=list)
    finalise_numbers: list[str] = field(default_factory=list)  # the numbers 定稿 asked about
    close_prompts: int = 0  # times the user was asked to close the case as performed
    close_answer: bool = True

    def install(self) -> Dialogs:
        driver = self

        def run(dialog: FormDialog[Any], submit: Callable[[Any], Any]) -> Any:
            assert driver.script, f"no answer scripted for {type(dialog).__name__}"
            expected, fill = driver.script.pop(0)
            assert isinstance(dialog, expected), (
                f"{type(dialog).__name__} opened, {expected.__name__} expected"
            )
            dialog._submit = submit
            fill(dialog)
            dialog.accept()
            if dialog.submitted is None:
                shown = [label.text() for label in dialog.findChildren(ErrorLabel) if label.text()]
                driver.refused.append((type(dialog).__name__, " ".join(t for t in shown if t)))
            dialog.deleteLater()
            return dialog.submitted

        self.monkeypatch.setattr(FormDialog, "run", run)
        self.monkeypatch.setattr(
            feedback.Notice,
            "show",
            classmethod(lambda cls, parent, text, title=None: driver.notices.append(text)),
        )
        self.monkeypatch.setattr(
            feedback.Confirm,
            "ask",
            classmethod(lambda cls, parent, title, text: driver.confirms.append(text) or True),
        )
        self.monkeypatch.setattr(
            FinaliseConfirmation,
            "ask",
            classmethod(lambda cls, parent, preview: driver.finalise_numbers.append(preview.number) or True),
        )

        def close_prompt(cls: type, parent: object) -> bool:
            driver.close_prompts += 1
            return driver.close_answer

        self.monkeypatch.setattr(CloseAsPerformedPrompt, "ask", classmethod(close_prompt))
        return self

    def answer(self, dialog: type, fill: Filler = lambda _d: None) -> None:
        self.script.append((dialog, fill))


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (Chinese too: qtbot.keyClicks aborts on non-ASCII characters)."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
