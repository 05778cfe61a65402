"""``mediation-app bench [--json] [--cases N] [--runs N]``: the performance figures at volume.

Builds a database of N cases (default 100,000) in a temporary folder and measures start-up to the
case list, a two-character search, their floors on this machine, the demo's build, the live
recalculation, the calculator at 10,000 units, the agreement PDF, the client's memory and a batch
of 200 owners previewed, applied and printed (see :mod:`ui.benchmark.figures`). Progress goes to
stderr;
the figures to stdout, as JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys

from mediation_app.i18n import _
from ui.benchmark import figures as bench


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("bench", help=_("measure start-up, search, recalculation, PDF and memory"))
    parser.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    parser.add_argument(
        "--cases", type=int, default=100_000, help=_("cases in the database (default 100,000)")
    )
    parser.add_argument(
        "--runs", type=int, default=5, help=_("runs per figure; the median is reported (default 5)")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.cases <= 0 or args.runs <= 0:
        print(_("--cases and --runs must be positive numbers"), file=sys.stderr)
        return 2
    figures = bench.run(args.cases, args.runs, progress=lambda text: print(text, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return 0
    for key in (
        "startup_to_list_s",
        "floor_window_s",
        "startup_ratio",
        "search_two_chars_ms",
        "floor_first_page_ms",
        "search_ratio",
        "search_query_ms",
        "recalc_ms",
        "calc_10k_units_s",
        "agreement_pdf_ms",
        "rss_mb",
        "demo_build_s",
        "batch_preview_s",
        "batch_apply_s",
        "batch_print_s",
    ):
        value = figures.get(key)
        target = bench.TARGETS.get(key)
        shown = "—" if value is None else str(value)
        limit = f"  ({_('target')} < {target})" if target is not None else ""
        print(f"{key:22} {shown}{limit}")
    for key, note in figures.get("notes", {}).items():
        print(f"{key}: {note}")
    return 0
