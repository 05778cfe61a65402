"""Stale-edit detection across the user's think-time.

SQLAlchemy's ``version_id_col`` refuses an UPDATE whose row changed since *this transaction*
loaded it. A person, though, reads a record on one screen and saves minutes later in a new unit of
work, which loads the row afresh. So the screen keeps the ``version`` it showed, and the service
compares it before changing anything::

    with db.unit_of_work(actor) as uow:
        case = uow.session.get(Case, case_id)
        check_version(case, expected_version)   # ConflictError if someone saved meanwhile
        ...

Nothing is merged: the user is told to reload, sees the other person's changes, and saves again.
"""

from __future__ import annotations

from typing import Protocol

from mediation_app.errors import ConflictError
from mediation_app.storage.uow import _conflict


class HasVersion(Protocol):
    version: int


def check_version(record: HasVersion, expected_version: int | None) -> None:
    """Raise :class:`ConflictError` (offering to reload) when ``record`` moved past the version seen.

    ``expected_version`` None means the caller has no screen state (a batch job): no check.
    """
    if expected_version is not None and record.version != expected_version:
        raise _conflict()


__all__ = ["ConflictError", "HasVersion", "check_version"]
