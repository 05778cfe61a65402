"""The log file a support person reads after a failure: ``logs/mediation-app.log`` in the data
directory, rotated, written by the desktop client and the commands alike.

Modules log through their own logger (``log = logging.getLogger(__name__)``): what was opened,
upgraded, backed up, restored, imported, finalised and sent, what was refused, and tracebacks of
the unexpected. Never personal data (names, ID numbers, phone numbers, addresses) at INFO: ids,
counts, case and document numbers say enough to find the rest in the database.

The client sets the file up once for its whole run (:func:`setup_logging`); a command logs to it
for the run of that command (:func:`logging_to_file`), leaving the process as it found it, since
tests run many commands in one process, each with its own data directory.
"""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mediation_app.paths import data_dir

LOG_NAME = "mediation-app.log"
LOG_BYTES = 2_000_000
LOG_BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries whose INFO is noise here: Alembic says "Context impl SQLiteImpl" at every revision
# check (each start); mediation_app.storage.migrate logs the upgrades themselves.
QUIET = {"alembic": logging.WARNING}


def log_path() -> Path:
    return data_dir() / "logs" / LOG_NAME


def _attach(path: Path) -> logging.Handler | None:
    """Add a rotating handler for ``path`` to the root logger; None when one is there already."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return None
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return handler


def _at_least_info(root: logging.Logger) -> None:
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    for name, level in QUIET.items():
        library = logging.getLogger(name)
        if library.level == logging.NOTSET:  # unless someone chose a level for it on purpose
            library.setLevel(level)


def setup_logging() -> Path:
    """Log INFO and above to the rotating file for the rest of the process (idempotent); its path."""
    path = log_path()
    _attach(path)
    _at_least_info(logging.getLogger())
    return path


@contextmanager
def logging_to_file() -> Iterator[Path | None]:
    """Log INFO and above to the file while the block runs, then undo exactly that.

    Yields the file's path, or None when it cannot be written (a read-only data directory must not
    stop a command; the command's own messages still reach the user).
    """
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", *QUIET)}
    try:
        path = log_path()
        handler = _attach(path)
    except OSError:
        yield None
        return
    _at_least_info(root)
    try:
        yield path
    finally:
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
