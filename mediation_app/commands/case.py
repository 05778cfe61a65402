"""``mediation-app case show NUMBER [--json]``: one case — status, track, organisation, deadline,
and its whole path; in JSON also the settlement it agreed on, line by line (see :mod:`.case_json`
for the JSON form). With sign-in on, ID numbers and phones show in full only to an account whose
role sees them (``--user NAME``)."""

from __future__ import annotations

import argparse
import json

from mediation_app.commands.case_json import case_json, case_text
from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, reading_actor
from mediation_app.i18n import _
from mediation_app.queries.case_header import case_detail, find_case_id
from mediation_app.services.agreement.settlement import agreed_settlement


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("case", help=_("show one case"))
    add_db_option(parser)
    actions = parser.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help=_("show a case: status, track, organisation, deadline, history"))
    show.add_argument("number", help=_("the case number, e.g. 荔物调〔2021〕0001号"))
    show.add_argument("--json", action="store_true", help=_("print JSON with stable ids"))
    add_db_option(show)
    add_user_option(show)
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    db = open_for_reading(getattr(args, "db", None))
    try:
        viewer = reading_actor(db, args)  # with sign-in on and no --user: identities masked
        with db.read() as session:
            case_id = find_case_id(session, args.number)
            detail = case_detail(session, case_id, viewer, db.clock.today())
            settlement = agreed_settlement(session, case_id) if args.json else None
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(case_json(detail, settlement), ensure_ascii=False, indent=2))
    else:
        print(case_text(detail))
    return 0
