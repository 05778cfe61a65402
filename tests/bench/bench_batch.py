"""Benchmark of model mediation of a batch (示范调解), not a test: ``python tests/bench/bench_batch.py``.

A batch of N imported owners (default 200, through the real import: spreadsheet, preview, one
committed batch) in the demo centre, then:

1. ``preview_s`` — every owner under the centre's terms (0.40 yuan per m² off the fee standard,
   half the late fee waived), with totals: the median of ``--runs`` previews. Target < 2 s.
2. ``apply_s`` — one proposal per open case, stored in one transaction (one unit of work, one
   commit; the audit trail holds one ``proposal.create`` per case and one ``batch.propose``).
3. Every owner then accepts through the ordinary flow (not timed).
4. ``print_s`` — every accepted agreement finalised and written as its own PDF, plus the combined
   print job (the first print, which finalises them all; the renderings on every core, as the
   client prints). Target < 20 s. ``reprint_median_s`` is
   the median of printing them again (the final documents taken as they are).

Wall times depend on what else the machine is doing; each phase's CPU time is reported beside it
(``*_cpu_s``) for that reason.

Options: ``--owners N``, ``--runs N`` (default 3), ``--db URL`` (default: a fresh SQLite file),
``--json`` (one JSON line on stdout). Progress goes to stderr. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select

from mediation_app.clock import FixedClock
from mediation_app.domain.actor import SYSTEM
from mediation_app.services.batch import apply_terms, preview_batch, print_agreements
from mediation_app.storage.models import AuditEvent, Proposal
from mediation_app.storage.uow import Database
from reports import registry
from reports.batch import combine, render_documents
from tests.support.batch_setup import TERMS, accept, imported_batch, owner_rows
from tests.support.workflow_setup import START, Centre

TARGETS = {"preview_s": 2.0, "print_s": 20.0}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the rendering processes)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--owners", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temporary folder)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures: dict[str, object] = {"owners": args.owners, "runs": args.runs}
    with tempfile.TemporaryDirectory(prefix="mediation-bench-batch-") as folder:
        os.environ.setdefault("MEDIATION_DATA_DIR", folder)
        clock = FixedClock(START)
        db = Database.open(args.db or f"sqlite:///{folder}/bench.sqlite3", clock)
        try:
            centre = Centre.build(db)
            say(f"importing {args.owners} owners …")
            batch_id, case_ids = imported_batch(centre, Path(folder), owner_rows(args.owners))

            say("previewing …")
            previews, previews_cpu = [], []
            for _run in range(args.runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                with db.read() as session:
                    shown = preview_batch(session, batch_id, SYSTEM, clock.today(), TERMS)
                previews.append(time.perf_counter() - started)
                previews_cpu.append(time.process_time() - started_cpu)
            figures["preview_s"] = round(statistics.median(previews), 3)
            figures["preview_cpu_s"] = round(statistics.median(previews_cpu), 3)
            figures["preview_runs_s"] = [round(s, 3) for s in previews]
            figures["offered"] = len(shown.offered)

            say("applying …")
            with db.read() as session:
                events_before = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
            started, started_cpu = time.perf_counter(), time.process_time()
            with db.unit_of_work(SYSTEM) as uow:
                applied = apply_terms(uow, batch_id, TERMS)
            figures["apply_s"] = round(time.perf_counter() - started, 3)
            figures["apply_cpu_s"] = round(time.process_time() - started_cpu, 3)
            with db.read() as session:
                figures["proposals_stored"] = session.scalar(select(func.count()).select_from(Proposal))
                actions = session.scalars(
                    select(AuditEvent.action).where(AuditEvent.id > events_before)
                ).all()
            figures["apply_audit"] = {action: actions.count(action) for action in sorted(set(actions))}
            figures["apply_transactions"] = 1  # one unit of work, one commit (see apply_terms)
            assert len(applied.proposals) == args.owners

            say(f"{args.owners} owners accepting (not timed) …")
            for case_id in case_ids:
                accept(centre, case_id)

            say("printing …")
            actor = centre.actor("mediator.wu")
            started, started_cpu = time.perf_counter(), _cpu()
            job = print_agreements(
                db,
                actor,
                batch_id,
                Path(folder) / "print",
                registry.render,
                combine,
                render_many=render_documents,
            )
            figures["print_s"] = round(time.perf_counter() - started, 2)
            figures["print_cpu_s"] = round(_cpu() - started_cpu, 2)  # the rendering processes' too
            figures["printed"] = len(job.agreements)
            figures["combined_mb"] = round(job.combined.stat().st_size / 1e6, 2)
            reprints = []
            for run in range(args.runs):
                started = time.perf_counter()
                print_agreements(
                    db,
                    actor,
                    batch_id,
                    Path(folder) / f"again{run}",
                    registry.render,
                    combine,
                    render_many=render_documents,
                )
                reprints.append(time.perf_counter() - started)
            figures["reprint_median_s"] = round(statistics.median(reprints), 2)
        finally:
            db.dispose()
    figures["targets"] = TARGETS
    within = {key: figures[key] < limit for key, limit in TARGETS.items()}  # type: ignore[operator]
    figures["within_targets"] = within
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            print(f"{key:20} {value}")
    return 0 if all(within.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
