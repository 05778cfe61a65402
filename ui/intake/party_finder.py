"""Pick an existing party by typing part of what the clerk knows, or go on with a new one.

Typing runs the given search (debounced) and offers the matches in a drop-down; choosing one
"picks" it: the finder then shows the chosen party with a button to undo the choice. The search
itself is the caller's (a lookups service), so the finder serves owners and companies alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from mediation_app.i18n import _

SEARCH_DELAY_MS = 150
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Search = Callable[[str], list[tuple[int, str]]]  # text → [(id, the text shown for it)]


class PartyFinder(QWidget):
    picked = Signal(int)
    unpicked = Signal()

    def __init__(self, placeholder: str, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._picked_id: int | None = None
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(True)
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        # The service has already chosen the matches (by name, phone or ID tail); the drop-down
        # must not filter them again by the text it shows.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.line)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo = QPushButton(_("Choose another"), self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.chosen, 1)
        layout.addWidget(self.undo)
        self._show_state()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.line.textEdited.connect(lambda _text: self._timer.start())
        # QCompleter.activated is overloaded (text, index): pick the index one. PySide6's stubs
        # give SignalInstance no __getitem__, though overloaded signals are indexed so at runtime.
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.undo.clicked.connect(self.unpick)

    @property
    def picked_id(self) -> int | None:
        return self._picked_id

    def picked_text(self) -> str:
        return self.chosen.text() if self._picked_id is not None else ""

    def run_search(self) -> None:
        self._timer.stop()
        self.matches.clear()
        for party_id, text in self._search(self.line.text()):
            item = QStandardItem(text)
            item.setData(party_id, ID_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.completer.complete()
        else:
            popup = self.completer.popup()
            if popup is not None:
                popup.hide()

    def pick(self, party_id: int, text: str) -> None:
        self._picked_id = party_id
        self.chosen.setText(text)
        self.line.clear()
        self._show_state()
        self.picked.emit(party_id)

    def unpick(self) -> None:
        if self._picked_id is None:
            return
        self._picked_id = None
        self.chosen.clear()
        self._show_state()
        self.line.setFocus()
        self.unpicked.emit()

    def _activated(self, index: QModelIndex) -> None:
        party_id = index.data(ID_ROLE)
        if party_id is not None:
            self.pick(int(party_id), str(index.data(Qt.ItemDataRole.DisplayRole)))

    def _show_state(self) -> None:
        picked = self._picked_id is not None
        self.line.setVisible(not picked)
        self.chosen.setVisible(picked)
        self.undo.setVisible(picked)
