"""The app's own CJK font, registered at start so Chinese renders on a machine without one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from mediation_app.paths import resources_dir

# The client's faces are the .otf files; NotoSansSC-Bold.ttf is the documents' 黑体 (reports/fonts.py),
# 10 MB that Qt need not read at start.
UI_FONT_PATTERNS = ("NotoSansSC*.otf", "NotoSansCJK*")
UI_POINT_SIZE = 10


def register_fonts(app: QApplication) -> str | None:
    """Register the shipped UI fonts and make the first one the application font.

    Returns the family name in use, or None when no shipped font was found (Qt then falls back to
    whatever the system has).
    """
    folder = resources_dir() / "fonts"
    family: str | None = None
    for pattern in UI_FONT_PATTERNS:
        for path in sorted(folder.glob(pattern)):
            if path.suffix.lower() not in {".otf", ".ttf", ".ttc"}:
                continue
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families and family is None:
                family = families[0]
        if family:
            break
    if family:
        font = QFont(family, UI_POINT_SIZE)
        app.setFont(font)
    return family
