"""Where opened cases live: a tab per case beside the case list (the list is the first tab).

:meth:`CaseArea.open_case` is the one hook for opening a case from anywhere (the list, the
deadlines page, the SMS outbox, a new intake): it shows the case's tab, made with a
:class:`~ui.case_view.case_view.CaseView` on its own view model the first time. A tab asks its
view before it closes (unsaved discounts); Ctrl+P prints the current case's documents; a save in
a case view is passed on (:attr:`CaseArea.case_changed`) so the list and the other pages refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from mediation_app.i18n import _
from ui.viewmodels.workspace import Workspace

if TYPE_CHECKING:
    from ui.case_view.case_view import CaseView


class CaseArea(QTabWidget):
    case_changed = Signal(int)  # a case view changed a case: lists and counts may be stale
    current_case_changed = Signal()  # the current tab changed (to a case, or to the list)

    def __init__(self, workspace: Workspace, list_page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseArea")
        self._workspace = workspace
        self.list_page = list_page
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.addTab(list_page, _("Case list"))
        bar = self.tabBar()
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            bar.setTabButton(0, side, None)  # the list cannot be closed
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(lambda _index: self.current_case_changed.emit())
        self._views: list[CaseView] = []  # the open cases' views, in the order they were opened

    def open_case(self, case_id: int) -> CaseView:
        """Show ``case_id``: its tab, made if needed."""
        for index in range(1, self.count()):
            view = self.case_view_at(index)
            if view is not None and view.case_id == case_id:
                self.setCurrentIndex(index)
                return view
        # The case view (its pages, the PDF preview, the documents) loads with the first case
        # opened, not at start: the case list appears sooner.
        from ui.case_view.case_view import CaseView
        from ui.viewmodels.case.case import CaseViewModel

        view = CaseView(CaseViewModel(self._workspace, case_id))
        self._views.append(view)
        view.case_changed.connect(self.case_changed)
        index = self.addTab(view, view.title())
        self.setCurrentIndex(index)
        return view

    def case_view_at(self, index: int) -> CaseView | None:
        widget = self.widget(index)
        return next((view for view in self._views if view is widget), None)

    def case_id_at(self, index: int) -> int | None:
        view = self.case_view_at(index)
        return view.case_id if view is not None else None

    def current_case_id(self) -> int | None:
        return self.case_id_at(self.currentIndex())

    def print_current(self) -> bool:
        """Ask the current case view to print its documents; False when no case is current."""
        view = self.case_view_at(self.currentIndex())
        if view is None:
            return False
        view.print_documents()
        return True

    def close_tab(self, index: int) -> None:
        view = self.case_view_at(index)
        if view is None or not view.can_close():
            return
        self.removeTab(index)
        self._views.remove(view)
        view.deleteLater()

    def close_current(self) -> None:
        self.close_tab(self.currentIndex())

    def first_refusing_to_close(self) -> int | None:
        """The index of the last tab whose view will not close yet (unsaved edits), or None."""
        for index in range(self.count() - 1, 0, -1):
            view = self.case_view_at(index)
            if view is not None and not view.can_close():
                return index
        return None
