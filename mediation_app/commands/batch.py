"""``mediation-app batch``: a company's batches of imported cases, and model mediation of one (示范调解).

    mediation-app batch list [--json]
    mediation-app batch propose BATCH_ID --discounts FILE.json [--name NAME] [--json] [--yes]

``list`` gives each batch's id, company, when it was created and how many cases it holds.
``propose`` previews the terms in FILE.json — a list of discounts in the calculator's contract, as
in ``mediation-app calc``'s ``"discounts"`` (e.g. ``[{"type": "rate_reduction", "per_m2": "0.40"},
{"type": "late_fee_waiver", "ratio": "0.5"}]``) — on every owner of the batch, with the owners the
terms cannot be offered to and why; nothing is written unless ``--yes`` is given, which stores one
proposal per open case in one transaction. With ``--json`` each owner's ``"settlement"`` has the
lines and totals of ``case show --json``'s. A bad discounts file: one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from mediation_app import formatting
from mediation_app.commands.calc import InputError, error_line, read_json
from mediation_app.commands.case_json import settlement_json
from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import EXIT_USAGE, add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor, reading_actor
from mediation_app.errors import ValidationError
from mediation_app.fees import Discount
from mediation_app.fees.json_io import parse_discounts
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _, ngettext
from mediation_app.queries.batches import BatchRow, batch_list
from mediation_app.services.batch import BatchApplied, BatchPreview, BatchTotals, apply_terms, preview_batch


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "batch", help=_("list batches of imported cases; offer one set of terms to a whole batch")
    )
    add_db_option(parser)
    actions = parser.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list the batches: id, company, created, cases"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    add_db_option(listing)
    listing.set_defaults(func=run_list)
    propose = actions.add_parser(
        "propose",
        help=_(
            "preview (or, with --yes, store) one proposal on the same terms for every open case of a batch"
        ),
    )
    propose.add_argument("batch_id", type=int, metavar="BATCH_ID", help=_("the batch's id (see batch list)"))
    propose.add_argument(
        "--discounts",
        required=True,
        metavar="FILE.json",
        help=_("a JSON list of discounts in the calculator's contract (- for standard input)"),
    )
    propose.add_argument(
        "--name", default="", help=_("the proposals' name (default: Model mediation (batch N))")
    )
    propose.add_argument("--json", action="store_true", help=_("print JSON"))
    propose.add_argument(
        "--yes",
        action="store_true",
        help=_("store the proposals (without it: a preview, nothing is written)"),
    )
    add_db_option(propose)
    add_user_option(propose)
    propose.set_defaults(func=run_propose)


def run_list(args: argparse.Namespace) -> int:
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            rows = batch_list(session)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([_row_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No batch has been imported yet."))
    for row in rows:
        print(
            _("#{id}  {company}  {created}  {cases} cases ({open} open, {agreed} agreed)").format(
                id=row.id,
                company=row.company,
                created=formatting.short_moment(row.created_at),
                cases=row.cases,
                open=row.open_cases,
                agreed=row.agreed,
            )
        )
    return 0


def _row_json(row: BatchRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "company": row.company,
        "created": row.created_at.isoformat(),
        "cases": row.cases,
        "open_cases": row.open_cases,
        "agreed": row.agreed,
        "source_file": row.source_file or None,
        "note": row.note or None,
    }


def read_discounts(source: str) -> tuple[Discount, ...]:
    """The discounts of FILE.json (ValidationError or InputError naming the file or the field)."""
    discounts = parse_discounts(read_json(source))
    if not discounts:
        raise ValidationError("discounts", _("give at least one discount"), _("Discounts"))
    return discounts


def run_propose(args: argparse.Namespace) -> int:
    try:
        discounts = read_discounts(args.discounts)
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        print(error_line(exc), file=sys.stderr)
        return EXIT_USAGE
    url = getattr(args, "db", None)
    if args.yes:
        from mediation_app.backup.startup import open_for_app

        db = open_for_app(url)
    else:
        db = open_for_reading(url)
    try:
        try:
            if args.yes:
                with db.unit_of_work(command_actor(db, args)) as uow:
                    applied = apply_terms(uow, args.batch_id, discounts, name=args.name)
                output, sums = _applied_json(applied, db.clock.today().isoformat()), applied.totals
            else:
                viewer = reading_actor(db, args)
                with db.read() as session:
                    shown = preview_batch(session, args.batch_id, viewer, db.clock.today(), discounts)
                output, sums = _preview_json(shown), shown.totals
        except ValidationError as exc:
            print(error_line(exc), file=sys.stderr)
            return EXIT_USAGE
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        print(_text(output, sums, stored=args.yes))
    return 0


def _case_json(number: str, owner: str, settlement: Settlement) -> dict[str, Any]:
    return {"number": number, "owner": owner, "settlement": settlement_json(settlement)}


def _preview_json(shown: BatchPreview) -> dict[str, Any]:
    return {
        "batch": shown.batch_id,
        "as_of": shown.as_of.isoformat(),
        "cases": [
            _case_json(row.number, row.owner, row.settlement)
            for row in shown.offered
            if row.settlement is not None
        ],
        "refused": [{"number": row.number, "reason": row.refusal} for row in shown.refused],
    }


def _applied_json(applied: BatchApplied, as_of: str) -> dict[str, Any]:
    return {
        "batch": applied.batch_id,
        "as_of": as_of,
        "cases": [_case_json(p.number, p.owner, p.settlement) for p in applied.proposals],
        "refused": [{"number": r.number, "reason": r.reason} for r in applied.refused],
    }


def _text(output: dict[str, Any], sums: BatchTotals, *, stored: bool) -> str:
    """The owners, their figures and the totals, for a person (amounts in the interface's language)."""
    lines = []
    for case in output["cases"]:
        total = case["settlement"]["total"]
        lines.append(
            _(
                "{number}  {owner}  claimed {claimed}  recomputed {recomputed}  concession {concession}  "
                "payable {payable}"
            ).format(
                number=case["number"],
                owner=case["owner"],
                **{
                    key: formatting.amount(Decimal(total[key]))
                    for key in ("claimed", "recomputed", "concession", "payable")
                },
            )
        )
    lines.append(
        _("Total of {count} owners: claimed {claimed}, concession {concession}, payable {payable}").format(
            count=sums.cases,
            claimed=formatting.amount(sums.claimed),
            concession=formatting.amount(sums.concession),
            payable=formatting.amount(sums.payable),
        )
    )
    if output["refused"]:
        lines.append(_("Refused ({count}):").format(count=len(output["refused"])))
        lines += [f"  {r['number']}  {r['reason']}" for r in output["refused"]]
    count = sums.cases
    if stored:
        lines.append(
            ngettext("{count} proposal stored.", "{count} proposals stored.", count).format(count=count)
        )
    else:
        lines.append(
            ngettext(
                "Preview only: nothing was written; add --yes to store {count} proposal.",
                "Preview only: nothing was written; add --yes to store {count} proposals.",
                count,
            ).format(count=count)
        )
    return "\n".join(lines)
