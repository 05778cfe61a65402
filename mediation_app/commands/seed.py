"""``mediation-app seed --cases N``: add synthetic cases for benchmarks (see demo.volume)."""

from __future__ import annotations

import argparse
import sys
import time

from mediation_app.backup.startup import open_for_app
from mediation_app.commands import stdio
from mediation_app.commands.options import add_db_option
from mediation_app.demo.volume import seed_cases
from mediation_app.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("seed", help=_("add synthetic cases for benchmarks"))
    add_db_option(parser)
    parser.add_argument("--cases", type=int, required=True, help=_("how many cases to add"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.cases <= 0:
        print(_("--cases must be a positive number"), file=sys.stderr)
        return 2
    db = open_for_app(getattr(args, "db", None))
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        line = _("Seeding: {done:,}/{total:,} cases ({seconds:.0f} s)").format(
            done=done, total=total, seconds=time.perf_counter() - started
        )
        stdio.show_progress(line, done, total)

    try:
        seed_cases(db, args.cases, progress=progress)
    finally:
        db.dispose()
    stdio.end_progress()
    print(
        _("Added {count:,} cases in {seconds:.1f} s.").format(
            count=args.cases, seconds=time.perf_counter() - started
        )
    )
    return 0
