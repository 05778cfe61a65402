"""The last line of defence against invisible characters in stored text.

Forms refuse them field by field (:func:`mediation_app.domain.text.clean_text`, through the
validators); this check catches any path that forgot, before the database sees the row:
control characters (PostgreSQL rejects a NUL byte outright and SQLite would store it, so both
would otherwise behave differently), zero-width characters and bidi controls (a name that looks
like another and is not found by search). Line breaks and tabs are kept. It refuses, it never
rewrites: normalising is the forms' job, where the person who typed the text sees the result.

A flush is checked on what it writes: every text of a new row, the texts set on a changed one.
An INSERT or UPDATE statement run through the session writes without a flush and is checked on
its own values, so a value that was refused once cannot come back by another path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, ORMExecuteState, Session
from sqlalchemy.sql import visitors
from sqlalchemy.sql.dml import ValuesBase
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.types import TypeEngine

from mediation_app.domain.text import invisible_problem
from mediation_app.errors import ValidationError


def _check(session: Session, _context: Any, _instances: Any) -> None:
    for record in session.new:
        _check_record(record, None)
    for record in session.dirty:
        # Only what was set since the row was loaded or last flushed: the rest passed before.
        _check_record(record, inspect(record).committed_state.keys())


def _check_record(record: object, changed: Iterable[str] | None) -> None:
    mapper = inspect(record).mapper
    keys = _text_keys(mapper)
    for key in keys if changed is None else [k for k in changed if k in keys]:
        value = getattr(record, key, None)
        if isinstance(value, str):
            problem = invisible_problem(value)
            if problem is not None:
                raise ValidationError(f"{mapper.local_table.name}.{key}", problem)


def _check_statement(state: ORMExecuteState) -> None:
    """An INSERT or UPDATE statement run through the session (``update(Owner).values(...)``)
    writes without a flush: the text it carries, in ``values()`` or as rows of parameters, is
    checked here, before it runs."""
    statement = state.statement
    if not (state.is_insert or state.is_update) or not isinstance(statement, ValuesBase):
        return
    name = getattr(statement.table, "name", "?")
    given = state.parameters
    rows: list[Mapping[str, Any]] = list(given) if isinstance(given, Sequence) else [given or {}]
    given_in_statement = [
        element.effective_value
        for element in visitors.iterate(statement)
        if isinstance(element, BindParameter)
    ]
    if any(isinstance(value, str) and invisible_problem(value) for value in given_in_statement):
        # values(...) given in the statement: compiled (a tenth of a millisecond) only to name the column
        rows.append(statement.compile().params)
    for values in rows:
        for key, value in values.items():
            if isinstance(value, str):
                problem = invisible_problem(value)
                if problem is not None:
                    raise ValidationError(f"{name}.{key}", problem)


@cache
def _text_keys(mapper: Mapper[Any]) -> frozenset[str]:
    """The attributes of ``mapper`` that can hold text (the others are never looked at)."""
    return frozenset(
        attribute.key
        for attribute in mapper.column_attrs
        if any(_holds_text(column.type) for column in attribute.columns)
    )


def _holds_text(kind: TypeEngine[Any]) -> bool:
    try:
        return issubclass(kind.python_type, str)
    except NotImplementedError:  # a type that does not say: looked at, to be safe
        return True


def install() -> None:
    """Check every flush, and every INSERT or UPDATE statement, of every session (idempotent)."""
    if not event.contains(Session, "before_flush", _check):
        event.listen(Session, "before_flush", _check)
    if not event.contains(Session, "do_orm_execute", _check_statement):
        event.listen(Session, "do_orm_execute", _check_statement)
