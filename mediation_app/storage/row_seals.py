"""Sealing the rows a unit of work writes, and reading the current rows back to check them.

A mapped class lists its audited columns in ``__audited__`` (:data:`~mediation_app.storage.models.
AUDIT_ALL` for all of them); nothing else is needed for its rows to be sealed. A :class:`SealTracker`
is installed on each write session and notes the key of every audited row the session inserts,
changes (in an audited column) or deletes — through the ORM's flush and through bulk
``insert``/``update``/``delete`` statements alike. When the unit of work commits it reads those rows
back from the database (the same way :func:`current_rows` reads them for ``audit verify``) and
turns them into :class:`~mediation_app.domain.row_digest.RowSeal` values that go into the chained
audit event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, event, func, or_, select, tuple_
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import Mapper as OrmMapper
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from mediation_app.domain.row_digest import RowSeal, row_key
from mediation_app.storage.models import AUDIT_ALL, Base

_NEVER_AUDITED = frozenset({"id", "version", "search_text"})
_IN_BATCH = 500
STREAM_BATCH = 2000


@dataclass(frozen=True)
class AuditedTable:
    cls: type[Base]
    name: str
    keys: tuple[ColumnElement[Any], ...]
    columns: tuple[str, ...]  # attribute names (the same as the column names in this schema)
    heavy: frozenset[str]  # large binary columns: read and compared in the deep check only

    @cached_property
    def column_set(self) -> frozenset[str]:
        return frozenset(self.columns)

    def selected(self, *, deep: bool = True) -> tuple[str, ...]:
        return tuple(c for c in self.columns if deep or c not in self.heavy)


@cache
def audited_tables() -> tuple[AuditedTable, ...]:
    tables = []
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__):
        cls = mapper.class_
        wanted: tuple[str, ...] = getattr(cls, "__audited__", ())
        if not wanted:
            continue
        names = [prop.key for prop in mapper.column_attrs]
        if wanted == AUDIT_ALL:
            key_names = {c.key for c in mapper.primary_key}
            columns = tuple(n for n in names if n not in _NEVER_AUDITED and n not in key_names)
        else:
            unknown = set(wanted) - set(names)
            if unknown:
                raise RuntimeError(f"{cls.__name__}.__audited__ names unknown columns: {sorted(unknown)}")
            columns = tuple(wanted)
        heavy = frozenset(n for n in columns if getattr(mapper.columns[n].type, "python_type", None) is bytes)
        name = str(cls.__tablename__)
        tables.append(AuditedTable(cls, name, tuple(mapper.primary_key), columns, heavy))
    _refuse_written_link_tables({table.name for table in tables})
    return tuple(tables)


def _refuse_written_link_tables(audited: set[str]) -> None:
    """Rows are sealed as the objects a flush writes. A writable ``secondary=`` relationship would
    write rows of its link table with no object of their own, unsealed: link rows are written as
    objects (``CaseCoOwner``), and such relationships are read-only."""
    for mapper in Base.registry.mappers:
        for relationship in mapper.relationships:
            secondary = relationship.secondary
            if isinstance(secondary, Table) and secondary.name in audited and not relationship.viewonly:
                raise RuntimeError(
                    f"{mapper.class_.__name__}.{relationship.key} writes the audited table "
                    f"{secondary.name} without sealing it: make it viewonly and add the link rows as objects"
                )


@cache
def _by_class() -> dict[type[Any], AuditedTable]:
    return {table.cls: table for table in audited_tables()}


def table_named(name: str) -> AuditedTable | None:
    return next((t for t in audited_tables() if t.name == name), None)


def _audited(mapper: OrmMapper[Any] | None) -> AuditedTable | None:
    return None if mapper is None else _by_class().get(mapper.class_)


class SealTracker:
    """Notes the keys of the audited rows one session writes."""

    def __init__(self) -> None:
        self.touched: dict[str, set[tuple[Any, ...]]] = {}
        self._noted: list[tuple[str, tuple[Any, ...]]] = []  # in the order first noted

    def mark(self) -> int:
        """A point to return to with :meth:`forget_since` (a savepoint rolled back)."""
        return len(self._noted)

    def forget_since(self, mark: int) -> None:
        for name, key in self._noted[mark:]:
            self.touched[name].discard(key)
        del self._noted[mark:]

    def install(self, session: Session) -> None:
        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "do_orm_execute", self._bulk)

    def __bool__(self) -> bool:
        return any(self.touched.values())

    def clear(self) -> None:
        self.touched.clear()
        self._noted.clear()

    def _note(self, table: AuditedTable, key: Sequence[Any]) -> None:
        keys = self.touched.setdefault(table.name, set())
        value = tuple(key)
        if value not in keys:
            keys.add(value)
            self._noted.append((table.name, value))

    def _after_flush(self, session: Session, _context: UOWTransaction) -> None:
        for obj in [*session.new, *session.deleted]:
            state = orm_inspect(obj)
            table = _audited(state.mapper)
            if table is not None:
                self._note(table, state.mapper.primary_key_from_instance(obj))
        for obj in session.dirty:
            state = orm_inspect(obj)
            table = _audited(state.mapper)
            if table is not None and any(
                state.attrs[c].history.has_changes() for c in state.committed_state if c in table.column_set
            ):
                self._note(table, state.mapper.primary_key_from_instance(obj))

    def _bulk(self, state: ORMExecuteState) -> Any:
        if not (state.is_insert or state.is_update or state.is_delete):
            return None
        table = _audited(state.bind_mapper)
        if table is None:
            return None
        session = state.session
        if state.is_insert:
            if len(table.keys) != 1:
                raise RuntimeError(f"bulk insert into {table.name} cannot be sealed")
            key = table.keys[0]
            before = session.execute(select(func.max(key))).scalar() or 0
            result = state.invoke_statement()
            for (value,) in session.execute(select(key).where(key > before)):
                self._note(table, (value,))
            return result
        where = state.statement.whereclause  # type: ignore[attr-defined]
        query = select(*table.keys)
        if where is not None:
            query = query.where(where)
        for key_values in session.execute(query):
            self._note(table, tuple(key_values))
        return state.invoke_statement()

    def seals(self, session: Session) -> list[RowSeal]:
        """The seals of every row noted so far, as the rows stand now in this transaction."""
        seals: list[RowSeal] = []
        for name in sorted(self.touched):
            table = table_named(name)
            assert table is not None
            keys = sorted(self.touched[name], key=lambda k: tuple(str(v) for v in k))
            for start in range(0, len(keys), _IN_BATCH):
                chunk = keys[start : start + _IN_BATCH]
                found = dict(_rows(session, table, _key_filter(table, chunk)))
                for key in chunk:
                    text = row_key(key)
                    values = found.get(text)
                    seals.append(
                        RowSeal(table.name, text, None)
                        if values is None
                        else RowSeal.of(table.name, text, values)
                    )
        return seals


def _key_filter(table: AuditedTable, keys: Sequence[tuple[Any, ...]]) -> Any:
    if len(table.keys) == 1:
        return table.keys[0].in_([k[0] for k in keys])
    if len(keys) == 1:
        return and_(*(column == value for column, value in zip(table.keys, keys[0], strict=True)))
    try:
        return tuple_(*table.keys).in_(keys)
    except NotImplementedError:  # pragma: no cover - both supported backends take tuple IN
        return or_(*(and_(*(c == v for c, v in zip(table.keys, k, strict=True))) for k in keys))


def _rows(
    session: Session, table: AuditedTable, where: Any = None, *, deep: bool = True
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key text, {column: value}) of the rows of ``table`` (matching ``where``), typed as mapped.

    A Core select of the table's columns (their types still turn fen into yuan and ids into enum
    members): the ORM's entity machinery is not needed to read values, and costs a commit time.
    """
    names = table.selected(deep=deep)
    columns = table.cls.__table__.c
    query = select(*table.keys, *(columns[n] for n in names)).order_by(*table.keys)
    if where is not None:
        query = query.where(where)
    width = len(table.keys)
    for row in session.connection().execute(query.execution_options(yield_per=STREAM_BATCH)):
        yield row_key(row[:width]), dict(zip(names, row[width:], strict=True))


def current_rows(
    session: Session, table: AuditedTable, *, deep: bool
) -> Iterable[tuple[str, dict[str, Any]]]:
    """Every row of ``table`` now, streamed; large binary columns only when ``deep``."""
    return _rows(session, table, deep=deep)
