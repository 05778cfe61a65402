"""``mediation-app bench``: the figures the issue sets targets for, measured at volume.

It builds a database of N cases in a temporary folder (:func:`mediation_app.demo.volume.seed_cases`)
and reports, each a median of several runs:

- ``startup_to_list_s`` — a fresh process (``python -m ui.benchmark.client_probe``; in the bundle, the
  bundle's own executable, see :func:`probe_command`) from its start to the case list shown with its
  first rows drawn (offscreen); target < 1.5 s;
- ``search_two_chars_ms`` — in that client, from the last keystroke of a two-character name
  (林某, 陈某 …) to the list showing the results: the search box's debounce, the query and the
  repaint; target < 100 ms. ``search_query_ms`` is the query alone (ids and the first 200 rows,
  read through the case list's view model as the list reads them);
- ``recalc_ms`` — the live recalculation the settlement panel runs when a discount changes: the
  centre's own case read from the database (through the settlement page's view model), its
  calculator input built with a 0.40 yuan/m² reduction, and the calculator run; target < 50 ms;
- ``calc_10k_units_s`` — the calculator benchmark (``tests/bench/bench_calc.py``): 10,000 units
  with ten years of fees each; target < 5 s;
- ``agreement_pdf_ms`` — the documents benchmark (``tests/bench/bench_documents.py``); target
  < 50 ms;
- ``rss_mb`` — the client's peak memory after start-up and the searches; target < 300 MB;
- ``batch_preview_s`` and ``batch_print_s`` — the batch benchmark (``tests/bench/bench_batch.py``):
  a batch of 200 imported owners previewed under the centre's terms (target < 2 s), the proposals
  applied in one transaction (``batch_apply_s``), and the 200 accepted agreements printed, one PDF
  each plus the combined job (target < 20 s).

Beside them, the floors they are judged against, measured on the same machine in the same run:

- ``floor_window_s`` — a fresh process (``client_probe --floor``) that imports the client's
  libraries (Qt's widgets, SQLAlchemy's ORM, babel) and shows an empty window with a 50-row
  table, timed from its start to ``ready`` as start-up is; ``startup_ratio`` is
  ``startup_to_list_s / floor_window_s`` (target ≤ 2);
- ``floor_first_page_ms`` — the bare SQL of the first screenful of the same two-character searches
  (``sqlite3``, no ORM: the ids of the first 200 matches in the list's order, with LIMIT);
  ``search_ratio`` is ``search_two_chars_ms / floor_first_page_ms``;
- ``demo_build_s`` — ``mediation-app demo`` building the 300-case demo centre into a new file (a
  fresh process, as ``make run`` starts it; at most three runs, it takes a while).

A figure whose benchmark is not installed (the bundle, which has no ``tests/``; a machine without
Qt or reportlab) is reported as null with the reason under ``notes``. Qt and reportlab are never
imported here: the client and the documents run in their own processes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from mediation_app.backup.startup import open_for_app
from mediation_app.demo.volume import seed_cases
from mediation_app.domain.search import query_words
from mediation_app.fees import RateReduction
from mediation_app.paths import sqlite_url
from mediation_app.queries.case_list import CaseFilter
from mediation_app.services.accounts import local_actor
from mediation_app.services.settlement.preview import preview
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.case_list import CaseListViewModel
from ui.viewmodels.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "tests" / "bench"
TWO_CHARACTER_NAMES = ("林某", "陈某", "黄某", "张某", "吴某")
CENTRE_CASE = "车某 荔景花园 1502"  # the owner and the flat of the centre's own case
GUI_TIMEOUT_S = 120
BUNDLE_PROBE_FLAG = "--bench-probe"  # installer/entry.py runs client_probe.main for it
CONSOLE_EXECUTABLE = "mediation-app-cli.exe"  # the Windows bundle's console twin of the client
NOT_HERE = "is not here (a script of the source tree, not of the bundle): run bench from the source tree"

DEMO_CASES = 300  # what ``mediation-app demo`` (and so ``make run``) builds
DEMO_RUNS = 3
FIRST_PAGE = 200  # the case list's first screenful (ui.models.case_table_model.FIRST_PAGE)
# The case list's default order (newest intake first; queries.case_list._order), as bare SQL.
FIRST_PAGE_SQL = 'SELECT id FROM "case" WHERE {where} ORDER BY intake_date DESC, id DESC LIMIT ' + str(
    FIRST_PAGE
)

TARGETS = {
    "startup_to_list_s": 1.5,
    "startup_ratio": 2.0,
    "search_two_chars_ms": 30.0,
    "demo_build_s": 10.0,
    "recalc_ms": 50.0,
    "calc_10k_units_s": 5.0,
    "agreement_pdf_ms": 50.0,
    "rss_mb": 300.0,
    "batch_preview_s": 2.0,
    "batch_print_s": 20.0,
}

Progress = Callable[[str], None]


def _medians(probes: list[dict[str, Any]]) -> dict[str, Any]:
    """The client's figures over several single-run probes: each key's median."""
    startups = [p["startup_to_list_s"] for p in probes]
    searches = [p["search_two_chars_ms"] for p in probes if p.get("search_two_chars_ms") is not None]
    memory = [p["rss_mb"] for p in probes if p.get("rss_mb") is not None]
    return {
        "startup_to_list_s": round(statistics.median(startups), 3),
        "startup_runs_s": startups,
        "search_two_chars_ms": round(statistics.median(searches), 1) if searches else None,
        "search_runs_ms": searches,
        "rss_mb": max(memory) if memory else None,
    }


def _ratio(value: object, floor: object) -> float | None:
    if isinstance(value, int | float) and isinstance(floor, int | float) and floor > 0:
        return round(value / floor, 2)
    return None


def median_ms(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


def search_query_ms(workspace: Workspace, runs: int) -> float:
    """The search query alone: ids of every match in display order and the first 200 rows."""
    cases = CaseListViewModel(workspace)

    def search(words: str) -> Callable[[], None]:
        def run() -> None:
            ids = cases.case_ids(CaseFilter(text=words))
            cases.case_rows(ids[:200])

        return run

    per_name = [median_ms(search(words), runs) for words in TWO_CHARACTER_NAMES]
    return round(statistics.median(per_name), 2)


def floor_first_page_ms(path: Path, runs: int) -> float:
    """The bare SQL of the list's first screenful for each two-character search, with sqlite3
    alone: the floor the client's keystroke-to-rows is judged against."""
    connection = sqlite3.connect(str(path))
    try:

        def first_page(words: str) -> Callable[[], None]:
            folded = query_words(words)
            sql = FIRST_PAGE_SQL.format(where=" AND ".join(["search_text LIKE ?"] * len(folded)))
            parameters = [f"%{word}%" for word in folded]

            def run() -> None:
                connection.execute(sql, parameters).fetchall()

            return run

        per_name = [median_ms(first_page(words), runs) for words in TWO_CHARACTER_NAMES]
    finally:
        connection.close()
    return round(statistics.median(per_name), 2)


def recalc_ms(workspace: Workspace, runs: int) -> float | None:
    """The settlement panel's live recalculation on the centre's own case (0.40 yuan/m² off)."""
    matches = CaseListViewModel(workspace).case_ids(CaseFilter(text=CENTRE_CASE))
    if not matches:
        return None
    settlement = CaseViewModel(workspace, min(matches)).settlement

    def recalculate() -> None:  # as typed into the panel: 0.40 off every month
        preview(settlement.preview_base(), [RateReduction(per_m2=Decimal("0.40"))])

    recalculate()  # warm: the rate history and the mappers load once per process
    return median_ms(recalculate, runs)


def probe_command(
    url: str, *, frozen: bool | None = None, executable: str | None = None, floor: bool = False
) -> list[str]:
    """How to start the client probe as a fresh process: ``python -m`` it, or, inside the bundle
    (where ``sys.executable`` is the app itself, which knows no ``-m``), the bundle's hidden
    ``--bench-probe`` entry (``installer/entry.py``). On Windows the console executable runs it,
    so that its output reaches this process whichever of the two runs ``bench``."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    target = ["--floor"] if floor else [url]
    if not frozen:
        return [executable, "-m", "ui.benchmark.client_probe", *target]
    console = Path(executable).with_name(CONSOLE_EXECUTABLE)
    return [str(console) if console.is_file() else executable, BUNDLE_PROBE_FLAG, *target]


def cli_command(*arguments: str) -> list[str]:
    """How to run ``mediation-app ARGUMENTS`` as a fresh process (the bundle runs itself)."""
    if getattr(sys, "frozen", False):
        console = Path(sys.executable).with_name(CONSOLE_EXECUTABLE)
        return [str(console) if console.is_file() else sys.executable, *arguments]
    return [sys.executable, "-m", "mediation_app", *arguments]


def _time_to_ready(command: list[str], env: dict[str, str]) -> tuple[float, subprocess.Popen[str]]:
    """Start ``command``; the seconds until it printed its ``ready`` line, and the process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=str(ROOT)
    )
    assert process.stdout is not None
    try:
        first = json.loads(process.stdout.readline() or "{}")
    except ValueError:
        first = {}
    elapsed = time.perf_counter() - started
    if "ready" not in first:
        process.kill()
        process.wait()
        raise RuntimeError(f"the window was not shown: {first}")
    return elapsed, process


def compile_sources() -> None:
    """Byte-compile the app's own modules, as an installed app (or the bundle) has them: with
    PYTHONDONTWRITEBYTECODE set, a source tree would otherwise compile them at every start, which
    the floor (whose libraries come compiled) never pays."""
    if getattr(sys, "frozen", False):
        return
    import compileall

    for package in ("mediation_app", "ui", "reports"):
        if (ROOT / package).is_dir():
            compileall.compile_dir(str(ROOT / package), quiet=2, workers=1)


def run_floor_window(runs: int, env: dict[str, str]) -> float:
    """The start-up floor: the median of ``client_probe --floor`` from start to ``ready``."""
    times = []
    for _ in range(runs):
        elapsed, process = _time_to_ready(probe_command("", floor=True), env)
        times.append(elapsed)
        try:
            process.wait(timeout=GUI_TIMEOUT_S)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return round(statistics.median(times), 3)


def run_demo_build(runs: int, env: dict[str, str], cases: int | None = None) -> float:
    """``mediation-app demo`` into a new file: the median of ``runs`` builds, in seconds."""
    cases = DEMO_CASES if cases is None else cases
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="mediation-demo-") as folder:
            url = sqlite_url(Path(folder) / "demo.sqlite3")
            started = time.perf_counter()
            result = subprocess.run(
                cli_command("demo", "--db", url, "--cases", str(cases)),
                capture_output=True,
                text=True,
                env=dict(env, MEDIATION_DATA_DIR=folder),
                cwd=str(ROOT),
            )
            times.append(time.perf_counter() - started)
            if result.returncode != 0:
                raise RuntimeError(f"the demo was not built: {result.stderr.strip()[-300:]}")
    return round(statistics.median(times), 2)


def run_gui_probe(url: str, runs: int, env: dict[str, str]) -> dict[str, Any]:
    """Start the client ``runs`` times; the start-up median, and the searches and memory of the last."""
    startups: list[float] = []
    last: dict[str, Any] = {}
    for _ in range(runs):
        try:
            elapsed, process = _time_to_ready(probe_command(url), env)
        except RuntimeError as problem:
            raise RuntimeError(f"the client did not show the case list: {problem}") from problem
        assert process.stdout is not None
        try:
            startups.append(elapsed)
            last = json.loads(process.stdout.readline() or "{}")
            process.wait(timeout=GUI_TIMEOUT_S)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return {
        "startup_to_list_s": round(statistics.median(startups), 3),
        "startup_runs_s": [round(s, 3) for s in startups],
        "search_two_chars_ms": last.get("search_median_ms"),
        "rss_mb": last.get("rss_mb"),
    }


def _bench_script(name: str) -> Path | None:
    """A script of ``tests/bench``, run by this interpreter; None in the bundle (no ``tests/``, and
    its executable runs no scripts)."""
    path = BENCH_DIR / name
    return path if path.is_file() and not getattr(sys, "frozen", False) else None


def _json_tail(output: str) -> dict[str, Any]:
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            parsed = json.loads(line)
            return parsed if isinstance(parsed, dict) else {}
    return {}


def run_calc_bench(runs: int, env: dict[str, str]) -> dict[str, Any]:
    script = _bench_script("bench_calc.py")
    if script is None:
        return {"note": f"tests/bench/bench_calc.py {NOT_HERE}"}
    result = subprocess.run(
        [sys.executable, str(script), "--units", "10000", "--runs", str(runs), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    figures = _json_tail(result.stdout)
    if "total_median_s" not in figures:
        return {"note": f"bench_calc.py gave no figures: {result.stderr.strip()[-300:]}"}
    return {
        "calc_10k_units_s": figures["total_median_s"],
        "per_case_median_ms": figures.get("per_case_median_ms"),
    }


def run_documents_bench(runs: int, env: dict[str, str]) -> dict[str, Any]:
    script = _bench_script("bench_documents.py")
    if script is None:
        return {"note": f"tests/bench/bench_documents.py {NOT_HERE}"}
    result = subprocess.run(
        # Warm renders are quick: more of them than the other figures' runs. The statement batch is
        # that benchmark's other half, not one of ours: kept to a token size.
        [
            sys.executable,
            str(script),
            "--runs",
            str(max(runs * 4, 20)),
            "--statements",
            "10",
            "--workers",
            "1",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    figures = _json_tail(result.stdout)
    for key in ("agreement_median_ms", "agreement_pdf_ms"):
        if isinstance(figures.get(key), int | float):
            return {"agreement_pdf_ms": figures[key]}
    return {
        "note": f"bench_documents.py gave no agreement figure: {(result.stderr or result.stdout).strip()[-300:]}"
    }


def run_batch_bench(runs: int, env: dict[str, str]) -> dict[str, Any]:
    script = _bench_script("bench_batch.py")
    if script is None:
        return {"note": f"tests/bench/bench_batch.py {NOT_HERE}"}
    result = subprocess.run(
        [sys.executable, str(script), "--owners", "200", "--runs", str(runs), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    figures = _json_tail(result.stdout)
    if "preview_s" not in figures:
        return {"note": f"bench_batch.py gave no figures: {result.stderr.strip()[-300:]}"}
    return {
        "batch_preview_s": figures["preview_s"],
        "batch_apply_s": figures.get("apply_s"),
        "batch_print_s": figures.get("print_s"),
    }


def run(cases: int = 100_000, runs: int = 5, progress: Progress | None = None) -> dict[str, Any]:
    """Build the database, measure everything, return the figures (see the module's docstring)."""
    say = progress or (lambda _text: None)
    notes: dict[str, str] = {}
    figures: dict[str, Any] = {"cases": cases, "runs": runs}
    with tempfile.TemporaryDirectory(prefix="mediation-bench-") as folder:
        env = dict(
            os.environ,
            MEDIATION_DATA_DIR=folder,
            QT_QPA_PLATFORM="offscreen",
            QT_LOGGING_RULES="qt.qpa.*=false",
        )
        env.pop("MEDIATION_DB_URL", None)
        path = Path(folder) / "bench.sqlite3"
        url = sqlite_url(path)
        say(f"seeding {cases:,} cases …")
        started = time.perf_counter()
        db = open_for_app(url)
        try:
            seed_cases(db, cases)
            figures["seed_s"] = round(time.perf_counter() - started, 1)
            say("measuring the search query and the live recalculation …")
            workspace = Workspace(db, replace(local_actor(), without_sign_in=False))  # a tool, not a person
            figures["search_query_ms"] = search_query_ms(workspace, runs)
            figures["floor_first_page_ms"] = floor_first_page_ms(path, runs)
            figures["recalc_ms"] = recalc_ms(workspace, runs)
            if figures["recalc_ms"] is None:
                notes["recalc_ms"] = "the centre's own case is not in the database"
        finally:
            db.dispose()
        say("starting the client …")
        compile_sources()
        try:
            # The floor and the client by turns, so both see the machine in the same state.
            floors: list[float] = []
            probes: list[dict[str, Any]] = []
            for _ in range(runs):
                floors.append(run_floor_window(1, env))
                probes.append(run_gui_probe(url, 1, env))
            figures.update(_medians(probes))
            figures["floor_window_s"] = round(statistics.median(floors), 3)
        except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as problem:
            figures.update(startup_to_list_s=None, search_two_chars_ms=None, rss_mb=None, floor_window_s=None)
            notes["startup_to_list_s"] = f"the client could not be measured: {problem}"
        figures["startup_ratio"] = _ratio(figures.get("startup_to_list_s"), figures.get("floor_window_s"))
        figures["search_ratio"] = _ratio(
            figures.get("search_two_chars_ms"), figures.get("floor_first_page_ms")
        )
    say(f"building the {DEMO_CASES}-case demo …")
    try:
        figures["demo_build_s"] = run_demo_build(min(runs, DEMO_RUNS), env)
    except (OSError, RuntimeError) as problem:
        figures["demo_build_s"] = None
        notes["demo_build_s"] = str(problem)
    say("running the calculator benchmark …")
    calc = run_calc_bench(runs, env)
    figures["calc_10k_units_s"] = calc.get("calc_10k_units_s")
    if "note" in calc:
        notes["calc_10k_units_s"] = calc["note"]
    say("running the documents benchmark …")
    documents = run_documents_bench(runs, env)
    figures["agreement_pdf_ms"] = documents.get("agreement_pdf_ms")
    if "note" in documents:
        notes["agreement_pdf_ms"] = documents["note"]
    say("running the batch benchmark …")
    batch = run_batch_bench(runs, env)
    for key in ("batch_preview_s", "batch_apply_s", "batch_print_s"):
        figures[key] = batch.get(key)
    if "note" in batch:
        notes["batch_preview_s"] = batch["note"]
    figures["targets"] = TARGETS
    figures["within_targets"] = {
        key: (None if figures.get(key) is None else figures[key] < limit) for key, limit in TARGETS.items()
    }
    if notes:
        figures["notes"] = notes
    return figures
