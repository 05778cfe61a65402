"""The databases tests run on: a private PostgreSQL schema or database per test, dropped afterwards.

``MEDIATION_TEST_PG_URL`` names the server (default: the project machines' local one). When it does
not answer, PostgreSQL tests are skipped on a developer's machine and fail in CI
(``MEDIATION_REQUIRE_PG`` or ``CI`` set), so they can never be skipped silently there.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

PG_URL = os.environ.get("MEDIATION_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TEST_DATABASE_PREFIX = "mediation_test_"
_pg_problem: str | None = None
_pg_admin: Engine | None = None
_pg_checked = False


def _postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used here (None when it can). Asked once per test process."""
    global _pg_checked, _pg_problem
    if not _pg_checked:
        _pg_checked = True
        try:
            engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            engine.dispose()
        except Exception as exc:  # any failure to connect means "not available"
            _pg_problem = f"PostgreSQL at {make_url(PG_URL).render_as_string()} is not reachable: {exc}"
    return _pg_problem


def require_postgres() -> None:
    """Skip the test when PostgreSQL is unreachable, except where it must run (CI)."""
    problem = _postgres_unavailable()
    if problem:
        if os.environ.get("MEDIATION_REQUIRE_PG") or os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run here: {problem}")
        pytest.skip(problem)


def postgres_schema_url() -> Iterator[str]:
    """A fresh PostgreSQL schema for one test, dropped afterwards; yields a URL that uses it."""
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _admin() -> Engine:
    """A connection to the server for creating and dropping databases (outside a transaction)."""
    global _pg_admin
    if _pg_admin is None:
        _pg_admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    return _pg_admin


def _database_url(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _create_database(name: str, template: str | None = None) -> None:
    statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    with _admin().connect() as connection:
        connection.execute(text(statement))


def _drop_database(name: str) -> None:
    with _admin().connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def postgres_template() -> Iterator[tuple[str, str]]:
    """A new PostgreSQL database to prepare as a template, as its name and URL; dropped at the end."""
    require_postgres()
    name = f"{TEST_DATABASE_PREFIX}template_{uuid.uuid4().hex[:12]}"
    _create_database(name)
    try:
        yield name, _database_url(name)
    finally:
        _drop_database(name)


def postgres_database_copy(template: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one test, a copy of ``template``, dropped afterwards."""
    require_postgres()
    name = f"{TEST_DATABASE_PREFIX}{uuid.uuid4().hex[:12]}"
    _create_database(name, template)
    try:
        yield _database_url(name)
    finally:
        _drop_database(name)


def copy_sqlite_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` to ``target``, page by page (SQLite's backup API, so
    the copy is whole whatever journal mode the source was left in)."""
    original, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        original.backup(copy)
    finally:
        original.close()
        copy.close()
