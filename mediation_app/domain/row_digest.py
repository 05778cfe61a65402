"""Digests of a row's audited fields, as pure functions: what the audit chain remembers of the data.

Every unit of work that changes an audited row records, in the chained audit event it writes, a
*seal* of each such row: for every audited column a short digest of its value (SHA-256 over the
table, the row's key, the column and the value, cut to :data:`FIELD_DIGEST_HEX` hex digits). The
values themselves stay out of the trail (no personal data is copied there); the digests are enough
to tell, later, whether a column of the current row still holds what it held when it was last
written through the application, and to name the column that does not.

A deleted row is sealed as ``None``: a row that comes back later is named too.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

FIELD_DIGEST_HEX = 16


def canonical(value: Any) -> Any:
    """``value`` as a JSON-ready value that reads the same on SQLite and PostgreSQL."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 12.30 and 12.3 are the same amount
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return str(value)


def _tagged(value: Any) -> str:
    """The canonical value as text that no other value shares (its kind in front)."""
    # Plain text, whole numbers and None first, by their exact type (not a str enum, not a bool):
    # most of the hundred thousand columns the demo's batches seal.
    kind = type(value)
    if kind is str:
        return f"s{value}"
    if kind is int:
        return f"i{value}"
    if value is None:
        return "n"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, Decimal):
        return "d" + str(canonical(value))
    if isinstance(value, dt.date):  # a datetime too
        return "t" + str(canonical(value))
    if isinstance(value, bytes | bytearray | memoryview):
        return "x" + str(canonical(value))
    value = canonical(value)
    if value is None:
        return "n"
    if isinstance(value, bool):
        return "b1" if value else "b0"
    if isinstance(value, int):
        return f"i{value}"
    return f"s{value}"


def field_digest(table: str, key: str, column: str, value: Any) -> str:
    # Table, key and column cannot hold the separator (names from the schema, keys digits).
    payload = f"{table}\x1f{key}\x1f{column}\x1f{_tagged(value)}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:FIELD_DIGEST_HEX]


def row_key(values: Iterable[Any]) -> str:
    """The text of a primary key: ``"12"``, or ``"3/7"`` for a key of two columns."""
    return "/".join(str(canonical(v)) for v in values)


@dataclass(frozen=True)
class RowSeal:
    """What the chain remembers of one row: each audited column's digest, or None (deleted)."""

    table: str
    key: str
    fields: Mapping[str, str] | None

    @classmethod
    def of(cls, table: str, key: str, values: Mapping[str, Any]) -> RowSeal:
        return cls(table, key, {column: field_digest(table, key, column, v) for column, v in values.items()})

    def differing(self, table: str, key: str, values: Mapping[str, Any]) -> list[str]:
        """The columns of ``values`` whose digest differs from this seal (in ``values``' order).

        Columns the seal does not know (added by a later version of the app) are not compared.
        """
        if self.fields is None:
            return []
        return [
            column
            for column, value in values.items()
            if column in self.fields and self.fields[column] != field_digest(table, key, column, value)
        ]


def seals_json(seals: Iterable[RowSeal]) -> str:
    """The seals as the compact JSON stored in (and hashed with) an audit event; "" for none."""
    items = [{"t": s.table, "k": s.key, "f": dict(s.fields) if s.fields is not None else None} for s in seals]
    if not items:
        return ""
    return json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_seals(text: str) -> list[RowSeal]:
    """The seals of one audit event (an empty list for "" or for text that is not a seal list)."""
    if not text:
        return []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    seals = []
    if not isinstance(items, list):
        return []
    for item in items:
        if not isinstance(item, dict):
            continue
        fields = item.get("f")
        seals.append(
            RowSeal(
                str(item.get("t", "")),
                str(item.get("k", "")),
                {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else None,
            )
        )
    return seals
