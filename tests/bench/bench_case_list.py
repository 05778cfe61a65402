"""Benchmark (not a test): start-up to the first page of the case list, and searching, at volume.

    .venv/bin/python tests/bench/bench_case_list.py [--cases 100000] [--runs 5] [--pg]

Builds a database of N cases in a temporary folder (and, with --pg, in a private schema of the
PostgreSQL at $MEDIATION_TEST_PG_URL), then reports medians: process start to the first page
shown (offscreen), a two-character owner-name search, and the first page of each sort.
Targets (issue 2): start-up under 1.5 s, a two-character search under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mediation_app.demo.volume import seed_cases
from mediation_app.queries.case_list import CaseFilter, case_ids, case_rows
from mediation_app.storage.uow import Database

STARTUP_PROBE = """
import sys
from ui.app import create_application, settings, open_main_window
from ui.viewmodels.workspace import Workspace
from mediation_app.i18n import set_language
from mediation_app.services.accounts import local_actor
from mediation_app.storage.uow import Database
app = create_application()
set_language("zh_CN")
db = Database.open(sys.argv[1])
window = open_main_window(Workspace(db, local_actor()), settings())
model = window.case_list.model
assert model.rowCount() > 0 and model.data(model.index(0, 0))
app.processEvents()
print("READY", model.rowCount(), flush=True)
"""


def startup_seconds(url: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="qt.qpa.*=false")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", STARTUP_PROBE, url], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.kill()
    process.wait()
    if not line.startswith("READY"):
        raise RuntimeError(f"the probe did not show the case list: {line!r}")
    return elapsed


def search_ms(db: Database, words: str) -> float:
    started = time.perf_counter()
    with db.read() as session:
        ids = case_ids(session, CaseFilter(text=words))
        case_rows(session, ids[:200])
    return (time.perf_counter() - started) * 1000


def measure(url: str, runs: int) -> dict[str, float]:
    db = Database.open(url)
    try:
        search = [search_ms(db, "林某") for _ in range(runs)]
        phone = [search_ms(db, "1385") for _ in range(runs)]
    finally:
        db.dispose()
    startup = [startup_seconds(url) for _ in range(runs)]
    return {
        "startup_to_list_s": round(statistics.median(startup), 3),
        "search_two_chars_ms": round(statistics.median(search), 1),
        "search_phone_digits_ms": round(statistics.median(phone), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", action="store_true", help="also measure PostgreSQL")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MEDIATION_DATA_DIR"] = folder
        url = f"sqlite:///{folder}/bench.sqlite3"
        db = Database.open(url)
        seed_cases(db, args.cases)
        db.dispose()
        results["sqlite"] = measure(url, args.runs)
        if args.pg:
            base = os.environ.get(
                "MEDIATION_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
            )
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(base)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            pg_url = (
                make_url(base)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(False)
            )
            try:
                db = Database.open(pg_url)
                seed_cases(db, args.cases)
                db.dispose()
                results["postgresql"] = measure(pg_url, args.runs)
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    print(json.dumps({"cases": args.cases, "runs": args.runs, **results}, indent=1))


if __name__ == "__main__":
    main()
