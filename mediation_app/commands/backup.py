"""``mediation-app backup [--out PATH]``: the database and the attachments in one checked .zip."""

from __future__ import annotations

import argparse
from pathlib import Path

from mediation_app.backup.make import create_backup
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "backup", help=_("back up the database and the attachments to a .zip (SQLite online, or pg_dump)")
    )
    add_db_option(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="PATH",
        help=_("the .zip to write, or a folder for it (default: the backups folder in the data directory)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = create_backup(getattr(args, "db", None), args.out)
    rows = sum(count for table, count in result.manifest.row_counts.items() if table != "alembic_version")
    print(
        _("Backup written: {path} ({rows} rows, {files} attachments, schema {revision}).").format(
            path=result.path, rows=rows, files=result.attachments, revision=result.manifest.schema_revision
        )
    )
    return 0
