"""``mediation-app print NUMBER --doc KIND --out PATH [--item N] [--final] [--db URL]``: a case
document as a PDF.

A document that is already final is written exactly as it was finalised, byte for byte (so the
copy passes ``mediation-app verify``). One that is not is written as a **draft**: the same layout
with 草稿 across every page and, for an agreement, no number yet; it is not recorded anywhere.
``--final`` finalises it first (number, SHA-256, stored with the case) and writes the final
document, as the member of staff signed in with ``--user NAME`` when sign-in is on (else as the
command line, unrestricted).
A case that lacks what the document needs (no agreement yet, say) gets one clear line and no file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor
from mediation_app.i18n import _
from mediation_app.queries.case_header import find_case_id
from mediation_app.services.documents.finalise import build_document, final_document, finalise
from mediation_app.services.documents.registry import kinds, resolve
from reports import registry
from reports.commands.output import check_target, write_file


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", help=_("the case number, e.g. 荔物调〔2021〕0001号"))
    parser.add_argument("--doc", required=True, choices=kinds(), help=_("which document"))
    parser.add_argument(
        "--item",
        type=int,
        metavar="N",
        help=_("which session or follow-up record (1 = the first; default: the latest)"),
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "print", help=_("write a case document as a PDF (final as finalised, else a draft)")
    )
    add_db_option(parser)
    add_document_arguments(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="PATH", help=_("the PDF file to write"))
    parser.add_argument(
        "--final", action="store_true", help=_("finalise the document first if it is not final yet")
    )
    add_user_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_target(args.out)
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            case_id = find_case_id(session, args.number)
            ref = resolve(session, case_id, args.doc, args.item)
            final = final_document(session, case_id, ref.kind, item=ref.item)
        if final is None and args.final:
            with db.unit_of_work(command_actor(db, args)) as uow:
                final = finalise(uow, case_id, ref.kind, registry.render, item=ref.item)
        if final is not None:
            write_file(args.out, final.content)
            print(
                _("{path}: {title} {number}, version {version} (final, SHA-256 {sha256})").format(
                    path=args.out,
                    title=final.title,
                    number=final.number,
                    version=final.version,
                    sha256=final.sha256,
                )
            )
            return 0
        data = build_document(db, case_id, ref.kind, item=ref.item)
        write_file(args.out, registry.render_draft(ref.kind, data))
    finally:
        db.dispose()
    print(_("{path}: {title} (draft)").format(path=args.out, title=ref.describe()))
    print(
        _("This is a draft, marked as such; it is not recorded. Add --final to finalise and print it."),
        file=sys.stderr,
    )
    return 0
