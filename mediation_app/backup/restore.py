"""Restoring a backup: check everything first, keep the current database aside, then replace.

Order matters, so that a bad file never costs the data in place:

1. the archive is verified (manifest, every member's SHA-256, no stray or unsafe member, a schema
   revision this app knows — :func:`~mediation_app.backup.archive.verify_archive`);
2. SQLite: the database member is extracted and must pass ``PRAGMA integrity_check`` and carry the
   revision the manifest states; PostgreSQL: ``pg_restore --list`` must read the dump;
3. the current database is backed up beside the others (``…-replaced-<time>.zip``), attachments and
   all;
4. the database is replaced: SQLite through the online backup API *into* the live file (other
   connections see the restored data; no file is swapped under them), PostgreSQL with
   ``pg_restore --clean --single-transaction`` (all or nothing);
5. the attachments of the backup are put back (content-addressed: existing files stay);
6. the restore itself is recorded in the restored database's audit trail.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mediation_app.backup import archive
from mediation_app.backup.locate import read_only_uri, sqlite_path
from mediation_app.backup.make import (
    BackupResult,
    attachments_folder,
    backups_dir,
    create_backup,
    inspect_sqlite_file,
    pg_target,
)
from mediation_app.backup.pg_tools import pg_tool, run_pg_tool
from mediation_app.clock import Clock, SystemClock
from mediation_app.domain.actor import Actor
from mediation_app.errors import DatabaseError
from mediation_app.i18n import _
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.security.filenames import resolve_stored
from mediation_app.storage.uow import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    manifest: archive.Manifest
    replaced: BackupResult | None  # the database as it was before, kept aside
    attachments_written: int
    chain_whole: bool


def restore_backup(
    path: Path, url: str | None = None, *, actor: Actor, clock: Clock | None = None
) -> RestoreResult:
    """Replace the database at ``url`` (and add the attachments) from the backup ``path``."""
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
        else:
            where, _revision, _counts = pg_target(url)
            run_pg_tool("pg_restore", ["--list", str(extracted)], where.env)
        replaced = _keep_aside(url, target_file, clock)
        if target_file is not None:
            _replace_sqlite(extracted, target_file)
        else:
            pg_tool("pg_restore")
            run_pg_tool(
                "pg_restore",
                [
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    *where.args,
                    str(extracted),
                ],
                where.env,
            )
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
                {"backup": path.name, "created_at": manifest.created_at, "chain_whole": whole},
            )
            uow.commit()
    finally:
        db.dispose()
    log.info(
        "backup restored: %s (made %s, schema %s); the database before was kept as %s; "
        "%d attachments written; audit chain %s",
        path,
        manifest.created_at,
        manifest.schema_revision,
        replaced.path if replaced else "(nothing to keep)",
        written,
        "whole" if whole else "BROKEN",
    )
    return RestoreResult(manifest, replaced, written, whole)


def _backend_name(backend: str) -> str:
    return _("SQLite") if backend == "sqlite" else _("PostgreSQL")


def _keep_aside(url: str | None, target_file: Path | None, clock: Clock) -> BackupResult | None:
    if target_file is not None and not target_file.is_file():
        return None  # nothing to keep: restoring onto a new machine
    out = backups_dir() / f"mediation-replaced-{clock.now():%Y%m%d-%H%M%S}.zip"
    return create_backup(url, out, clock)


def _replace_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(str(target), timeout=30)
            try:
                src.backup(dst)
                check = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(
            _("The database could not be replaced (it is unchanged or kept aside): {reason}").format(
                reason=exc
            )
        ) from exc
    if check != ["ok"]:
        raise DatabaseError(
            _("The restored database failed its integrity check: {problem}").format(problem=check[0])
        )


def _restore_attachments(path: Path, manifest: archive.Manifest) -> int:
    folder = attachments_folder()
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for name in manifest.attachment_members:
        target = resolve_stored(folder, name[len(archive.ATTACHMENTS) :])
        expected = manifest.members[name].sha256
        if target.is_file() and archive.file_digest(target).sha256 == expected:
            continue
        partial = target.with_name(f".{target.name}.restoring")
        archive.extract_member(path, name, partial)
        partial.replace(target)
        written += 1
    return written
