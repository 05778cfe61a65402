"""``mediation-app restore PATH``: check a backup, keep the current database aside, replace it.

Nothing is replaced until the whole archive has been checked. Replacing the data of a centre is
not undone by accident: the command asks for confirmation at a terminal, and wants ``--yes``
otherwise; a backup of another centre's data is refused unless the terminal's user says yes to
that too, or ``--other-centre`` is given. Restoring needs the administrator's permission.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from mediation_app.backup.archive import verify_archive
from mediation_app.backup.restore import OtherCentreError, restore_backup
from mediation_app.commands import stdio
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _
from mediation_app.services.accounts import command_line_actor
from mediation_app.storage.database import resolve_url


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "restore", help=_("replace the database with a checked backup (the current one is kept aside)")
    )
    add_db_option(parser)
    parser.add_argument("path", type=Path, metavar="PATH", help=_("the backup .zip"))
    parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    parser.add_argument(
        "--other-centre",
        action="store_true",
        help=_("restore even though the backup holds another centre's data"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = getattr(args, "db", None)
    manifest = verify_archive(args.path)  # before asking: a bad file is refused straight away
    where = make_url(resolve_url(url)).render_as_string(hide_password=True)
    if not args.yes:
        if not stdio.interactive():  # a script, a pipe, or the windowed exe: nobody to ask
            print(
                _("Restoring replaces the data in {where}; add --yes to confirm.").format(where=where),
                file=sys.stderr,
            )
            return 2
        answer = stdio.ask(
            _(
                "Replace the data in {where} with the backup of {when}? The current data is kept aside. [y/N] "
            ).format(where=where, when=manifest.created_at)
        )
        if answer is None or answer.strip().lower() not in {"y", "yes", "是"}:
            print(_("Nothing was changed."))
            return 1
    other_centre = bool(args.other_centre)
    try:
        result = restore_backup(args.path, url, actor=command_line_actor(), other_centre=other_centre)
    except OtherCentreError as exc:
        if not stdio.interactive() or args.yes:
            print(exc.message, file=sys.stderr)
            return 2
        answer = stdio.ask(
            _(
                "This backup holds the data of {backup}, not of {current}. Replace {current}'s data with it? [y/N] "
            ).format(backup=exc.backup_centre, current=exc.current_centre)
        )
        if answer is None or answer.strip().lower() not in {"y", "yes", "是"}:
            print(_("Nothing was changed."))
            return 1
        result = restore_backup(args.path, url, actor=command_line_actor(), other_centre=True)
    if result.replaced is not None:
        print(_("The data that was there is kept in {path}.").format(path=result.replaced.path))
    print(
        _("Restored the backup of {when} ({files} attachment files written).").format(
            when=manifest.created_at, files=result.attachments_written
        )
    )
    if not result.chain_whole:
        print(
            _(
                "Warning: the audit trail in this backup is broken; run `mediation-app audit verify` for details."
            ),
            file=sys.stderr,
        )
    return 0
