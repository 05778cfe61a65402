"""What every part of the case view shares: the case's view model, who is acting, its header, and
the announcement that something was saved.

Pages and dialogs read and write through the case's view model (:attr:`CaseContext.case`, a
:class:`~ui.viewmodels.case.case.CaseViewModel`) and run each save through :meth:`CaseContext.save`,
which then announces it (:attr:`CaseContext.saved`): the view reloads the header and its pages and
tells the main window, so the case list refreshes. A :class:`~mediation_app.errors.MediationError`
leaves :meth:`save` after the unit of work has closed, so callers catch it around the call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from mediation_app.domain.actor import Actor
from mediation_app.queries.case_header import CaseDetail
from mediation_app.security.permissions import Permission, can
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.case.documents_door import DocumentsDoor

T = TypeVar("T")


class CaseContext(QObject, DocumentsDoor):
    saved = Signal()  # a service changed the case (or something it shows)
    reload_wanted = Signal()  # the user asked for a fresh copy (after a conflict)

    def __init__(self, case: CaseViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case: CaseViewModel = case

    @property
    def case_id(self) -> int:
        return self.case.case_id

    @property
    def actor(self) -> Actor:
        return self.case.actor

    @property
    def detail(self) -> CaseDetail | None:
        """The case's header as last read."""
        return self.case.detail

    @property
    def version(self) -> int | None:
        """The case's version as last read: services refuse a save if it moved on since."""
        return self.case.version

    def today(self) -> dt.date:
        return self.case.today()

    def now(self) -> dt.datetime:
        return self.case.now()

    def can(self, permission: Permission) -> bool:
        return can(self.actor, permission)

    def load_detail(self) -> CaseDetail:
        return self.case.load_detail()

    def save(self, work: Callable[[], T], *, announce: bool = True) -> T:
        """Run ``work`` (one of the view model's saves); announce the save when it returns
        (``announce`` False: the work changed nothing a screen shows, e.g. an audited look at a
        full ID)."""
        result = work()
        if announce:
            self.announce_save()
        return result

    def announce_save(self) -> None:
        self.saved.emit()
