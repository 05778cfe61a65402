"""Suite-wide set-up: headless Qt, a private data directory, the default language."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest
from hypothesis import settings

from mediation_app.i18n import DEFAULT_LANGUAGE, set_language

# Property tests check properties, not speed: on a busy two-core machine a slow example is no
# failure (speed is measured by the benchmarks in tests/bench).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user's data directory."""
    monkeypatch.setenv("MEDIATION_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("MEDIATION_DB_URL", raising=False)
    monkeypatch.delenv("MEDIATION_LANG", raising=False)


@pytest.fixture(autouse=True)
def _default_language() -> None:
    set_language(DEFAULT_LANGUAGE)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that read the wording of a message: they read it in English, the message ids.

    The app runs in Chinese by default (and most tests do too); a test that checks what a message
    says, rather than which field it names, asks for this fixture so the check does not depend on
    the state of the translation catalogue. Commands run in the test speak English too.
    """
    set_language("en")
    monkeypatch.setenv("MEDIATION_LANG", "en")


# --- databases: every storage and service test runs on SQLite and on PostgreSQL ----------------

import datetime as dt  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

from mediation_app.clock import CHINA, FixedClock  # noqa: E402
from mediation_app.storage import migrate  # noqa: E402
from mediation_app.storage.database import open_engine  # noqa: E402
from mediation_app.storage.uow import Database  # noqa: E402
from tests.support.databases import (  # noqa: E402
    copy_sqlite_database,
    postgres_database_copy,
    postgres_schema_url,
    postgres_template,
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own: an SQLite file, or a PostgreSQL database or schema.

    Empty, unless the test also asks for :func:`db`: then it is already migrated, as a copy of a
    database migrated once per test process (the migrations take a third of a second on SQLite and
    a second on PostgreSQL, and some 670 tests ask for ``db``)."""
    migrated = "db" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        if migrated:
            copy_sqlite_database(request.getfixturevalue("migrated_sqlite_template"), path)
        yield f"sqlite:///{path}"
    elif migrated:
        yield from postgres_database_copy(request.getfixturevalue("migrated_postgres_template"))
    else:
        yield from postgres_schema_url()


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database migrated once per test process, for :func:`db_url` to copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    engine = open_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def migrated_postgres_template() -> Iterator[str]:
    """A PostgreSQL database migrated once per test process, for :func:`db_url` to copy (the
    server copies it as the template of each new database)."""
    with postgres_template() as (name, url):
        engine = open_engine(url)
        migrate.upgrade(engine)
        engine.dispose()  # a template must have no connections when it is copied
        yield name


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA))


@pytest.fixture
def db(db_url: str, clock: FixedClock) -> Iterator[Database]:
    """A migrated, empty database on each backend, with a fixed clock."""
    engine = open_engine(db_url)
    assert not migrate.needs_upgrade(engine), "db_url gives a migrated copy when db is asked for"
    database = Database(engine, clock)
    yield database
    database.dispose()
