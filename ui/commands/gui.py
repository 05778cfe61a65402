"""``mediation-app gui`` (and ``mediation-app`` with no command): open the desktop client."""

from __future__ import annotations

import argparse
import sys

from mediation_app.commands.options import EXIT_USAGE, add_db_option
from mediation_app.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("gui", help=_("open the desktop client (the default)"))
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ui.app import run as run_client  # Qt is imported only when the client opens
    except ImportError as exc:
        print(
            _("The desktop client needs PySide6, which is not installed: {error}").format(error=exc),
            file=sys.stderr,
        )
        return EXIT_USAGE
    return int(run_client(db_url=getattr(args, "db", None), language=getattr(args, "lang", None)))
