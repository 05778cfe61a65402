"""Benchmark of case documents built from the database (not a test):
``python tests/bench/bench_case_documents.py [--db URL]``.

1. The settlement agreement of the demo centre's own case (荔物调〔2021〕0001号) built from the
   database (``services.documents.build_document``: the case, parties, agreement, accepted proposal
   recomputed, sessions) and rendered (``reports.registry.render``) in a warm process: median of
   build, render and both, over ``--runs`` repetitions; the PDF's size. Targets (issue 5): under
   50 ms to render, under 150 KB.
2. ``--statements`` arrears statements (default 1,000) built from the database in one batch — each
   case's stored statement or accepted proposal recomputed, or, for a case without one, its fee data
   calculated as of its intake date; the demo's cases are taken in turn until there are enough —
   then rendered with ``reports.batch.render_all`` on every core, with progress on stderr. Target:
   the rendering under 30 s. Build and render times are reported apart and together.

Without ``--db`` a demo centre of ``--cases`` cases (default 300) is built in a temporary folder
first (not timed). ``--json`` prints the figures as one JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.demo.centre import build_demo
from mediation_app.documents.canonical import normalised
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.errors import WorkflowError
from mediation_app.fees import calculate
from mediation_app.i18n import DEFAULT_LANGUAGE, set_language
from mediation_app.queries.case_header import find_case_id
from mediation_app.services.documents.builders.statement import Calculation, header, statement_from_result
from mediation_app.services.documents.finalise import build_document
from mediation_app.services.settlement.fee_input import calc_input
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from reports import registry
from reports import statement as statement_renderer
from reports.batch import default_workers, render_all

CENTRE_CASE = "荔物调〔2021〕0001号"


def bench_agreement(db: Database, runs: int) -> dict[str, float]:
    with db.read() as session:
        case_id = find_case_id(session, CENTRE_CASE)
    pdf = registry.render("agreement", build_document(db, case_id, "agreement"))  # warm
    builds, renders, both = [], [], []
    for _run in range(runs):
        started = time.perf_counter()
        data = build_document(db, case_id, "agreement")
        built = time.perf_counter()
        pdf = registry.render("agreement", data)
        done = time.perf_counter()
        builds.append(built - started)
        renders.append(done - built)
        both.append(done - started)
    return {
        "agreement_build_median_ms": round(statistics.median(builds) * 1000, 1),
        "agreement_render_median_ms": round(statistics.median(renders) * 1000, 1),
        "agreement_median_ms": round(statistics.median(both) * 1000, 1),
        "agreement_p90_ms": round(sorted(both)[int(len(both) * 0.9) - 1] * 1000, 1),
        "agreement_kb": round(len(pdf) / 1024, 1),
    }


def statement_of(session: Session, case: Case) -> ArrearsStatement | None:
    """The case's statement as the print command makes it, else one calculated from its fee data."""
    try:
        data = build_document(session, case.id, "statement", today=case.intake_date)
    except WorkflowError:
        _data, inp = calc_input(case, case.intake_date)
        if inp.service_fee is None and not inp.utilities:
            return None
        found = Calculation(inp, calculate(inp), (), "", "", case.intake_date)
        data = normalised(statement_from_result(header(session, case, found), inp, found.result))
    assert isinstance(data, ArrearsStatement)
    return data


def bench_statements(db: Database, count: int, workers: int) -> dict[str, float]:
    started = time.perf_counter()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - last[0] >= 1.0:
            last[0] = now
            print(f"  {stage} {done:5d}/{total}  {now - started:6.1f} s", file=sys.stderr, flush=True)

    items: list[ArrearsStatement] = []
    with db.read() as session:
        cases = list(session.scalars(select(Case).order_by(Case.id)))
        distinct = 0
        while len(items) < count:
            for case in cases:
                data = statement_of(session, case)
                if data is not None:
                    items.append(data)
                    progress("built", len(items), count)
                if len(items) == count:
                    break
            distinct = distinct or len(items)
    built = time.perf_counter()
    sizes = [
        len(pdf)
        for pdf in render_all(
            items,
            statement_renderer.render,
            progress=lambda d, t: progress("rendered", d, t),
            workers=workers,
        )
    ]
    done = time.perf_counter()
    return {
        "statements": count,
        "statement_cases": distinct,
        "statement_workers": workers,
        "statements_build_s": round(built - started, 2),
        "statements_render_s": round(done - built, 2),
        "statements_s": round(done - started, 2),
        "statement_ms_each": round((done - started) / count * 1000, 1),
        "statement_kb_median": round(statistics.median(sizes) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a demo database (default: build one in a temporary folder)")
    parser.add_argument("--cases", type=int, default=300, help="cases in the demo built without --db")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    set_language(DEFAULT_LANGUAGE)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/demo.sqlite3"
        db = Database.open(url)
        try:
            if not args.db:
                print(f"building a demo centre of {args.cases} cases …", file=sys.stderr)
                build_demo(db, cases=args.cases)
            figures: dict[str, Any] = bench_agreement(db, args.runs)
            print(
                f"agreement from the database: build {figures['agreement_build_median_ms']} ms + render "
                f"{figures['agreement_render_median_ms']} ms = median {figures['agreement_median_ms']} ms "
                f"(p90 {figures['agreement_p90_ms']}) over {args.runs} warm runs, {figures['agreement_kb']} KB",
                file=sys.stderr,
            )
            figures.update(bench_statements(db, args.statements, args.workers))
        finally:
            db.dispose()
    print(
        f"statements: {figures['statements']} ({figures['statement_cases']} cases) built in "
        f"{figures['statements_build_s']} s, rendered in {figures['statements_render_s']} s with "
        f"{args.workers} worker(s): {figures['statements_s']} s in all, {figures['statement_ms_each']} ms each, "
        f"median {figures['statement_kb_median']} KB",
        file=sys.stderr,
    )
    if args.json:
        print(json.dumps(figures | {"date": dt.date.today().isoformat()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
