"""What of the hooks' collection ships, decided alike for Linux and Windows destinations (PySide6's
Qt files sit in ``PySide6/Qt/`` on Linux and directly in ``PySide6\\`` on Windows)."""

from __future__ import annotations

from importlib.metadata import distribution
from pathlib import Path

import pytest

from tests.support.installer_modules import load

contents = load("bundle_contents.py")


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
        "PySide6\\translations\\qtbase_zh_CN.qm",
        "PySide6\\translations\\qt_zh_CN.qm",
        "babel/locale-data/zh_Hans_CN.dat",
        "babel\\locale-data\\en.dat",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "resources/translations/notes.txt",  # the app's own files are not Qt's translations
    ],
)
def test_what_the_client_uses_ships(destination: str) -> None:
    assert contents.kept(destination)


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_ja.qm",
        "PySide6\\translations\\qtbase_de.qm",
        "PySide6\\translations\\qt_fr.qm",
        "PySide6\\translations\\qtwebengine_zh_CN.qm",
        "babel/locale-data/de.dat",
        "babel\\locale-data\\fr.dat",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6\\Qt6Quick.dll",
        "PySide6\\Qt6Qml.dll",
        "PySide6\\opengl32sw.dll",
        "PySide6\\plugins\\imageformats\\qtiff.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    ],
)
def test_what_it_never_uses_stays_out(destination: str) -> None:
    assert not contents.kept(destination)


PYPROJECT = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")


def test_the_metadata_the_bundle_would_carry_is_pyprojects() -> None:
    """What the spec checks before it copies the metadata: the same lookup, in this environment."""
    metadata = distribution("mediation-app")
    commands = [entry.name for entry in metadata.entry_points if entry.group == contents.COMMAND_GROUP]
    assert contents.metadata_problems(PYPROJECT, metadata.version, commands) == []


def test_stale_metadata_is_named() -> None:
    commands = [
        entry.name
        for entry in distribution("mediation-app").entry_points
        if entry.group == contents.COMMAND_GROUP
    ]
    problems = contents.metadata_problems(
        PYPROJECT, "0.0.1", [name for name in commands if name != "bench"] + ["old"]
    )
    assert problems == [
        f"its version is 0.0.1, pyproject.toml says {distribution('mediation-app').version}",
        "its commands differ from pyproject.toml's (missing: ['bench'], not declared: ['old'])",
    ]
