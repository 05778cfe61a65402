"""``mediation-app demo``: build the demo centre in a database (see mediation_app.demo.centre).

The build is atomic. An SQLite demo is built in a temporary file beside the target and moved into
place only when complete, so an interrupted build (an error, Ctrl+C, a killed process) leaves the
target as it was and ``demo --if-missing`` (``make run``) builds again. A server database cannot be
swapped like a file: there the build first records that it is under way and clears that mark when
complete, and ``--if-missing`` refuses a database that still carries it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import delete, select

from mediation_app.backup.locate import sqlite_path
from mediation_app.backup.startup import open_for_app
from mediation_app.commands import stdio
from mediation_app.commands.options import add_db_option
from mediation_app.demo.centre import DemoSummary, build_demo, is_empty
from mediation_app.domain.actor import SYSTEM
from mediation_app.i18n import _
from mediation_app.paths import sqlite_url
from mediation_app.storage.database import resolve_url
from mediation_app.storage.models import Setting
from mediation_app.storage.uow import Database

BUILDING = "demo.building"  # the setting that marks a demo build under way on a server database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help=_("build the demo centre (about 300 cases)"))
    add_db_option(parser)
    parser.add_argument("--cases", type=int, default=300, help=_("how many cases (default 300)"))
    parser.add_argument(
        "--if-missing", action="store_true", help=_("do nothing when the database already has data")
    )
    parser.set_defaults(func=run)


def _progress(done: int, total: int) -> None:
    stdio.show_progress(
        _("Building the demo centre: {done}/{total} cases").format(done=done, total=total), done, total
    )


def run(args: argparse.Namespace) -> int:
    url = getattr(args, "db", None)
    target = sqlite_path(url)
    # A database file that does not exist yet is empty: no need to create and migrate it only to
    # look inside (the build makes its own file and moves it into place).
    if target is None or target.exists():
        refused = _refuse_existing(url, if_missing=args.if_missing)
        if refused is not None:
            return refused
    summary = _build_file(target, args.cases) if target is not None else _build_server(url, args.cases)
    stdio.end_progress()
    print(
        _(
            "Demo centre ready: {cases} cases, {orgs} organisations, {companies} companies, {communities} communities."
        ).format(
            cases=summary.cases,
            orgs=summary.organizations,
            companies=summary.companies,
            communities=summary.communities,
        )
    )
    return 0


def _refuse_existing(url: str | None, *, if_missing: bool) -> int | None:
    """The exit status when the database at ``url`` already has data (0 with ``if_missing``:
    nothing to do), or None when it is empty and the demo can be built into it."""
    db = open_for_app(url)
    try:
        if is_empty(db):
            return None
        if _interrupted(db):
            print(
                _(
                    "An earlier demo build into {url} was interrupted; the database holds part of a demo. "
                    "Empty it (or use another database) and build again."
                ).format(url=resolve_url(url)),
                file=sys.stderr,
            )
            return 2
        if if_missing:
            return 0
        print(
            _("The database already has data; the demo needs an empty one: {url}").format(
                url=resolve_url(url)
            ),
            file=sys.stderr,
        )
        return 2
    finally:
        db.dispose()


def _build_file(target: Path, cases: int) -> DemoSummary:
    """Build into ``<target>.building-<pid>`` and move it over ``target`` once complete."""
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    _remove(building)
    try:
        db = open_for_app(sqlite_url(building))
        try:
            summary = build_demo(db, cases=cases, progress=_progress)
        finally:
            db.dispose()
        _single_file(building)
        os.replace(building, target)
    finally:
        _remove(building)
    for suffix in ("-wal", "-shm"):  # the empty database's, if it had any: not the demo's
        with contextlib.suppress(FileNotFoundError):
            target.with_name(target.name + suffix).unlink()
    return summary


def _single_file(path: Path) -> None:
    """Fold the write-ahead log into the file, so that moving the one file moves everything."""
    connection = sqlite3.connect(str(path))
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(name).unlink()


def _build_server(url: str | None, cases: int) -> DemoSummary:
    db = open_for_app(url)
    try:
        with db.unit_of_work(SYSTEM) as uow:
            uow.session.merge(Setting(key=BUILDING, value="1"))
            uow.commit()
        summary = build_demo(db, cases=cases, progress=_progress)
        with db.unit_of_work(SYSTEM) as uow:
            uow.session.execute(delete(Setting).where(Setting.key == BUILDING))
            uow.commit()
        return summary
    finally:
        db.dispose()


def _interrupted(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(Setting.value).where(Setting.key == BUILDING)) is not None
