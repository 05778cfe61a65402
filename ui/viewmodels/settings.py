"""The settings page's view model: where the data lives, the sign-in switch and idle time, backing up now."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from mediation_app.backup.make import BackupResult, create_backup
from mediation_app.services import accounts
from ui.viewmodels.accounts import AccountsViewModel
from ui.viewmodels.workspace import Workspace


class SettingsViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def accounts(self) -> AccountsViewModel:
        """The staff accounts' view model (the dialogs Settings opens)."""
        return AccountsViewModel(self.workspace)

    def database_address(self) -> str:
        """The database's URL without its password."""
        return make_url(str(self.workspace.db.engine.url)).render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.workspace.db.is_sqlite

    def sign_in_required(self) -> bool:
        return accounts.sign_in_required(self.workspace.db)

    def has_administrator(self) -> bool:
        return accounts.has_administrator(self.workspace.db)

    def set_sign_in_required(self, required: bool) -> None:
        with self.workspace.db.unit_of_work(self.workspace.actor) as uow:
            accounts.set_sign_in_required(uow, required)

    def idle_sign_out_minutes(self) -> int:
        return accounts.idle_sign_out_minutes(self.workspace.db)

    @property
    def idle_sign_out_range(self) -> tuple[int, int]:
        return accounts.IDLE_SIGN_OUT_RANGE

    def set_idle_sign_out_minutes(self, minutes: int) -> None:
        with self.workspace.db.unit_of_work(self.workspace.actor) as uow:
            accounts.set_idle_sign_out_minutes(uow, minutes)

    def back_up(self) -> BackupResult:
        """A checked .zip of the database and the attachments (long: run off the GUI thread)."""
        db = self.workspace.db
        return create_backup(db.engine.url.render_as_string(hide_password=False), None, db.clock)
