"""The sign-in gate's view model: whether to ask, who signs in, the first administrator.

Made before anyone is known (:mod:`ui.session_gate`, :mod:`ui.sign_in_dialog`), so it holds the
database alone; the actor it answers with goes into the
:class:`~ui.viewmodels.workspace.Workspace` the main window works in.
"""

from __future__ import annotations

from mediation_app.domain.actor import Actor
from mediation_app.services import accounts
from mediation_app.storage.uow import Database


class SignInViewModel:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def is_sqlite(self) -> bool:
        """A single-seat SQLite database (which may work without sign-in), not a shared server."""
        return self._db.is_sqlite

    def server_address(self) -> str:
        """The shared server's address without its password ("" for a local SQLite file)."""
        return "" if self._db.is_sqlite else self._db.engine.url.render_as_string(hide_password=True)

    def sign_in_required(self) -> bool:
        return accounts.sign_in_required(self._db)

    def idle_sign_out_minutes(self) -> int:
        """After how many idle minutes a signed-in client signs out (the centre's setting)."""
        return accounts.idle_sign_out_minutes(self._db)

    def has_administrator(self) -> bool:
        return accounts.has_administrator(self._db)

    def local_actor(self) -> Actor:
        return accounts.local_actor()

    def sign_in(self, username: str, password: str) -> Actor:
        return accounts.sign_in(self._db, username, password)

    def create_first_administrator(
        self, username: str, name: str, password: str, *, require_sign_in: bool
    ) -> Actor:
        """The new administrator, signed in (a shared server always requires sign-in)."""
        return accounts.create_first_administrator(
            self._db, username, name, password, require_sign_in=require_sign_in or not self._db.is_sqlite
        )

    def work_without_sign_in(self) -> Actor:
        """Record that this single seat works without sign-in; the local user from now on."""
        actor = accounts.local_actor()
        with self._db.unit_of_work(actor) as uow:
            accounts.set_sign_in_required(uow, False)
        return actor
