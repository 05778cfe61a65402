"""``mediation-app manual [--out DIR]``: the user manual with fresh screenshots of every screen.

Without ``--out`` it goes to the user's data folder, where 帮助 → 使用手册 (F1) finds it; the
bundle build writes it into ``resources/manual/build`` so that an installed client has it from
the start. Qt is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from mediation_app.commands.options import EXIT_USAGE, add_db_option
from mediation_app.i18n import LANGUAGES, _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "manual", help=_("build the user manual with fresh screenshots (F1 in the client opens it)")
    )
    add_db_option(parser)
    parser.add_argument(
        "--out", type=Path, default=None, help=_("folder for the manual (default: the user's data folder)")
    )
    parser.add_argument(
        "--cases",
        type=int,
        default=None,
        help=_("cases in the demo centre shown (default {count})").format(count=120),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ui.manual import MANUAL_CASES, built_roots  # Qt is imported only when the command runs
    except ImportError as exc:
        print(_("The manual needs the desktop client (PySide6): {error}").format(error=exc), file=sys.stderr)
        return EXIT_USAGE
    out = args.out or built_roots()[-1]
    files = build(out, getattr(args, "db", None), cases=args.cases or MANUAL_CASES)
    print(_("The manual is in {folder} ({count} files).").format(folder=out, count=len(files)))
    return 0


def build(out: Path, db_url: str | None, *, cases: int) -> list[Path]:
    """Take the screenshots in every language and lay the manual out under ``out``; the files."""
    from ui.manual import picture_name, text_path
    from ui.screenshots import take

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="mediation-manual-") as scratch:
        shots = take(Path(scratch), list(LANGUAGES), db_url, cases=cases)
        for language in LANGUAGES:
            folder = out / language
            screens = folder / "screens"
            if screens.exists():
                shutil.rmtree(screens)
            screens.mkdir(parents=True)
            for shot in shots:
                if shot.parent.name == language:
                    written.append(Path(shutil.copyfile(shot, screens / picture_name(shot))))
            written.append(Path(shutil.copyfile(text_path(language), folder / "manual.md")))
    return written
