"""Long work runs off the GUI thread, reports progress, can be cancelled, and reports failures."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from mediation_app.errors import WorkflowError
from ui import error_reporting
from ui.tasks import TaskHandle, run_with_progress


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_work_runs_on_another_thread_and_hands_back_its_result(qtbot: QtBot, parent: QWidget) -> None:
    gui_thread = threading.get_ident()

    def work(task: TaskHandle) -> int:
        for step in range(3):
            task.progress(step, 3, f"step {step}")
        return threading.get_ident()

    results: list[object] = []
    run_with_progress(parent, "work", work, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results[0] != gui_thread


def test_cancel_stops_the_work_and_keeps_the_dialog_until_it_has(qtbot: QtBot, parent: QWidget) -> None:
    started = threading.Event()

    def work(task: TaskHandle) -> None:
        started.set()
        while True:
            task.check()
            time.sleep(0.005)

    stopped: list[bool] = []
    handle = run_with_progress(parent, "endless", work, on_cancelled=lambda: stopped.append(True))
    started.wait(2)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    dialog.canceled.emit()  # the Cancel button
    assert dialog.labelText()  # still up, saying it is stopping
    qtbot.waitUntil(lambda: bool(stopped))
    assert handle.wait(1)


def test_a_user_facing_error_is_shown_as_its_message(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(error_reporting, "show_error", lambda parent, error: shown.append(error.message))

    def work(task: TaskHandle) -> None:
        raise WorkflowError("不能这样做")

    handle = run_with_progress(parent, "refused", work)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["不能这样做"]
    assert isinstance(handle.error, WorkflowError)


def test_an_unexpected_error_gets_the_apology_with_the_log_path(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: texts.append(text))

    def work(task: TaskHandle) -> None:
        raise ZeroDivisionError("a bug")

    run_with_progress(parent, "buggy", work)
    qtbot.waitUntil(lambda: bool(texts))
    assert "mediation-app.log" in texts[0]
    assert "ZeroDivisionError" not in texts[0]  # the details go to the log, not the person


def test_the_log_keeps_the_traceback(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.error_reporting import log_path, report_unexpected, setup_logging

    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    path = setup_logging()
    root = logging.getLogger()
    added = [h for h in root.handlers if getattr(h, "baseFilename", None) == str(path)]
    try:
        try:
            raise KeyError("lost key")
        except KeyError as error:
            report_unexpected(KeyError, error, error.__traceback__)
        for handler in added:
            handler.flush()
    finally:
        for handler in added:
            root.removeHandler(handler)
            handler.close()
    text = log_path().read_text(encoding="utf-8")
    assert "KeyError" in text and "lost key" in text


def test_the_excepthook_apologises_for_a_bug_and_shows_a_users_error_as_it_is(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    apologies: list[str] = []
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: apologies.append(text))
    monkeypatch.setattr(error_reporting, "show_error", lambda parent, error: messages.append(error.message))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(error_reporting, "setup_logging", lambda: error_reporting.log_path())
    error_reporting.install_excepthook()
    sys.excepthook(ValueError, ValueError("a bug"), None)
    sys.excepthook(WorkflowError, WorkflowError("案件已结案"), None)
    assert len(apologies) == 1 and str(error_reporting.log_path()) in apologies[0]
    assert messages == ["案件已结案"]
