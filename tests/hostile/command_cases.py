"""Hostile input to the commands: the calculator (``mediation-app calc``) and the exports and
reports of the month's statistics (``export monthly``, ``report monthly``, ``export cases``).

The calculator's cases are those of ``tests/core/test_fees_hostile.py`` (one list, two suites):
each must end with exit status 2 and one line naming the field. The exports must not overflow
with figures at the upper bound, nor with a legacy row imported before the bounds (92
quadrillion yuan, near the 64-bit limit of integer fen): their totals are checked exactly.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import text

from mediation_app.cli import main
from mediation_app.queries.statistics import monthly_statistics
from mediation_app.services.cases.intake import intake_case
from tests.core.test_fees_hostile import HOSTILE, hostile
from tests.hostile.harness import Env, Hostile, Said
from tests.hostile.intake_cases import base_form, with_check_digit
from tests.support.intake_setup import CLERK

BOUND_MONTH = "2026-10"
TOP = Decimal("9999999999.99")  # the largest amount the bounds accept
LEGACY_FEN = 9_200_000_000_000_000_000  # 92 quadrillion yuan in fen, stored before the bounds


def run(argv: Sequence[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--lang", "en", *argv])
    return status, out.getvalue(), err.getvalue()


def command(argv: Callable[[Env], list[str]]) -> Callable[[Env], Said]:
    """A command that should refuse: exit 2 and one line on stderr."""

    def attempt(env: Env) -> Said:
        status, _out, err = run(argv(env))
        if status == 2 and err.count("\n") == 1:
            return Said((err.strip(),))
        return Said((f"exit {status}: {err.strip()[:200]}",))

    return attempt


def calc_case(what: str, path: str, value: Any, field: str, problem: str) -> Hostile:
    def argv(env: Env) -> list[str]:
        source = env.path("input.json")
        source.write_text(hostile(path, value), encoding="utf-8")
        return ["calc", str(source)]

    return Hostile("calculator", what, command(argv), field, problem)


def workbook_text(path: Path) -> str:
    """The sheet and its shared strings, as written."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith(("xl/worksheets/", "xl/sharedStrings"))]
        return "".join(archive.read(name).decode() for name in names)


def seed_upper_bound(env: Env) -> Decimal:
    """Cases received in ``BOUND_MONTH``: three at the upper bound, two legacy rows near the 64-bit
    limit; the exact total they claim."""
    if "bound_total" in env.extra:
        return Decimal(env.extra["bound_total"])
    ids = []
    for n in range(3):
        form = base_form(env)
        form.owner.id_number = with_check_digit(f"350302198801{n + 1:02d}123")
        form.unit.room = f"77{n:02d}"
        form.intake_date = f"{BOUND_MONTH}-1{n}"
        form.claims = form.claims[:1]
        form.claims[0].amount = str(TOP)
        with env.db.unit_of_work(CLERK) as uow:
            ids.append(intake_case(uow, form).id)
    with env.db.engine.begin() as connection:  # as an import before the bounds left them
        connection.execute(
            text('UPDATE "case" SET claimed_total = :fen WHERE id IN (:a, :b)'),
            {"fen": LEGACY_FEN, "a": ids[0], "b": ids[1]},
        )
    total = 2 * Decimal(LEGACY_FEN).scaleb(-2) + TOP
    env.extra["bound_total"] = str(total)
    return total


def statistics_exact(env: Env) -> Said:
    total = seed_upper_bound(env)
    with env.db.read() as session:
        claimed = monthly_statistics(session, BOUND_MONTH).total.claimed
    return Said((f"claimed {claimed}",), claimed == total)


def export_monthly_exact(env: Env) -> Said:
    total = seed_upper_bound(env)
    target = env.path("monthly.xlsx")
    status, _out, err = run(
        ["export", "monthly", "--month", BOUND_MONTH, "--out", str(target), "--db", env.extra["url"]]
    )
    if status != 0:
        return Said((f"exit {status}: {err.strip()[:200]}",), False)
    return Said((f"exit 0, {target.name}",), f"{total:,}" in workbook_text(target))


def report_monthly(env: Env) -> Said:
    total = seed_upper_bound(env)
    target = env.path("monthly.pdf")
    status, out, err = run(
        ["report", "monthly", "--month", BOUND_MONTH, "--out", str(target), "--db", env.extra["url"]]
    )
    if status != 0:
        return Said((f"exit {status}: {err.strip()[:200]}",), False)
    from tests.support import pdfcheck

    pdfcheck.assert_shows(target.read_bytes(), f"{total:,}")
    return Said((out.strip(),), "received" in out)


def export_cases(env: Env) -> Said:
    seed_upper_bound(env)
    target = env.path("cases.xlsx")
    status, out, err = run(["export", "cases", "--out", str(target), "--db", env.extra["url"]])
    legacy = f"{Decimal(LEGACY_FEN).scaleb(-2):,}"  # every digit, as text
    written = workbook_text(target)
    ok = status == 0 and legacy in written and f"<v>{TOP}</v>" in written
    return Said((f"exit {status}: {(out or err).strip()[:200]}",), ok)


def month_far_ahead(env: Env) -> Said:
    target = env.path("far.xlsx")
    status, _out, err = run(
        ["export", "monthly", "--month", "9999-12", "--out", str(target), "--db", env.extra["url"]]
    )
    return Said((f"exit {status}: {err.strip()[:200]}",), status == 0 and target.exists())


def _argv(*words: str) -> Callable[[Env], list[str]]:
    def argv(env: Env) -> list[str]:
        return [word.format(folder=env.folder, url=env.extra["url"]) for word in words]

    return argv


CALCULATOR = [calc_case(*case) for case in HOSTILE]

EXPORTS = [
    Hostile(
        "exports", "statistics over figures at the bound and legacy 92-quadrillion rows", statistics_exact
    ),
    Hostile("exports", "export monthly over the same rows", export_monthly_exact),
    Hostile("exports", "report monthly over the same rows", report_monthly),
    Hostile("exports", "export cases with a legacy 92-quadrillion row", export_cases),
    Hostile("exports", "export monthly for 9999-12 (the last month there is)", month_far_ahead),
    Hostile(
        "exports",
        "export monthly for month 13",
        command(
            _argv("export", "monthly", "--month", "2017-13", "--out", "{folder}/m.xlsx", "--db", "{url}")
        ),
        "Month",
        "not a month",
    ),
    Hostile(
        "exports",
        "report monthly for month 0000-01",
        command(_argv("report", "monthly", "--month", "0000-01", "--out", "{folder}/m.pdf", "--db", "{url}")),
        "Month",
        "not a month",
    ),
    Hostile(
        "exports",
        "export cases from year 0",
        command(
            _argv("export", "cases", "--from", "0000-01-01", "--out", "{folder}/c.xlsx", "--db", "{url}")
        ),
        "Intake from",
        "not a valid calendar date",
    ),
    Hostile(
        "exports",
        "export monthly for a month with a zero-width space",
        command(
            _argv(
                "export", "monthly", "--month", "2026\u200b-10", "--out", "{folder}/z.xlsx", "--db", "{url}"
            )
        ),
        "Month",
        "zero-width",
    ),
]
