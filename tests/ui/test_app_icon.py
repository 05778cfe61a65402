"""The centre's icon: one drawing (resources/icons/build_icon.py) for the window, the Windows
executables (an .ico from 16 to 256 px) and the Linux desktop entry."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from mediation_app.paths import resources_dir
from ui.app import create_application
from ui.app_icon import icon_path

ROOT = Path(__file__).resolve().parents[2]
ICONS = resources_dir() / "icons"


def test_the_ico_holds_every_size_windows_asks_for() -> None:
    with Image.open(ICONS / "mediation-app.ico") as ico:
        assert set(ico.info["sizes"]) == {(side, side) for side in (16, 24, 32, 48, 64, 128, 256)}


def test_the_source_image_is_large_square_and_transparent_round_its_seal() -> None:
    with Image.open(icon_path()) as image:
        assert image.size[0] == image.size[1] >= 512 and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # the corner outside the seal
        assert image.getpixel((image.size[0] // 2, image.size[1] * 3 // 40))[:3] == (
            178,
            34,
            34,
        )  # the seal's edge


def test_every_window_carries_the_icon(qtbot: QtBot) -> None:
    app = create_application()
    icon = app.windowIcon()
    assert not icon.isNull() and icon.availableSizes()
    assert app.desktopFileName() == "mediation-app"


def test_the_desktop_entry_names_the_icon_and_the_program() -> None:
    template = ROOT / "installer" / "linux" / "mediation-app.desktop"
    keys = dict(
        line.split("=", 1) for line in template.read_text(encoding="utf-8").splitlines() if "=" in line
    )
    assert keys["Icon"] == icon_path().stem == "mediation-app"
    assert keys["Exec"] == "mediation-app" and keys["StartupWMClass"] == "mediation-app"
