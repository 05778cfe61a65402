"""The open database and who is working with it: what every view model is made from.

The composition root (:mod:`ui.app`) builds one after the sign-in gate has named the actor; the
main window hands it to the view models of the screens it builds. Widgets pass it along without
looking inside: only view models reach :attr:`Workspace.db`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from mediation_app.clock import Clock
from mediation_app.domain.actor import Actor
from mediation_app.security.permissions import Permission, can
from mediation_app.storage.uow import Database


@dataclass(frozen=True)
class Workspace:
    db: Database
    actor: Actor

    @property
    def clock(self) -> Clock:
        return self.db.clock

    def today(self) -> dt.date:
        return self.db.clock.today()

    def now(self) -> dt.datetime:
        return self.db.clock.now()

    def signed_in_as(self, actor: Actor) -> Workspace:
        """The same database, worked on by ``actor`` (someone else signed in)."""
        return dataclasses.replace(self, actor=actor)

    def can(self, permission: Permission) -> bool:
        return can(self.actor, permission)
