"""Sign-in and first-run dialogs, and the gate that chooses between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mediation_app.clock import CHINA, FixedClock
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.services.accounts import UserForm
from mediation_app.storage.uow import Database
from ui import session_gate
from ui.sign_in_dialog import FirstAdminDialog, SignInDialog
from ui.viewmodels.sign_in import SignInViewModel

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(
        f"sqlite:///{tmp_path}/seat.sqlite3", FixedClock(dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA))
    )
    yield db
    db.dispose()


@pytest.fixture
def staffed_db(fresh_db: Database) -> Database:
    admin = accounts.create_first_administrator(fresh_db, "admin", "系统管理员", "admin pass 1")
    with fresh_db.unit_of_work(admin) as uow:
        accounts.add_user(uow, UserForm("clerk.yang", "杨某某", Role.CLERK, "clerk pass 1"))
    return fresh_db


def _sign_in_dialog(qtbot: QtBot, db: Database) -> SignInDialog:
    dialog = SignInDialog(SignInViewModel(db).sign_in)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_password_is_answered_in_the_dialog_which_stays_open(
    qtbot: QtBot, staffed_db: Database
) -> None:
    dialog = _sign_in_dialog(qtbot, staffed_db)
    qtbot.keyClicks(dialog.username, "clerk.yang")
    qtbot.keyClicks(dialog.password, "wrong pass")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error.isVisible() and dialog.error.text()
    assert dialog.username.text() == "clerk.yang" and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "clerk pass 1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and (dialog.actor.name, dialog.actor.role) == ("杨某某", Role.CLERK)


def test_the_lock_out_is_shown_with_its_time(qtbot: QtBot, staffed_db: Database) -> None:
    dialog = _sign_in_dialog(qtbot, staffed_db)
    dialog.username.setText("clerk.yang")
    for _attempt in range(5):
        dialog.password.setText("wrong pass")
        dialog.try_sign_in()
    assert "09:45" in dialog.error.text()


def test_empty_fields_are_asked_for_without_trying(qtbot: QtBot) -> None:
    tried: list[str] = []

    def attempt(username: str, password: str) -> Actor:
        tried.append(username)
        raise AssertionError("must not be tried")

    dialog = SignInDialog(attempt)
    qtbot.addWidget(dialog)
    dialog.try_sign_in()
    assert not tried and dialog.error.text()


def test_the_first_run_creates_the_administrator_and_signs_in(qtbot: QtBot, fresh_db: Database) -> None:
    dialog = FirstAdminDialog(SignInViewModel(fresh_db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("系统管理员")
    qtbot.keyClicks(dialog.password, "admin pass 1")
    qtbot.keyClicks(dialog.repeat, "admin pass 2")
    dialog.create_administrator()
    assert dialog.actor is None and "differ" in dialog.errors.label_for("repeat").text()
    dialog.repeat.setText("admin pass 1")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.create_administrator()
    assert dialog.errors.label_for("password").isVisible()
    dialog.password.setText("admin pass 1")
    dialog.repeat.setText("admin pass 1")
    dialog.create_administrator()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN and dialog.actor.staff_id is not None
    assert accounts.has_administrator(fresh_db) and accounts.sign_in_required(fresh_db)


def test_a_single_seat_may_work_without_sign_in(qtbot: QtBot, fresh_db: Database) -> None:
    dialog = FirstAdminDialog(SignInViewModel(fresh_db))
    qtbot.addWidget(dialog)
    assert dialog.without is not None
    qtbot.mouseClick(dialog.without, Qt.MouseButton.LeftButton)
    assert dialog.actor is not None and dialog.actor.staff_id is None
    assert not accounts.sign_in_required(fresh_db)
    assert session_gate.obtain_actor(SignInViewModel(fresh_db)) == accounts.local_actor()  # next start


def test_the_gate_asks_for_the_administrator_first_then_for_sign_in(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    admin = Actor(1, "系统管理员", Role.ADMIN)
    monkeypatch.setattr(
        FirstAdminDialog, "ask", classmethod(lambda cls, gate, parent=None: asked.append("first") or admin)
    )
    monkeypatch.setattr(
        SignInDialog, "ask", classmethod(lambda cls, gate, parent=None: asked.append("sign in") or None)
    )
    gate = SignInViewModel(fresh_db)
    assert session_gate.obtain_actor(gate) == admin
    accounts.create_first_administrator(fresh_db, "admin", "系统管理员", "admin pass 1")
    assert session_gate.obtain_actor(gate) is None  # the person quit at the sign-in dialog
    assert asked == ["first", "sign in"]


def test_a_shared_database_offers_no_way_around_sign_in(qtbot: QtBot, db: Database) -> None:
    dialog = FirstAdminDialog(SignInViewModel(db))
    qtbot.addWidget(dialog)
    assert (dialog.without is None) == (not db.is_sqlite)
    assert dialog.require.isVisibleTo(dialog) == db.is_sqlite
