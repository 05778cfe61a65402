"""Every enumerated column stores a member as its stable id and reads it back as the member.

The columns are found from the mappings (every :class:`EnumId` column), so a new one is covered
without touching this file. Each test writes to the real, migrated schema on SQLite and on
PostgreSQL: one row per table (its required parents made first), then every member in turn,
read back through the mapping and, as raw text, through plain SQL — the stored id must be the
member's ``value``, exactly what the column held before it was typed. An id the enumeration does
not know (a row from another version, or edited by hand) is refused on reading and on writing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import StatementError

from mediation_app.domain.enums import CaseStatus
from mediation_app.storage.models import Base, Case
from mediation_app.storage.types import EnumId, ScaledDecimal, UnknownStoredId, UtcDateTime
from mediation_app.storage.uow import Database

ENUM_COLUMNS = sorted(
    (
        (table, column)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, EnumId)
    ),
    key=lambda pair: (pair[0].name, pair[1].name),
)
IDS = [f"{table.name}.{column.name}" for table, column in ENUM_COLUMNS]
_serial = itertools.count(1)


def _value(column: Column[Any]) -> Any:
    """A valid value for a required column (unique, as some of them must be)."""
    kind = column.type
    n = next(_serial)
    if isinstance(kind, EnumId):
        return next(iter(kind.enum))
    if isinstance(kind, ScaledDecimal):
        return Decimal(0)
    if isinstance(kind, UtcDateTime):
        return dt.datetime(2026, 11, 27, 1, 30, tzinfo=dt.UTC)
    if isinstance(kind, Date):
        return dt.date(2026, 11, 27)
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return n
    if isinstance(kind, LargeBinary):
        return b"%PDF-"
    if isinstance(kind, String | Text):
        length = getattr(kind, "length", None) or 40
        return f"v{n}"[:length]
    raise AssertionError(f"no test value for {column.table.name}.{column.name} ({kind!r})")


def add_row(connection: Connection, table: Table) -> int:
    """Insert a row of ``table`` with every required column filled, its parents first; its id."""
    row: dict[str, Any] = {}
    for column in table.columns:
        needed = not column.nullable and column.default is None and column.server_default is None
        if column.primary_key and column.autoincrement in (True, "auto") and isinstance(column.type, Integer):
            continue
        if column.foreign_keys and needed:
            parent = next(iter(column.foreign_keys)).column.table
            row[column.name] = add_row(connection, parent)
        elif needed:
            row[column.name] = _value(column)
    key = table.primary_key.columns.values()[0]
    inserted = connection.execute(insert(table).values(row).returning(key)).scalar_one()
    return int(inserted)


def test_the_enumerated_columns_are_found() -> None:
    """The round trip below covers the columns the issue names (and every other one)."""
    assert {"case.status", "case.track", "organization.level", "staff.role", "sms_message.status"} <= set(IDS)


@pytest.mark.parametrize(("table", "column"), ENUM_COLUMNS, ids=IDS)
def test_every_member_round_trips_with_its_stable_id(db: Database, table: Table, column: Column[Any]) -> None:
    enum = column.type.enum
    key = table.primary_key.columns.values()[0]
    with db.engine.begin() as connection:
        row_id = add_row(connection, table)
        for member in enum:
            connection.execute(update(table).where(key == row_id).values({column.name: member}))
            read = connection.execute(select(column).where(key == row_id)).scalar_one()
            stored = connection.execute(
                text(f'SELECT "{column.name}" FROM "{table.name}" WHERE "{key.name}" = :id'), {"id": row_id}
            ).scalar_one()
            assert read is member
            assert stored == member.value and type(stored) is str
            # A query comparing the column to the member finds the row on both backends.
            assert connection.execute(select(key).where(column == member)).scalars().all() == [row_id]


@pytest.mark.parametrize(
    ("table", "column"),
    [(t, c) for t, c in ENUM_COLUMNS if c.type.blank_is_none],
    ids=[i for i, (_t, c) in zip(IDS, ENUM_COLUMNS, strict=True) if c.type.blank_is_none],
)
def test_a_blank_id_is_read_as_none_and_none_is_stored_blank(
    db: Database, table: Table, column: Column[Any]
) -> None:
    """The columns that held "" for "none" before they were typed keep holding it."""
    key = table.primary_key.columns.values()[0]
    with db.engine.begin() as connection:
        row_id = add_row(connection, table)
        connection.execute(update(table).where(key == row_id).values({column.name: None}))
        stored = connection.execute(
            text(f'SELECT "{column.name}" FROM "{table.name}" WHERE "{key.name}" = :id'), {"id": row_id}
        ).scalar_one()
        assert stored == ""
        assert connection.execute(select(column).where(key == row_id)).scalar_one() is None


@pytest.mark.parametrize(("table", "column"), ENUM_COLUMNS, ids=IDS)
def test_an_unknown_stored_id_is_refused_when_read(db: Database, table: Table, column: Column[Any]) -> None:
    enum = column.type.enum
    key = table.primary_key.columns.values()[0]
    with db.engine.begin() as connection:
        row_id = add_row(connection, table)
        connection.execute(
            text(f'UPDATE "{table.name}" SET "{column.name}" = :bad WHERE "{key.name}" = :id'),
            {"bad": "no_such_id", "id": row_id},
        )
        with pytest.raises(UnknownStoredId) as refused:
            connection.execute(select(column).where(key == row_id)).scalar_one()
    message = str(refused.value)
    assert "'no_such_id'" in message and enum.__name__ in message
    assert all(member.value in message for member in enum)  # what it could have been


def test_an_unknown_id_is_refused_when_written(db: Database) -> None:
    case = Base.metadata.tables["case"]
    with db.engine.begin() as connection:
        case_id = add_row(connection, case)
        with pytest.raises(StatementError) as refused:
            connection.execute(update(case).where(case.c.id == case_id).values(status="agreed"))
    assert isinstance(refused.value.orig, UnknownStoredId)
    assert "'agreed'" in str(refused.value.orig) and "CaseStatus" in str(refused.value.orig)


def test_a_stored_id_read_through_the_mapping_is_the_member(db: Database) -> None:
    """The ORM attribute is the member itself: no ``CaseStatus(case.status)`` anywhere."""
    with db.engine.begin() as connection:
        case_id = add_row(connection, Base.metadata.tables["case"])
        connection.execute(
            text('UPDATE "case" SET status = :s WHERE id = :id'), {"s": "signed", "id": case_id}
        )
    with db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is CaseStatus.SIGNED


def test_a_column_too_short_for_an_id_is_refused_when_declared() -> None:
    with pytest.raises(ValueError, match="awaiting_consent"):
        EnumId(CaseStatus, 10)
