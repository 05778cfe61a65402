"""A drop-down button with a checkable list, for filters that take several values at once.

A push button with a menu (its arrow has room of its own, unlike a tool button's). The menu stays
open while boxes are ticked (a plain QMenu closes on every click), so choosing
three statuses is three clicks, not three trips. The button's text says what is chosen:
"Status" (nothing, meaning all), "Status: In mediation" (one), "Status (3)" (several).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from mediation_app import formatting
from mediation_app.i18n import _


class _StayOpenMenu(QMenu):
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()  # toggles and emits, without closing the menu
            return
        super().mouseReleaseEvent(event)


class MultiSelectButton(QPushButton):
    selection_changed = Signal()

    def __init__(self, title: str, items: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``items`` are (stable value, shown label) pairs, in the order shown."""
        super().__init__(parent)
        self._title = title
        menu = _StayOpenMenu(self)
        self._all = QAction(_("All (clear the choice)"), menu)
        self._all.triggered.connect(self.clear)
        menu.addAction(self._all)
        menu.addSeparator()
        self._actions: dict[str, QAction] = {}
        for value, text in items:
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setData(value)
            action.toggled.connect(self._changed)
            menu.addAction(action)
            self._actions[value] = action
        self.setMenu(menu)
        self._quiet = False
        self._update_text()

    def selected(self) -> frozenset[str]:
        return frozenset(value for value, action in self._actions.items() if action.isChecked())

    def set_selected(self, values: Iterable[str]) -> None:
        wanted = set(values)
        self._quiet = True
        try:
            for value, action in self._actions.items():
                action.setChecked(value in wanted)
        finally:
            self._quiet = False
        self._update_text()

    def clear(self) -> None:
        if self.selected():
            self.set_selected(())
            self.selection_changed.emit()

    def action_for(self, value: str) -> QAction:
        return self._actions[value]

    def _changed(self) -> None:
        if self._quiet:
            return
        self._update_text()
        self.selection_changed.emit()

    def _update_text(self) -> None:
        chosen = [a.text() for a in self._actions.values() if a.isChecked()]
        if not chosen:
            text = self._title
        elif len(chosen) == 1:
            text = formatting.labelled(self._title, chosen[0])
        else:
            text = _("{title} ({count})").format(title=self._title, count=len(chosen))
        self.setText(text)
        self.setToolTip("\n".join(chosen) if chosen else _("{title}: all").format(title=self._title))
