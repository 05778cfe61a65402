"""Idle sign-out: after a set time without a key press, a click or the wheel, a signed-in client
goes back to the sign-in dialog.

:class:`IdleWatch` watches the whole application's input (an event filter on the
``QApplication``) and says :attr:`IdleWatch.idle` once the time has run out. The composition root
(:class:`ui.app.WindowHost`) then closes the open dialogs (an intake dialog keeps its draft when
it closes), hides the main window and asks who signs in: the same person finds the window as they
left it; someone else gets a new window of their own. The time is the centre's setting
(:func:`mediation_app.services.accounts.idle_sign_out_minutes`, 15 minutes by default); a single
seat without sign-in never signs out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    """Says :attr:`idle` after ``timeout_ms`` without input anywhere in the application."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # remaining_ms counts down exactly
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle.emit)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def remaining_ms(self) -> int:
        """Milliseconds left before :attr:`idle` (-1 when not counting)."""
        return self._timer.remainingTime()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()  # restart the count
        return False

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
