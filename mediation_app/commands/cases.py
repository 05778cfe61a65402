"""``mediation-app cases find TEXT`` and ``mediation-app cases due [--days N]`` (``--json`` for
programs; see :mod:`.case_json`)."""

from __future__ import annotations

import argparse
import json

from mediation_app.commands.case_json import due_json, due_text, row_json, row_text
from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.queries.case_list import CaseFilter, case_ids, case_rows
from mediation_app.queries.due import due_cases
from mediation_app.workflow.deadlines import DUE_SOON_DAYS

MAX_ROWS = 1000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("cases", help=_("find cases, list the cases due"))
    add_db_option(parser)
    actions = parser.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    find = actions.add_parser(
        "find", help=_("cases whose number, owner, company, community or room contains TEXT")
    )
    find.add_argument("text", help=_("words to look for (all must match)"))
    find.add_argument("--json", action="store_true", help=_("print JSON with stable ids"))
    add_db_option(find)
    find.set_defaults(func=run_find)
    due = actions.add_parser("due", help=_("open cases overdue or due within N days"))
    due.add_argument(
        "--days",
        type=int,
        default=DUE_SOON_DAYS,
        help=_("due within this many days (default {days})").format(days=DUE_SOON_DAYS),
    )
    due.add_argument("--json", action="store_true", help=_("print JSON with stable ids"))
    add_db_option(due)
    due.set_defaults(func=run_due)


def run_find(args: argparse.Namespace) -> int:
    if not args.text.strip():
        raise ValidationError("text", _("give some text to look for"), _("Search"))
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            rows = case_rows(session, case_ids(session, CaseFilter(text=args.text))[:MAX_ROWS])
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([row_json(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(row_text(row))
        print(_("{count} cases").format(count=len(rows)))
    return 0


def run_due(args: argparse.Namespace) -> int:
    if args.days < 0:
        raise ValidationError("days", _("must be zero or more"), "--days")
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            due = due_cases(session, db.clock.today(), days=args.days)
    finally:
        db.dispose()
    print(json.dumps(due_json(due), ensure_ascii=False, indent=2) if args.json else due_text(due))
    return 0
