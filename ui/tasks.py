"""Long work off the GUI thread: a worker on the thread pool, a progress dialog, and Cancel.

The work is a plain function ``work(task) -> result`` that reports with
``task.progress(done, total, text)`` and stops early when ``task.cancelled`` (or calls
``task.check()``, which raises :class:`Cancelled`). It must not touch widgets: results come back
to the GUI thread through ``on_done``; a :class:`~mediation_app.errors.MediationError` is shown as
its message, anything else as the apology with the log's path. The window keeps repainting and
answering while the work runs::

    run_with_progress(self, _("Exporting the case list"), export, on_done=self._exported)
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediation_app.i18n import _
from ui.error_reporting import show_failure

SHOW_AFTER_MS = 300


class Cancelled(Exception):
    """Raised inside the work by :meth:`TaskHandle.check` after the user pressed Cancel."""


class TaskHandle(QObject):
    """One piece of long work: start it, watch its signals, cancel it."""

    progressed = Signal(int, int, str)  # done, total (0: unknown), what is happening
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    was_cancelled = Signal()
    ended = Signal()  # after any of the three above

    def __init__(self, work: Callable[[TaskHandle], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._runnable: _Runnable | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.succeeded.connect(self._keep_result)
        self.failed.connect(self._keep_error)

    # --- called from the worker thread ----------------------------------------------------------

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    # --- called from the GUI thread -------------------------------------------------------------

    def start(self, pool: QThreadPool | None = None) -> TaskHandle:
        self._runnable = _Runnable(self)
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the work has returned (tests, shutdown); signals still need the event loop."""
        return self._done.wait(timeout_s)

    def _keep_result(self, result: object) -> None:
        self.result = result

    def _keep_error(self, error: object) -> None:
        self.error = error if isinstance(error, BaseException) else None


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the handle keeps it; Python owns it
        self._handle = handle

    def run(self) -> None:
        handle = self._handle
        try:
            result = handle._work(handle)
        except Cancelled:
            handle.was_cancelled.emit()
        except BaseException as error:  # everything reaches the GUI thread, nothing dies silently
            error.__traceback__ = error.__traceback__ or sys.exc_info()[2]
            handle.failed.emit(error)
        else:
            if handle.cancelled:
                handle.was_cancelled.emit()
            else:
                handle.succeeded.emit(result)
        finally:
            handle._done.set()
            handle.ended.emit()


_running: set[TaskHandle] = set()  # handles stay alive until their work has ended


def run_in_background(
    work: Callable[[TaskHandle], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    parent: QObject | None = None,
) -> TaskHandle:
    """Run ``work`` on the thread pool without a dialog (quick reads the screen waits for)."""
    handle = TaskHandle(work, parent)
    if on_done is not None:
        handle.succeeded.connect(on_done)
    if on_error is not None:
        handle.failed.connect(on_error)
    _running.add(handle)
    handle.ended.connect(lambda: _running.discard(handle))
    return handle.start()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Callable[[TaskHandle], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
) -> TaskHandle:
    """Run ``work`` in the background behind a modal progress dialog with a Cancel button.

    Work that cannot stop halfway (one database copy) passes ``cancellable=False``: the dialog
    then has no Cancel button rather than one that would not work.
    """
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setObjectName("taskProgress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    if not cancellable:
        dialog.setCancelButton(None)
    # The handle is not the dialog's child: the dialog is deleted when the work ends, and the
    # handle (with the runnable the pool may still be leaving) must outlive it. _running keeps it.
    handle = TaskHandle(work, None)

    def progressed(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            dialog.setLabelText(text)

    def failed(error: object) -> None:
        show_failure(parent, error)

    def cancel_requested() -> None:
        dialog.setLabelText(_("Stopping …"))
        handle.cancel()

    handle.progressed.connect(progressed)
    handle.failed.connect(failed)
    if on_done is not None:
        handle.succeeded.connect(on_done)
    if on_cancelled is not None:
        handle.was_cancelled.connect(on_cancelled)
    handle.ended.connect(dialog.close)
    handle.ended.connect(dialog.deleteLater)
    handle.ended.connect(lambda: _running.discard(handle))
    # Keep the dialog up saying "Stopping" until the work has really stopped (by default Cancel
    # hides it at once, and the user could start something else meanwhile).
    dialog.canceled.disconnect(dialog.cancel)
    dialog.canceled.connect(cancel_requested)
    _running.add(handle)
    handle.start()
    # Quick work finishes without a flash of a dialog; slow work shows it even before its first
    # progress report (QProgressDialog alone waits for one).
    QTimer.singleShot(SHOW_AFTER_MS, dialog, lambda: None if handle.wait(0) else dialog.show())
    return handle
