"""The automatic daily backup of the SQLite default, with rotation.

The desktop client calls :func:`ensure_daily_backup` when it starts: at most one backup per day
goes to ``data_dir()/backups/daily`` as ``mediation-YYYY-MM-DD.zip``, and only the newest
:data:`KEEP` are kept. A shared PostgreSQL database is the server administrator's to back up
(``mediation-app backup`` works there too, with ``pg_dump``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mediation_app.backup.make import backups_dir, create_backup
from mediation_app.clock import Clock
from mediation_app.paths import sqlite_url

log = logging.getLogger(__name__)

KEEP = 14
_DAILY = re.compile(r"^mediation-\d{4}-\d{2}-\d{2}\.zip$")


def daily_dir() -> Path:
    folder = backups_dir() / "daily"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_daily_backup(
    db_path: Path, clock: Clock, *, folder: Path | None = None, keep: int = KEEP
) -> Path | None:
    """Make today's backup of ``db_path`` unless it exists; prune to ``keep``. The new file, or None.

    Raises :class:`~mediation_app.errors.DatabaseError` when the backup cannot be made; the caller
    shows it as a warning and carries on (yesterday's backups are untouched).
    """
    if not db_path.is_file():
        return None
    folder = folder or daily_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"mediation-{clock.today():%Y-%m-%d}.zip"
    if target.exists():
        return None
    create_backup(sqlite_url(db_path), target, clock)
    rotate(folder, keep)
    return target


def rotate(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups in ``folder``; the deleted files."""
    daily = sorted(path for path in folder.iterdir() if _DAILY.match(path.name))
    removed = daily[: max(len(daily) - keep, 0)]
    for path in removed:
        path.unlink()
    if removed:
        log.info("old daily backups removed: %s", ", ".join(path.name for path in removed))
    return removed
