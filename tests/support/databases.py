"""The databases tests run on: a private PostgreSQL schema per test, dropped afterwards.

``MEDIATION_TEST_PG_URL`` names the server (default: the project machines' local one). When it does
not answer, PostgreSQL tests are skipped on a developer's machine and fail in CI
(``MEDIATION_REQUIRE_PG`` or ``CI`` set), so they can never be skipped silently there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("MEDIATION_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_pg_problem: str | None = None
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
