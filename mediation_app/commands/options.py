"""What every sub-command shares: the ``--db`` option and the exit status of a usage error.

Here rather than in :mod:`mediation_app.cli` so that command modules (of every ring) depend on
this small module and never on the launcher that loads them.
"""

from __future__ import annotations

import argparse

from mediation_app.i18n import _

EXIT_USAGE = 2  # a bad command line or bad input: the message on stderr says which


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Every command takes ``--db URL`` (default: ``MEDIATION_DB_URL``, else the SQLite file)."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=_(
            "database URL, e.g. postgresql+psycopg://user@host/db (default: $MEDIATION_DB_URL, "
            "else an SQLite file in the user data directory)"
        ),
    )
