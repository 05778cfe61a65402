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

Reading it back (:func:`load`, :func:`from_plain`) rebuilds the dataclass from the ``"$type"``
tags and the fields' type hints, so a final document can be re-rendered from its stored data.
Decimals come back with at least two places (``"14474.7"`` → ``Decimal("14474.70")``): the
canonical form keeps values, not how they were written, so money and rates are given back the
two places documents print them with. ``from_plain(to_plain(x))`` therefore equals ``x`` in value,
and ``to_plain`` of it is identical; data that is to be rendered and re-rendered byte for byte
goes through :func:`normalised` first (see ``mediation_app.services.documents.finalise``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib
import json
import pkgutil
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

TWO_PLACES = Decimal("0.01")

T = TypeVar("T")


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


_ROOTS: list[type[Any]] = []


def register_root(cls: type[Any]) -> None:
    """Make a dataclass declared elsewhere, and every dataclass its fields hold, readable back by
    name (the document registry does this for each kind it declares; the dataclasses of this
    package, and what their fields hold, are readable without it)."""
    if cls not in _ROOTS:
        _ROOTS.append(cls)
        _known.cache_clear()


def _dataclasses_in(hint: Any) -> Iterator[type[Any]]:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for argument in typing.get_args(hint):
        yield from _dataclasses_in(argument)


def _package_dataclasses() -> list[type[Any]]:
    """Every dataclass declared in this package's modules (the documents' data, pure)."""
    package = importlib.import_module(__package__ or "mediation_app.documents")
    found: list[type[Any]] = []
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and dataclasses.is_dataclass(value)
            and value.__module__ == module.__name__
        ]
    return found


@cache
def _known() -> dict[str, type[Any]]:
    found: dict[str, type[Any]] = {}
    waiting = [*_package_dataclasses(), *_ROOTS]
    while waiting:
        cls = waiting.pop()
        if found.get(cls.__name__) is cls:
            continue
        if cls.__name__ in found:
            raise TypeError(f"two document dataclasses are named {cls.__name__}")
        found[cls.__name__] = cls
        for hint in _hints(cls).values():
            waiting.extend(_dataclasses_in(hint))
    return found


def registry() -> dict[str, type[Any]]:
    """Every document dataclass by its ``"$type"`` name: the registered roots and what they hold."""
    return dict(_known())


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _decimal(text: str) -> Decimal:
    value = Decimal(text)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(TWO_PLACES)
    return value


def _dataclass(plain: Any, expected: tuple[type[Any], ...], where: str) -> Any:
    if not isinstance(plain, dict) or "$type" not in plain:
        raise ValueError(f"{where}: expected an object with a $type, got {plain!r:.80}")
    cls = _known().get(str(plain["$type"]))
    if cls is None:
        raise ValueError(f"{where}: unknown document type {plain['$type']!r}")
    if expected and cls not in expected:
        raise ValueError(f"{where}: a {cls.__name__} where {', '.join(t.__name__ for t in expected)} belongs")
    hints = _hints(cls)
    names = {field.name for field in dataclasses.fields(cls)}
    unknown = set(plain) - names - {"$type"}
    if unknown:
        raise ValueError(f"{where}: {cls.__name__} has no field {sorted(unknown)[0]!r}")
    values = {name: _value(plain[name], hints[name], f"{where}.{name}") for name in names if name in plain}
    return cls(**values)


def _value(plain: Any, hint: Any, where: str) -> Any:
    """``plain`` (JSON) as a value of the type ``hint``."""
    if hint is Any:  # a field that holds any registered document (a case file's sections)
        return _dataclass(plain, (), where)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if plain is None:
            if type(None) in options:
                return None
            raise ValueError(f"{where}: null is not allowed")
        real = [option for option in options if option is not type(None)]
        classes = tuple(
            option for option in real if isinstance(option, type) and dataclasses.is_dataclass(option)
        )
        if classes:
            return _dataclass(plain, classes, where)
        if len(real) != 1:
            raise TypeError(f"{where}: cannot read a value of {hint}")
        return _value(plain, real[0], where)
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(plain, list):
            raise ValueError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(item, args[0], f"{where}[{index}]") for index, item in enumerate(plain))
        if len(args) != len(plain):
            raise ValueError(f"{where}: expected {len(args)} items")
        return tuple(
            _value(item, arg, f"{where}[{index}]")
            for index, (item, arg) in enumerate(zip(args, plain, strict=True))
        )
    if plain is None:
        raise ValueError(f"{where}: null is not allowed")
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _dataclass(plain, (hint,), where)
        if issubclass(hint, Enum):
            return hint(plain)
        if hint is Decimal:
            if not isinstance(plain, str):
                raise ValueError(f"{where}: an amount must be a string, got {plain!r}")
            return _decimal(plain)
        if hint is dt.datetime:
            return dt.datetime.fromisoformat(plain)
        if hint is dt.date:
            return dt.date.fromisoformat(plain)
        if hint is bool:
            if not isinstance(plain, bool):
                raise ValueError(f"{where}: expected true or false")
            return plain
        if hint in (int, str):
            if type(plain) is not hint:
                raise ValueError(f"{where}: expected {hint.__name__}, got {plain!r:.40}")
            return plain
    raise TypeError(f"{where}: cannot read a value of {hint}")


def from_plain(plain: Any) -> Any:
    """The document dataclass that :func:`to_plain` turned into ``plain`` (its ``"$type"`` says
    which); ValueError when ``plain`` is not one."""
    return _dataclass(plain, (), "$")


def load(text: str | bytes) -> Any:
    """A document's data from its canonical JSON (as stored with a final document)."""
    return from_plain(json.loads(text))


def normalised(document: T) -> T:
    """``document`` as it reads back from its canonical JSON: what a final document is rendered
    from, so rendering the stored data again gives the same bytes."""
    result: T = load(canonical_json(document))
    return result


__all__ = [
    "canonical_json",
    "content_hash",
    "from_plain",
    "load",
    "normalised",
    "plain_decimal",
    "register_root",
    "registry",
    "to_plain",
]
