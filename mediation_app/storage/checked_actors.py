"""The accounts one batch transaction has checked, so its nested units of work need not read them again.

A unit of work re-reads its account when it starts (:func:`~mediation_app.storage.uow.current_actor`).
Inside one batch transaction (the demo's thousands of steps) the answer cannot change unless that
transaction itself changes a staff row: SQLite lets no other writer in until it commits, and on
PostgreSQL the check's share lock on the account's row is held until then — unless the savepoint
it was taken in is rolled back, which releases it. So the batch keeps each account's answer and
forgets them all when:

- the transaction writes to the staff table, by whatever statement (every statement the batch's
  connection executes is looked at, so an ORM flush, a bulk update and plain SQL text alike);
- a step is about to be checked while a staff object holds a change not yet flushed (it is
  flushed first, as the check's own query would have done);
- a step's savepoint is rolled back, on PostgreSQL (the locks taken in it are gone) and on SQLite
  when the transaction wrote to the staff table since the savepoint began (what it wrote is gone:
  an answer read after that write would be stale; one read before it was forgotten at the write);
- the transaction ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.storage.models import Staff
from mediation_app.storage.unwritten import has_unwritten

_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK TO")
_STAFF = re.compile(rf"\b{Staff.__tablename__}\b", re.IGNORECASE)


class CheckedActors:
    """Accounts checked in the transaction of ``session``, by (staff id, role)."""

    def __init__(self, session: Session) -> None:
        self._answers: dict[tuple[int, str], Actor] = {}
        self._staff_writes = 0  # statements of this transaction that wrote to the staff table
        self._connection: Connection = session.connection()
        event.listen(self._connection, "before_cursor_execute", self._before_statement)

    def check(self, session: Session, actor: Actor, read: Callable[[Session, Actor], Actor]) -> Actor:
        """``read(session, actor)``, or its answer from earlier in this transaction. Someone
        without an account is always read again (the sign-in setting decides for them)."""
        if actor.staff_id is None:
            return read(session, actor)
        if has_unwritten(session, Staff):
            session.flush()  # a staff change waiting for a flush: written now, so it is seen
        key = (actor.staff_id, str(actor.role))
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = read(session, actor)
        return answer

    def mark(self) -> int:
        """A point to compare with in :meth:`rolled_back` (taken when a savepoint begins)."""
        return self._staff_writes

    def rolled_back(self, mark: int, *, locks_released: bool) -> None:
        """The savepoint begun at ``mark`` was rolled back: forget the answers when the locks taken
        since are gone, or when a staff row written since (and now undone) may lie behind one."""
        if locks_released or self._staff_writes != mark:
            self._answers.clear()

    def close(self) -> None:
        """The transaction is over: nothing checked in it holds any more."""
        self._answers.clear()
        if event.contains(self._connection, "before_cursor_execute", self._before_statement):
            event.remove(self._connection, "before_cursor_execute", self._before_statement)

    def _before_statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if Staff.__tablename__ not in statement.lower():
            return  # most statements never name the table: no need to parse them
        text = statement.lstrip()
        if not text[:11].upper().startswith(_READS) and _STAFF.search(text):
            self._answers.clear()
            self._staff_writes += 1
