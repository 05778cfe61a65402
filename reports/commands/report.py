"""``mediation-app report monthly --month YYYY-MM --out PATH [--db URL]``: the district's monthly
statistics as a PDF (the same figures as the dashboard and ``export monthly``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _
from mediation_app.services.documents.builders.monthly import monthly_data
from reports import registry
from reports.commands.output import check_target, write_file


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help=_("write a statistics report as a PDF"))
    add_db_option(parser)
    kinds = parser.add_subparsers(dest="report_command", metavar="WHAT", required=True)
    monthly = kinds.add_parser("monthly", help=_("the monthly statistics of the district"))
    add_db_option(monthly)
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2026-11"))
    monthly.add_argument("--out", required=True, type=Path, metavar="PATH", help=_("the PDF file to write"))
    monthly.set_defaults(func=run_monthly)


def run_monthly(args: argparse.Namespace) -> int:
    check_target(args.out)
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            data = monthly_data(session, args.month, db.clock.today())
        write_file(args.out, registry.render(registry.MONTHLY, data))
    finally:
        db.dispose()
    print(
        _("{path}: monthly statistics of {month}: {received} received, {closed} closed").format(
            path=args.out,
            month=f"{data.year:04d}-{data.month:02d}",
            received=data.total.figures.received,
            closed=data.total.figures.closed,
        )
    )
    return 0
