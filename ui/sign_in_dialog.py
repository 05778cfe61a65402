"""Signing in, and creating the first administrator on the first run.

:class:`SignInDialog` asks for a user name and a password and tries them itself, so a wrong
password, a lock-out or a deactivated account is answered inside the dialog (the user name stays,
the password is cleared) and the dialog closes only with a signed-in actor or a cancel.
:class:`FirstAdminDialog` creates the administrator when the database has none; on a single-seat
SQLite installation it also offers to work without sign-in. Both reach the accounts through the
gate's view model (:class:`~ui.viewmodels.sign_in.SignInViewModel`) and expose ``ask(...)``, which
returns a plain :class:`~mediation_app.domain.actor.Actor` (or None), so callers and tests never
touch the widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediation_app.domain.actor import Actor
from mediation_app.errors import MediationError
from mediation_app.i18n import _
from ui.account_forms import busy, repeat_agrees
from ui.viewmodels.sign_in import SignInViewModel
from ui.widgets.field_errors import STYLE, ErrorLabel, FieldErrors, field_row, show_error

SignInAttempt = Callable[[str, str], Actor]


class SignInDialog(QDialog):
    """User name and password; tries them with ``attempt`` and stays open until one works."""

    def __init__(self, attempt: SignInAttempt, parent: QWidget | None = None, *, where: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(_("Sign in"))
        self.setMinimumWidth(380)
        self.attempt = attempt
        self.actor: Actor | None = None

        intro = QLabel(_("Sign in to the mediation centre's records."), self)
        intro.setWordWrap(True)
        self.where = QLabel(where, self)
        self.where.setObjectName("signInDatabase")
        self.where.setVisible(bool(where))
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.username = QLineEdit(self)
        self.username.setObjectName("signInUsername")
        self.username.setMaxLength(60)
        self.password = QLineEdit(self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        form = QFormLayout()
        form.addRow(_("User name"), self.username)
        form.addRow(_("Password"), self.password)

        self.error = ErrorLabel(self)
        self.error.setObjectName("signInError")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(_("Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.username.setFocus()

    def try_sign_in(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self.error.set_messages([_("Enter your user name and password.")])
            (self.username if not username.strip() else self.password).setFocus()
            return
        try:
            self.actor = busy(lambda: self.attempt(username, password))
        except MediationError as error:
            self.error.set_messages([error.message])
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    @classmethod
    def ask(cls, gate: SignInViewModel, parent: QWidget | None = None) -> Actor | None:
        """The signed-in actor, or None when the person quit."""
        dialog = cls(gate.sign_in, parent, where=gate.server_address())
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


class FirstAdminDialog(QDialog):
    """The first run: create the administrator (or, on a single seat, work without sign-in)."""

    def __init__(self, gate: SignInViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(_("Create the administrator"))
        self.setMinimumWidth(520)
        self.setStyleSheet(STYLE)
        self.gate = gate
        self.actor: Actor | None = None

        intro = QLabel(
            _(
                "This database has no administrator yet. Create the administrator's account: it adds "
                "the other staff accounts and manages the settings and backups."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.errors = FieldErrors()
        form = QFormLayout()
        self.username = self._field(form, "username", _("User name"), "firstAdminUsername")
        self.name = self._field(form, "name", _("Name"), "firstAdminName")
        self.password = self._field(form, "password", _("Password"), "firstAdminPassword", secret=True)
        self.repeat = self._field(form, "repeat", _("Repeat the password"), "firstAdminRepeat", secret=True)
        self.username.setText("admin")

        self.require = QCheckBox(_("Everyone signs in on this computer"), self)
        self.require.setObjectName("firstAdminRequireSignIn")
        self.require.setChecked(True)
        self.require.setVisible(gate.is_sqlite)  # a shared PostgreSQL database always requires sign-in

        self.general = ErrorLabel(self)
        self.general.setObjectName("firstAdminError")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        create = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText(_("Create and sign in"))
        create.setObjectName("firstAdminCreate")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        self.without: QPushButton | None = None
        if gate.is_sqlite:
            self.without = self.buttons.addButton(
                _("Work without sign-in"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.without.setObjectName("firstAdminWithout")
            self.without.setToolTip(
                _(
                    "For a single computer used by one person: no accounts; everything is recorded as the local user."
                )
            )
            self.without.clicked.connect(self.work_without_sign_in)
        self.buttons.accepted.connect(self.create_administrator)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.require)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def _field(
        self, form: QFormLayout, path: str, label: str, name: str, *, secret: bool = False
    ) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        field_row(form, self.errors, path, label, edit)
        return edit

    def create_administrator(self) -> None:
        if not repeat_agrees(self.errors, self.general, self.password, self.repeat):
            return
        try:
            self.actor = busy(
                lambda: self.gate.create_first_administrator(
                    self.username.text(),
                    self.name.text(),
                    self.password.text(),
                    require_sign_in=self.require.isChecked(),
                )
            )
        except MediationError as error:
            show_error(self.errors, self.general, error)
            return
        self.accept()

    def work_without_sign_in(self) -> None:
        try:
            self.actor = self.gate.work_without_sign_in()
        except MediationError as error:
            self.general.set_messages([error.message])
            return
        self.accept()

    @classmethod
    def ask(cls, gate: SignInViewModel, parent: QWidget | None = None) -> Actor | None:
        """The new administrator (signed in) or the local user; None when the person quit."""
        dialog = cls(gate, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
