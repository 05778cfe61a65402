"""The canonical form of a document's data, and its content hash.

A document's *content hash* is the SHA-256 of the canonical JSON of its data (the frozen
dataclass a renderer prints from), not of the PDF: the PDF cannot contain its own hash, and the
data is what a reader can check against the case record. The PDF's own SHA-256 is recorded with
the case when the document is finalised (see ``reports/README.md``).

Canonical JSON:

* an object per dataclass, keys sorted, plus ``"$type"`` (the class name) so two documents with
  the same fields never collide;
* ``Decimal`` as a plain decimal string without exponent and without trailing zeros
  (``14474.70`` and ``14474.7`` hash alike: the hash is of the value, not of how it was typed);
* dates as ISO ``YYYY-MM-DD``, datetimes as ISO with offset; enums as their stable value;
  tuples and lists as arrays; ``None`` as ``null``;
* UTF-8, no insignificant whitespace, non-ASCII kept as is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from decimal import Decimal
from enum import Enum
from typing import Any


def plain_decimal(value: Decimal) -> str:
    """``Decimal("14474.70")`` → ``"14474.7"``; ``Decimal("1E+2")`` → ``"100"``."""
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {value}")
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def to_plain(value: Any) -> Any:
    """The JSON-ready form of ``value`` (see the module docstring)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = {field.name: to_plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
        result["$type"] = type(value).__name__
        return result
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        raise TypeError("a float in document data: money and measures must be Decimal")
    raise TypeError(f"cannot put {type(value).__name__} into a document's canonical form")


def canonical_json(document: Any) -> bytes:
    """The canonical UTF-8 JSON of a document's data."""
    return json.dumps(to_plain(document), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def content_hash(document: Any) -> str:
    """SHA-256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(document)).hexdigest()


__all__ = ["canonical_json", "content_hash", "plain_decimal", "to_plain"]
