"""Idle sign-out: a signed-in client left alone returns to the sign-in dialog, keeping the draft;
so does one whose account is refused (deactivated, or given another role)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from mediation_app.demo.places import DEMO_PASSWORD
from mediation_app.domain.actor import Actor
from mediation_app.errors import SignInRequired, ValidationError
from mediation_app.services import accounts
from mediation_app.storage.uow import Database
from tests.support.case_view_driver import type_text
from ui.app import WindowHost
from ui.error_reporting import show_error
from ui.idle import IdleWatch
from ui.intake.drafts import DraftStore
from ui.intake.intake_dialog import IntakeDialog
from ui.sign_in_dialog import SignInDialog
from ui.viewmodels.intake import IntakeViewModel
from ui.viewmodels.sign_in import SignInViewModel
from ui.viewmodels.workspace import Workspace

IDLE_MS = 400


class Asked:
    """Stands in for the sign-in dialog: records each time it is shown and who signs in."""

    def __init__(self, answer: Actor | None) -> None:
        self.answer = answer
        self.window_visible: list[bool] = []
        self.host: WindowHost | None = None

    def __call__(self, _cls: Any, gate: SignInViewModel, parent: Any = None) -> Actor | None:
        assert self.host is not None and self.host.window is not None
        self.window_visible.append(self.host.window.isVisible())
        return self.answer


@pytest.fixture
def hosts() -> Iterator[list[WindowHost]]:
    """The hosts a test opens: their idle watches stop and their windows close afterwards."""
    made: list[WindowHost] = []
    yield made
    for host in made:
        if host.idle is not None:
            host.idle.remove()
        if host.window is not None and shiboken6.isValid(host.window):
            host.window.close()
            host.window.deleteLater()


def _host(
    hosts: list[WindowHost], db: Database, settings: QSettings, actor: Actor, asked: Asked
) -> WindowHost:
    host = WindowHost(Workspace(db, actor), settings, SignInViewModel(db), idle_ms=IDLE_MS)
    hosts.append(host)
    asked.host = host
    host.open()
    return host


def test_an_idle_client_asks_who_signs_in_and_keeps_the_draft(
    qtbot: QtBot,
    demo_db: Database,
    ui_settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    hosts: list[WindowHost],
) -> None:
    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    asked = Asked(clerk)  # the same person signs in again
    monkeypatch.setattr(SignInDialog, "ask", classmethod(asked))
    host = _host(hosts, demo_db, ui_settings, clerk, asked)
    window = host.window
    assert window is not None
    store = DraftStore()
    intake = IntakeDialog(IntakeViewModel(host.workspace), window, store=store)
    qtbot.addWidget(intake)
    intake.show()
    type_text(intake.inputs["owner.name"], "蔡某")  # typed, not saved yet
    qtbot.waitUntil(lambda: bool(asked.window_visible), timeout=10_000)
    assert asked.window_visible == [False]  # nobody sees the case list while the dialog asks
    assert not intake.isVisible()
    draft = store.load()
    assert draft is not None and draft.form.owner.name == "蔡某"  # the draft is kept
    qtbot.waitUntil(window.isVisible, timeout=5_000)
    assert host.window is window  # the same person finds the window as they left it
    assert host.idle is not None and host.idle.is_active()  # and the count starts again


def test_a_key_or_a_click_starts_the_count_again(qtbot: QtBot) -> None:
    watch = IdleWatch(60_000)
    try:
        watch.start()
        qtbot.wait(300)
        before = watch.remaining_ms()
        assert 0 < before < 60_000
        widget = QWidget()
        qtbot.addWidget(widget)
        QTest.keyClick(widget, Qt.Key.Key_Shift)
        assert watch.remaining_ms() > before  # counted from the key press
        qtbot.wait(300)
        before = watch.remaining_ms()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        assert watch.remaining_ms() > before
    finally:
        watch.remove()


def test_someone_else_signing_in_gets_a_window_of_their_own(
    qtbot: QtBot,
    demo_db: Database,
    ui_settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    hosts: list[WindowHost],
) -> None:
    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    mediator = accounts.sign_in(demo_db, "mediator.chen", DEMO_PASSWORD)
    asked = Asked(mediator)
    monkeypatch.setattr(SignInDialog, "ask", classmethod(asked))
    host = _host(hosts, demo_db, ui_settings, clerk, asked)
    first = host.window
    assert first is not None
    qtbot.waitUntil(lambda: bool(asked.window_visible), timeout=10_000)
    qtbot.waitUntil(lambda: host.window is not first, timeout=5_000)
    assert host.workspace.actor == mediator
    assert host.window is not None and host.window.isVisible()


def test_the_idle_time_is_the_centres_setting_and_a_single_seat_never_signs_out(
    demo_db: Database, ui_settings: QSettings
) -> None:
    gate = SignInViewModel(demo_db)
    assert gate.idle_sign_out_minutes() == accounts.IDLE_SIGN_OUT_DEFAULT == 15
    admin = accounts.sign_in(demo_db, "admin", DEMO_PASSWORD)
    with demo_db.unit_of_work(admin) as uow:
        accounts.set_idle_sign_out_minutes(uow, 5)
    with pytest.raises(ValidationError), demo_db.unit_of_work(admin) as uow:
        accounts.set_idle_sign_out_minutes(uow, 0)
    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    host = WindowHost(Workspace(demo_db, clerk), ui_settings, gate)
    assert host.idle is not None and host.idle.timeout_ms == 5 * 60_000
    local = accounts.local_actor()
    assert WindowHost(Workspace(demo_db, local), ui_settings, gate).idle is None
    host.idle.remove()


@pytest.mark.usefixtures("english")
def test_a_refused_account_is_asked_to_sign_in_again(
    qtbot: QtBot,
    demo_db: Database,
    ui_settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    hosts: list[WindowHost],
) -> None:
    """Deactivated or given another role while signed in: the step's refusal is shown, then the
    window hides and the sign-in dialog asks (here the administrator signs in instead)."""
    clerk = accounts.sign_in(demo_db, "clerk.yang", DEMO_PASSWORD)
    admin = accounts.sign_in(demo_db, "admin", DEMO_PASSWORD)
    asked = Asked(admin)
    monkeypatch.setattr(SignInDialog, "ask", classmethod(asked))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    host = WindowHost(Workspace(demo_db, clerk), ui_settings, SignInViewModel(demo_db), idle_ms=600_000)
    hosts.append(host)
    asked.host = host
    first = host.open()
    with demo_db.unit_of_work(admin) as uow:
        accounts.set_active(uow, clerk.staff_id, None, False)
    try:
        with demo_db.unit_of_work(clerk):
            pass
    except SignInRequired as refused:
        show_error(first, refused)
    assert shown == ["Your account has been deactivated or its role has changed; please sign in again."]
    qtbot.waitUntil(lambda: bool(asked.window_visible), timeout=5_000)
    assert asked.window_visible == [False]
    qtbot.waitUntil(lambda: host.workspace.actor == admin, timeout=5_000)
    assert host.window is not first and host.window is not None and host.window.isVisible()
