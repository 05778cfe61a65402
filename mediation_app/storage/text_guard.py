"""The last line of defence against invisible control characters in stored text.

Forms refuse them field by field (``validators.no_control_characters``); this check catches any
path that forgot, before the database sees the row: PostgreSQL rejects a NUL byte outright and
SQLite would store it, so both would otherwise behave differently. Line breaks and tabs are kept.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from mediation_app.domain.validators import CONTROL_CHARACTERS
from mediation_app.errors import ValidationError
from mediation_app.i18n import _


def _check(session: Session, _context: Any, _instances: Any) -> None:
    for record in chain(session.new, session.dirty):
        mapper = inspect(record).mapper
        for attribute in mapper.column_attrs:
            value = getattr(record, attribute.key, None)
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                field = f"{mapper.local_table.name}.{attribute.key}"
                raise ValidationError(field, _("contains an invisible control character; please retype it"))


def install() -> None:
    """Check every flush of every session (idempotent)."""
    if not event.contains(Session, "before_flush", _check):
        event.listen(Session, "before_flush", _check)
