"""The automatic daily backup of the SQLite default, with rotation.

The desktop client calls :func:`ensure_daily_backup` when it starts: at most one backup per day
goes to ``data_dir()/backups/daily`` as ``mediation-YYYY-MM-DD.zip``, and only the newest
:data:`KEEP` are kept. Each comes with a signed checkpoint of the audit chain
(``mediation-YYYY-MM-DD.checkpoint.json`` beside it, and a copy in the workstation's checkpoints
folder, :mod:`mediation_app.security.checkpoints`); :func:`ensure_workstation_checkpoint` writes
one a day for any database, a shared PostgreSQL one included. A shared PostgreSQL database is the server administrator's to back up
(``mediation-app backup`` works there too, with ``pg_dump``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from mediation_app.backup.make import backups_dir, create_backup
from mediation_app.clock import Clock
from mediation_app.errors import MediationError
from mediation_app.paths import sqlite_url
from mediation_app.queries.chain_anchor import head_checkpoint, location_of
from mediation_app.security.checkpoints import SUFFIX, Checkpoint, checkpoints_dir, write_checkpoint
from mediation_app.storage.database import open_engine
from mediation_app.storage.uow import Database

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
    checkpoint = write_checkpoints(sqlite_url(db_path), clock, beside=target)
    if checkpoint is not None:
        log.info("audit checkpoint of event %d written with the daily backup", checkpoint.last_id)
    return target


def write_checkpoints(
    url: str | None, clock: Clock, *, beside: Path | None = None, restored: bool = False
) -> Checkpoint | None:
    """Sign a checkpoint of the database's audit chain into this workstation's checkpoints folder,
    and beside the backup ``beside`` (``<backup>.checkpoint.json``) when given. None for an empty
    chain, or when it cannot be made (logged: a checkpoint never stops a backup or a start)."""
    try:
        db = Database(open_engine(url), clock)
        try:
            with db.read() as session:
                checkpoint = head_checkpoint(session, clock, location_of(db.engine.url), restored=restored)
        finally:
            db.dispose()
        if checkpoint is None:
            return None
        write_checkpoint(checkpoint)
        if beside is not None:
            write_checkpoint(checkpoint, beside.parent, beside.name.removesuffix(".zip") + SUFFIX)
    except (MediationError, SQLAlchemyError, OSError, ValueError) as exc:
        log.warning("no audit checkpoint could be written: %s", exc)
        return None
    return checkpoint


def ensure_workstation_checkpoint(url: str | None, clock: Clock) -> Checkpoint | None:
    """Today's checkpoint of the database at ``url`` on this workstation, unless one was written
    today (every workstation of a shared PostgreSQL database keeps its own)."""
    today = f"checkpoint-{clock.now().astimezone(dt.UTC):%Y%m%d}-"
    if any(path.name.startswith(today) for path in checkpoints_dir().glob(f"*{SUFFIX}")):
        return None
    return write_checkpoints(url, clock)


def rotate(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups in ``folder``; the deleted files."""
    daily = sorted(path for path in folder.iterdir() if _DAILY.match(path.name))
    removed = daily[: max(len(daily) - keep, 0)]
    for path in removed:
        path.unlink()
    if removed:
        log.info("old daily backups removed: %s", ", ".join(path.name for path in removed))
    return removed
