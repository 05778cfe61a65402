"""``mediation-app calc INPUT.json``: run the arrears calculator on a JSON file (``-``: stdin).

Prints the result as JSON on stdout. Any error — a missing file, text that is not JSON, a bad
field — prints one line on stderr naming the file or the field, leaves stdout empty and exits
with status 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from mediation_app.commands import stdio
from mediation_app.commands.options import EXIT_USAGE
from mediation_app.errors import ValidationError
from mediation_app.fees import calculate, load_json, parse_input, result_to_dict
from mediation_app.i18n import _

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INTERNAL = 70  # EX_SOFTWARE: a fault in the calculator, not in the input


class InputError(Exception):
    """The input file cannot be read or is not JSON; the text says which and why."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "calc",
        help=_("compute arrears, late fees and the settlement figure from a JSON file"),
        description=_(
            "Compute arrears, late fees, limitation warnings, discounts and the payable "
            "amount (in figures and in financial uppercase) from a JSON input, and print the result "
            "as JSON."
        ),
    )
    parser.add_argument("input", metavar="INPUT.json", help=_("the input file, or - for standard input"))
    parser.add_argument(
        "--contract",
        action="store_true",
        help=_("print only the keys of the calculator contract (no allocations, yardstick or warnings)"),
    )
    parser.set_defaults(func=run)


def read_json(source: str) -> Any:
    """The JSON of file ``source`` (``-``: standard input); InputError says what is wrong with it."""
    name = _("standard input") if source == "-" else source
    try:
        if source == "-":
            read = stdio.read_bytes()
            if read is None:  # the windowed exe has no standard input
                raise InputError(_("{name}: none here; give the input as a file").format(name=name))
            raw = read
        else:
            with open(source, "rb") as handle:
                raw = handle.read()
    except OSError as exc:
        raise InputError(
            _("{name}: cannot read the file: {reason}").format(name=name, reason=exc.strerror)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("{name}: the file is not UTF-8 text").format(name=name)) from None
    try:
        # Numbers stay as written until their field reads them (never float, and an exponent or
        # thousands of digits are refused before any arithmetic); NaN and Infinity stay text and
        # fail as "not a number".
        return load_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            _("{name}: not valid JSON at line {line}, column {column}: {reason}").format(
                name=name, line=exc.lineno, column=exc.colno, reason=exc.msg
            )
        ) from None
    except RecursionError:
        raise InputError(_("{name}: the JSON is nested too deeply").format(name=name)) from None


def error_line(exc: ValidationError) -> str:
    """One line naming the field by its JSON path and by its name: ``label (path): problem``."""
    if not exc.field:
        return f"{exc.label}: {exc.problem}"
    if exc.label == exc.field:
        return f"{exc.field}: {exc.problem}"
    return f"{exc.label} ({exc.field}): {exc.problem}"


def run(args: argparse.Namespace) -> int:
    try:
        data = read_json(args.input)
        result = calculate(parse_input(data))
        output = json.dumps(result_to_dict(result, contract_only=args.contract), ensure_ascii=False, indent=1)
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        print(error_line(exc), file=sys.stderr)
        return EXIT_USAGE
    except RecursionError:
        print(_("the input is nested too deeply"), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: still one line, never a traceback, and a distinct status
        log.exception("internal error in the calculator")  # the traceback goes to the log file
        print(
            _("internal error in the calculator ({error}); please report it").format(error=repr(exc)),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    print(output)
    return EXIT_OK
