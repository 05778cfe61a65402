"""The centre's icon on every window: the seal drawn by ``resources/icons/build_icon.py``.

The same image is the Windows executables' icon (``mediation-app.ico``, made from the same
drawing) and the Linux desktop entry's (``installer/linux/mediation-app.desktop``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from mediation_app.paths import resources_dir

ICON_NAME = "mediation-app.png"


def icon_path() -> Path:
    return resources_dir() / "icons" / ICON_NAME


def set_window_icon(app: QApplication) -> bool:
    """Give every window of ``app`` the centre's icon; False when the image is missing or unreadable."""
    icon = QIcon(str(icon_path()))
    if icon.isNull():
        return False
    app.setWindowIcon(icon)
    return True
