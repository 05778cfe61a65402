"""Where opened cases live: a tab per case beside the case list (the list is the first tab).

:meth:`CaseArea.open_case` is the one hook for opening a case from anywhere (the list, the
deadlines page, a new intake). It shows the full case view when ``ui/case_view/case_view.py`` is
installed and, until then, the read-only summary dialog.

What the host expects of a case view (``CaseView(db, actor, case_id)``, a QWidget):

- ``case_id`` (int attribute): which case it shows (the host also remembers it);
- optional ``title() -> str``: the tab's text (default: case number and owner);
- optional ``print_documents()``: called on Ctrl+P / the Print action while its tab is current;
- optional signal ``case_changed(int)``: the host refreshes the list and the other pages;
- optional ``can_close() -> bool``: asked before its tab closes (unsaved edits).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from mediation_app.domain.actor import Actor
from mediation_app.i18n import _
from mediation_app.queries.case_list import case_rows
from mediation_app.storage.uow import Database
from ui.case_summary_dialog import CaseSummaryDialog

CASE_VIEW_MODULE = "ui.case_view.case_view"
log = logging.getLogger(__name__)


def case_view_installed() -> bool:
    """Whether the case view is there, without importing it (start-up stays quick)."""
    try:
        return importlib.util.find_spec(CASE_VIEW_MODULE) is not None
    except ModuleNotFoundError:
        return False


def case_view_class() -> type[QWidget] | None:
    """The case view's class, imported on first use; None when it is not installed, or when it
    cannot be imported (logged with its traceback: the summary dialog then keeps people working)."""
    if not case_view_installed():
        return None
    try:
        module = importlib.import_module(CASE_VIEW_MODULE)
    except ImportError:
        log.exception("the case view cannot be loaded; showing the case summary instead")
        return None
    view = getattr(module, "CaseView", None)
    return view if isinstance(view, type) else None


class CaseArea(QTabWidget):
    case_changed = Signal(int)  # a case view changed a case: lists and counts may be stale
    current_case_changed = Signal()  # the current tab changed (to a case, or to the list)

    def __init__(self, db: Database, actor: Actor, list_page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseArea")
        self._db = db
        self._actor = actor
        self.list_page = list_page
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.addTab(list_page, _("Case list"))
        bar = self.tabBar()
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            bar.setTabButton(0, side, None)  # type: ignore[arg-type]  # the list cannot be closed
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(lambda _index: self.current_case_changed.emit())
        self._view_class: type[QWidget] | None = None
        self._view_looked_up = False

    @property
    def has_case_view(self) -> bool:
        return self._case_view() is not None

    def _case_view(self) -> type[QWidget] | None:
        if not self._view_looked_up:
            self._view_class = case_view_class()
            self._view_looked_up = True
        return self._view_class

    def open_case(self, case_id: int) -> QWidget:
        """Show ``case_id``: its tab (made if needed), or the summary dialog without a case view."""
        view_class = self._case_view()
        if view_class is None:
            return CaseSummaryDialog.show_case(self._db, self._actor, case_id, self)
        for index in range(1, self.count()):
            if self.case_id_at(index) == case_id:
                self.setCurrentIndex(index)
                return self.widget(index)
        view = view_class(self._db, self._actor, case_id)  # type: ignore[call-arg]
        view.setProperty("case_id", case_id)
        changed = getattr(view, "case_changed", None)
        if changed is not None and hasattr(changed, "connect"):
            changed.connect(self.case_changed)
        index = self.addTab(view, self._title(view, case_id))
        self.setCurrentIndex(index)
        return view

    def case_id_at(self, index: int) -> int | None:
        widget = self.widget(index)
        if widget is None or widget is self.list_page:
            return None
        value = widget.property("case_id")
        return int(value) if value is not None else None

    def current_case_id(self) -> int | None:
        return self.case_id_at(self.currentIndex())

    def print_current(self) -> bool:
        """Ask the current case view to print its documents; False when no case is current."""
        widget = self.currentWidget()
        printer: Any = getattr(widget, "print_documents", None)
        if self.current_case_id() is None or not callable(printer):
            return False
        printer()
        return True

    def close_tab(self, index: int) -> None:
        if index <= 0 or self.widget(index) is self.list_page:
            return
        widget = self.widget(index)
        can_close: Any = getattr(widget, "can_close", None)
        if callable(can_close) and not can_close():
            return
        self.removeTab(index)
        widget.deleteLater()

    def close_current(self) -> None:
        self.close_tab(self.currentIndex())

    def _title(self, view: QWidget, case_id: int) -> str:
        title: Any = getattr(view, "title", None)
        if callable(title):
            return str(title())
        with self._db.read() as session:
            rows = case_rows(session, [case_id])
        return f"{rows[0].number} {rows[0].owner}" if rows else str(case_id)
