"""The forms of account management: a staff account (add or edit) and a new password for someone.

Each dialog saves through the accounts' view model (:class:`~ui.viewmodels.accounts.AccountsViewModel`)
itself and stays open until the save succeeds, like the sign-in dialog: a field's :class:`~mediation_app.errors.ValidationError` (or each error of a
:class:`~mediation_app.errors.FormErrors`) goes under its field, anything else into the message
area at the bottom. An edit carries the version of the account it was opened on; when someone saved
the account meanwhile (:class:`~mediation_app.errors.ConflictError`) the dialog offers to reload
(:class:`ReloadPrompt`): the other person's values are then shown in the message area, what was
typed stays in the fields, and the next Save, made knowingly, replaces theirs. Nothing is merged.

Both dialogs expose ``classmethod ask(...)`` returning plain values (None when cancelled).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mediation_app.domain.enums import Role, label
from mediation_app.errors import ConflictError, MediationError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.passwords import MAX_LENGTH
from mediation_app.services.accounts import UserForm, UserRow
from ui.error_reporting import ask_to_reload
from ui.viewmodels.accounts import AccountsViewModel
from ui.widgets.field_errors import STYLE, ErrorLabel, FieldErrors, field_row, show_error, show_errors

T = TypeVar("T")


def busy(action: Callable[[], T]) -> T:
    """Run ``action`` under a wait cursor (hashing a password takes a noticeable moment)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return action()
    finally:
        QGuiApplication.restoreOverrideCursor()


def repeat_agrees(fields: FieldErrors, general: ErrorLabel, password: QLineEdit, repeat: QLineEdit) -> bool:
    """The two entries of a new password agree (answered under the second one, registered as
    ``repeat``, when they do not)."""
    if password.text() == repeat.text():
        return True
    show_errors(
        fields, general, [ValidationError("repeat", _("the two entries differ"), _("Repeat the password"))]
    )
    return False


class ReloadPrompt:
    """Someone saved the account meanwhile: reload it? (What was typed stays in the form.)"""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str) -> bool:
        return ask_to_reload(parent, message, _("Reload the account"))


class AccountFormDialog(QDialog):
    """What the account dialogs share: labelled fields with their errors under them, a message
    area and Save/Cancel."""

    def __init__(self, title: str, parent: QWidget | None = None, *, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(460)
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        if intro:
            note = QLabel(intro, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A label stays level with its input when an error appears under the input.
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.form)
        self.general = ErrorLabel(self)
        self.general.setObjectName("accountFormMessage")
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_field(self, path: str, text: str, widget: QWidget) -> None:
        field_row(self.form, self.errors, path, text, widget)

    def line(
        self, path: str, text: str, name: str, *, secret: bool = False, max_length: int = 60
    ) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field(path, text, edit)
        return edit

    def show_error(self, error: MediationError) -> None:
        show_error(self.errors, self.general, error)

    def check_repeat(self, password: QLineEdit, repeat: QLineEdit) -> bool:
        return repeat_agrees(self.errors, self.general, password, repeat)

    def save(self) -> None:
        raise NotImplementedError


class UserDialog(AccountFormDialog):
    """Add an account (user name, name, role, organisation, phone, first password) or edit one
    (name, role, organisation, phone: the user name stays, passwords have their own dialog)."""

    def __init__(
        self, accounts: AccountsViewModel, row: UserRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit the account") if row else _("Add an account"), parent)
        self.setObjectName("userDialog")
        self.accounts = accounts
        self.row = row
        self.version = row.version if row else None
        self.saved: UserRow | None = None

        self.username = self.line("username", _("User name"), "userUsername")
        self.username.setPlaceholderText(_("for example: mediator.lin"))
        self.name = self.line("name", _("Name"), "userName")
        self.role = QComboBox(self)
        self.role.setObjectName("userRole")
        for role in Role:
            self.role.addItem(label(role), role.value)
        self.add_field("role", _("Role"), self.role)
        self.organization = QComboBox(self)
        self.organization.setObjectName("userOrganization")
        self.organization.addItem(_("(none)"), None)
        for choice in accounts.organizations():
            self.organization.addItem(choice.shown_name, choice.id)
        self.add_field("organization", _("Organisation"), self.organization)
        self.phone = self.line("phone", _("Phone"), "userPhone", max_length=40)
        self.password: QLineEdit | None = None
        self.repeat: QLineEdit | None = None
        if row is None:
            self.password = self.line(
                "password", _("First password"), "userPassword", secret=True, max_length=MAX_LENGTH
            )
            self.password.setPlaceholderText(_("at least 8 characters"))
            self.repeat = self.line(
                "repeat", _("Repeat the password"), "userRepeat", secret=True, max_length=MAX_LENGTH
            )
            self._choose(self.role, Role.CLERK.value)
            self._choose(self.organization, accounts.actor.organization_id)
            self.username.setFocus()
        else:
            self.username.setText(row.username)
            self.username.setReadOnly(True)
            self.username.setEnabled(False)
            self.show_row(row)
            self.name.setFocus()

    @staticmethod
    def _choose(combo: QComboBox, data: object) -> None:
        combo.setCurrentIndex(max(0, combo.findData(data)))

    def show_row(self, row: UserRow) -> None:
        self.name.setText(row.name)
        self._choose(self.role, row.role.value)
        self._choose(self.organization, row.organization_id)
        self.phone.setText(row.phone)

    def values(self) -> UserForm:
        organization = self.organization.currentData()
        return UserForm(
            username=self.username.text(),
            name=self.name.text(),
            role=Role(self.role.currentData()),
            password=self.password.text() if self.password else "",
            organization_id=organization if isinstance(organization, int) else None,
            phone=self.phone.text(),
        )

    def save(self) -> None:
        self.errors.clear()
        self.general.set_messages([])
        if self.password and self.repeat and not self.check_repeat(self.password, self.repeat):
            return
        form, accounts = self.values(), self.accounts
        try:
            if self.row is None:
                self.saved = busy(lambda: accounts.add_user(form))
            else:
                self.saved = accounts.update_user(self.row.id, self.version, form)
        except ConflictError as error:
            self.show_error(error)
            if ReloadPrompt.ask(self, error.message):
                self.reload()
            return
        except MediationError as error:
            self.show_error(error)
            return
        self.accept()

    def reload(self) -> None:
        """Take the account as stored now: its version (so the next Save is made knowingly), and
        its values shown beside what was typed, which stays."""
        assert self.row is not None
        fresh = self.accounts.user(self.row.id)
        if fresh is None:
            self.general.set_messages([_("The account no longer exists.")])
            self.save_button.setEnabled(False)
            return
        self.row = fresh
        self.version = fresh.version
        self.general.set_messages(
            [
                _(
                    "Reloaded. The account now reads: name {name}, role {role}, organisation {organization}, "
                    "phone {phone}, {state}. Your entries are kept: press Save to replace those values "
                    "with yours, or Cancel to leave them."
                ).format(
                    name=fresh.name,
                    role=label(fresh.role),
                    organization=fresh.organization or _("(none)"),
                    phone=fresh.phone or _("(none)"),
                    state=_("active") if fresh.active else _("deactivated"),
                )
            ]
        )

    @classmethod
    def ask(
        cls, accounts: AccountsViewModel, row: UserRow | None = None, parent: QWidget | None = None
    ) -> UserRow | None:
        """The account as saved (added when ``row`` is None, else edited); None when cancelled."""
        dialog = cls(accounts, row, parent)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None


class ResetPasswordDialog(AccountFormDialog):
    """An administrator gives someone a new password (which also lifts a lock-out)."""

    def __init__(self, accounts: AccountsViewModel, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Reset the password"),
            parent,
            intro=_(
                "A new password for {name} ({username}). Tell it to them in person; it also lifts a "
                "lock-out. They can change it afterwards under File › Change my password."
            ).format(name=row.name, username=row.username),
        )
        self.setObjectName("resetPasswordDialog")
        self.accounts = accounts
        self.row = row
        self.password = self.line(
            "password", _("New password"), "resetPassword", secret=True, max_length=MAX_LENGTH
        )
        self.password.setPlaceholderText(_("at least 8 characters"))
        self.repeat = self.line(
            "repeat", _("Repeat the password"), "resetRepeat", secret=True, max_length=MAX_LENGTH
        )
        self.password.setFocus()

    def save(self) -> None:
        self.errors.clear()
        self.general.set_messages([])
        if not self.check_repeat(self.password, self.repeat):
            return
        password, accounts, staff_id = self.password.text(), self.accounts, self.row.id
        try:
            busy(lambda: accounts.reset_password(staff_id, password))
        except MediationError as error:
            self.show_error(error)
            return
        self.accept()

    @classmethod
    def ask(cls, accounts: AccountsViewModel, row: UserRow, parent: QWidget | None = None) -> bool:
        """True when the new password was saved."""
        return cls(accounts, row, parent).exec() == QDialog.DialogCode.Accepted
