"""The documents page's own way to the database, kept while that page is rebuilt on the document
registry.

:mod:`ui.case_view.document_service` still builds, previews and finalises documents with the
case context's ``db``, ``read()`` and ``write(work)``. :class:`~ui.case_view.context.CaseContext`
takes them from this mixin, so the Qt side of the case view reaches no session itself. When the
documents page has a view model of its own, this module and the mixin go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm import Session

from mediation_app.storage.uow import Database, UnitOfWork
from ui.viewmodels.case.open_case import OpenCase

T = TypeVar("T")


class DocumentsDoor:
    """Mixed into the case context, whose ``case`` is the open case and which announces saves."""

    case: OpenCase

    @property
    def db(self) -> Database:
        return self.case.db

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.case.db.read() as session:
            yield session

    def write(self, work: Callable[[UnitOfWork], T], *, announce: bool = True) -> T:
        """Run ``work`` in one unit of work; announce the save when it returns."""
        with self.case.db.unit_of_work(self.case.actor) as uow:
            result = work(uow)
        if announce:
            self.announce_save()
        return result

    def announce_save(self) -> None:
        raise NotImplementedError
