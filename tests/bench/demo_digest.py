"""A digest of every table of a demo database, to show that a faster demo build makes the same data.

    python tests/bench/demo_digest.py BUILD.sqlite3 [--loose] [--rows TABLE]

Prints one line per table: its name, its row count and a hash of its rows. Two builds of the demo
(``mediation-app --db sqlite:///FILE demo``) from the same code and seed print the same lines,
once the build's own moments are set aside: values stamped with today's date (the set-up rows,
written at the real time) and the hashes that chain them (audit events, seals, passwords).

``--loose`` also sets aside what a change to how the services flush may change without changing
what they record: row ids, the ``version`` counters (one per UPDATE of a row), the ``record.seal``
events (how many rows each transaction sealed) and the versions quoted in audit images.
``--rows TABLE`` prints that table's rows too, to diff two builds where their digests differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sqlite3
from typing import Any

_BUILD_MOMENTS = {"password_hash", "hash", "prev_hash", "last_hash", "rows_json"}
_FLUSH_DETAILS = {"version", "id"}
_VERSION_IN_IMAGE = re.compile(r'"version": \d+')


def digest(path: str, *, loose: bool, show: str | None = None) -> list[str]:
    today = dt.date.today().isoformat()
    skip = _BUILD_MOMENTS | (_FLUSH_DETAILS if loose else set())
    connection = sqlite3.connect(path)
    lines = []
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            kept = [c for c in columns if c not in skip]
            action = kept.index("action") if "action" in kept else None
            query = f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in kept)} FROM "{table}" ORDER BY 1'
            rows = [tuple(_normal(value, today, loose) for value in row) for row in connection.execute(query)]
            if loose and table == "audit_event" and action is not None:
                rows = [row for row in rows if row[action] != "record.seal"]
            if loose and table == "audit_head":
                rows = []  # the chain's head: its hash is set aside, its id counts seal events
            lines.append(f"{table} {len(rows)} {hashlib.sha256(repr(rows).encode()).hexdigest()[:16]}")
            if table == show:
                lines.extend(f"  {row!r}" for row in rows)
    finally:
        connection.close()
    return lines


def _normal(value: Any, today: str, loose: bool) -> Any:
    if isinstance(value, str):
        if value.startswith(today):
            return "TODAY"
        if loose:
            return _VERSION_IN_IMAGE.sub('"version"', value)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", help="a demo database file")
    parser.add_argument("--loose", action="store_true", help="set aside ids, versions and seal events")
    parser.add_argument("--rows", metavar="TABLE", help="print this table's rows too")
    args = parser.parse_args()
    print("\n".join(digest(args.path, loose=args.loose, show=args.rows)))


if __name__ == "__main__":
    main()
