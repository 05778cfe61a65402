"""Where things live: shipped resources, and the user's data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "mediation-app"
APP_AUTHOR = "LichengMediation"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the packages in a source tree, inside a bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data directory (database, attachments, backups, drafts, logs).

    ``MEDIATION_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get("MEDIATION_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path
