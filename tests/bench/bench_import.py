"""Benchmark: preview (and optionally import) a 10,000-row company spreadsheet.

    .venv/bin/python tests/bench/bench_import.py [--rows 10000] [--commit] [--db URL]

The target is a preview in under 10 seconds for 10,000 rows (the issue's proof). The commit is
measured with ``--commit`` (each case goes through the intake service, so it takes longer; the
client shows its progress). Prints one line per phase; exits 1 when the preview misses the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mediation_app.batch_import import commit_import, preview
from mediation_app.clock import CHINA, FixedClock
from mediation_app.storage.uow import Database
from tests.support.import_sheets import CLERK, small_centre, write_big_xlsx

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--commit", action="store_true", help="also import the rows (one transaction)")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MEDIATION_DATA_DIR", folder)
        path = Path(folder) / "big.xlsx"
        started = time.perf_counter()
        write_big_xlsx(path, args.rows)
        print(
            f"wrote {args.rows} rows: {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.2f} s"
        )
        clock = FixedClock(dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA))
        db = Database.open(args.db or f"sqlite:///{folder}/bench.sqlite3", clock)
        try:
            centre = small_centre(db)
            started = time.perf_counter()
            with db.read() as session:
                result = preview(session, path, centre.company_id, today=clock.today())
            seconds = time.perf_counter() - started
            print(
                f"preview: {seconds:.2f} s for {len(result.rows)} rows "
                f"({len(result.valid_rows)} valid, {len(result.error_rows)} with errors); target < {TARGET_SECONDS:.0f} s"
            )
            if args.commit:
                started = time.perf_counter()
                with db.unit_of_work(CLERK) as uow:
                    outcome = commit_import(uow, result)
                seconds_commit = time.perf_counter() - started
                print(
                    f"commit: {seconds_commit:.2f} s for {len(outcome.cases)} cases "
                    f"({seconds_commit / max(1, len(outcome.cases)) * 1000:.1f} ms per case)"
                )
        finally:
            db.dispose()
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
