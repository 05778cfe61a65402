"""The ``mediation-app`` command: the composition root for headless work.

Without a sub-command it opens the desktop client (``ui``), which is imported only then, so the
core and every sub-command run on a machine without PySide6 or reportlab.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from mediation_app import __version__
from mediation_app.errors import MediationError
from mediation_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language

# Each module registers one sub-command (see mediation_app/commands/__init__.py). A plain name is
# a module of mediation_app.commands; a dotted path is a command of an outer ring (reports, ui),
# loaded only when its packages are installed, so the core works without Qt and reportlab.
COMMAND_MODULES: tuple[str, ...] = (
    "calc",
    "demo",
    "seed",
    "audit",
    "user",
    "backup",
    "restore",
    "import_",
    "case",
    "cases",
    "export",
    "verify",
    "reports.commands.print_document",
    "reports.commands.finalise",
    "reports.commands.report",
    "bench",
    "screenshots",
)
OUTER_PACKAGES = ("PySide6", "reportlab", "shiboken6")

EXIT_USAGE = 2
LANGUAGE_ENV_VAR = "MEDIATION_LANG"  # the language of commands when --lang is not given


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mediation-app",
        description="物业纠纷调处 — property-dispute mediation centre client. "
        "Without a command, opens the desktop client.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_db_option(parser)
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help=f"interface language (default {DEFAULT_LANGUAGE})"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = subparsers.add_parser("gui", help="open the desktop client (the default)")
    add_db_option(gui)
    gui.set_defaults(func=_run_gui)
    for name in COMMAND_MODULES:
        module_name = name if "." in name else f"mediation_app.commands.{name}"
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if exc.name is None or exc.name.split(".")[0] not in OUTER_PACKAGES:
                raise
            _register_unavailable(subparsers, module_name.rsplit(".", 1)[-1].rstrip("_"), exc.name)
            continue
        module.register(subparsers)
    return parser


def _register_unavailable(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], command: str, package: str
) -> None:
    """A command whose package is not installed still answers, with what to install."""

    def explain(_args: argparse.Namespace) -> int:
        print(
            _("The command '{command}' needs {package}, which is not installed here.").format(
                command=command, package=package
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE

    parser = subparsers.add_parser(
        command, help=_("(needs {package})").format(package=package), add_help=False
    )
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(func=explain)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Every command takes ``--db URL`` (default: ``MEDIATION_DB_URL``, else the SQLite file)."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL, e.g. postgresql+psycopg://user@host/db (default: $MEDIATION_DB_URL, "
        "else an SQLite file in the user data directory)",
    )


def _run_gui(args: argparse.Namespace) -> int:
    try:
        # Imported by name, and only here: the core must not need Qt to run its commands.
        run = importlib.import_module("ui.app").run
    except ImportError as exc:
        print(
            _("The desktop client needs PySide6, which is not installed: {error}").format(error=exc),
            file=sys.stderr,
        )
        return EXIT_USAGE
    return run(db_url=getattr(args, "db", None), language=args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGUAGES, default=None)
    known, _rest = pre.parse_known_args(argv)
    set_language(known.lang or os.environ.get(LANGUAGE_ENV_VAR) or DEFAULT_LANGUAGE)
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", _run_gui)
    try:
        return int(func(args))
    except MediationError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
