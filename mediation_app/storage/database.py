"""Engines: which database to open, and opening it the same careful way every time.

The default is an SQLite file in the user's data directory (WAL journal, foreign keys on, a busy
timeout so a second reader waits instead of failing). ``--db URL`` or ``MEDIATION_DB_URL`` selects
another database, typically the centre's shared PostgreSQL. A URL that is malformed or a server
that does not answer becomes one :class:`DatabaseError` with a clear message.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from mediation_app.errors import DatabaseError
from mediation_app.i18n import _
from mediation_app.paths import data_dir, sqlite_url

log = logging.getLogger(__name__)

ENV_VAR = "MEDIATION_DB_URL"
DEFAULT_FILENAME = "mediation.sqlite3"


def default_url() -> str:
    return sqlite_url(data_dir() / DEFAULT_FILENAME)


def resolve_url(url: str | None) -> str:
    """The URL to use: the one given, else ``$MEDIATION_DB_URL``, else the default SQLite file."""
    return url or os.environ.get(ENV_VAR) or default_url()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def open_engine(url: str | None = None, *, check: bool = True) -> Engine:
    """Create the engine for ``url`` (resolved as above) and, with ``check``, connect once."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise DatabaseError(_("The database address is not valid: {url}").format(url=resolved)) from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = os.path.dirname(os.path.abspath(parsed.database))
            if not os.path.isdir(folder):
                raise DatabaseError(
                    _("The folder for the database file does not exist: {folder}").format(folder=folder)
                )
    else:
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 5}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise DatabaseError(
            _("This kind of database is not supported: {url}").format(url=parsed.render_as_string())
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    shown = parsed.render_as_string(hide_password=True)
    if check:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:  # OperationalError (no server, bad file) and the rest
            engine.dispose()
            log.warning("cannot open the database %s: %s", shown, _first_line(exc))
            raise DatabaseError(
                _("Cannot open the database {url}: {reason}").format(url=shown, reason=_first_line(exc))
            ) from exc
        log.info("database opened: %s", shown)
    return engine


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]
