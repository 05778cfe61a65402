"""``mediation-app case show NUMBER [--json]``: one case — status, track, organisation, deadline,
and its whole path; in JSON also the settlement it agreed on, line by line (see :mod:`.case_json`
for the JSON form). With sign-in on, ID numbers and phones show in full only to an account whose
role sees them (``--user NAME``).

``mediation-app case pay NUMBER --date D --amount A [--method M] [--note N] [--close-as-performed]``:
a payment under the agreement. The payment that settles everything agreed closes the case as
performed (履行完毕) only with ``--close-as-performed``, the command line's "yes" to the question
the screen asks; without it the payment is recorded, the case stays open, and the command says so.
With sign-in on it needs a staff sign-in (``--user NAME``), as every command that writes."""

from __future__ import annotations

import argparse
import json

from mediation_app import formatting
from mediation_app.commands.case_json import case_json, case_text
from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor, reading_actor
from mediation_app.domain import bounds, validators
from mediation_app.i18n import _
from mediation_app.queries.case_header import case_detail, find_case_id
from mediation_app.services.agreement import performance
from mediation_app.services.agreement.settlement import agreed_settlement


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("case", help=_("show one case, or record a payment under its agreement"))
    add_db_option(parser)
    actions = parser.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help=_("show a case: status, track, organisation, deadline, history"))
    show.add_argument("number", help=_("the case number, e.g. 荔物调〔2021〕0001号"))
    show.add_argument("--json", action="store_true", help=_("print JSON with stable ids"))
    add_db_option(show)
    add_user_option(show)
    show.set_defaults(func=run_show)
    pay = actions.add_parser("pay", help=_("record a payment under the agreement"))
    pay.add_argument("number", help=_("the case number, e.g. 荔物调〔2021〕0001号"))
    pay.add_argument("--date", required=True, help=_("the day it was paid, YYYY-MM-DD"))
    pay.add_argument("--amount", required=True, help=_("the amount in yuan, e.g. 3240.00"))
    pay.add_argument("--method", default="", help=_("how it was paid, e.g. 微信转账"))
    pay.add_argument("--note", default="", help=_("a note"))
    pay.add_argument(
        "--close-as-performed",
        action="store_true",
        help=_("when this payment settles everything agreed, close the case as performed"),
    )
    add_db_option(pay)
    add_user_option(pay)
    pay.set_defaults(func=run_pay)


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


def run_pay(args: argparse.Namespace) -> int:
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            case_id = find_case_id(session, args.number)
        paid_on = validators.date(args.date, "payment.paid_on", _("Date of payment"))
        amount = bounds.check_amount(
            validators.amount(args.amount, "payment.amount", _("Amount")),
            "payment.amount",
            _("Amount"),
            positive=True,
        )
        with db.unit_of_work(command_actor(db, args)) as uow:
            result = performance.record_payment(
                uow,
                case_id,
                paid_on,
                amount,
                method=args.method,
                note=args.note,
                close_as_performed=args.close_as_performed,
            )
    finally:
        db.dispose()
    print(
        _("Payment of {amount} recorded; {outstanding} still owed under the agreement.").format(
            amount=formatting.yuan(amount), outstanding=formatting.yuan(result.progress.outstanding)
        )
    )
    if result.closed:
        print(_("The agreement is fully performed; the case is closed as performed."))
    elif result.completes:
        print(
            _(
                "The agreement is fully performed, but the case was not closed: run the command with "
                "--close-as-performed, or record full performance, to close it."
            )
        )
    return 0
