"""The schema comes from the migrations, matches the mappings, and refuses a newer database."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from mediation_app.errors import DatabaseError
from mediation_app.storage import migrate
from mediation_app.storage.models import Base
from mediation_app.storage.uow import Database


def test_migrated_schema_matches_the_mappings(db: Database) -> None:
    with db.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    assert not migrate.needs_upgrade(db.engine)


def test_a_database_from_a_newer_app_is_refused_with_a_clear_message(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError, match="9999_future"):
        migrate.upgrade(db.engine)
