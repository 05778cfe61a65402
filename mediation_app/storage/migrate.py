"""Schema versions: bring a database up to this app's schema, or refuse one from a newer app.

The migrations live in ``storage/migrations`` (Alembic). On start the app upgrades an older
database (callers make a backup first where they can) and refuses a database whose revision this
app does not know, because a newer app wrote it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from mediation_app.errors import DatabaseError
from mediation_app.i18n import _

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is older than this app (or empty)."""
    current = current_revision(engine)
    _check_known(current)
    return current != head_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the database to this app's schema (or to revision ``target``, for tests of one
    migration); refuse a database from a newer app."""
    current = current_revision(engine)
    _check_known(current)
    head = head_revision()
    if current != head:
        log.info("schema upgrade of %s: %s -> %s", _shown(engine), current or "empty", head)
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    if current != head:
        log.info("schema upgraded to %s", head)


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _check_known(current: str | None) -> None:
    if current is None:
        return
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseError(
            _(
                "This database was written by a newer version of the app (schema {revision}). "
                "Install the newer version to open it."
            ).format(revision=current)
        )
