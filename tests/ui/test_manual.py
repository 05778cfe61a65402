"""The user manual: every picture it shows is made by ``mediation-app manual`` from the screens
of this very code, in both languages; F1 opens it in the interface language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mediation_app.i18n import LANGUAGES, set_language
from tests.support.demo import DEMO_CASES
from ui import manual
from ui.help_window import HelpWindow
from ui.main_window import MainWindow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The manual built by the real command, on a small demo centre."""
    out = tmp_path_factory.mktemp("manual")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIATION_DATA_DIR": str(out / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "mediation_app", "manual", "--out", str(out), "--cases", str(DEMO_CASES)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_the_manual_shows_is_made_by_the_manual_command(built: Path, language: str) -> None:
    named = manual.pictures_named(language)
    made = {path.name for path in (built / language / "screens").iterdir()}
    assert named, "the manual shows no screenshot"
    assert sorted(set(named) - made) == []
    assert (built / language / "manual.md").read_text(encoding="utf-8") == manual.text_path(
        language
    ).read_text(encoding="utf-8")


def test_both_languages_tell_the_same_manual() -> None:
    headings = {
        language: [
            line.split(" ", 1)[0]
            for line in manual.text_path(language).read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        ]
        for language in LANGUAGES
    }
    assert headings["zh_CN"] == headings["en"]
    assert manual.pictures_named("zh_CN") == manual.pictures_named("en")


def test_a_screenshot_keeps_its_name_in_the_manual_when_screens_are_added() -> None:
    assert manual.picture_name(Path("07-case-view-3-fees.png")) == "case-view-fees.png"
    assert manual.picture_name(Path("12-dashboard.png")) == "dashboard.png"


def test_the_bundle_runs_the_manual_command_through_its_own_program(tmp_path: Path) -> None:
    program = tmp_path / "mediation-app"
    assert manual.build_command(frozen=True, executable=str(program)) == [str(program), "manual"]
    assert manual.build_command(frozen=False, executable="/usr/bin/python3") == [
        "/usr/bin/python3",
        "-m",
        "mediation_app",
        "manual",
    ]


@pytest.mark.slow
@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stacking
def test_f1_opens_the_manual_with_its_pictures(
    built: Path, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manual, "built_roots", lambda: [built])
    window.manual_action.trigger()
    help_window = window.help_window
    assert isinstance(help_window, HelpWindow)
    qtbot.waitUntil(help_window.isVisible)
    assert help_window.missing.isHidden()
    text = help_window.browser.toPlainText()
    assert "调解员的一天" in text
    picture = help_window.browser.document().resource(3, "screens/cases.png")  # QTextDocument.ImageResource
    assert picture is not None and not picture.isNull()


def test_without_screenshots_the_manual_offers_to_make_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manual, "built_roots", lambda: [tmp_path / "nowhere"])
    set_language("en")
    help_window = HelpWindow(language_code="en")
    qtbot.addWidget(help_window)
    help_window.show()
    assert help_window.missing.isVisible()
    assert "A mediator's day" in help_window.browser.toPlainText()
    monkeypatch.setattr(manual, "build_command", lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    help_window.make_pictures()
    assert not help_window.make_button.isEnabled()
    qtbot.waitUntil(lambda: help_window.process is None, timeout=20000)
    assert "exit status 3" in help_window.missing_text.text()
