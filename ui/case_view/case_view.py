"""One case: the header (where it stands, its deadline, the steps possible now) over a page for each
side of the case.

``CaseView(CaseViewModel(workspace, case_id))`` is what the main window shows in a tab; the view
model (:mod:`ui.viewmodels.case`) is its only way to the case's data. It reads the case on
opening and after every save; a page reads its own data when it is first shown and again after a
save while it is shown (the others when next shown), so opening a case costs one page's reads.
After any save it emits :attr:`changed` (and :attr:`case_changed`, the name the window's case area
listens to) so lists and counts refresh. :meth:`print_documents` is the window's Ctrl+P.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from mediation_app.errors import MediationError
from mediation_app.i18n import N_, _
from mediation_app.workflow.actions import Action
from ui.case_view.actions import ActionRunner
from ui.case_view.context import CaseContext
from ui.case_view.documents_page import DocumentsPage
from ui.case_view.evidence_page import EvidencePage
from ui.case_view.fees_page import FeesPage
from ui.case_view.header import CaseHeader
from ui.case_view.mediation_page import MediationPage
from ui.case_view.parties_page import PartiesPage
from ui.case_view.performance_page import PerformancePage
from ui.case_view.settlement_page import SettlementPage
from ui.case_view.sms_page import SmsPage
from ui.viewmodels.case.case import CaseViewModel

log = logging.getLogger(__name__)


@runtime_checkable
class Loadable(Protocol):
    """A page of the view: it reads its data when shown (again after a save)."""

    def load(self) -> None: ...


PageFactory = Callable[[CaseContext, ActionRunner, QWidget], QWidget]
PAGES: tuple[tuple[str, PageFactory], ...] = (
    (N_("Parties and unit"), PartiesPage),
    (N_("Fees"), FeesPage),
    (N_("Settlement"), SettlementPage),
    (N_("Mediation"), MediationPage),
    (N_("Evidence"), EvidencePage),
    (N_("Agreement and performance"), PerformancePage),
    (N_("Documents"), DocumentsPage),
    (N_("SMS"), SmsPage),
)


class CaseView(QWidget):
    changed = Signal(int)  # the case was saved: lists showing it are stale
    case_changed = Signal(int)  # the same, under the name the window's case area connects

    def __init__(self, model: CaseViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.case_id = model.case_id
        self.ctx = CaseContext(model, self)
        self.runner = ActionRunner(self.ctx, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.header = CaseHeader(self.runner, self)
        layout.addWidget(self.header)
        self.problem = QLabel(self)
        self.problem.setObjectName("caseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseViewTabs")
        self.pages: dict[str, QWidget] = {}
        for title, factory in PAGES:
            page = factory(self.ctx, self.runner, self.tabs)
            self.pages[page.objectName()] = page
            self.tabs.addTab(page, _(title))
        layout.addWidget(self.tabs, 1)
        self._stale: set[QWidget] = set(self.pages.values())
        self.header.action_requested.connect(lambda action: self.runner.run(Action(action)))
        self.ctx.saved.connect(self._after_save)
        self.ctx.reload_wanted.connect(self.reload)
        self.tabs.currentChanged.connect(lambda _index: self._load_current())
        self.reload()

    # --- what the window asks ------------------------------------------------------------------

    def title(self) -> str:
        detail = self.ctx.detail
        return f"{detail.number} {detail.owner_name}" if detail is not None else str(self.case_id)

    def can_close(self) -> bool:
        return all(getattr(page, "can_close", lambda: True)() for page in self.pages.values())

    def print_documents(self) -> None:
        """Ctrl+P: the documents page, printing the document shown there."""
        page = self.pages["documents"]
        self.tabs.setCurrentWidget(page)
        assert isinstance(page, DocumentsPage)
        page.print_current()

    def page(self, name: str) -> QWidget:
        return self.pages[name]

    def show_page(self, name: str) -> QWidget:
        page = self.pages[name]
        self.tabs.setCurrentWidget(page)
        return page

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            detail = self.ctx.load_detail()
        except MediationError as error:
            self.problem.setText(error.message)
            self.problem.setVisible(True)
            return
        self.problem.setVisible(False)
        self.header.show_detail(detail)
        self._stale = set(self.pages.values())
        self._load_current()

    def _load_current(self) -> None:
        page = self.tabs.currentWidget()
        if page is None or page not in self._stale or self.ctx.detail is None:
            return
        self._stale.discard(page)
        if not isinstance(page, Loadable):
            return
        try:
            page.load()
        except MediationError as error:
            self.problem.setText(error.message)
            self.problem.setVisible(True)

    def _after_save(self) -> None:
        self.reload()
        self.changed.emit(self.case_id)
        self.case_changed.emit(self.case_id)
