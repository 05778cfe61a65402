"""Opening the database for a command that reads cases: never create a missing SQLite file
(a mistyped path is an error, not a new empty database), but bring an older schema up to date
so the current mappings can read it, backing it up first as the app does on start."""

from __future__ import annotations

from mediation_app.backup.locate import open_existing
from mediation_app.backup.startup import open_for_app
from mediation_app.storage import migrate
from mediation_app.storage.uow import Database


def open_for_reading(url: str | None) -> Database:
    db = open_existing(url)
    if not migrate.needs_upgrade(db.engine):
        return db
    db.dispose()
    return open_for_app(url)
