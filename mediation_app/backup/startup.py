"""Opening the database when the app starts: back up an older database, then upgrade it.

The GUI and the commands open their database through :func:`open_for_app`:

- a database from a **newer** app is refused with a message that names its schema version (see
  :mod:`mediation_app.storage.migrate`); nothing is changed;
- an **older** SQLite database that holds data is first copied, with SQLite's online backup API
  (consistent even with the write-ahead log in use; the backup package's snapshot, checked for
  integrity), to ``<data dir>/backups/pre-upgrade-<revision>-<timestamp>.sqlite3``, and only then
  upgraded. If the upgrade fails, that copy is the way back (and the message says where it is);
- an empty database is simply given the schema; a PostgreSQL server database is upgraded in
  place (Alembic runs each migration in a transaction there; the centre's server backups, not
  this app, are its safety net).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, inspect

from mediation_app.clock import Clock, SystemClock
from mediation_app.errors import DatabaseError
from mediation_app.i18n import _
from mediation_app.storage import migrate
from mediation_app.storage.database import is_sqlite, open_engine
from mediation_app.storage.uow import Database

log = logging.getLogger(__name__)


def open_for_app(url: str | None = None, clock: Clock | None = None) -> Database:
    """Open the app's database at ``url``, backing it up before any schema upgrade."""
    clock = clock or SystemClock()
    engine = open_engine(url)
    try:
        if migrate.needs_upgrade(engine):  # raises DatabaseError for a newer database
            backup = backup_before_upgrade(engine, clock) if _has_tables(engine) else None
            try:
                migrate.upgrade(engine)
            except Exception as exc:
                log.exception("schema upgrade failed; the copy made before it: %s", backup or "none")
                where = (
                    _("A copy made before the upgrade is at {path}.").format(path=backup) if backup else ""
                )
                raise DatabaseError(
                    _("The database could not be upgraded: {reason}. {where}")
                    .format(reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__, where=where)
                    .strip()
                ) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, clock)


def _has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def backup_before_upgrade(engine: Engine, clock: Clock) -> Path | None:
    """Copy an SQLite database aside before its schema changes; None for other databases.

    The copy is made by the backup package's :func:`~mediation_app.backup.make.sqlite_snapshot`
    (online backup API, one self-contained file, integrity-checked) into its backups folder.
    """
    from mediation_app.backup.make import backups_dir, sqlite_snapshot  # only when upgrading

    database = engine.url.database
    if not is_sqlite(engine) or database in (None, "", ":memory:"):
        return None
    revision = migrate.current_revision(engine) or "none"
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    folder = backups_dir()
    target = folder / f"pre-upgrade-{revision}-{stamp}.sqlite3"
    counter = 1
    while target.exists():  # two starts within a second: keep both copies
        counter += 1
        target = folder / f"pre-upgrade-{revision}-{stamp}-{counter}.sqlite3"
    try:
        sqlite_snapshot(Path(database), target)
    except (DatabaseError, OSError) as exc:
        target.unlink(missing_ok=True)
        reason = exc.message if isinstance(exc, DatabaseError) else str(exc)
        raise DatabaseError(
            _("The database was not upgraded because the copy before the upgrade failed: {reason}").format(
                reason=reason
            )
        ) from exc
    log.info("copy before the schema upgrade: %s", target)
    return target
