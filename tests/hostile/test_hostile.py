"""Issue 15's proof: every hostile input gets a clear error naming where it is, or is accepted
and stored right; no traceback, nothing silently wrong, no data lost. On SQLite and PostgreSQL.

The counts are printed (``pytest -s``, or ``python -m tests.hostile.suite``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mediation_app.storage.uow import Database
from tests.hostile.harness import Outcome, table, tally, try_case
from tests.hostile.suite import AREAS, make_env

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("area", list(AREAS))
def test_every_hostile_input_is_refused_clearly_or_accepted_right(
    area: str, db: Database, db_url: str, tmp_path: Path
) -> None:
    env = make_env(db, db_url, tmp_path)
    results = [try_case(case, env) for case in AREAS[area]]
    print("\n" + table(results))
    counts = tally(results)
    assert len(results) == len(AREAS[area]) and counts[Outcome.CLEAR] > 0
    assert (counts[Outcome.TRACEBACK], counts[Outcome.SILENT], counts[Outcome.LOST]) == (0, 0, 0), table(
        results
    )
