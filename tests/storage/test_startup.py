"""Starting the app on an older database backs it up, then upgrades; a newer one is refused.

The app has one schema revision so far, so an "older database" is made by giving the test a
copy of the migrations with one more (tiny) revision: the real database, at the real head, is
then older than that copy's head, exactly as it will be when the next release adds a migration.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from mediation_app.backup.startup import open_for_app
from mediation_app.clock import FixedClock
from mediation_app.errors import DatabaseError
from mediation_app.paths import data_dir
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine
from mediation_app.storage.models import Community
from mediation_app.storage.uow import Database

NEXT_REVISION = '''"""Test revision: one more table."""
import sqlalchemy as sa
from alembic import op

revision = "0900_probe"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    {body}


def downgrade() -> None:
    op.drop_table("upgrade_probe")
'''
ADD_TABLE = 'op.create_table("upgrade_probe", sa.Column("id", sa.Integer(), primary_key=True))'


def _newer_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str = ADD_TABLE) -> None:
    """Make the app believe it has one more migration than the database has seen."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "0900_probe.py").write_text(
        NEXT_REVISION.format(head=migrate.head_revision(), body=body), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", copy)


def _database_with_data(url: str) -> str:
    db = Database.open(url)
    with db.engine.begin() as connection:
        connection.execute(Community.__table__.insert().values(name="荔景花园", address=""))
    db.dispose()
    return migrate.head_revision()


def _backups() -> list[Path]:
    folder = data_dir() / "backups"
    return sorted(folder.glob("*.sqlite3")) if folder.exists() else []


def test_an_older_sqlite_database_is_copied_aside_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    url = f"sqlite:///{tmp_path}/app.sqlite3"
    old_revision = _database_with_data(url)
    _newer_migrations(tmp_path, monkeypatch)

    db = open_for_app(url, clock)
    try:
        assert migrate.current_revision(db.engine) == "0900_probe"
        assert "upgrade_probe" in inspect(db.engine).get_table_names()
    finally:
        db.dispose()
    (backup,) = _backups()
    assert backup.name == f"pre-upgrade-{old_revision}-20261127-093000.sqlite3"
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("select version_num from alembic_version").fetchone() == (old_revision,)
        assert copy.execute("select name from community").fetchall() == [("荔景花园",)]
    finally:
        copy.close()

    open_for_app(url, clock).dispose()  # now current: no second copy
    assert len(_backups()) == 1


def test_a_failed_upgrade_says_where_the_copy_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    url = f"sqlite:///{tmp_path}/app.sqlite3"
    _database_with_data(url)
    _newer_migrations(tmp_path, monkeypatch, body='raise RuntimeError("disk on fire")')
    with pytest.raises(DatabaseError, match="disk on fire") as caught:
        open_for_app(url, clock)
    (backup,) = _backups()
    assert str(backup) in caught.value.message


def test_a_new_database_gets_the_schema_without_a_copy(tmp_path: Path, clock: FixedClock) -> None:
    db = open_for_app(f"sqlite:///{tmp_path}/new.sqlite3", clock)
    db.dispose()
    assert _backups() == []


def test_a_database_from_a_newer_app_is_refused_untouched(db_url: str, clock: FixedClock) -> None:
    engine = open_engine(db_url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="9999_future"):
        open_for_app(db_url, clock)
    assert _backups() == []


def test_a_server_database_is_upgraded_in_place(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    _database_with_data(db_url)
    _newer_migrations(tmp_path, monkeypatch)
    db = open_for_app(db_url, clock)
    try:
        assert migrate.current_revision(db.engine) == "0900_probe"
    finally:
        db.dispose()
    if not db_url.startswith("sqlite"):
        assert _backups() == []
