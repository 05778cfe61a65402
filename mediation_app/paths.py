"""Where things live: shipped resources, the user's data directory, and the URL of an SQLite file."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "mediation-app"
APP_AUTHOR = "LichengMediation"


RESOURCES_PACKAGE = "resources"


def resources_dir() -> Path:
    """The ``resources/`` folder, found as the package ``resources`` wherever it is installed.

    ``importlib.resources`` finds it in the source tree (editable install), in site-packages (where
    ``pyproject.toml`` installs it as package data) and in the PyInstaller bundle (whose loader
    maps the package to its folder of data files). Fonts and catalogues are opened by path, so the
    folder must be on the file system, not inside a zip.
    """
    root = files(RESOURCES_PACKAGE)
    if not isinstance(root, Path):
        raise RuntimeError(f"the {RESOURCES_PACKAGE} package is not a folder on disk ({root!r})")
    return root


def data_dir() -> Path:
    """The user's data directory (database, attachments, backups, drafts, logs).

    ``MEDIATION_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get("MEDIATION_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The SQLAlchemy URL of the SQLite file ``path``, whatever characters its folders hold.

    ``f"sqlite:///{path}"`` breaks on a profile folder with ``?`` (the rest becomes the query) or
    ``%`` (SQLAlchemy reads ``%23`` back as ``#``); the URL here quotes exactly those two, so it
    reads back as ``path`` and stays readable (Chinese folder names are not percent-encoded).
    """
    return "sqlite:///" + os.fspath(path).replace("%", "%25").replace("?", "%3F")
