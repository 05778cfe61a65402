"""Which database a URL names, and opening an existing one without creating or upgrading it.

Commands that inspect or copy a database (``audit verify``, ``backup``) must not create an empty
SQLite file where the user mistyped a path, nor migrate a database they only wanted to read.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from sqlalchemy.engine import make_url

from mediation_app.errors import DatabaseError
from mediation_app.i18n import _
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine, resolve_url
from mediation_app.storage.uow import Database


def sqlite_path(url: str | None) -> Path | None:
    """The file of an SQLite URL (resolved as the app resolves it), or None for a server database."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise DatabaseError(_("An in-memory database cannot be used here."))
    return Path(parsed.database).resolve()


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens the file ``path`` read-only (``sqlite3.connect(uri, uri=True)``).

    Built with :meth:`Path.as_uri`, which percent-encodes what a URI cannot hold as it is: a
    profile folder with ``#``, ``?`` or ``%`` (``f"file:{path}"`` would cut the path at ``#`` or
    ``?``), spaces and Chinese names; on Windows it gives ``file:///C:/...``.
    """
    return _file_uri(path.resolve()) + "?mode=ro"


def _file_uri(absolute: PurePath) -> str:
    uri = absolute.as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        # A Windows network path (\\server\share\...) comes out as file://server/share/...;
        # SQLite refuses a URI naming a host, but takes the same path after an empty one.
        uri = "file:////" + uri[len("file://") :]
    return uri


def open_existing(url: str | None) -> Database:
    """Open the app's database at ``url`` as it is: refuse a missing file or a non-app database."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise DatabaseError(_("There is no database file at {path}.").format(path=path))
    db = Database(open_engine(url))
    try:
        revision = migrate.current_revision(db.engine)
        if revision is None:
            raise DatabaseError(
                _("{url} holds no data of this app (no schema version).").format(
                    url=make_url(resolve_url(url)).render_as_string(hide_password=True)
                )
            )
        migrate.needs_upgrade(db.engine)  # refuses a database written by a newer app
    except BaseException:
        db.dispose()
        raise
    return db
