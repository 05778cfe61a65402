"""Making a backup: the database (SQLite online backup or ``pg_dump``) and the attachments.

SQLite is copied through its online backup API (``sqlite3.Connection.backup``), which reads a
consistent snapshot while the app keeps working; the copy is switched to a self-contained journal
mode and must pass ``PRAGMA integrity_check`` before it goes into the archive. PostgreSQL is dumped
with ``pg_dump --format=custom`` for the schema the app uses (:mod:`~mediation_app.backup.pg_tools`
finds it and runs it without a console window; where it is not installed the error says where it
comes from). The password goes to ``pg_dump`` through its environment, never its command line.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from mediation_app import __version__
from mediation_app.backup import archive
from mediation_app.backup.locate import read_only_uri, sqlite_path
from mediation_app.backup.pg_tools import pg_tool, run_pg_tool
from mediation_app.clock import Clock, SystemClock
from mediation_app.domain.enums import Level, OrgKind
from mediation_app.errors import DatabaseError
from mediation_app.i18n import _
from mediation_app.paths import data_dir
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine, resolve_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: archive.Manifest

    @property
    def attachments(self) -> int:
        return len(self.manifest.attachment_members)


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def attachments_folder() -> Path:
    return data_dir() / "attachments"


def default_name(clock: Clock) -> str:
    return f"mediation-{clock.now():%Y%m%d-%H%M%S}.zip"


def create_backup(
    url: str | None = None, out: Path | None = None, clock: Clock | None = None
) -> BackupResult:
    """Back up the database at ``url`` (and the attachments folder) to the .zip ``out``."""
    clock = clock or SystemClock()
    if out is None:
        out = backups_dir() / default_name(clock)
    elif out.is_dir():
        out = out / default_name(clock)
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    source = sqlite_path(url)
    with tempfile.TemporaryDirectory(prefix="mediation-backup-") as work:
        if source is not None:
            database = Path(work) / archive.SQLITE_MEMBER
            revision, counts = sqlite_snapshot(source, database)
            backend, member = "sqlite", archive.SQLITE_MEMBER
            centre = sqlite_centre(database)
        else:
            database = Path(work) / archive.POSTGRES_MEMBER
            revision, counts = postgres_dump(url, database)
            backend, member = "postgresql", archive.POSTGRES_MEMBER
            centre = database_centre(url)
        result = _write(out, database, member, backend, revision, counts, centre, clock)
    return result


def _write(
    out: Path,
    database: Path,
    member: str,
    backend: str,
    revision: str,
    counts: dict[str, int],
    centre: str,
    clock: Clock,
) -> BackupResult:
    manifest = archive.write_archive(
        out,
        database_file=database,
        database_member=member,
        attachments_folder=attachments_folder(),
        created_at=clock.now().isoformat(timespec="seconds"),
        app_version=__version__,
        backend=backend,
        schema_revision=revision,
        row_counts=counts,
        centre=centre,
    )
    result = BackupResult(out, manifest)
    log.info(
        "backup written: %s (%s, schema %s, %d rows, %d attachments)",
        out,
        backend,
        revision,
        sum(count for table, count in counts.items() if table != "alembic_version"),
        result.attachments,
    )
    return result


# --- the centre whose data it is ---------------------------------------------------------------------

_CENTRE_SQL = (
    "SELECT name FROM organization ORDER BY CASE WHEN level = :level AND kind = :kind THEN 0 ELSE 1 END, id "
    "LIMIT 1"
)


def sqlite_centre(path: Path) -> str:
    """The name of the centre whose data the SQLite file holds ("" when none is set up)."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = connection.execute(
                _CENTRE_SQL, {"level": Level.DISTRICT.value, "kind": OrgKind.CENTRE.value}
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row else ""


def database_centre(url: str | None) -> str:
    """The name of the centre whose data the database at ``url`` holds ("" when none is set up)."""
    engine = open_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("organization"):
                return ""
            name = connection.execute(
                text(_CENTRE_SQL), {"level": Level.DISTRICT.value, "kind": OrgKind.CENTRE.value}
            ).scalar()
    finally:
        engine.dispose()
    return str(name) if name else ""


# --- SQLite ---------------------------------------------------------------------------------------


def sqlite_snapshot(source: Path, target: Path) -> tuple[str, dict[str, int]]:
    """Copy the live database ``source`` to ``target``; check it; its revision and row counts."""
    if not source.is_file():
        raise DatabaseError(_("There is no database file at {path}.").format(path=source))
    try:
        src = sqlite3.connect(str(source), timeout=30)
        try:
            dst = sqlite3.connect(str(target))
            try:
                src.backup(dst)
                # The copy inherits WAL from the live file; one self-contained file is what we keep.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(_("The database could not be copied: {reason}").format(reason=exc)) from exc
    return inspect_sqlite_file(target)


def inspect_sqlite_file(path: Path) -> tuple[str, dict[str, int]]:
    """Check an SQLite file (integrity, the app's schema); its revision and row counts."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(
            _("{path} cannot be opened as a database: {reason}").format(path=path, reason=exc)
        ) from exc
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise DatabaseError(
                _("The database copy failed its integrity check: {problem}").format(
                    problem="; ".join(result[:3])
                )
            )
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        if "alembic_version" not in tables:
            raise DatabaseError(_("{path} holds no data of this app (no schema version).").format(path=path))
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = {
            table: int(
                connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            )  # names from sqlite_master
            for table in tables
        }
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("{path} is not a usable database: {reason}").format(path=path, reason=exc)
        ) from exc
    finally:
        connection.close()
    if revision is None:
        raise DatabaseError(_("{path} holds no data of this app (no schema version).").format(path=path))
    return str(revision[0]), counts


# --- PostgreSQL -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PgTarget:
    """How to reach the server with the client tools, and the schema the app's tables live in."""

    args: list[str]
    env: dict[str, str]
    schema: str


def pg_target(url: str | None) -> tuple[PgTarget, str, dict[str, int]]:
    """Connection arguments for pg_dump/pg_restore, and the app's revision and row counts."""
    parsed = make_url(resolve_url(url))
    engine = open_engine(url)
    try:
        revision = migrate.current_revision(engine)
        if revision is None:
            raise DatabaseError(_("The database holds no data of this app (no schema version)."))
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
            counts = {
                table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
                for table in sorted(inspect(connection).get_table_names())  # names from the catalogue
            }
    finally:
        engine.dispose()
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    options = parsed.query.get("options")
    if isinstance(options, str):
        env["PGOPTIONS"] = options
    args = ["--no-password"]
    if parsed.host:
        args += ["--host", parsed.host]
    if parsed.port:
        args += ["--port", str(parsed.port)]
    if parsed.username:
        args += ["--username", parsed.username]
    args += ["--dbname", parsed.database or "postgres"]
    return PgTarget(args, env, str(schema)), revision, counts


def postgres_dump(url: str | None, target: Path) -> tuple[str, dict[str, int]]:
    """Dump the app's schema with pg_dump (custom format); its revision and row counts."""
    pg_tool("pg_dump")  # say what is missing before connecting
    where, revision, counts = pg_target(url)
    run_pg_tool(
        "pg_dump",
        [
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--schema={where.schema}",
            f"--file={target}",
            *where.args,
        ],
        where.env,
    )
    return revision, counts
