"""``mediation-app screenshots --out DIR [--lang zh_CN|en]``: a PNG of each main screen.

Runs the real client offscreen (set ``QT_QPA_PLATFORM=xcb`` under Xvfb for a real window) on a
freshly built demo centre, or on ``--db``; without ``--lang`` it takes both languages, each in
its own sub-folder. Qt is imported only when the command runs, so ``--help`` works without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mediation_app.commands.options import add_db_option
from mediation_app.i18n import LANGUAGES, _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "screenshots", help=_("save a PNG of each main screen on the demo database")
    )
    add_db_option(parser)
    parser.add_argument("--out", type=Path, required=True, help=_("folder for the PNG files"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=_("one language (default: both)"))
    parser.add_argument("--cases", type=int, default=300, help=_("cases in the demo centre (default 300)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ui.screenshots import take  # Qt is imported only when the command runs
    except ImportError as exc:
        print(_("Screenshots need the desktop client (PySide6): {error}").format(error=exc), file=sys.stderr)
        return 2
    languages = [args.lang] if args.lang else list(LANGUAGES)
    files = take(args.out, languages, getattr(args, "db", None), cases=args.cases)
    for path in files:
        print(path)
    return 0
