"""``mediation-app export cases|monthly``: the case list or the month's statistics to XLSX.

    mediation-app export cases --out PATH [--status S ...] [--text WORDS] [--track T] [--level L]
                               [--company NAME] [--from DATE] [--to DATE]
    mediation-app export monthly --month YYYY-MM --out PATH

While sign-in is off the command line acts unrestricted (see
``services.accounts.command_line_actor``), so the case list shows ID numbers and phones in full;
with sign-in on, the command signs in (``--user NAME``) and the role decides. The file says which
in its first rows, and the export is recorded in the audit trail under the person's name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mediation_app.backup.startup import open_for_app
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor
from mediation_app.domain import validators as v
from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.i18n import _
from mediation_app.queries.case_list import CaseFilter


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("export", help=_("export the case list or the monthly statistics to XLSX"))
    add_db_option(parser)
    kinds = parser.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    cases = kinds.add_parser("cases", help=_("the case list, filtered as asked"))
    add_db_option(cases)
    cases.add_argument("--out", required=True, type=Path, metavar="PATH", help=_("the .xlsx file to write"))
    cases.add_argument(
        "--status", action="append", choices=[s.value for s in CaseStatus], help=_("a status (repeatable)")
    )
    cases.add_argument(
        "--track", action="append", choices=[t.value for t in Track], help=_("a track (repeatable)")
    )
    cases.add_argument(
        "--level", action="append", choices=[lv.value for lv in Level], help=_("a level (repeatable)")
    )
    cases.add_argument(
        "--text", default="", help=_("words the case must contain (name, phone, room, number …)")
    )
    cases.add_argument("--company", metavar="NAME", help=_("only this company's cases"))
    cases.add_argument("--from", dest="intake_from", metavar="DATE", help=_("intake on or after DATE"))
    cases.add_argument("--to", dest="intake_to", metavar="DATE", help=_("intake on or before DATE"))
    add_user_option(cases)
    cases.set_defaults(func=run_cases)

    monthly = kinds.add_parser("monthly", help=_("the statistics of one month"))
    add_db_option(monthly)
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2026-11"))
    monthly.add_argument("--out", required=True, type=Path, metavar="PATH", help=_("the .xlsx file to write"))
    add_user_option(monthly)
    monthly.set_defaults(func=run_monthly)


def run_cases(args: argparse.Namespace) -> int:
    from mediation_app.commands.import_ import find_company_id
    from mediation_app.exports import export_case_list

    db = open_for_app(getattr(args, "db", None))
    try:
        company = None
        if args.company:
            with db.read() as session:
                company = find_company_id(session, args.company)
        filters = CaseFilter(
            text=args.text,
            statuses=frozenset(CaseStatus(s) for s in args.status or ()),
            tracks=frozenset(Track(t) for t in args.track or ()),
            levels=frozenset(Level(lv) for lv in args.level or ()),
            company_id=company,
            intake_from=v.date(args.intake_from, "from", _("Intake from")) if args.intake_from else None,
            intake_to=v.date(args.intake_to, "to", _("Intake to")) if args.intake_to else None,
        )
        summary = export_case_list(db, command_actor(db, args), args.out, filters)
    finally:
        db.dispose()
    print(
        _("Wrote {rows} cases to {path}{masked}.").format(
            rows=summary.rows,
            path=summary.path,
            masked=_(" (ID numbers and phones masked)") if summary.masked else "",
        )
    )
    return 0


def run_monthly(args: argparse.Namespace) -> int:
    from mediation_app.exports import export_monthly_statistics

    db = open_for_app(getattr(args, "db", None))
    try:
        summary = export_monthly_statistics(db, command_actor(db, args), args.month, args.out)
    finally:
        db.dispose()
    print(_("Wrote the statistics of {month} to {path}.").format(month=args.month, path=summary.path))
    return 0
