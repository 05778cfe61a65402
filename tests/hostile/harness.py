"""How a hostile input is tried and what its outcome is called.

Each :class:`Hostile` case does one thing a careless or malicious user could do (import a file,
fill in the intake form, run a command) and says what a good program does with it:

- **refuse** it with a clear error: a :class:`~mediation_app.errors.MediationError` (or, for an
  import, an issue in the preview; for a command, exit status 2 and one line on stderr) whose
  text names where the problem is (``where``: a field path, a cell such as ``J2``, a column) and
  says what is wrong (``words``). The database must be exactly as it was;
- or **accept** it, correctly (a genuine ID number of 1995, figures at the upper bound that must
  add up exactly): ``check`` says whether the result is right.

:func:`try_case` runs one case and calls the outcome one of :class:`Outcome`; any exception that
is not a ``MediationError`` is a *traceback*; an error that does not say what was expected, or
an acceptance with a wrong result, is *silently wrong*; a table that has fewer rows afterwards,
or a stored case whose figures changed, is *data lost*.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from mediation_app.errors import FormErrors, MediationError, ValidationError
from mediation_app.storage.models import Base
from mediation_app.storage.uow import Database


class Outcome(StrEnum):
    CLEAR = "clear error"
    ACCEPTED = "accepted, correctly"
    TRACEBACK = "traceback"
    SILENT = "silently wrong"
    LOST = "data lost"


@dataclass
class Env:
    """What a case works with: a database with a small centre and one stored case, a folder."""

    db: Database
    folder: Path
    company_id: int
    extra: dict[str, Any] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        return self.folder / name


@dataclass(frozen=True)
class Said:
    """What the program said (each error or warning as shown, with where it is) and, for a case
    that should be accepted, whether the result is right."""

    lines: tuple[str, ...] = ()
    correct: bool = True


Attempt = Callable[[Env], Said]


@dataclass(frozen=True)
class Hostile:
    area: str
    what: str
    attempt: Attempt
    where: str | None = None  # in the error: the field, cell or column (None: accepted)
    words: str | None = None  # in the error: what is wrong

    @property
    def refuse(self) -> bool:
        return self.words is not None


@dataclass(frozen=True)
class Result:
    case: Hostile
    outcome: Outcome
    detail: str = ""


def refused(error: MediationError) -> Said:
    """A raised error as the user reads it, each field's with the field it names."""
    if isinstance(error, FormErrors):
        return Said(tuple(f"{each.field} {each.message}" for each in error.errors))
    where = f"{error.field} " if isinstance(error, ValidationError) else ""
    return Said((where + error.message,))


def fingerprint(db: Database) -> tuple[dict[str, int], frozenset[str]]:
    """Every table's row count, and each stored case's figures and owner's name (a digest)."""
    with db.read() as session:
        counts = {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
        rows = session.execute(
            text(
                'SELECT c.id, c.claimed_total, o.name FROM "case" c JOIN owner o ON o.id = c.owner_id ORDER BY c.id'
            )
        ).all()
    return counts, frozenset(hashlib.sha256(repr(tuple(row)).encode()).hexdigest() for row in rows)


def try_case(case: Hostile, env: Env) -> Result:
    before = fingerprint(env.db)
    try:
        said = case.attempt(env)
    except MediationError as error:
        if not case.refuse:  # refused what it should have taken
            return Result(case, Outcome.SILENT, "refused: " + "; ".join(refused(error).lines)[:300])
        said = refused(error)
    except Exception as error:  # the outcome this suite exists to rule out
        return Result(case, Outcome.TRACEBACK, f"{type(error).__name__}: {str(error)[:200]}")
    after = fingerprint(env.db)
    lost = [name for name, count in before[0].items() if after[0].get(name, 0) < count]
    if lost or not before[1] <= after[1]:
        return Result(case, Outcome.LOST, f"fewer rows in {lost}" if lost else "a stored case changed")
    if not case.refuse:
        return Result(case, Outcome.ACCEPTED if said.correct else Outcome.SILENT, "; ".join(said.lines)[:300])
    if before != after:  # accepted, or refused after writing part of it
        return Result(case, Outcome.SILENT, "rows were written: " + "; ".join(said.lines)[:300])
    for line in said.lines:
        if (case.where is None or case.where in line) and case.words in line and len(line) < 400:
            return Result(case, Outcome.CLEAR, line)
    return Result(case, Outcome.SILENT, "; ".join(said.lines)[:300] or "accepted without a word")


def tally(results: Iterable[Result]) -> Counter[Outcome]:
    counts: Counter[Outcome] = Counter({outcome: 0 for outcome in Outcome})
    counts.update(result.outcome for result in results)
    return counts


def table(results: Sequence[Result]) -> str:
    """The counts by area and in all: tried / clear error / accepted / traceback / silently
    wrong / data lost."""
    areas = sorted({result.case.area for result in results})
    head = f"{'area':<12}{'tried':>7}" + "".join(f"{outcome.value:>22}" for outcome in Outcome)
    lines = [head]
    for area in [*areas, "all"]:
        chosen = [r for r in results if area in ("all", r.case.area)]
        counts = tally(chosen)
        lines.append(f"{area:<12}{len(chosen):>7}" + "".join(f"{counts[o]:>22}" for o in Outcome))
    bad = [r for r in results if r.outcome not in (Outcome.CLEAR, Outcome.ACCEPTED)]
    lines.extend(f"  {r.outcome.value}: [{r.case.area}] {r.case.what}: {r.detail}" for r in bad)
    return "\n".join(lines)
