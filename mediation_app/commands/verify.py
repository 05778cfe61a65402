"""``mediation-app verify FILE.pdf [--db URL]``: is this file an unaltered final document of a case?
``mediation-app verify --code TEXT``: does this paper's verification code match what was issued?

The file's SHA-256 is looked up among the final documents (and their registered signed scans):
found means the file is, byte for byte, what was finalised, and the command names the case, the
document, its number and version, and who finalised it when. A paper copy is checked by the text
of its QR code (``荔物调协〔2021〕0001号 SHA256:0123abcd4567ef89 mediation-app verify``, printed in
words beside the code too): the number is looked up and the digest compared with the SHA-256 of
the data each final version was issued with (:mod:`mediation_app.services.documents.verify_code`).
Exit status 0 when found, 1 when not (altered, a draft, another database, a code that does not
match), 2 when the file, the code or the database cannot be read. Needs neither reportlab nor Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _
from mediation_app.services.documents.finalise import verify_file
from mediation_app.services.documents.verify_code import verify_code

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify", help=_("check whether a PDF is an unaltered final document of a case")
    )
    add_db_option(parser)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("file", type=Path, nargs="?", help=_("the PDF file to check"))
    what.add_argument(
        "--code",
        metavar="TEXT",
        help=_("the text of a paper copy's verification code (its QR code, or the same printed beside it)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.code is not None:
        return _check_code(args)
    try:
        content = args.file.read_bytes()
    except OSError as exc:
        print(
            _("Cannot read {path}: {reason}").format(path=args.file, reason=exc.strerror or exc),
            file=sys.stderr,
        )
        return EXIT_ERROR
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            found = verify_file(session, content)
    finally:
        db.dispose()
    print(found.message())
    return EXIT_FOUND if found.found else EXIT_NOT_FOUND


def _check_code(args: argparse.Namespace) -> int:
    db = open_for_reading(getattr(args, "db", None))
    try:
        with db.read() as session:
            found = verify_code(session, args.code)  # not a code: one line, status 2 (mediation_app.cli)
    finally:
        db.dispose()
    print(found.message())
    return EXIT_FOUND if found.found else EXIT_NOT_FOUND
