"""``mediation-app demo``: build the demo centre in a database (see mediation_app.demo.centre)."""

from __future__ import annotations

import argparse
import sys

from mediation_app.backup.startup import open_for_app
from mediation_app.commands.options import add_db_option
from mediation_app.demo.centre import build_demo, is_empty
from mediation_app.i18n import _
from mediation_app.storage.database import resolve_url


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help=_("build the demo centre (about 300 cases)"))
    add_db_option(parser)
    parser.add_argument("--cases", type=int, default=300, help=_("how many cases (default 300)"))
    parser.add_argument(
        "--if-missing", action="store_true", help=_("do nothing when the database already has data")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_for_app(getattr(args, "db", None))
    try:
        if not is_empty(db):
            if args.if_missing:
                return 0
            print(
                _("The database already has data; the demo needs an empty one: {url}").format(
                    url=resolve_url(getattr(args, "db", None))
                ),
                file=sys.stderr,
            )
            return 2

        def progress(done: int, total: int) -> None:
            if done % 25 == 0 or done == total:
                print(
                    _("\rBuilding the demo centre: {done}/{total} cases").format(done=done, total=total),
                    end="",
                    file=sys.stderr,
                    flush=True,
                )

        summary = build_demo(db, cases=args.cases, progress=progress)
        print(file=sys.stderr)
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
    finally:
        db.dispose()
