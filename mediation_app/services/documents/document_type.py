"""What a kind of case document is (:class:`DocumentType`) and what its builder is given
(:class:`DocumentSource`). The kinds themselves are declared in :mod:`.registry`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus
from mediation_app.i18n import _
from mediation_app.storage.models import Case


@dataclass(frozen=True)
class DocumentSource:
    """What a builder is given: the case (loaded in ``session``), the day that dates what has no
    date of its own, which item of an itemised kind (1-based), and a final document's number."""

    session: Session
    case: Case
    today: dt.date
    item: int | None = None
    number: str | None = None


def _dated(data: Any) -> dt.date:
    day: dt.date = data.date
    return day


@dataclass(frozen=True)
class DocumentType:
    kind: str
    title: str  # an English message id, translated when shown
    data_type: type[Any]
    build: Callable[[DocumentSource], Any]
    number_prefix: str  # one character after the case prefix, naming the register
    statuses: frozenset[CaseStatus] = frozenset(CaseStatus)  # the states in which the case has it
    count_items: Callable[[Session, int], int] | None = None  # itemised kinds: how many the case has
    date_of: Callable[[Any], dt.date] = _dated  # the document's own date (its number's year)
    prints_number: bool = False  # its data holds its own number, set when it is finalised
    filed: bool = True  # part of the case file (卷宗), in registry order
    filed_only_if: Callable[[Session, Case], bool] | None = None  # e.g. an application once made

    @property
    def itemised(self) -> bool:
        return self.count_items is not None

    def label(self) -> str:
        """The title in the language in force (``调解协议书``)."""
        return _(self.title)

    def available_in(self, status: CaseStatus) -> bool:
        return status in self.statuses

    def stored_kind(self, item: int | None) -> str:
        """The kind as the document table stores it: ``agreement``, ``record.2``."""
        return self.kind if item is None else f"{self.kind}.{item}"

    def describe(self, item: int | None) -> str:
        """``调解协议书`` / ``调解记录（第2次）``."""
        if item is None:
            return self.label()
        return _("{title} (no. {n})").format(title=self.label(), n=item)


__all__ = ["DocumentSource", "DocumentType"]
