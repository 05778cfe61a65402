"""A navigation page built the first time it is shown.

Start-up must reach a usable case list quickly; the dashboard pulls in QtCharts and runs
aggregate queries, the other pages run queries of their own. Each is built on first visit by
its factory and refreshed (``refresh()``, when it has one) on every later visit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    def __init__(self, factory: Callable[[QWidget], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def content(self) -> QWidget | None:
        return self._content

    def ensure_built(self) -> QWidget:
        if self._content is None:
            self._content = self._factory(self)
            self._layout.addWidget(self._content)
        return self._content

    def visit(self) -> QWidget:
        """Build on the first visit, refresh on later ones."""
        if self._content is None:
            return self.ensure_built()
        refresh: Any = getattr(self._content, "refresh", None)
        if callable(refresh):
            refresh()
        return self._content
