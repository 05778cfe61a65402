"""Restoring a backup: check everything first, lock the writers out, keep the current data aside,
then replace.

Order matters, so that a bad file never costs the data in place and no write is lost:

1. the restoring actor must hold the permission to restore (administrators); the archive is
   verified (manifest, every member's SHA-256, each attachment's content against its name, no
   stray or unsafe member, a schema revision this app knows —
   :func:`~mediation_app.backup.archive.verify_archive`); a backup of another centre (its manifest
   names another centre than the database holds) is refused unless the caller says so;
2. SQLite: the database member is extracted and must pass ``PRAGMA integrity_check`` and carry the
   revision the manifest states; PostgreSQL: ``pg_restore --list`` must read the dump;
3. the app's writers are locked out (SQLite: the file's write lock, held by the restore's one
   connection; PostgreSQL: the schema's advisory lock, which every write unit of work takes
   shared and the restore exclusively), and only then is the current database backed up beside
   the others (``…-replaced-<time>.zip``), attachments and all;
4. still under that lock the database is replaced: SQLite row by row inside one transaction (other
   connections see the restored data; no file is swapped under them), PostgreSQL with
   ``pg_restore --clean --single-transaction`` (all or nothing);
5. the attachments of the backup are put back (content-addressed: existing files stay; each file
   is checked against its name as it is written);
6. the restore itself is recorded in the restored database's audit trail, and a checkpoint of the
   restored trail is signed (the checkpoints before it vouched for the data replaced).
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from mediation_app.backup import archive
from mediation_app.backup.daily import write_checkpoints
from mediation_app.backup.locate import read_only_uri, sqlite_path
from mediation_app.backup.make import (
    BackupResult,
    attachments_folder,
    backups_dir,
    create_backup,
    database_centre,
    inspect_sqlite_file,
    pg_target,
    sqlite_centre,
)
from mediation_app.backup.pg_tools import pg_tool, run_pg_tool
from mediation_app.clock import Clock, SystemClock
from mediation_app.domain.actor import Actor
from mediation_app.errors import DatabaseError
from mediation_app.i18n import _
from mediation_app.paths import sqlite_url
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.security.filenames import resolve_stored
from mediation_app.security.permissions import Permission, authorize
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine
from mediation_app.storage.uow import RESTORE_LOCK_SQL, RESTORE_UNLOCK_SQL, Database

RESTORE_WAIT_SECONDS = 60

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    manifest: archive.Manifest
    replaced: BackupResult | None  # the database as it was before, kept aside
    attachments_written: int
    chain_whole: bool


def restore_backup(
    path: Path,
    url: str | None = None,
    *,
    actor: Actor,
    clock: Clock | None = None,
    other_centre: bool = False,
) -> RestoreResult:
    """Replace the database at ``url`` (and add the attachments) from the backup ``path``.

    Needs the administrator's permission to restore. A backup of another centre's data (its
    manifest names another centre than the database holds) is refused unless ``other_centre``.
    """
    authorize(actor, Permission.BACKUP_RESTORE)
    clock = clock or SystemClock()
    manifest = archive.verify_archive(path)
    target_file = sqlite_path(url)
    if (manifest.backend == "sqlite") != (target_file is not None):
        raise DatabaseError(
            _("This backup holds a {backup} database and cannot be restored into a {target} one.").format(
                backup=_backend_name(manifest.backend),
                target=_backend_name("sqlite" if target_file is not None else "postgresql"),
            )
        )
    current_centre = _current_centre(url, target_file)
    if manifest.centre and current_centre and manifest.centre != current_centre and not other_centre:
        raise OtherCentreError(manifest.centre, current_centre)
    with tempfile.TemporaryDirectory(prefix="mediation-restore-") as work:
        extracted = Path(work) / manifest.database_member
        archive.extract_member(path, manifest.database_member, extracted)
        if target_file is not None:
            revision, _counts = inspect_sqlite_file(extracted)
            if revision != manifest.schema_revision:
                raise DatabaseError(
                    _("{path} is not a usable backup: {reason}").format(
                        path=path, reason=_("its database does not carry the schema its manifest states")
                    )
                )
            replaced = _restore_sqlite(extracted, target_file, clock)
        else:
            replaced = _restore_postgres(extracted, url, clock)
    written = _restore_attachments(path, manifest)
    db = Database.open(url, clock)  # an older backup is brought up to this app's schema
    try:
        with db.read() as session:
            whole = verify_chain(session).whole
        # Recorded by name: the restoring account's id belongs to the database just replaced, and
        # the restored one may not hold that account (or not in that role), so the unit of work's
        # re-check of the account must not refuse the record of a restore already done.
        by_name = Actor(None, actor.name, actor.role, actor.organization_id)
        with db.unit_of_work(by_name) as uow:
            uow.audit(
                "database.restore",
                "database",
                "",
                {"replaced_kept_as": str(replaced.path) if replaced else ""},
                {
                    "backup": path.name,
                    "created_at": manifest.created_at,
                    "chain_whole": whole,
                    "centre": manifest.centre,
                },
            )
            uow.commit()
    finally:
        db.dispose()
    # The checkpoints written before vouched for the data that was replaced: start afresh.
    write_checkpoints(url, clock, restored=True)
    log.info(
        "backup restored: %s (made %s, schema %s, centre %s); the database before was kept as %s; "
        "%d attachments written; audit chain %s",
        path,
        manifest.created_at,
        manifest.schema_revision,
        manifest.centre or "-",
        replaced.path if replaced else "(nothing to keep)",
        written,
        "whole" if whole else "BROKEN",
    )
    return RestoreResult(manifest, replaced, written, whole)


class OtherCentreError(DatabaseError):
    """The backup holds another centre's data; restoring it needs an explicit yes."""

    def __init__(self, backup_centre: str, current_centre: str) -> None:
        super().__init__(
            _(
                "This backup holds the data of {backup}, but this database is {current}'s. Nothing was "
                "changed; restore it only if you mean to replace this centre's data (--other-centre)."
            ).format(backup=backup_centre, current=current_centre)
        )
        self.backup_centre = backup_centre
        self.current_centre = current_centre


def _current_centre(url: str | None, target_file: Path | None) -> str:
    if target_file is not None:
        return sqlite_centre(target_file) if target_file.is_file() else ""
    try:
        return database_centre(url)
    except (DatabaseError, SQLAlchemyError):
        return ""


def _backend_name(backend: str) -> str:
    return _("SQLite") if backend == "sqlite" else _("PostgreSQL")


def _aside_name(clock: Clock) -> Path:
    return backups_dir() / f"mediation-replaced-{clock.now():%Y%m%d-%H%M%S}.zip"


def _restore_sqlite(source: Path, target: Path, clock: Clock) -> BackupResult | None:
    """Keep the current data aside and replace it with ``source``, all under one write lock.

    The backup's copy is brought to this app's schema first, so that both files hold the same
    tables. Then one connection to the live file takes SQLite's write lock (``BEGIN IMMEDIATE``:
    every writer of the app waits for it, as they wait for each other) and, holding it, copies
    the data as it is into the kept-aside backup (read by another connection, as a reader may) and
    replaces every table's rows with the
    backup's, committing once. A write that another process was told is committed is therefore
    either in the kept-aside copy (it came first) or made on the restored data (it waited).
    """
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_new(source, target)
        return None
    _upgrade_copy(source)
    Database.open(sqlite_url(target)).dispose()  # the live file at this app's schema too
    try:
        live = sqlite3.connect(str(target), timeout=RESTORE_WAIT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise _not_replaced(exc) from exc
    try:
        live.execute("ATTACH DATABASE ? AS restored", (str(source),))
        live.execute("BEGIN IMMEDIATE")
        try:
            # Read through another connection: the lock held here lets readers in, no writer.
            replaced = create_backup(sqlite_url(target), _aside_name(clock), clock)
            _copy_tables(live)
            problems = live.execute("PRAGMA main.foreign_key_check").fetchall()
            if problems:
                raise DatabaseError(
                    _(
                        "The backup's data does not hold together (table {table}); nothing was replaced."
                    ).format(table=problems[0][0])
                )
            live.execute("COMMIT")
        except BaseException:
            if live.in_transaction:
                live.execute("ROLLBACK")
            raise
        live.execute("DETACH DATABASE restored")
        check = [row[0] for row in live.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        raise _not_replaced(exc) from exc
    finally:
        live.close()
    if check != ["ok"]:
        raise DatabaseError(
            _("The restored database failed its integrity check: {problem}").format(problem=check[0])
        )
    return replaced


def _copy_tables(live: sqlite3.Connection) -> None:
    """Replace the rows of every table of ``main`` with those of ``restored`` (same schema)."""
    tables = [
        row[0]
        for row in live.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    theirs = {
        row[0]
        for row in live.execute(
            "SELECT name FROM restored.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if set(tables) != theirs:
        raise DatabaseError(_("The backup's tables differ from this app's; nothing was replaced."))
    for table in tables:  # names from sqlite_master, quoted
        columns = [row[1] for row in live.execute(f'PRAGMA main.table_info("{table}")')]
        if {row[1] for row in live.execute(f'PRAGMA restored.table_info("{table}")')} != set(columns):
            raise DatabaseError(
                _("The backup's table {table} differs from this app's; nothing was replaced.").format(
                    table=table
                )
            )
        listed = ", ".join(f'"{c}"' for c in columns)
        live.execute(f'DELETE FROM main."{table}"')
        live.execute(f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM restored."{table}"')


def _upgrade_copy(path: Path) -> None:
    engine = open_engine(sqlite_url(path))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def _copy_new(source: Path, target: Path) -> None:
    """Restoring onto a machine with no database yet: the backup's file becomes the database."""
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(str(target), timeout=RESTORE_WAIT_SECONDS)
            try:
                src.backup(dst)
                check = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise _not_replaced(exc) from exc
    if check != ["ok"]:
        raise DatabaseError(
            _("The restored database failed its integrity check: {problem}").format(problem=check[0])
        )


def _not_replaced(exc: sqlite3.Error) -> DatabaseError:
    return DatabaseError(
        _("The database could not be replaced (it is unchanged or kept aside): {reason}").format(reason=exc)
    )


def _restore_postgres(dump: Path, url: str | None, clock: Clock) -> BackupResult | None:
    """Keep the current data aside and restore ``dump``, with the app's writers locked out.

    Every write unit of work takes the schema's advisory lock shared
    (:data:`~mediation_app.storage.uow.WRITE_LOCK_SQL`); the restore holds it exclusively from
    before the kept-aside dump until ``pg_restore`` has committed, so no write falls between.
    """
    where, _revision, _counts = pg_target(url)
    run_pg_tool("pg_restore", ["--list", str(dump)], where.env)
    pg_tool("pg_restore")
    engine = open_engine(url)
    try:
        with engine.connect() as lock:
            lock.execute(text(f"SET lock_timeout = '{RESTORE_WAIT_SECONDS}s'"))
            lock.execute(text(RESTORE_LOCK_SQL))
            lock.commit()  # the session-level lock outlives the transaction
            try:
                replaced = create_backup(url, _aside_name(clock), clock)
                run_pg_tool(
                    "pg_restore",
                    [
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--no-privileges",
                        "--single-transaction",
                        *where.args,
                        str(dump),
                    ],
                    where.env,
                )
            finally:
                lock.execute(text(RESTORE_UNLOCK_SQL))
                lock.commit()
    except OperationalError as exc:
        raise DatabaseError(
            _("The database is busy (another workstation is saving). Try again in a moment.")
        ) from exc
    finally:
        engine.dispose()
    return replaced


def _restore_attachments(path: Path, manifest: archive.Manifest) -> int:
    """Put back the backup's attachment files, each checked against its name (its content's hash)."""
    folder = attachments_folder()
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for name in manifest.attachment_members:
        target = resolve_stored(folder, name[len(archive.ATTACHMENTS) :])
        expected = archive.content_name(name)
        if target.is_file() and archive.file_digest(target).sha256 == expected:
            continue
        partial = target.with_name(f".{target.name}.restoring")
        archive.extract_member(path, name, partial)
        if archive.file_digest(partial).sha256 != expected:
            partial.unlink(missing_ok=True)
            raise DatabaseError(
                _("{path} is not a usable backup: {reason}").format(
                    path=path,
                    reason=_("the attachment {name} does not hold the content its name stands for").format(
                        name=name
                    ),
                )
            )
        partial.replace(target)
        written += 1
    return written
