"""The hostile-input suite as one list, and the environment its cases run in.

``python -m tests.hostile.suite [--db URL]`` runs every case (on a fresh SQLite database unless
a URL is given) and prints the counts: tried / clear error / accepted, correctly / traceback /
silently wrong / data lost. ``tests/hostile/test_hostile.py`` runs the same cases under pytest,
on SQLite and PostgreSQL, and fails on any traceback, silent wrong or lost data.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mediation_app.clock import CHINA, FixedClock
from mediation_app.i18n import set_language
from mediation_app.services.cases.intake import CompanyForm, intake_case
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine
from mediation_app.storage.uow import Database
from tests.hostile import command_cases, import_cases, intake_cases
from tests.hostile.harness import Env, Hostile, Result, table, try_case
from tests.support.import_sheets import small_centre
from tests.support.intake_setup import CLERK, intake_form

AREAS: dict[str, list[Hostile]] = {
    "intake": intake_cases.CASES,
    "import": import_cases.CASES,
    "calculator": command_cases.CALCULATOR,
    "exports": command_cases.EXPORTS,
}
ALL = [case for cases in AREAS.values() for case in cases]


def clock() -> FixedClock:
    import datetime as dt

    return FixedClock(dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA))


def make_env(db: Database, url: str, folder: Path) -> Env:
    """A small centre (two companies, two communities) and the centre's own case (车某)."""
    centre = small_centre(db)
    form = intake_form(centre.centre_id, centre.community_id)
    form.company = CompanyForm(existing_id=centre.company_id)
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
    return Env(db, folder, centre.company_id, {"intake_form": form, "url": url})


def run_all(url: str, folder: Path, cases: Sequence[Hostile] = ALL) -> list[Result]:
    engine = open_engine(url)
    migrate.upgrade(engine)
    db = Database(engine, clock())
    try:
        env = make_env(db, url, folder)
        return [try_case(case, env) for case in cases]
    finally:
        db.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--area", action="append", choices=list(AREAS), help="only these areas")
    parser.add_argument("--verbose", action="store_true", help="print what was said for every case")
    args = parser.parse_args(argv)
    cases = [case for area in args.area or AREAS for case in AREAS[area]]
    set_language("en")
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/hostile.sqlite3"
        results = run_all(url, Path(folder), cases)
    if args.verbose:
        for result in results:
            print(f"[{result.case.area}] {result.case.what} -> {result.outcome.value}: {result.detail}")
    print(table(results))
    bad = [r for r in results if r.outcome.value not in ("clear error", "accepted, correctly")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
