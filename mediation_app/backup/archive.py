"""The backup archive: one .zip with the database, the attachments and a manifest.

Layout::

    manifest.json                 what the archive holds: format, when, app and schema version,
                                  backend, row counts, and the SHA-256 and size of every member
    database.sqlite3              an SQLite backup (online backup API) — or —
    database.pgdump               a PostgreSQL dump (pg_dump --format=custom)
    attachments/<sha256>.<ext>    the attachment files, content-addressed as in the data folder

:func:`verify_archive` is what a restore runs before it touches anything: the manifest is there
and readable, every member is listed with the right hash and size and nothing else is in the
archive, no member name could land outside its folder, and the schema revision is one this app
knows. The archive is written under a temporary name and renamed when complete, so a crash never
leaves a half-written file that looks like a backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mediation_app.errors import DatabaseError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.filenames import resolve_stored
from mediation_app.storage import migrate

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
ATTACHMENTS = "attachments/"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    backend: str  # "sqlite" | "postgresql"
    schema_revision: str
    database_member: str
    members: dict[str, Member]
    row_counts: dict[str, int] = field(default_factory=dict)
    format: int = FORMAT
    centre: str = ""  # the name of the centre whose data this is ("" in backups made before it was noted)

    @property
    def attachment_members(self) -> list[str]:
        return sorted(name for name in self.members if name.startswith(ATTACHMENTS))

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": self.format,
                "created_at": self.created_at,
                "app_version": self.app_version,
                "backend": self.backend,
                "schema_revision": self.schema_revision,
                "database_member": self.database_member,
                "row_counts": self.row_counts,
                "centre": self.centre,
                "members": {
                    name: {"sha256": m.sha256, "size": m.size} for name, m in sorted(self.members.items())
                },
            },
            ensure_ascii=False,
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(
            format=int(data["format"]),
            created_at=str(data["created_at"]),
            app_version=str(data["app_version"]),
            backend=str(data["backend"]),
            schema_revision=str(data["schema_revision"]),
            database_member=str(data["database_member"]),
            row_counts={str(k): int(v) for k, v in data.get("row_counts", {}).items()},
            centre=str(data.get("centre", "")),
            members={
                str(name): Member(str(m["sha256"]), int(m["size"])) for name, m in data["members"].items()
            },
        )


def file_digest(path: Path) -> Member:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Member(digest.hexdigest(), size)


def attachment_files(folder: Path) -> Iterator[Path]:
    """The stored attachment files of ``folder`` (temporary and foreign files are left out)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            try:
                resolve_stored(folder, path.name)
            except ValidationError:
                continue
            yield path


def write_archive(
    out: Path,
    *,
    database_file: Path,
    database_member: str,
    attachments_folder: Path,
    created_at: str,
    app_version: str,
    backend: str,
    schema_revision: str,
    row_counts: dict[str, int],
    centre: str = "",
) -> Manifest:
    """Write the archive to ``out`` (atomically) and return its manifest."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    members: dict[str, Member] = {}
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            members[database_member] = file_digest(database_file)
            archive.write(database_file, database_member)
            for path in attachment_files(attachments_folder):
                name = ATTACHMENTS + path.name
                members[name] = file_digest(path)
                # Photos and PDFs are compressed already; storing them saves time, not space.
                archive.write(path, name, compress_type=zipfile.ZIP_STORED)
            manifest = Manifest(
                created_at=created_at,
                app_version=app_version,
                backend=backend,
                schema_revision=schema_revision,
                database_member=database_member,
                members=members,
                row_counts=row_counts,
                centre=centre,
            )
            archive.writestr(MANIFEST, manifest.to_json())
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _bad(path: Path, reason: str) -> DatabaseError:
    return DatabaseError(_("{path} is not a usable backup: {reason}").format(path=path, reason=reason))


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # loads only when a backup is read

    return {script.revision for script in ScriptDirectory(str(migrate.MIGRATIONS)).walk_revisions()}


def verify_archive(path: Path) -> Manifest:
    """Check the archive completely (see the module docstring); return its manifest."""
    if not path.is_file():
        raise DatabaseError(_("There is no backup file at {path}.").format(path=path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _bad(path, _("it is not a zip archive ({error})").format(error=exc)) from exc
    with archive:
        names = archive.namelist()
        if MANIFEST not in names:
            raise _bad(path, _("it has no manifest"))
        try:
            manifest = Manifest.from_json(archive.read(MANIFEST).decode("utf-8"))
        except (ValueError, KeyError, TypeError) as exc:
            raise _bad(path, _("its manifest cannot be read")) from exc
        if manifest.format != FORMAT:
            raise _bad(path, _("it was made in an unknown format ({format})").format(format=manifest.format))
        if manifest.backend not in ("sqlite", "postgresql") or manifest.database_member not in (
            SQLITE_MEMBER,
            POSTGRES_MEMBER,
        ):
            raise _bad(path, _("it names an unknown kind of database"))
        if manifest.schema_revision not in known_revisions():
            raise _bad(
                path,
                _("its database has schema {revision}, which this version of the app does not know").format(
                    revision=manifest.schema_revision
                ),
            )
        listed = set(manifest.members)
        present = set(names) - {MANIFEST}
        if len(names) != len(set(names)):
            raise _bad(path, _("it holds the same member twice"))
        if manifest.database_member not in listed:
            raise _bad(path, _("it holds no database"))
        for name in sorted(present | listed):
            if name != manifest.database_member and not (
                name.startswith(ATTACHMENTS) and _is_stored_name(name[len(ATTACHMENTS) :])
            ):
                raise _bad(path, _("it holds an unexpected member {name}").format(name=name))
        if present != listed:
            missing = sorted(listed - present) or sorted(present - listed)
            raise _bad(path, _("its members do not match the manifest ({name})").format(name=missing[0]))
        for name in sorted(listed):
            expected = manifest.members[name]
            digest = hashlib.sha256()
            size = 0
            with archive.open(name) as member:
                while chunk := member.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
            if digest.hexdigest() != expected.sha256 or size != expected.size:
                raise _bad(
                    path, _("{name} is damaged (its SHA-256 does not match the manifest)").format(name=name)
                )
            if name.startswith(ATTACHMENTS) and content_name(name) != digest.hexdigest():
                # Attachments are named by their content: a file whose content is not what its name
                # says would be taken for another (the manifest could be rewritten to match it).
                raise _bad(
                    path,
                    _("the attachment {name} does not hold the content its name stands for").format(
                        name=name
                    ),
                )
    return manifest


def content_name(member: str) -> str:
    """The SHA-256 an attachment's name (``attachments/<sha256>.<ext>``) stands for."""
    return member[len(ATTACHMENTS) :].split(".", 1)[0].lower()


def _is_stored_name(name: str) -> bool:
    try:
        resolve_stored(Path("/nonexistent-root"), name)
    except ValidationError:
        return False
    return True


def extract_member(path: Path, name: str, target: Path) -> None:
    """Copy one member of the (verified) archive to ``target``."""
    with zipfile.ZipFile(path) as archive, archive.open(name) as source, open(target, "wb") as out:
        while chunk := source.read(_CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
