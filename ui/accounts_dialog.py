"""Account management: the staff accounts in a table, and what an administrator does with them.

Opened from Settings (Accounts › Manage accounts …). The table shows each account's user name,
name, role, organisation, state, lock-out and failed sign-ins; beside it: add, edit, deactivate or
reactivate, reset the password, unlock. Only a role with
:data:`~mediation_app.security.permissions.Permission.MANAGE_ACCOUNTS` may use it (the services
refuse anyone else; the Settings page greys the button out with the reason). Deactivating and
reactivating carry the version the table showed: when someone changed the account meanwhile, the
dialog offers to reload instead of acting on what it no longer knows.

The rows are the service's :class:`~mediation_app.services.accounts.UserRow` values, read through
the accounts' view model (:class:`~ui.viewmodels.accounts.AccountsViewModel`) into a
:class:`~ui.models.rows_model.RowsTableModel`; the list is short (tens of accounts), read at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import label
from mediation_app.errors import ConflictError, MediationError
from mediation_app.i18n import N_, _
from mediation_app.security.permissions import Permission, can
from mediation_app.services.accounts import UserRow
from ui.account_forms import ReloadPrompt, ResetPasswordDialog, UserDialog
from ui.models.rows_model import RowColumn, RowsTableModel
from ui.viewmodels.accounts import AccountsViewModel
from ui.widgets.field_errors import ErrorLabel
from ui.widgets.table_fit import fit_columns_once

INACTIVE_TINT = "#ececec"
LOCKED_TINT = "#fbe3e1"


def refusal(actor: Actor) -> str:
    """Why ``actor`` may not manage accounts ("" when they may)."""
    if can(actor, Permission.MANAGE_ACCOUNTS):
        return ""
    return _("Your role ({role}) does not allow you to {action}.").format(
        role=label(actor.role), action=Permission.MANAGE_ACCOUNTS.label
    )


def locked_until(row: UserRow, now: dt.datetime) -> dt.datetime | None:
    """When the account's lock-out ends; None when it is not locked (any more)."""
    return row.locked_until if row.locked_until is not None and row.locked_until > now else None


def state_text(row: UserRow) -> str:
    if not row.active:
        return _("Deactivated")
    return _("Active") if row.has_password else _("Active, no password")


ORGANISATION_COLUMN = 3


def columns(now: Callable[[], dt.datetime]) -> tuple[RowColumn[UserRow], ...]:
    def lock(row: UserRow) -> str:
        until = locked_until(row, now())
        return formatting.short_moment(until)

    return (
        RowColumn(N_("User name"), lambda r: r.username),
        RowColumn(N_("Name"), lambda r: r.name),
        RowColumn(N_("Role"), lambda r: label(r.role)),
        RowColumn(N_("Organisation"), lambda r: r.organization),
        RowColumn(N_("State"), state_text),
        RowColumn(N_("Locked until"), lock),
        RowColumn(N_("Failed sign-ins"), lambda r: str(r.failed_logins) if r.failed_logins else "", True),
    )


class AccountsDialog(QDialog):
    def __init__(self, accounts: AccountsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsDialog")
        self.setWindowTitle(_("Staff accounts"))
        self.resize(1040, 540)
        self.accounts = accounts
        self.actor = actor = accounts.actor
        self.changed = False

        def tint(row: UserRow) -> str | None:
            if not row.active:
                return INACTIVE_TINT
            return LOCKED_TINT if locked_until(row, accounts.now()) else None

        self.model: RowsTableModel[UserRow] = RowsTableModel(
            columns(accounts.now), self, row_id=lambda r: r.id, tint=tint
        )
        self.table = QTableView(self)
        self.table.setObjectName("accountsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # The organisation takes the spare width: a stretched last column pushed the narrow
        # "failed sign-ins" figure (and its header) to the far right, away from its row.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ORGANISATION_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())

        self.add_button = self._button(_("Add …"), "accountsAdd", self.add_user)
        self.edit_button = self._button(_("Edit …"), "accountsEdit", self.edit_user)
        self.active_button = self._button(_("Deactivate"), "accountsActive", self.toggle_active)
        self.reset_button = self._button(
            _("Reset the password …"), "accountsResetPassword", self.reset_password
        )
        self.unlock_button = self._button(_("Unlock"), "accountsUnlock", self.unlock)
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.active_button,
            self.reset_button,
            self.unlock_button,
        ):
            side.addWidget(button)
        side.addStretch(1)

        self.refused = QLabel(refusal(actor), self)
        self.refused.setObjectName("accountsRefused")
        self.refused.setWordWrap(True)
        self.refused.setVisible(bool(self.refused.text()))
        self.message = QLabel(self)
        self.message.setObjectName("accountsMessage")
        self.message.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.error.setObjectName("accountsError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refused)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- the list -------------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        """Read the accounts again; keep (or move to) the selected one."""
        keep = select if select is not None else self.selected_id()
        self.model.set_rows(self.accounts.users())
        fit_columns_once(self.table)
        rows = self.model.rows()
        index = next((i for i, row in enumerate(rows) if row.id == keep), 0 if rows else -1)
        if index >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(index, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def selected(self) -> UserRow | None:
        current = self.table.currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row else None

    def select_username(self, username: str) -> None:
        """Select an account by user name (tests and screenshots)."""
        match = next((row.id for row in self.model.rows() if row.username == username), None)
        if match is not None:
            self.refresh(select=match)

    def _update_buttons(self) -> None:
        why = refusal(self.actor)
        row = self.selected()
        allowed = not why
        self.add_button.setEnabled(allowed)
        for button in (self.edit_button, self.active_button, self.reset_button, self.unlock_button):
            button.setEnabled(allowed and row is not None)
            button.setToolTip(why or ("" if row else _("Select an account first.")))
        self.add_button.setToolTip(why)
        self.active_button.setText(_("Reactivate") if row is not None and not row.active else _("Deactivate"))
        if allowed and row is not None:
            lockable = row.failed_logins > 0 or locked_until(row, self.accounts.now()) is not None
            self.unlock_button.setEnabled(lockable)
            self.unlock_button.setToolTip("" if lockable else _("This account is not locked."))

    def _done(self, text: str, select: int | None = None) -> None:
        self.changed = True
        self.error.set_messages([])
        self.message.setText(text)
        self.refresh(select)

    def _refused(self, error: MediationError) -> None:
        self.message.setText("")
        self.error.set_messages([error.message])

    # --- what the buttons do ------------------------------------------------------------------

    def add_user(self) -> None:
        if not self.add_button.isEnabled():
            return
        saved = UserDialog.ask(self.accounts, None, self)
        if saved is not None:
            self._done(_("Added the account {username}.").format(username=saved.username), saved.id)

    def edit_user(self) -> None:
        row = self.selected()
        if row is None or not self.edit_button.isEnabled():
            return
        saved = UserDialog.ask(self.accounts, row, self)
        if saved is not None:
            self._done(_("Saved the account {username}.").format(username=saved.username), saved.id)
        else:
            self.refresh()  # a reload inside the dialog may have shown newer values

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None or not self.active_button.isEnabled():
            return
        try:
            saved = self.accounts.set_active(row.id, row.version, not row.active)
        except ConflictError as error:
            self._refused(error)
            if ReloadPrompt.ask(self, error.message):
                self.refresh()
                self.error.set_messages([_("Reloaded: check the account, then try again.")])
            return
        except MediationError as error:
            self._refused(error)
            return
        text = (
            _("Reactivated {username}: they can sign in again.")
            if saved.active
            else _("Deactivated {username}: they can no longer sign in (Reactivate undoes it).")
        )
        self._done(text.format(username=saved.username), saved.id)

    def reset_password(self) -> None:
        row = self.selected()
        if row is None or not self.reset_button.isEnabled():
            return
        if ResetPasswordDialog.ask(self.accounts, row, self):
            self._done(_("Set a new password for {username}.").format(username=row.username), row.id)

    def unlock(self) -> None:
        row = self.selected()
        if row is None or not self.unlock_button.isEnabled():
            return
        try:
            self.accounts.unlock(row.id)
        except MediationError as error:
            self._refused(error)
            return
        self._done(
            _("Unlocked {username}: they can sign in again now.").format(username=row.username), row.id
        )

    @classmethod
    def ask(cls, accounts: AccountsViewModel, parent: QWidget | None = None) -> bool:
        """Show the accounts until closed; True when any account was changed."""
        dialog = cls(accounts, parent)
        dialog.exec()
        return dialog.changed


class NeedsAdministratorPrompt:
    """Sign-in cannot be turned on yet: say why and offer to open the accounts."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str) -> bool:
        """True when the person chose to open the accounts."""
        box = QMessageBox(QMessageBox.Icon.Information, _("Sign-in"), message, parent=parent)
        box.setInformativeText(
            _(
                "Add an account with the Administrator role and a password in the staff accounts, "
                "and remember its user name and password: after the next start everyone signs in."
            )
        )
        open_button = box.addButton(_("Open the staff accounts …"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is open_button
