"""A data folder whose path holds ``#``, ``%``, ``?``, spaces and Chinese — as a Windows profile
folder may (``C:\\Users\\张#1\\…``) — opens, backs up and restores: the SQLAlchemy URL and the
SQLite URI are built so that nothing in the path is read as URL syntax."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from mediation_app.backup import daily
from mediation_app.backup.archive import verify_archive
from mediation_app.backup.locate import _file_uri, read_only_uri, sqlite_path
from mediation_app.cli import main
from mediation_app.clock import CHINA, FixedClock
from mediation_app.paths import data_dir, sqlite_url
from mediation_app.services.cases.intake import CompanyForm, intake_case
from mediation_app.storage.database import default_url
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form

AWKWARD = "用户 #1 %23 50% (张)"  # %23 must stay "%23", not become "#"


@pytest.fixture
def awkward_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / AWKWARD / "AppData"
    folder.mkdir(parents=True)
    monkeypatch.setenv("MEDIATION_DATA_DIR", str(folder))
    return folder


def _cases(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


@pytest.mark.parametrize(
    "path",
    [
        "/tmp/a#b%c/x.sqlite3",
        "/tmp/a?b/x.sqlite3",
        "/tmp/a%23b/x.sqlite3",
        "/tmp/用户 1/x.sqlite3",
        "/tmp/a@b:c/x",
    ],
)
def test_the_url_of_a_file_reads_back_as_that_file(path: str) -> None:
    assert make_url(sqlite_url(path)).database == path


def test_a_windows_path_keeps_its_drive_and_backslashes() -> None:
    path = r"C:\Users\张#1 %\AppData\Local\mediation.sqlite3"
    assert make_url(sqlite_url(path)).database == path


def test_the_read_only_uri_encodes_what_a_uri_cannot_hold(awkward_data_dir: Path) -> None:
    database = awkward_data_dir / "copy.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.commit()
    uri = read_only_uri(database)
    assert "#" not in uri and " " not in uri and uri.endswith("?mode=ro")
    connection = sqlite3.connect(uri, uri=True)
    try:
        assert connection.execute("SELECT count(*) FROM t").fetchone() == (0,)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("INSERT INTO t VALUES (1)")
    finally:
        connection.close()


def test_windows_paths_become_uris_sqlite_accepts() -> None:
    assert _file_uri(PureWindowsPath(r"C:\Users\张#1\x.db")) == "file:///C:/Users/%E5%BC%A0%231/x.db"
    # A network path: SQLite refuses a host in the URI, but takes the path after an empty one.
    assert _file_uri(PureWindowsPath(r"\\server\share\a #1\x.db")) == "file:////server/share/a%20%231/x.db"
    assert _file_uri(PurePosixPath("/home/a?b/x.db")) == "file:///home/a%3Fb/x.db"


def test_a_profile_folder_with_hash_and_percent_backs_up_and_restores(
    awkward_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sqlite_path(default_url()) == awkward_data_dir / "mediation.sqlite3"
    db = Database.open(None)  # the default: the SQLite file in the data folder
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, intake_form(org_id, community_id))
    assert _cases(db) == 1
    db.dispose()

    assert main(["backup"]) == 0, capsys.readouterr().err
    archives = sorted((data_dir() / "backups").glob("mediation-*.zip"))
    assert len(archives) == 1 and verify_archive(archives[0]).row_counts["case"] == 1

    db = Database.open(None)
    form = intake_form(org_id, community_id, name="林某", id_number="", phone="13906001234")
    form.company = CompanyForm(existing_id=1)
    form.unit.room = "0801"
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
    assert _cases(db) == 2
    db.dispose()

    assert main(["restore", str(archives[0]), "--yes"]) == 0, capsys.readouterr().err
    db = Database.open(None)
    try:
        assert _cases(db) == 1
    finally:
        db.dispose()
    kept = list((data_dir() / "backups").glob("mediation-replaced-*.zip"))
    assert len(kept) == 1 and verify_archive(kept[0]).row_counts["case"] == 2


def test_the_daily_backup_of_an_awkward_folder(awkward_data_dir: Path) -> None:
    Database.open(None).dispose()
    clock = FixedClock(dt.datetime(2026, 11, 1, 8, 0, tzinfo=CHINA))
    made = daily.ensure_daily_backup(awkward_data_dir / "mediation.sqlite3", clock)
    assert made is not None and verify_archive(made).backend == "sqlite"
