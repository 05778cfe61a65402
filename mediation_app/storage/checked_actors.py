"""The accounts one batch transaction has checked, so its nested units of work need not read them again.

A unit of work re-reads its account when it starts (:func:`~mediation_app.storage.uow.current_actor`).
Inside one batch transaction (the demo's thousands of steps) the answer cannot change unless that
transaction itself writes a staff row: SQLite lets no other writer in until it commits, and on
PostgreSQL the first check holds a share lock on the account's row until then. So the batch keeps
each account's answer and forgets them all as soon as a staff row is flushed or touched by an
``insert``/``update``/``delete`` statement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from mediation_app.domain.actor import Actor
from mediation_app.storage.models import Staff


class CheckedActors:
    """Accounts checked in the transaction of ``session``, by (staff id, role)."""

    def __init__(self, session: Session) -> None:
        self._answers: dict[tuple[int, str], Actor] = {}
        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "do_orm_execute", self._after_statement)

    def check(self, session: Session, actor: Actor, read: Callable[[Session, Actor], Actor]) -> Actor:
        """``read(session, actor)``, or its answer from earlier in this transaction. Someone
        without an account is always read again (the sign-in setting decides for them)."""
        if actor.staff_id is None:
            return read(session, actor)
        key = (actor.staff_id, str(actor.role))
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = read(session, actor)
        return answer

    def _after_flush(self, session: Session, _context: UOWTransaction) -> None:
        if any(isinstance(obj, Staff) for obj in (*session.new, *session.dirty, *session.deleted)):
            self._answers.clear()

    def _after_statement(self, state: ORMExecuteState) -> Any:
        if (state.is_insert or state.is_update or state.is_delete) and _writes_staff(state):
            self._answers.clear()
        return None


def _writes_staff(state: ORMExecuteState) -> bool:
    mapper = state.bind_mapper
    return mapper is None or mapper.class_ is Staff  # a statement on no mapped table: assume so
