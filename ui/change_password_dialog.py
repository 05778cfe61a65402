"""Changing one's own password: the signed-in person, whatever their role, sets a new password.

The current password is asked again (:func:`~mediation_app.services.accounts.change_own_password`
checks it); a wrong one is answered under its field and the dialog stays open with the new
password still typed. Someone working without an account (a single seat without sign-in) has no
password to change: :func:`unavailable_reason` says so, for the menu item's tooltip.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from mediation_app.domain.actor import Actor
from mediation_app.errors import MediationError
from mediation_app.i18n import _
from mediation_app.security.passwords import MAX_LENGTH
from ui.account_forms import AccountFormDialog, busy
from ui.viewmodels.accounts import AccountsViewModel


def unavailable_reason(actor: Actor) -> str:
    """Why ``actor`` cannot change a password ("" when they can)."""
    if actor.staff_id is None:
        return _("You are working without an account (sign-in is off), so there is no password to change.")
    return ""


class ChangePasswordDialog(AccountFormDialog):
    def __init__(self, accounts: AccountsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Change my password"),
            parent,
            intro=_("Signed in as {name}. Enter your current password, then the new one twice.").format(
                name=accounts.actor.name
            ),
        )
        self.setObjectName("changePasswordDialog")
        self.accounts = accounts
        self.old = self.line(
            "old_password", _("Current password"), "changeOldPassword", secret=True, max_length=MAX_LENGTH
        )
        self.new = self.line(
            "new_password", _("New password"), "changeNewPassword", secret=True, max_length=MAX_LENGTH
        )
        self.new.setPlaceholderText(_("at least 8 characters"))
        self.repeat = self.line(
            "repeat", _("Repeat the new password"), "changeRepeat", secret=True, max_length=MAX_LENGTH
        )
        self.old.setFocus()

    def save(self) -> None:
        self.errors.clear()
        self.general.set_messages([])
        if not self.check_repeat(self.new, self.repeat):
            return
        old, new, accounts = self.old.text(), self.new.text(), self.accounts
        try:
            busy(lambda: accounts.change_own_password(old, new))
        except MediationError as error:
            self.show_error(error)
            if self.errors.first_shown() == "old_password":
                self.old.selectAll()
            return
        self.accept()

    @classmethod
    def ask(cls, accounts: AccountsViewModel, parent: QWidget | None = None) -> bool:
        """True when the password was changed."""
        return cls(accounts, parent).exec() == QDialog.DialogCode.Accepted
