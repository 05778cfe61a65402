"""A database that is locked, full or gone gives one clear message, nothing half-saved, and the
form can be saved again once the database is back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from mediation_app.clock import FixedClock
from mediation_app.errors import DatabaseError
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.databases import postgres_schema_url
from tests.support.intake_setup import CLERK, intake_centre, intake_form


def _sqlite(tmp_path: Path, clock: FixedClock, **pragmas: int) -> tuple[Database, Path]:
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "centre.sqlite3"
    db = Database.open(f"sqlite:///{path}", clock)

    @event.listens_for(db.engine, "connect")
    def _tighten(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        for name, value in pragmas.items():
            dbapi_connection.execute(f"PRAGMA {name}={value}")

    db.engine.dispose()  # later connections get the pragmas
    return db, path


def _cases(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_a_locked_database_says_busy_and_the_same_form_saves_later(tmp_path: Path, clock: FixedClock) -> None:
    db, path = _sqlite(tmp_path, clock, busy_timeout=200)
    org_id, community_id = intake_centre(db)
    form = intake_form(org_id, community_id)
    other = sqlite3.connect(path, isolation_level=None)  # another workstation in the middle of a save
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseError, match=r"busy|忙"), db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
    other.execute("ROLLBACK")
    other.close()
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)  # what was typed is still there and goes through now
    assert _cases(db) == 1
    db.dispose()


def test_a_full_disk_says_full_and_saves_nothing(tmp_path: Path, clock: FixedClock) -> None:
    db, _path = _sqlite(tmp_path, clock)
    org_id, community_id = intake_centre(db)
    with db.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()

    @event.listens_for(db.engine, "connect")
    def _no_room(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()
    form = intake_form(org_id, community_id)
    form.summary = "很长的案情说明" * 5000  # needs new pages
    with pytest.raises(DatabaseError, match=r"full|满"), db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
    assert _cases(db) == 0
    db.dispose()


def test_a_database_on_a_drive_that_is_gone(tmp_path: Path, clock: FixedClock) -> None:
    db, path = _sqlite(tmp_path, clock)
    org_id, community_id = intake_centre(db)
    db.engine.dispose()
    shutil.rmtree(path.parent)  # the network share or USB drive disappeared
    with pytest.raises(DatabaseError, match=r"cannot be reached|无法"), db.unit_of_work(CLERK) as uow:
        intake_case(uow, intake_form(org_id, community_id))
    with pytest.raises(DatabaseError, match=r"cannot be reached|无法"), db.read() as session:
        session.scalar(select(func.count()).select_from(Case))
    with pytest.raises(DatabaseError):
        Database.open(f"sqlite:///{path}", clock)  # and opening it again says the folder is missing


def test_a_postgresql_server_that_does_not_answer() -> None:
    with pytest.raises(DatabaseError, match=r"127\.0\.0\.1:1"):
        Database.open("postgresql+psycopg://postgres@127.0.0.1:1/centre")


def test_a_postgresql_connection_lost_in_the_middle_of_a_save(clock: FixedClock) -> None:
    for url in postgres_schema_url():
        db = Database(open_engine(url), clock)
        migrate.upgrade(db.engine)
        org_id, community_id = intake_centre(db)
        admin = open_engine(url)
        try:
            with pytest.raises(DatabaseError, match=r"lost|断开"), db.unit_of_work(CLERK) as uow:
                pid = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
                with admin.begin() as connection:  # the server drops this workstation
                    connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                intake_case(uow, intake_form(org_id, community_id))
            with db.unit_of_work(CLERK) as uow:
                intake_case(uow, intake_form(org_id, community_id))  # a new connection; the form saves
            assert _cases(db) == 1
        finally:
            admin.dispose()
            db.dispose()
