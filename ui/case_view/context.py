"""What every part of the case view shares: the database, who is acting, which case, its header.

Pages and dialogs read through :meth:`CaseContext.read` and write through
:meth:`CaseContext.write`, which runs one service call in a unit of work and then announces the
save (:attr:`CaseContext.saved`): the view reloads the header and its pages and tells the main
window, so the case list refreshes. A :class:`~mediation_app.errors.MediationError` leaves
:meth:`write` *after* the unit of work has closed (it turns database errors into such errors on
exit), so callers catch it around the call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.queries.case_header import CaseDetail, case_detail
from mediation_app.security.permissions import Permission, can
from mediation_app.storage.uow import Database, UnitOfWork

T = TypeVar("T")


class CaseContext(QObject):
    saved = Signal()  # a service changed the case (or something it shows)
    reload_wanted = Signal()  # the user asked for a fresh copy (after a conflict)

    def __init__(self, db: Database, actor: Actor, case_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.case_id = case_id
        self.detail: CaseDetail | None = None

    @property
    def version(self) -> int | None:
        """The case's version as last read: services refuse a save if it moved on since."""
        return self.detail.version if self.detail is not None else None

    def today(self) -> dt.date:
        return self.db.clock.today()

    def now(self) -> dt.datetime:
        return self.db.clock.now()

    def can(self, permission: Permission) -> bool:
        return can(self.actor, permission)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    def load_detail(self) -> CaseDetail:
        with self.db.read() as session:
            self.detail = case_detail(session, self.case_id, self.actor, self.today())
        return self.detail

    def write(self, work: Callable[[UnitOfWork], T], *, announce: bool = True) -> T:
        """Run ``work`` in one unit of work; announce the save when it returns (``announce``
        False: the work changed nothing a screen shows, e.g. an audited look at a full ID)."""
        with self.db.unit_of_work(self.actor) as uow:
            result = work(uow)
        if announce:
            self.saved.emit()
        return result
