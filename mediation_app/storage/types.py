"""Column types that keep values exact and typed in every database.

SQLite converts ``Numeric`` through float, so money is stored as integer fen and other decimals
(areas, rates) as integers scaled by a fixed power of ten. Enumerations are stored as their stable
string ids in plain VARCHAR columns (no native enum type, no CHECK constraint: SQLite and
PostgreSQL hold the same data, and a new member needs no schema change) and read back as members.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import BigInteger, DateTime, String, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as an integer: ``value × 10**scale``.

    Storing a value with more places than ``scale`` is an error, not a silent rounding: callers
    validate and round before they store.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale
        self._quantum = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"expected Decimal, got {type(value).__name__}")
        scaled = value * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(self._quantum, rounding=ROUND_HALF_UP)

    def as_stored(self, value: Any) -> Any:
        """``value`` with the places it reads back with (``Decimal("70")`` → ``Decimal("70.00")``);
        a value with more places, or not a Decimal, is left for :meth:`process_bind_param` to refuse."""
        if not isinstance(value, Decimal) or not value.is_finite():
            return value
        try:
            stored = value.quantize(self._quantum)
        except InvalidOperation:  # too many digits for the context: refused when stored
            return value
        return stored if stored == value else value


def read_as_stored(base: type[DeclarativeBase]) -> None:
    """Give every scaled decimal attribute of ``base``'s models its column's places when it is
    set on an object (by its constructor, an assignment or ``merge``), so the object reads the same
    before it is stored as after it is loaded: a document built in the session that took in a unit
    says "70.00平方米", as one built a day later does. A bulk ``update()`` statement writes to the
    database without setting attributes: it is not seen here (no service writes these columns so)."""
    for mapper in base.registry.mappers:
        for prop in mapper.column_attrs:
            column_type = prop.columns[0].type
            if isinstance(column_type, ScaledDecimal):
                event.listen(prop.class_attribute, "set", _setter(column_type), retval=True)


def _setter(column_type: ScaledDecimal) -> Callable[[object, Any, Any, object], Any]:
    def as_stored(target: object, value: Any, old: Any, initiator: object) -> Any:
        return column_type.as_stored(value)

    return as_stored


def Money() -> ScaledDecimal:
    """Yuan, stored as integer fen."""
    return ScaledDecimal(2)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC, read back as aware UTC, the same in every database.

    SQLite keeps no time zone, so storing local times would make hashes and ordering depend on
    where the writer sat; UTC in storage keeps the audit chain verifiable anywhere.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware datetimes")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if not isinstance(value, dt.datetime):
            return None
        return value.replace(tzinfo=dt.UTC)


E = TypeVar("E", bound=StrEnum)


class UnknownStoredId(LookupError):
    """The database holds an id that the enumeration of its column does not know."""


class EnumId(TypeDecorator[E]):
    """A :class:`~enum.StrEnum` member, stored as its id (``"signed"``) in a ``VARCHAR(length)``.

    The ORM attribute is the member; writing or comparing with a value that is not one of the ids
    is refused, and so is reading one (a row written by a newer version, or edited by hand): an
    :class:`UnknownStoredId` naming the id and the enumeration, never a silent plain string.
    ``blank_is_none`` is for the columns that store ``""`` for "none" (read as ``None``).
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int, *, blank_is_none: bool = False) -> None:
        too_long = [member.value for member in enum if len(member.value) > length]
        if too_long:
            raise ValueError(f"{enum.__name__} ids longer than {length} characters: {', '.join(too_long)}")
        super().__init__(length)
        self.enum = enum
        self.length = length
        self.blank_is_none = blank_is_none
        self._members: dict[str, E] = {member.value: member for member in enum}

    @property
    def python_type(self) -> type[E]:
        return self.enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or (value == "" and self.blank_is_none):
            return "" if self.blank_is_none else None
        member = self._members.get(value) if isinstance(value, str) else None
        if member is None:
            raise UnknownStoredId(f"{value!r} is not one of the ids of {self._known()}")
        return member.value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        if value is None or (value == "" and self.blank_is_none):
            return None
        try:
            return self._members[value]
        except KeyError:
            raise UnknownStoredId(
                f"the database holds {value!r} where one of the ids of {self._known()} is expected; "
                "it was written by another version of the app or edited by hand"
            ) from None

    def _known(self) -> str:
        return f"{self.enum.__name__} ({', '.join(self._members)})"
