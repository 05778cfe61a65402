"""Opening the database for a command that reads cases: never create a missing SQLite file
(a mistyped path is an error, not a new empty database), but bring an older schema up to date
so the current mappings can read it."""

from __future__ import annotations

from mediation_app.backup.locate import open_existing
from mediation_app.storage import migrate
from mediation_app.storage.uow import Database


def open_for_reading(url: str | None) -> Database:
    db = open_existing(url)
    try:
        if migrate.needs_upgrade(db.engine):
            migrate.upgrade(db.engine)
    except BaseException:
        db.dispose()
        raise
    return db
