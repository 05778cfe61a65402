"""A restore loses no write, restores only what it should, and only for an administrator.

The concurrent-commit scenario of issue 15: another workstation keeps committing while a restore
runs. Every write it was told is committed must be in the kept-aside copy (it came before the
restore locked the writers out) or in the restored database (it waited and came after) — 20
restores on each backend. Then: another centre's backup is refused unless confirmed, an attachment
whose content is not what its name says is refused, and a mediator may not restore.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select, text

from mediation_app.backup import archive, daily
from mediation_app.backup.locate import sqlite_path
from mediation_app.backup.make import backups_dir, create_backup
from mediation_app.backup.restore import OtherCentreError, restore_backup
from mediation_app.cli import main
from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import DatabaseError, PermissionDenied
from mediation_app.security import checkpoints
from mediation_app.storage.database import open_engine
from mediation_app.storage.models import AuditEvent, Organization
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre

pytestmark = pytest.mark.usefixtures("english")

RUNS = 20


def _needs_pg_tools(db: Database) -> None:
    if not db.is_sqlite and shutil.which("pg_dump") is None:
        pytest.fail("pg_dump/pg_restore are needed for the PostgreSQL restore")


def _kept_aside_text(path: Path, is_sqlite: bool) -> str:
    """The audit trail's after_json of the kept-aside backup, as one text."""
    with tempfile.TemporaryDirectory() as work:
        if is_sqlite:
            target = Path(work) / archive.SQLITE_MEMBER
            archive.extract_member(path, archive.SQLITE_MEMBER, target)
            connection = sqlite3.connect(str(target))
            try:
                return "\n".join(row[0] for row in connection.execute("SELECT after_json FROM audit_event"))
            finally:
                connection.close()
        target = Path(work) / archive.POSTGRES_MEMBER
        archive.extract_member(path, archive.POSTGRES_MEMBER, target)
        return subprocess.run(
            ["pg_restore", "--data-only", "--table=audit_event", "--file=-", str(target)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


class Writer(threading.Thread):
    """Another workstation: commits numbered notes until told to stop; remembers what committed."""

    def __init__(self, url: str, prefix: str) -> None:
        super().__init__(daemon=True)
        self.db = Database(open_engine(url))
        self.prefix = prefix
        self.committed: list[str] = []
        self.during: int = 0  # writes begun while the restore ran
        self.restoring = threading.Event()
        self.stop = threading.Event()
        self.errors: list[str] = []

    def run(self) -> None:
        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                marker = f"{self.prefix}-{n}"
                begun_during = self.restoring.is_set()
                try:
                    with self.db.unit_of_work(CLERK) as uow:
                        uow.audit("note.add", "case", "", None, {"note": marker})
                        uow.commit()
                except DatabaseError as exc:  # busy: not committed, so nothing to lose
                    self.errors.append(exc.message)
                    continue
                self.committed.append(marker)
                self.during += begun_during
                time.sleep(0.01)  # a person's pace is slower still; a writer never lets go otherwise
        finally:
            self.db.dispose()


def test_a_write_committed_during_a_restore_is_never_lost(db: Database, db_url: str, tmp_path: Path) -> None:
    _needs_pg_tools(db)
    intake_centre(db)
    backup = create_backup(db_url, tmp_path / "before.zip").path
    during = 0
    for run in range(RUNS):
        writer = Writer(db_url, f"run{run}")
        writer.start()
        while len(writer.committed) < 2:  # the other workstation is busy writing
            time.sleep(0.005)
        writer.restoring.set()
        result = restore_backup(backup, db_url, actor=SYSTEM)
        writer.restoring.clear()
        time.sleep(0.05)
        writer.stop.set()
        writer.join(timeout=60)
        assert not writer.is_alive()
        assert result.replaced is not None
        kept = _kept_aside_text(result.replaced.path, db.is_sqlite)
        with db.read() as session:
            now = "\n".join(session.scalars(select(AuditEvent.after_json)))
        lost = [m for m in writer.committed if f'"{m}"' not in kept and f'"{m}"' not in now]
        assert not lost, (run, lost, writer.errors[:3])
        during += writer.during
    # The scenario really happened: writes were under way while restores ran.
    assert during >= RUNS // 2, during


def _other_centre_backup(db: Database, db_url: str, tmp_path: Path) -> Path:
    intake_centre(db)  # 荔城区物业纠纷调处中心
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE organization SET name = '仙游县物业纠纷调处中心' WHERE id = 1"))
    other = create_backup(db_url, tmp_path / "other.zip").path
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE organization SET name = '荔城区物业纠纷调处中心' WHERE id = 1"))
    return other


def test_another_centres_backup_is_refused_unless_confirmed(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _needs_pg_tools(db)
    other = _other_centre_backup(db, db_url, tmp_path)
    assert archive.verify_archive(other).centre == "仙游县物业纠纷调处中心"
    with pytest.raises(OtherCentreError, match=r"仙游县物业纠纷调处中心.*荔城区物业纠纷调处中心"):
        restore_backup(other, db_url, actor=SYSTEM)
    assert main(["--db", db_url, "restore", str(other), "--yes"]) == 2
    assert "--other-centre" in capsys.readouterr().err
    with db.read() as session:
        assert session.scalar(select(Organization.name)) == "荔城区物业纠纷调处中心"  # nothing changed
    assert main(["--db", db_url, "restore", str(other), "--yes", "--other-centre"]) == 0, capsys.readouterr()
    with db.read() as session:
        assert session.scalar(select(Organization.name)) == "仙游县物业纠纷调处中心"


def test_an_attachment_whose_content_is_not_its_name_is_refused(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    if not db.is_sqlite:
        pytest.skip("the archive check is the same for both backends")
    intake_centre(db)
    good = create_backup(db_url, tmp_path / "good.zip").path
    # A file named for one content holding another, with a manifest rewritten to match it.
    name = archive.ATTACHMENTS + "0" * 64 + ".jpg"
    content = b"\xff\xd8 not what the name says"
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as out:
        manifest = json.loads(source.read(archive.MANIFEST))
        for member in source.namelist():
            if member != archive.MANIFEST:
                out.writestr(member, source.read(member))
        out.writestr(name, content)
        manifest["members"][name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        out.writestr(archive.MANIFEST, json.dumps(manifest))
    with pytest.raises(DatabaseError, match="does not hold the content its name stands for"):
        restore_backup(bad, db_url, actor=SYSTEM)
    assert not list(backups_dir().glob("mediation-replaced-*"))  # refused before anything was done


def test_only_an_administrator_may_restore(db: Database, db_url: str, tmp_path: Path) -> None:
    _needs_pg_tools(db)
    intake_centre(db)
    backup = create_backup(db_url, tmp_path / "b.zip").path
    mediator = Actor(None, "陈志明", Role.MEDIATOR)
    with pytest.raises(PermissionDenied):
        restore_backup(backup, db_url, actor=mediator)
    assert not list(backups_dir().glob("mediation-replaced-*"))
    restore_backup(backup, db_url, actor=SYSTEM)  # the administrator may
    assert len(list(backups_dir().glob("mediation-replaced-*"))) == 1


def test_the_daily_backup_comes_with_a_signed_checkpoint(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not db.is_sqlite:
        pytest.skip("daily backups are the SQLite default's")
    intake_centre(db)
    path = sqlite_path(db_url)
    assert path is not None
    made = daily.ensure_daily_backup(path, db.clock)
    assert made is not None
    beside = made.with_name(made.name.removesuffix(".zip") + checkpoints.SUFFIX)
    checkpoint = checkpoints.Checkpoint.from_json(beside.read_text(encoding="utf-8"))
    with db.read() as session:
        head = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    assert checkpoint.signature_valid() and checkpoint.last_id == head
    assert checkpoint.public_key in checkpoints.trusted_keys()
    assert any(checkpoints.checkpoints_dir().iterdir())  # the workstation's copy
    assert daily.ensure_workstation_checkpoint(db_url, db.clock) is None  # one a day is enough
    assert main(["--db", db_url, "audit", "verify"]) == 0
    assert f"Chain vouched for up to event {head}" in capsys.readouterr().out
