"""The ``mediation-app`` command: sub-commands for headless work, the desktop client by default.

Every ring contributes its own sub-commands through the entry-point group
``mediation_app.commands`` (declared in ``pyproject.toml``): each entry names a module's
``register(subparsers)``. The core lists the names and loads only the command being run, so a
quick command starts quickly and the core never names the outer rings: the PDF commands come from
``reports``, the client (``gui``, the command run when none is given), ``screenshots`` and
``bench`` from ``ui``. A command whose ring needs a package that is not installed (PySide6,
reportlab) still answers, with what to install.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import EntryPoint, entry_points

from mediation_app import __version__
from mediation_app.commands.options import EXIT_USAGE, add_db_option
from mediation_app.commands.stdio import ArgumentParser, prepare_output, silence_stdout
from mediation_app.errors import MediationError
from mediation_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language
from mediation_app.log_file import logging_to_file

COMMAND_GROUP = "mediation_app.commands"
DEFAULT_COMMAND = "gui"  # run when no command is given, when a ring registers it
OUTER_PACKAGES = ("PySide6", "reportlab", "shiboken6", "pypdf", "segno")  # the gui and pdf extras

LANGUAGE_ENV_VAR = "MEDIATION_LANG"  # the language of commands when --lang is not given

log = logging.getLogger(__name__)


def registered_commands() -> dict[str, EntryPoint]:
    """Every sub-command the installed rings register, by name, the default first, then A–Z."""
    found = {entry.name: entry for entry in entry_points(group=COMMAND_GROUP)}
    return dict(sorted(found.items(), key=lambda item: (item[0] != DEFAULT_COMMAND, item[0])))


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with ``only`` that one (its module alone is imported)."""
    parser: argparse.ArgumentParser = ArgumentParser(
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
    for name, entry in registered_commands().items():
        if only is not None and name != only:
            continue
        try:
            register = entry.load()
        except ImportError as exc:
            if exc.name is None or exc.name.split(".")[0] not in OUTER_PACKAGES:
                raise
            _register_unavailable(subparsers, name, exc.name)
            continue
        register(subparsers)
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
            return word if word in registered_commands() else None
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


def _asks_for_help(words: Sequence[str]) -> bool:
    return any(word in ("-h", "--help", "--version") for word in words)


def opens_client(argv: Sequence[str]) -> bool:
    """Whether ``mediation-app ARGV`` opens the desktop client (no command, or ``gui``) and prints nothing.

    The windowed Windows executable asks this before it looks for a console: only a command, or
    ``--help`` and ``--version``, has output to show.
    """
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("--db", "--lang"):
            index += 2
        elif word.startswith(("--db=", "--lang=")) or word == DEFAULT_COMMAND:
            index += 1
        else:  # a command, --help, --version, or a mistake: each has something to say
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    prepare_output()  # Chinese output through a pipe or file, whatever the code page
    pre = ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGUAGES, default=None)
    known, _rest = pre.parse_known_args(argv)
    set_language(known.lang or os.environ.get(LANGUAGE_ENV_VAR) or DEFAULT_LANGUAGE)
    words = sys.argv[1:] if argv is None else list(argv)
    named = _command_named(words)
    if named is None and DEFAULT_COMMAND in registered_commands() and not _asks_for_help(words):
        named = DEFAULT_COMMAND
        words = [*words, DEFAULT_COMMAND]
    parser = build_parser(only=named)
    args = parser.parse_args(words)
    func = getattr(args, "func", None)
    if func is None:  # no command, and no ring registers the default one
        parser.print_help()
        return EXIT_USAGE
    with logging_to_file():
        return _run(func, args, args.command or DEFAULT_COMMAND)


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace, command: str) -> int:
    """Run the command, logging its name (never its arguments: they may name a person)."""
    log.info("mediation-app %s: %s", __version__, command)
    try:
        return int(func(args))
    except MediationError as exc:  # may quote what was typed or stored (a name): only its kind here
        log.info("%s stopped: %s", command, type(exc).__name__)
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a pipe that closed early (| head): not an error
        silence_stdout()
        return 0
    except Exception:
        log.exception("unexpected error in %s", command)
        raise
