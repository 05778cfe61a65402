"""Schema versions: bring a database up to this app's schema, or refuse one from a newer app.

The migrations live in ``storage/migrations`` (Alembic). On start the app upgrades an older
database (callers make a backup first where they can) and refuses a database whose revision this
app does not know, because a newer app wrote it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from mediation_app.errors import DatabaseError
from mediation_app.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']\s*$", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|[\"']([^\"']+)[\"'])\s*$", re.MULTILINE)

# Alembic (and, through it, mako and pygments) loads only when a schema changes or a backup is
# checked: opening an up-to-date database reads the revisions from the files' two lines and the
# current one with a SELECT, which keeps a good part of a second off the client's start-up.


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _linear_revisions() -> tuple[set[str], str] | None:
    """Every revision and the head, read from the migration files; None when the history is not a
    plain line (a merge, a file this reading does not understand): alembic then decides."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            downs.add(down.group(1))
    heads = revisions - downs
    if len(heads) != 1 or not downs <= revisions:
        return None
    return revisions, heads.pop()


def head_revision() -> str:
    linear = _linear_revisions()
    if linear is not None:
        return linear[1]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) <= 1:
        return rows[0] if rows else None
    from alembic.runtime.migration import MigrationContext  # several heads: alembic's rule

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is older than this app (or empty)."""
    current = current_revision(engine)
    linear = _linear_revisions()
    if linear is not None and current == linear[1]:
        return False  # up to date: the common case, answered without alembic
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
    from alembic import command

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
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseError(
            _(
                "This database was written by a newer version of the app (schema {revision}). "
                "Install the newer version to open it."
            ).format(revision=current)
        )
