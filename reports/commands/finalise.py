"""``mediation-app finalise NUMBER --doc KIND [--item N] [--db URL]``: make a case document final
(its number, its PDF and the PDF's SHA-256 stored with the case). Finalising a document whose data
has not changed since it was finalised changes nothing and says so; once the case's data gives a
different document, a new version is made. With sign-in on, it signs in first (``--user NAME``)."""

from __future__ import annotations

import argparse

from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor
from mediation_app.i18n import _
from mediation_app.queries.case_header import find_case_id
from mediation_app.services.documents.finalise import finalise
from reports import registry
from reports.commands.print_document import add_document_arguments


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("finalise", help=_("make a case document final (number, SHA-256)"))
    add_db_option(parser)
    add_document_arguments(parser)
    add_user_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_for_reading(getattr(args, "db", None))
    try:
        actor = command_actor(db, args)
        with db.read() as session:
            case_id = find_case_id(session, args.number)
        with db.unit_of_work(actor) as uow:
            final = finalise(uow, case_id, args.doc, registry.render, item=args.item)
    finally:
        db.dispose()
    text = (
        _("Finalised: {title} {number}, version {version}, SHA-256 {sha256}")
        if final.created
        else _("Already final and unchanged: {title} {number}, version {version}, SHA-256 {sha256}")
    )
    print(text.format(title=final.title, number=final.number, version=final.version, sha256=final.sha256))
    return 0
