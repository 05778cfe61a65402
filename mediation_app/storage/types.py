"""Column types that keep exact decimals exact in every database.

SQLite converts ``Numeric`` through float, so money is stored as integer fen and other decimals
(areas, rates) as integers scaled by a fixed power of ten.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
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
