"""Fixtures for the client's tests: a small demo centre, private settings, the window.

The demo database is built once per test session and copied for each test (a test may register
cases); the clock is fixed (2026-11-27 09:30 Beijing time) so dates on screen are stable.
Settings go to an INI file in the test's folder, never the user's real settings.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mediation_app.clock import FixedClock
from mediation_app.demo.centre import build_demo
from mediation_app.domain.actor import Actor
from mediation_app.services.accounts import local_actor
from mediation_app.storage.uow import Database
from tests.support.demo import DEMO_CASES, NOW
from ui.main_window import MainWindow
from ui.viewmodels.workspace import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite3"
    db = Database.open(f"sqlite:///{path}", FixedClock(NOW))
    build_demo(db, cases=DEMO_CASES)
    db.dispose()
    return path


@pytest.fixture
def ui_clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, ui_clock: FixedClock) -> Iterator[Database]:
    """A private copy of the demo centre."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    db = Database.open(f"sqlite:///{path}", ui_clock)
    yield db
    db.dispose()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def actor() -> Actor:
    """The local user, unrestricted. The demo centre has accounts and requires sign-in, where a
    person without an account is refused (tests/services/test_stale_actor.py); the screens'
    tests act as the software itself, under the local user's name."""
    return replace(local_actor(), without_sign_in=False)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, ui_settings: QSettings, actor: Actor) -> MainWindow:
    main = MainWindow(Workspace(demo_db, actor), ui_settings)
    qtbot.addWidget(main)
    main.show()
    main.load()
    return main


@pytest.fixture
def sqlite_db(tmp_path: Path, clock: FixedClock) -> Iterator[Database]:
    """An empty, migrated SQLite database: for screens, one backend is enough (the services'
    tests run on SQLite and PostgreSQL)."""
    db = Database.open(f"sqlite:///{tmp_path}/screens.sqlite3", clock)
    yield db
    db.dispose()
