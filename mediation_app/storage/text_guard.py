"""The last line of defence against invisible characters in stored text.

Forms refuse them field by field (:func:`mediation_app.domain.text.clean_text`, through the
validators); this check catches any path that forgot, before the database sees the row:
control characters (PostgreSQL rejects a NUL byte outright and SQLite would store it, so both
would otherwise behave differently), zero-width characters and bidi controls (a name that looks
like another and is not found by search). Line breaks and tabs are kept. It refuses, it never
rewrites: normalising is the forms' job, where the person who typed the text sees the result.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from mediation_app.domain.text import invisible_problem
from mediation_app.errors import ValidationError


def _check(session: Session, _context: Any, _instances: Any) -> None:
    for record in chain(session.new, session.dirty):
        mapper = inspect(record).mapper
        for attribute in mapper.column_attrs:
            value = getattr(record, attribute.key, None)
            if isinstance(value, str):
                problem = invisible_problem(value)
                if problem is not None:
                    raise ValidationError(f"{mapper.local_table.name}.{attribute.key}", problem)


def install() -> None:
    """Check every flush of every session (idempotent)."""
    if not event.contains(Session, "before_flush", _check):
        event.listen(Session, "before_flush", _check)
