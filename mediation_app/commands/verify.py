"""``mediation-app verify FILE.pdf [--db URL]``: is this file an unaltered final document of a case?

The file's SHA-256 is looked up among the final documents (and their registered signed scans):
found means the file is, byte for byte, what was finalised, and the command names the case, the
document, its number and version, and who finalised it when. Exit status 0 when found, 1 when not
(altered, a draft, or from another database), 2 when the file or the database cannot be read.
Needs neither reportlab nor Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mediation_app.commands.open_db import open_for_reading
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _
from mediation_app.services.documents.finalise import verify_file

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify", help=_("check whether a PDF is an unaltered final document of a case")
    )
    add_db_option(parser)
    parser.add_argument("file", type=Path, help=_("the PDF file to check"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
