"""One case opened in the case view: the workspace, the case's id, and its header as last read.

Every page's view model of the case works through one :class:`OpenCase`: it reads with the
case's id and saves against :attr:`OpenCase.version`, the version of the case as last read, so a
service refuses a save when someone else changed the case meanwhile (a
:class:`~mediation_app.errors.ConflictError`, which leaves the unit of work after it has closed).
"""

from __future__ import annotations

import datetime as dt

from mediation_app.domain.actor import Actor
from mediation_app.queries.case_header import CaseDetail, case_detail
from mediation_app.storage.uow import Database
from ui.viewmodels.workspace import Workspace


class OpenCase:
    def __init__(self, workspace: Workspace, case_id: int) -> None:
        self.workspace = workspace
        self.case_id = case_id
        self.detail: CaseDetail | None = None

    @property
    def db(self) -> Database:
        return self.workspace.db

    @property
    def actor(self) -> Actor:
        return self.workspace.actor

    @property
    def version(self) -> int | None:
        """The case's version as last read: services refuse a save if it moved on since."""
        return self.detail.version if self.detail is not None else None

    def today(self) -> dt.date:
        return self.workspace.today()

    def now(self) -> dt.datetime:
        return self.workspace.now()

    def load_detail(self) -> CaseDetail:
        """Read the case's header afresh (after opening it, after every save, after a conflict)."""
        with self.db.read() as session:
            self.detail = case_detail(session, self.case_id, self.actor, self.today())
        return self.detail
