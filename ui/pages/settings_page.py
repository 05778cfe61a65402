"""Settings: the interface language, where the data lives, staff accounts, sign-in, upkeep.

Changing the language saves the choice and asks for the window to be rebuilt in it (every text
is translated when a widget is made, so a rebuild is the simple way that cannot miss one). The
sign-in switch is the accounts service's (only administrators, only on a single-seat SQLite
database); it says what turning it on needs (an administrator account with a password) and, when
there is none, offers to open the staff accounts (:mod:`ui.accounts_dialog`). "Change my password"
is here too (and in the File menu). Long upkeep (backups, rebuilding a training database) runs off
the GUI thread behind a progress dialog with Cancel (:mod:`ui.tasks`). The page reads and writes
through its view model (:class:`~ui.viewmodels.settings.SettingsViewModel`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediation_app.backup.make import BackupResult
from mediation_app.domain.enums import label
from mediation_app.errors import MediationError, WorkflowError
from mediation_app.i18n import LANGUAGES, _, language, set_language
from mediation_app.log_file import log_path
from mediation_app.paths import data_dir
from mediation_app.security.permissions import Permission, can
from ui.accounts_dialog import AccountsDialog, NeedsAdministratorPrompt, refusal
from ui.change_password_dialog import ChangePasswordDialog, unavailable_reason
from ui.error_reporting import show_error
from ui.tasks import TaskHandle, run_with_progress
from ui.viewmodels.settings import SettingsViewModel

# Each language is named in itself, so a person who cannot read the current one finds theirs.
LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}


class SettingsPage(QWidget):
    language_changed = Signal(str)
    data_changed = Signal()

    def __init__(self, model: SettingsViewModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._model = model
        self._actor = actor = model.workspace.actor
        self._settings = settings

        # --- language ---
        self.language = QComboBox(self)
        self.language.setObjectName("settingsLanguage")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(language())))
        self.language.currentIndexChanged.connect(self._language_chosen)
        language_box = QGroupBox(_("Language"), self)
        language_form = QFormLayout(language_box)
        language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        language_form.addRow(_("Interface language"), self.language)
        hint = QLabel(_("The window is rebuilt in the chosen language at once."), language_box)
        hint.setWordWrap(True)
        language_form.addRow(hint)

        # --- where the data lives ---
        data_box = QGroupBox(_("Data"), self)
        data_form = QFormLayout(data_box)
        self.database_label = self._selectable(model.database_address(), "settingsDatabase")
        data_form.addRow(_("Database"), self.database_label)
        data_form.addRow(_("Data folder"), self._selectable(str(data_dir()), "settingsDataFolder"))
        data_form.addRow(_("Log file"), self._selectable(str(log_path()), "settingsLogFile"))

        # --- staff accounts ---
        accounts_box = QGroupBox(_("Staff accounts"), self)
        accounts_layout = QHBoxLayout(accounts_box)
        self.accounts_button = QPushButton(_("Manage accounts …"), accounts_box)
        self.accounts_button.setObjectName("settingsAccounts")
        self.accounts_button.clicked.connect(lambda _checked=False: self.manage_accounts())
        self.accounts_button.setEnabled(not refusal(actor))
        self.accounts_button.setToolTip(
            refusal(actor) or _("Add, edit, deactivate or unlock staff accounts.")
        )
        self.password_button = QPushButton(_("Change my password …"), accounts_box)
        self.password_button.setObjectName("settingsChangePassword")
        self.password_button.clicked.connect(lambda _checked=False: self.change_password())
        self.password_button.setEnabled(not unavailable_reason(actor))
        self.password_button.setToolTip(unavailable_reason(actor))
        self.accounts_note = QLabel(refusal(actor) or unavailable_reason(actor), accounts_box)
        self.accounts_note.setObjectName("settingsAccountsNote")
        self.accounts_note.setWordWrap(True)
        accounts_layout.addWidget(self.accounts_button)
        accounts_layout.addWidget(self.password_button)
        accounts_layout.addWidget(self.accounts_note, 1)

        # --- sign-in ---
        sign_in_box = QGroupBox(_("Sign-in"), self)
        sign_in_layout = QVBoxLayout(sign_in_box)
        self.sign_in = QCheckBox(_("People must sign in with a user name and password"), sign_in_box)
        self.sign_in.setObjectName("settingsSignIn")
        self.sign_in_note = QLabel(sign_in_box)
        self.sign_in_note.setWordWrap(True)
        sign_in_layout.addWidget(self.sign_in)
        sign_in_layout.addWidget(self.sign_in_note)
        idle_row = QHBoxLayout()
        idle_label = QLabel(_("Sign out after this many idle minutes"), sign_in_box)
        self.idle_minutes = QSpinBox(sign_in_box)
        self.idle_minutes.setObjectName("settingsIdleMinutes")
        self.idle_minutes.setRange(*model.idle_sign_out_range)
        self.idle_minutes.setValue(model.idle_sign_out_minutes())
        self.idle_minutes.setToolTip(
            _(
                "A signed-in client that sees no key or click for this long closes its dialogs and asks who "
                "signs in. The change applies from the next sign-in."
            )
        )
        idle_label.setBuddy(self.idle_minutes)
        if not can(actor, Permission.MANAGE_SETTINGS):
            self.idle_minutes.setEnabled(False)
            self.idle_minutes.setToolTip(self._refusal(Permission.MANAGE_SETTINGS))
        self.idle_minutes.editingFinished.connect(self._idle_minutes_set)
        idle_row.addWidget(idle_label)
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        sign_in_layout.addLayout(idle_row)
        self._show_sign_in()
        self.sign_in.toggled.connect(self._sign_in_toggled)

        # --- upkeep ---
        upkeep_box = QGroupBox(_("Upkeep"), self)
        upkeep_layout = QHBoxLayout(upkeep_box)
        self.backup_button = QPushButton(_("Back up now …"), upkeep_box)
        self.backup_button.setObjectName("settingsBackup")
        self.backup_button.clicked.connect(self.back_up)
        if not can(actor, Permission.BACKUP_RESTORE):
            self.backup_button.setEnabled(False)
            self.backup_button.setToolTip(self._refusal(Permission.BACKUP_RESTORE))
        upkeep_layout.addWidget(self.backup_button)
        self.last_result = QLabel(upkeep_box)
        self.last_result.setObjectName("settingsUpkeepResult")
        self.last_result.setWordWrap(True)
        self.last_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        upkeep_layout.addWidget(self.last_result, 1)

        signed_in = QLabel(
            _("Working as {name} ({role}).").format(name=actor.name, role=label(actor.role)), self
        )
        signed_in.setObjectName("settingsActor")

        layout = QVBoxLayout(self)
        layout.addWidget(language_box)
        layout.addWidget(data_box)
        layout.addWidget(accounts_box)
        layout.addWidget(sign_in_box)
        layout.addWidget(upkeep_box)
        layout.addWidget(signed_in)
        layout.addStretch(1)

    def _selectable(self, text: str, name: str) -> QLabel:
        value = QLabel(text, self)
        value.setObjectName(name)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return value

    def _refusal(self, permission: Permission) -> str:
        return _("Your role ({role}) does not allow you to {action}.").format(
            role=label(self._actor.role), action=permission.label
        )

    def refresh(self) -> None:
        self._show_sign_in()

    # --- language -----------------------------------------------------------------------------

    def _language_chosen(self) -> None:
        chosen = self.language.currentData()
        if not isinstance(chosen, str) or chosen == language():
            return
        self._settings.setValue("language", chosen)
        self._settings.sync()
        set_language(chosen)
        self.language_changed.emit(chosen)

    # --- sign-in ------------------------------------------------------------------------------

    def _show_sign_in(self) -> None:
        required = self._model.sign_in_required()
        self.sign_in.blockSignals(True)
        self.sign_in.setChecked(required)
        self.sign_in.blockSignals(False)
        if not self._model.is_sqlite:
            self.sign_in.setEnabled(False)
            note = _("A shared PostgreSQL database always requires sign-in.")
        elif not can(self._actor, Permission.MANAGE_SETTINGS):
            self.sign_in.setEnabled(False)
            note = self._refusal(Permission.MANAGE_SETTINGS)
        else:
            self.sign_in.setEnabled(True)
            note = self._sign_in_explanation(required)
        self.sign_in_note.setText(note)
        self.sign_in.setToolTip(note)

    def _sign_in_explanation(self, required: bool) -> str:
        if required:
            return _(
                "On: everyone signs in with their own account, and the audit trail names them. "
                "A change takes effect the next time the program starts."
            )
        if self._model.has_administrator():
            return _(
                "Off: everything done here is recorded as the local user. Turning it on needs an active "
                "administrator account with a password (there is one: make sure you know its password); "
                "from the next start everyone signs in with their own account."
            )
        return _(
            "Off: everything done here is recorded as the local user. Turning it on needs an active "
            "administrator account with a password, and there is none yet: add one under Staff accounts first."
        )

    def _sign_in_toggled(self, required: bool) -> None:
        self._set_sign_in(required, offer_accounts=True)

    def _set_sign_in(self, required: bool, *, offer_accounts: bool) -> None:
        try:
            self._model.set_sign_in_required(required)
        except WorkflowError as error:
            self._show_sign_in()
            if offer_accounts and required and not self._model.has_administrator():
                # Turning sign-in on needs an administrator with a password: offer to add one,
                # then do what the person asked for.
                if NeedsAdministratorPrompt.ask(self, error.message):
                    self.manage_accounts()
                    if self._model.has_administrator():
                        self._set_sign_in(True, offer_accounts=False)
            else:
                show_error(self, error)
        except MediationError as error:
            show_error(self, error)
        self._show_sign_in()

    def _idle_minutes_set(self) -> None:
        minutes = self.idle_minutes.value()
        if minutes == self._model.idle_sign_out_minutes():
            return
        try:
            self._model.set_idle_sign_out_minutes(minutes)
        except MediationError as error:
            show_error(self, error)
        self.idle_minutes.setValue(self._model.idle_sign_out_minutes())

    # --- accounts -----------------------------------------------------------------------------

    def manage_accounts(self) -> bool:
        """Open the staff accounts; True when an account was changed."""
        if not self.accounts_button.isEnabled():
            return False
        changed = AccountsDialog.ask(self._model.accounts(), self)
        self._show_sign_in()
        return changed

    def change_password(self) -> bool:
        if not self.password_button.isEnabled():
            return False
        changed = ChangePasswordDialog.ask(self._model.accounts(), self)
        if changed:
            self.accounts_note.setText(_("Your password was changed."))
        return changed

    # --- upkeep -------------------------------------------------------------------------------

    def back_up(self) -> TaskHandle:
        model = self._model

        def work(task: TaskHandle) -> BackupResult:
            task.progress(0, 0, _("Backing up the database …"))
            return model.back_up()

        def done(result: object) -> None:
            assert isinstance(result, BackupResult)
            text = _("Backup saved: {path}").format(path=result.path)
            self.last_result.setText(text)
            QMessageBox.information(self, _("Backup"), text)

        return run_with_progress(self, _("Backing up"), work, on_done=done, cancellable=False)
