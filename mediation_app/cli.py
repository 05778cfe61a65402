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

# Each command's module registers its parser (see mediation_app/commands/__init__.py). Commands
# of an outer ring (reports, ui) are loaded only when their packages are installed, so the core
# works without Qt and reportlab. Only the module of the command being run is imported, so a
# quick command starts quickly; --help imports them all to list them. One entry per line.
COMMANDS: dict[str, str] = {
    "calc": "mediation_app.commands.calc",
    "demo": "mediation_app.commands.demo",
    "seed": "mediation_app.commands.seed",
    "audit": "mediation_app.commands.audit",
    "user": "mediation_app.commands.user",
    "backup": "mediation_app.commands.backup",
    "restore": "mediation_app.commands.restore",
    "import": "mediation_app.commands.import_",
    "case": "mediation_app.commands.case",
    "cases": "mediation_app.commands.cases",
    "export": "mediation_app.commands.export",
    "verify": "mediation_app.commands.verify",
    "print": "reports.commands.print_document",
    "finalise": "reports.commands.finalise",
    "report": "reports.commands.report",
    "bench": "mediation_app.commands.bench",
    "screenshots": "mediation_app.commands.screenshots",
}
OUTER_PACKAGES = ("PySide6", "reportlab", "shiboken6", "pypdf", "segno")  # the gui and pdf extras

EXIT_USAGE = 2
LANGUAGE_ENV_VAR = "MEDIATION_LANG"  # the language of commands when --lang is not given


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with ``only`` that one (its module alone is imported)."""
    parser = argparse.ArgumentParser(
        prog="mediation-app",
        description=_(
            "Property-dispute mediation centre client. Without a command, opens the desktop client."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_db_option(parser)
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=_("interface language (default {language})").format(language=DEFAULT_LANGUAGE),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = subparsers.add_parser("gui", help=_("open the desktop client (the default)"))
    add_db_option(gui)
    gui.set_defaults(func=_run_gui)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if exc.name is None or exc.name.split(".")[0] not in OUTER_PACKAGES:
                raise
            _register_unavailable(subparsers, name, exc.name)
            continue
        module.register(subparsers)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when it names one (global options before it are skipped)."""
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("--db", "--lang"):
            index += 2
        elif word.startswith(("--db=", "--lang=")):
            index += 1
        elif word.startswith("-"):
            return None  # --help, --version, or a mistake: the full parser answers
        else:
            return word if word in COMMANDS else None
    return None


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
        help=_(
            "database URL, e.g. postgresql+psycopg://user@host/db (default: $MEDIATION_DB_URL, "
            "else an SQLite file in the user data directory)"
        ),
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
    return int(run(db_url=getattr(args, "db", None), language=args.lang))


def main(argv: Sequence[str] | None = None) -> int:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGUAGES, default=None)
    known, _rest = pre.parse_known_args(argv)
    set_language(known.lang or os.environ.get(LANGUAGE_ENV_VAR) or DEFAULT_LANGUAGE)
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only=_command_named(words))
    args = parser.parse_args(words)
    func = getattr(args, "func", _run_gui)
    try:
        return int(func(args))
    except MediationError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a pipe that closed early (| head): not an error
        sys.stderr.close()
        return 0
