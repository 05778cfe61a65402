"""The staff accounts' view model: the list, and what an administrator (or anyone, for their own
password) does with an account. Every write is the accounts service's, in its own unit of work."""

from __future__ import annotations

import datetime as dt

from mediation_app.domain.actor import Actor
from mediation_app.queries import lookups
from mediation_app.services import accounts
from mediation_app.services.accounts import UserForm, UserRow
from ui.viewmodels.workspace import Workspace


class AccountsViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def actor(self) -> Actor:
        return self.workspace.actor

    def now(self) -> dt.datetime:
        return self.workspace.now()

    def users(self) -> list[UserRow]:
        return accounts.list_users(self.workspace.db)

    def user(self, staff_id: int) -> UserRow | None:
        """The account as stored now (after someone else may have changed it)."""
        return next((row for row in self.users() if row.id == staff_id), None)

    def organizations(self) -> list[lookups.OrganizationChoice]:
        """The organisations an account may belong to."""
        with self.workspace.db.read() as session:
            return lookups.organizations(session)

    def add_user(self, form: UserForm) -> UserRow:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            return accounts.add_user(uow, form)

    def update_user(self, staff_id: int, expected_version: int | None, form: UserForm) -> UserRow:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            return accounts.update_user(uow, staff_id, expected_version, form)

    def set_active(self, staff_id: int, expected_version: int | None, active: bool) -> UserRow:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            return accounts.set_active(uow, staff_id, expected_version, active)

    def reset_password(self, staff_id: int, new_password: str) -> None:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            accounts.reset_password(uow, staff_id, new_password)

    def unlock(self, staff_id: int) -> None:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            accounts.unlock_user(uow, staff_id)

    def change_own_password(self, old_password: str, new_password: str) -> None:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            accounts.change_own_password(uow, old_password, new_password)
