"""Backup → change → restore gives back every table and every attachment, on SQLite and
PostgreSQL; a damaged, foreign or unsafe backup is refused before anything is replaced."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select, text

from mediation_app.backup import archive, daily
from mediation_app.backup.locate import sqlite_path
from mediation_app.backup.make import create_backup
from mediation_app.backup.restore import restore_backup
from mediation_app.cli import main
from mediation_app.clock import CHINA, FixedClock
from mediation_app.domain.actor import SYSTEM
from mediation_app.errors import DatabaseError
from mediation_app.paths import data_dir
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.services.cases import evidence
from mediation_app.services.cases.intake import CompanyForm, intake_case
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form
from tests.support.missing import skip_unless_ci

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")

AUDIT_TABLES = {"audit_event", "audit_head"}


def _tables(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    metadata = MetaData()
    metadata.reflect(db.engine)
    out = {}
    with db.engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            order = list(table.primary_key.columns) or list(table.columns)
            out[name] = [tuple(row) for row in connection.execute(select(table).order_by(*order))]
    return out


def _attachments() -> dict[str, str]:
    folder = data_dir() / "attachments"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _fill(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        first = intake_case(uow, intake_form(org_id, community_id))
    form = intake_form(
        org_id, community_id, name="陈某某", id_number="35030119980113592X", phone="18680484907"
    )
    form.unit.room = "1503"
    form.company = CompanyForm(existing_id=1)
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
    for n, (name, content) in enumerate(
        [("欠费明细.xlsx", b"PK\x03\x04 arrears"), ("照片.jpg", b"\xff\xd8 photo")]
    ):
        with db.unit_of_work(CLERK) as uow:
            evidence.attach_evidence(
                uow, first.id, title=f"证据{n}", filename=name, content=content, submitted_by="company"
            )


def _change_everything(db: Database) -> None:
    """What happens after the backup: a new case, an edit, a lost attachment file."""
    with db.unit_of_work(CLERK) as uow:
        form = intake_form(1, 1, name="林某", id_number="", phone="13906001234")
        form.company = CompanyForm(existing_id=1)
        form.unit.room = "0801"
        intake_case(uow, form)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE owner SET address = '已改动' WHERE id = 1"))
    for path in (data_dir() / "attachments").iterdir():
        path.unlink()
        break


def test_round_trip_gives_back_every_table_and_attachment(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not db.is_sqlite and shutil.which("pg_dump") is None:
        skip_unless_ci("pg_dump is not installed here (Debian package postgresql-client)")
    _fill(db)
    tables, files = _tables(db), _attachments()
    assert len(files) == 2 and len(tables["case"]) == 2
    out = tmp_path / "backup.zip"
    assert main(["--db", db_url, "backup", "--out", str(out)]) == 0, capsys.readouterr().err
    manifest = archive.verify_archive(out)
    assert manifest.backend == ("sqlite" if db.is_sqlite else "postgresql")
    assert len(manifest.attachment_members) == 2 and manifest.row_counts["case"] == 2

    _change_everything(db)
    assert _tables(db) != tables
    db.dispose()  # the restore works on a closed database like on an open one; close ours
    assert main(["--db", db_url, "restore", str(out), "--yes"]) == 0, capsys.readouterr().err
    output = capsys.readouterr().out
    assert "replaced" in output or "kept" in output or "保留" in output

    after = _tables(db)
    for name in tables:
        if name not in AUDIT_TABLES:
            assert after[name] == tables[name], name
    # The audit trail is the backup's, plus one event that records the restore itself.
    assert after["audit_event"][: len(tables["audit_event"])] == tables["audit_event"]
    assert len(after["audit_event"]) == len(tables["audit_event"]) + 1
    restored = Database.open(db_url)
    try:
        with restored.read() as session:
            assert verify_chain(session).whole
    finally:
        restored.dispose()
    now = _attachments()
    assert all(now.get(name) == digest for name, digest in files.items())
    replaced = sorted((data_dir() / "backups").glob("mediation-replaced-*.zip"))
    assert len(replaced) == 1 and archive.verify_archive(replaced[0]).row_counts["case"] == 3


def _rewrite(source: Path, target: Path, change: Any) -> None:
    """Copy a backup, letting ``change(name, data)`` alter members (None drops one)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            result = change(name, old.read(name))
            if result is not None:
                new.writestr(result[0], result[1])


def _manifest_with(data: bytes, **fields: Any) -> bytes:
    manifest = json.loads(data)
    manifest.update(fields)
    return json.dumps(manifest).encode()


@pytest.fixture
def sqlite_backup(tmp_path: Path, clock: FixedClock) -> tuple[Database, str, Path]:
    url = f"sqlite:///{tmp_path}/live.sqlite3"
    db = Database.open(url, clock)
    _fill(db)
    return db, url, create_backup(url, tmp_path / "good.zip", clock).path


def _damaged(name: str, data: bytes) -> tuple[str, bytes]:
    if name.startswith("attachments/"):
        return name, data[:-1] + b"!"
    return name, data


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_damaged, "SHA-256"),
        (lambda n, d: None if n == "manifest.json" else (n, d), "manifest"),
        (
            lambda n, d: (
                (n, _manifest_with(d, schema_revision="9999_future")) if n == "manifest.json" else (n, d)
            ),
            "9999",
        ),
        (lambda n, d: ("../../evil.sqlite3", d) if n == "database.sqlite3" else (n, d), "evil"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    sqlite_backup: tuple[Database, str, Path], tmp_path: Path, change: Any, reason: str
) -> None:
    db, url, good = sqlite_backup
    bad = tmp_path / "bad.zip"
    _rewrite(good, bad, change)
    before = _tables(db)
    with pytest.raises(DatabaseError, match=reason):
        restore_backup(bad, url, actor=SYSTEM)
    assert _tables(db) == before
    assert not list((data_dir() / "backups").glob("mediation-replaced-*"))


def test_a_corrupt_database_with_matching_hashes_fails_the_integrity_check(
    sqlite_backup: tuple[Database, str, Path], tmp_path: Path
) -> None:
    db, url, good = sqlite_backup
    with zipfile.ZipFile(good) as old:
        database = bytearray(old.read("database.sqlite3"))
        manifest = json.loads(old.read("manifest.json"))
    database[4096 * 3 : 4096 * 3 + 200] = b"\x00garbage" * 25  # scribble over a b-tree page
    manifest["members"]["database.sqlite3"] = {
        "sha256": hashlib.sha256(bytes(database)).hexdigest(),
        "size": len(database),
    }
    bad = tmp_path / "corrupt.zip"
    _rewrite(
        good,
        bad,
        lambda n, d: (
            (n, bytes(database))
            if n == "database.sqlite3"
            else (n, json.dumps(manifest).encode())
            if n == "manifest.json"
            else (n, d)
        ),
    )
    before = _tables(db)
    with pytest.raises(DatabaseError):
        restore_backup(bad, url, actor=SYSTEM)
    assert _tables(db) == before


def test_a_sqlite_backup_is_not_restored_into_postgresql(sqlite_backup: tuple[Database, str, Path]) -> None:
    _db, _url, good = sqlite_backup
    with pytest.raises(DatabaseError, match="SQLite"):
        restore_backup(good, "postgresql+psycopg://postgres@127.0.0.1:1/none", actor=SYSTEM)


def test_restore_asks_before_replacing(
    sqlite_backup: tuple[Database, str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _db, url, good = sqlite_backup
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", url, "restore", str(good)]) == 2
    assert "--yes" in capsys.readouterr().err


def test_daily_backups_once_a_day_and_the_newest_fourteen_kept(tmp_path: Path) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 1, 8, 0, tzinfo=CHINA))
    url = f"sqlite:///{tmp_path}/live.sqlite3"
    Database.open(url, clock).dispose()
    db_file = sqlite_path(url)
    assert db_file is not None
    made = daily.ensure_daily_backup(db_file, clock)
    assert made is not None and made.name == "mediation-2026-11-01.zip"
    assert daily.ensure_daily_backup(db_file, clock) is None  # once a day
    for _day in range(20):
        clock.advance(days=1)
        assert daily.ensure_daily_backup(db_file, clock) is not None
    kept = sorted(p.name for p in daily.daily_dir().iterdir())
    assert (
        len(kept) == daily.KEEP
        and kept[0] == "mediation-2026-11-08.zip"
        and kept[-1] == "mediation-2026-11-21.zip"
    )
    archive.verify_archive(daily.daily_dir() / kept[-1])
    assert daily.ensure_daily_backup(tmp_path / "missing.sqlite3", clock) is None


def test_without_pg_dump_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(DatabaseError, match=r"pg_dump.*(client|客户端)"):
        create_backup("postgresql+psycopg://postgres@127.0.0.1:5432/test", tmp_path / "x.zip")
