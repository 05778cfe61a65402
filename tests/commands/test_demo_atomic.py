"""``demo`` is atomic: a build interrupted halfway leaves nothing that ``demo --if-missing`` (and so
``make run``) would take for a demo centre — on SQLite the target is untouched and the next
``--if-missing`` builds it; on PostgreSQL the half-built database is refused with a clear message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from mediation_app.backup.locate import sqlite_path
from mediation_app.cli import main
from mediation_app.demo import centre
from mediation_app.storage.models import Case, Organization
from mediation_app.storage.uow import Database

pytestmark = pytest.mark.usefixtures("english")

CASES = 6


class Interrupted(Exception):
    pass


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, cases: int) -> None:
    """Make the build fail once ``cases`` cases are in (the progress callback raises)."""
    real_play: Callable[..., None] = centre.play

    def play(*args: Any, **kwargs: Any) -> None:
        def boom(done: int, total: int) -> None:
            if done >= cases:
                raise Interrupted(f"interrupted after {done} of {total} cases")

        kwargs["progress"] = boom
        real_play(*args, **kwargs)

    monkeypatch.setattr(centre, "play", play)


def _count(url: str, model: type[Case] | type[Organization]) -> int:
    db = Database.open(url)
    try:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(model)) or 0
    finally:
        db.dispose()


def _cases(url: str) -> int:
    return _count(url, Case)


def test_an_interrupted_demo_leaves_nothing_if_missing_accepts(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _interrupt_after(monkeypatch, 3)
    with pytest.raises(Interrupted):
        main(["--db", db_url, "demo", "--cases", str(CASES)])
    monkeypatch.undo()
    capsys.readouterr()
    target = sqlite_path(db_url)
    if target is not None:
        assert _cases(db_url) == 0  # the target never saw the half-built demo
        assert not [p for p in target.parent.iterdir() if ".building-" in p.name]  # nor is one left
        assert main(["--db", db_url, "demo", "--if-missing", "--cases", str(CASES)]) == 0
        assert _cases(db_url) == CASES
        assert main(["--db", db_url, "demo", "--if-missing", "--cases", str(CASES)]) == 0  # nothing to do
        assert _cases(db_url) == CASES
    else:
        # A server database holds what was committed: the centre's set-up (the cases' steps were
        # in a batch transaction the interruption rolled back) …
        assert _count(db_url, Organization) > 0 and _cases(db_url) == 0
        # … and says so (in English: monkeypatch.undo() above undid the english fixture too)
        assert main(["--db", db_url, "--lang", "en", "demo", "--if-missing", "--cases", str(CASES)]) == 2
        assert "was interrupted" in capsys.readouterr().err
