"""Staff accounts in the client: the accounts dialog, its forms, "Change my password", and the
Settings page's sign-in switch that needs an administrator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mediation_app.clock import CHINA, FixedClock
from mediation_app.demo.places import DEMO_PASSWORD
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role, label
from mediation_app.errors import PermissionDenied
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.services.accounts import SignInFailed, UserForm, UserRow
from mediation_app.storage.uow import Database
from ui.account_forms import ReloadPrompt, ResetPasswordDialog, UserDialog
from ui.accounts_dialog import AccountsDialog, NeedsAdministratorPrompt
from ui.change_password_dialog import ChangePasswordDialog
from ui.main_window import MainWindow
from ui.pages.settings_page import SettingsPage
from ui.viewmodels.accounts import AccountsViewModel
from ui.viewmodels.settings import SettingsViewModel
from ui.viewmodels.workspace import Workspace

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """New passwords hash quickly here; the demo's accounts keep their real (slower) hashes."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def admin(demo_db: Database) -> Actor:
    return accounts.sign_in(demo_db, "admin", DEMO_PASSWORD)


def _row(db: Database, username: str) -> UserRow:
    return next(row for row in accounts.list_users(db) if row.username == username)


def _accounts(qtbot: QtBot, db: Database, actor: Actor) -> AccountsDialog:
    dialog = AccountsDialog(AccountsViewModel(Workspace(db, actor)))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _answer_forms_with(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, fill: Callable[[UserDialog], None]
) -> None:
    """UserDialog.ask drives the real form: ``fill`` types into it and presses Save."""

    def ask(
        cls: type[UserDialog], model: AccountsViewModel, row: UserRow | None = None, parent: object = None
    ) -> UserRow | None:
        form = cls(model, row)
        qtbot.addWidget(form)
        form.show()
        fill(form)
        return form.saved if form.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(UserDialog, "ask", classmethod(ask))


def test_an_administrator_adds_a_user_who_can_then_sign_in(
    qtbot: QtBot, demo_db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[UserDialog] = []

    def fill(form: UserDialog) -> None:
        attempts.append(form)
        qtbot.keyClicks(form.username, "clerk.yang")  # taken
        form.name.setText("林调解员")
        form.role.setCurrentIndex(form.role.findData(Role.MEDIATOR.value))
        form.organization.setCurrentIndex(2)
        qtbot.keyClicks(form.phone, "13905941234")
        qtbot.keyClicks(form.password, "short")
        qtbot.keyClicks(form.repeat, "shorter")
        form.save()
        assert "differ" in form.errors.label_for("repeat").text()  # checked before asking the service
        form.repeat.setText("short")
        form.save()
        assert form.errors.label_for("username").text() == "is already taken"
        assert "at least 8" in form.errors.label_for("password").text()
        assert form.isVisible() and form.name.text() == "林调解员"  # nothing typed is lost
        form.username.setText("mediator.lin")
        form.password.setText("lin pass 2026")
        form.repeat.setText("lin pass 2026")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    _answer_forms_with(monkeypatch, qtbot, fill)
    dialog = _accounts(qtbot, demo_db, admin)
    before = dialog.model.rowCount()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert len(attempts) == 1 and dialog.changed
    assert dialog.model.rowCount() == before + 1
    assert dialog.selected() is not None and dialog.selected().username == "mediator.lin"
    assert "mediator.lin" in dialog.message.text()
    shown = [dialog.model.data(dialog.model.index(dialog.table.currentIndex().row(), c)) for c in range(7)]
    assert (
        shown[:3] == ["mediator.lin", "林调解员", label(Role.MEDIATOR)] and shown[3] and shown[4] == "Active"
    )

    actor = accounts.sign_in(demo_db, "Mediator.Lin", "lin pass 2026")
    assert (actor.name, actor.role) == ("林调解员", Role.MEDIATOR)


def test_a_clerk_sees_account_management_disabled_with_the_reason(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings
) -> None:
    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    page = SettingsPage(SettingsViewModel(Workspace(demo_db, clerk)), ui_settings)
    qtbot.addWidget(page)
    assert not page.accounts_button.isEnabled()
    clerk_label = label(Role.CLERK)
    assert (
        page.accounts_button.toolTip()
        == f"Your role ({clerk_label}) does not allow you to manage user accounts."
    )
    assert page.password_button.isEnabled()  # every account may change its own password

    dialog = _accounts(qtbot, demo_db, clerk)  # even if opened, nothing in it acts
    dialog.select_username("mediator.xu")
    assert dialog.refused.isVisible() and clerk_label in dialog.refused.text()
    for button in (dialog.add_button, dialog.edit_button, dialog.active_button, dialog.reset_button):
        assert not button.isEnabled() and clerk_label in button.toolTip()
    with demo_db.unit_of_work(clerk) as uow, pytest.raises(PermissionDenied):
        accounts.unlock_user(uow, _row(demo_db, "mediator.xu").id)  # and the service refuses anyway


def test_a_stale_edit_offers_to_reload_and_keeps_what_was_typed(
    qtbot: QtBot, demo_db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    monkeypatch.setattr(
        ReloadPrompt, "ask", classmethod(lambda cls, parent, text: offered.append(text) or True)
    )
    row = _row(demo_db, "clerk.yang")
    form = UserDialog(AccountsViewModel(Workspace(demo_db, admin)), row)
    qtbot.addWidget(form)
    form.show()
    assert form.username.text() == "clerk.yang" and not form.username.isEnabled()

    # Meanwhile, at another workstation, someone renames the account.
    with demo_db.unit_of_work(admin) as uow:
        accounts.update_user(
            uow, row.id, row.version, UserForm("", "杨某某（前台）", Role.CLERK, "", None, row.phone)
        )

    form.phone.setText("13800000000")
    form.role.setCurrentIndex(form.role.findData(Role.MEDIATOR.value))
    form.save()
    assert len(offered) == 1 and "Someone else saved" in offered[0]
    assert form.isVisible() and form.result() != QDialog.DialogCode.Accepted
    assert form.phone.text() == "13800000000" and form.role.currentData() == Role.MEDIATOR.value
    assert "杨某某（前台）" in form.general.text()  # the other person's value is shown, not merged
    assert _row(demo_db, "clerk.yang").role == Role.CLERK  # nothing was saved

    form.save()  # now knowingly over theirs
    assert form.result() == QDialog.DialogCode.Accepted
    stored = _row(demo_db, "clerk.yang")
    assert (stored.role, stored.phone, stored.name) == (Role.MEDIATOR, "13800000000", row.name)


def test_a_stale_deactivation_offers_to_reload(
    qtbot: QtBot, demo_db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    monkeypatch.setattr(
        ReloadPrompt, "ask", classmethod(lambda cls, parent, text: offered.append(text) or True)
    )
    dialog = _accounts(qtbot, demo_db, admin)
    dialog.select_username("clerk.zhu")
    row = dialog.selected()
    assert row is not None and dialog.active_button.text() == "Deactivate"
    with demo_db.unit_of_work(admin) as uow:
        accounts.update_user(uow, row.id, row.version, UserForm("", row.name, Role.MEDIATOR, "", None, ""))
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert offered and _row(demo_db, "clerk.zhu").active
    assert dialog.selected() is not None and dialog.selected().role == Role.MEDIATOR  # reloaded

    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert not _row(demo_db, "clerk.zhu").active
    assert dialog.active_button.text() == "Reactivate" and "Deactivated" in dialog.message.text()
    with pytest.raises(SignInFailed, match="deactivated"):
        accounts.sign_in(demo_db, "clerk.zhu", DEMO_PASSWORD)


def test_an_administrator_cannot_deactivate_themselves(qtbot: QtBot, demo_db: Database, admin: Actor) -> None:
    dialog = _accounts(qtbot, demo_db, admin)
    dialog.select_username("admin")
    dialog.toggle_active()
    assert "your own account" in dialog.error.text() and _row(demo_db, "admin").active


def test_a_locked_account_is_shown_and_unlocked(
    qtbot: QtBot, demo_db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _attempt in range(5):
        with pytest.raises(SignInFailed):
            accounts.sign_in(demo_db, "mediator.xu", "wrong pass")
    dialog = _accounts(qtbot, demo_db, admin)
    dialog.select_username("mediator.xu")
    row = dialog.table.currentIndex().row()
    assert dialog.model.data(dialog.model.index(row, 5)) == "2026-11-27 09:45"
    assert dialog.model.data(dialog.model.index(row, 6)) == "5"
    assert dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.model.data(dialog.model.index(row, 5)) == ""
    assert not dialog.unlock_button.isEnabled()
    assert accounts.sign_in(demo_db, "mediator.xu", DEMO_PASSWORD).role == Role.MEDIATOR


def test_resetting_a_password_lets_the_person_sign_in_with_the_new_one(
    qtbot: QtBot, demo_db: Database, admin: Actor
) -> None:
    row = _row(demo_db, "judge.lin")
    form = ResetPasswordDialog(AccountsViewModel(Workspace(demo_db, admin)), row)
    qtbot.addWidget(form)
    form.show()
    form.password.setText("aaaaaaaa")
    form.repeat.setText("aaaaaaaa")
    form.save()
    assert "too easy" in form.errors.label_for("password").text() and form.isVisible()
    form.password.setText("fresh pass 7")
    form.repeat.setText("fresh pass 7")
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted
    assert accounts.sign_in(demo_db, row.username, "fresh pass 7").staff_id == row.id


def test_the_accounts_model_passes_the_model_tester(
    qtbot: QtBot, demo_db: Database, admin: Actor, qtmodeltester: object
) -> None:
    dialog = _accounts(qtbot, demo_db, admin)
    assert dialog.model.rowCount() >= 5
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == [
        "User name",
        "Name",
        "Role",
        "Organisation",
        "State",
        "Locked until",
        "Failed sign-ins",
    ]


def test_change_my_password_answers_a_wrong_current_password_in_place(
    qtbot: QtBot, demo_db: Database
) -> None:
    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    dialog = ChangePasswordDialog(AccountsViewModel(Workspace(demo_db, clerk)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old, "not my password")
    qtbot.keyClicks(dialog.new, "new pass 2027")
    qtbot.keyClicks(dialog.repeat, "new pass 2027")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    old_error = dialog.errors.label_for("old_password")
    assert old_error.isVisible() and old_error.text() == "is not your current password"
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.new.text() == "new pass 2027"  # the new password stays typed

    dialog.old.setText(DEMO_PASSWORD)
    qtbot.keyClick(dialog.old, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert accounts.sign_in(demo_db, "clerk.yang", "new pass 2027").staff_id == clerk.staff_id


def test_change_my_password_is_in_the_file_menu_for_accounts_only(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings, actor: Actor
) -> None:
    local = MainWindow(Workspace(demo_db, actor), ui_settings)
    qtbot.addWidget(local)
    assert not local.change_password_action.isEnabled()
    assert "without an account" in local.change_password_action.toolTip()
    supervisor = accounts.sign_in(demo_db, "supervisor.weng", DEMO_PASSWORD)
    signed_in = MainWindow(Workspace(demo_db, supervisor), ui_settings)
    qtbot.addWidget(signed_in)
    file_menu = signed_in.menuBar().actions()[0].menu()
    assert signed_in.change_password_action in file_menu.actions()
    assert signed_in.change_password_action.isEnabled()


@pytest.fixture
def seat_without_accounts(tmp_path: Path) -> Iterator[Database]:
    """A single seat that chose to work without sign-in on its first run: no administrator."""
    db = Database.open(
        f"sqlite:///{tmp_path}/seat.sqlite3", FixedClock(dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA))
    )
    with db.unit_of_work(accounts.local_actor()) as uow:
        accounts.set_sign_in_required(uow, False)
    yield db
    db.dispose()


def test_turning_sign_in_on_without_an_administrator_explains_and_offers_the_accounts(
    qtbot: QtBot,
    seat_without_accounts: Database,
    ui_settings: QSettings,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = seat_without_accounts
    told: list[str] = []
    monkeypatch.setattr(
        NeedsAdministratorPrompt, "ask", classmethod(lambda cls, parent, text: told.append(text) or True)
    )

    def add_administrator(cls: type[AccountsDialog], model: AccountsViewModel, parent: object = None) -> bool:
        with db.unit_of_work(actor) as uow:
            accounts.add_user(uow, UserForm("admin", "系统管理员", Role.ADMIN, "admin pass 1"))
        return True

    monkeypatch.setattr(AccountsDialog, "ask", classmethod(add_administrator))
    page = SettingsPage(SettingsViewModel(Workspace(db, actor)), ui_settings)
    qtbot.addWidget(page)
    assert not page.sign_in.isChecked()
    assert "there is none yet" in page.sign_in_note.text()
    assert page.accounts_button.isEnabled() and not page.password_button.isEnabled()

    page.sign_in.click()
    assert told == ["Create an administrator account with a password before requiring sign-in."]
    assert accounts.sign_in_required(db)  # done once the administrator existed
    assert page.sign_in.isChecked() and page.sign_in_note.text().startswith("On:")


def test_declining_to_add_an_administrator_leaves_sign_in_off(
    qtbot: QtBot,
    seat_without_accounts: Database,
    ui_settings: QSettings,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(NeedsAdministratorPrompt, "ask", classmethod(lambda cls, parent, text: False))
    page = SettingsPage(SettingsViewModel(Workspace(seat_without_accounts, actor)), ui_settings)
    qtbot.addWidget(page)
    page.sign_in.click()
    assert not page.sign_in.isChecked() and not accounts.sign_in_required(seat_without_accounts)


def test_the_demo_turns_sign_in_on_at_once(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings, actor: Actor
) -> None:
    page = SettingsPage(SettingsViewModel(Workspace(demo_db, actor)), ui_settings)
    qtbot.addWidget(page)
    assert "there is one" in page.sign_in_note.text()
    page.sign_in.click()
    assert accounts.sign_in_required(demo_db) and page.sign_in_note.text().startswith("On:")


def test_an_administrator_sets_the_idle_minutes_and_a_clerk_sees_why_not(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings, admin: Actor
) -> None:
    page = SettingsPage(SettingsViewModel(Workspace(demo_db, admin)), ui_settings)
    qtbot.addWidget(page)
    page.show()
    assert page.idle_minutes.value() == accounts.IDLE_SIGN_OUT_DEFAULT
    page.idle_minutes.setFocus()
    page.idle_minutes.lineEdit().selectAll()
    qtbot.keyClicks(page.idle_minutes, "30")
    qtbot.keyClick(page.idle_minutes, Qt.Key.Key_Return)
    assert accounts.idle_sign_out_minutes(demo_db) == 30
    assert page.idle_minutes.maximum() == accounts.IDLE_SIGN_OUT_RANGE[1]

    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    clerk_page = SettingsPage(SettingsViewModel(Workspace(demo_db, clerk)), ui_settings)
    qtbot.addWidget(clerk_page)
    assert clerk_page.idle_minutes.value() == 30
    assert not clerk_page.idle_minutes.isEnabled()
    assert label(Role.CLERK) in clerk_page.idle_minutes.toolTip()
