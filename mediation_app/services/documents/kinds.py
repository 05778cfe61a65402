"""Which documents a case has, and building each one's data from what is stored.

:class:`DocumentKind` names the case documents (the ``--doc`` of ``mediation-app print``).
Session records and follow-up records exist once per session or visit: their *item* (1-based,
the latest when not given) picks one, and each is its own document (stored kind ``record.2``).
:func:`build` returns the document's frozen dataclass (:mod:`mediation_app.documents`); the
builders, one module per document, are ``document_data_<document>``. A case that lacks what a
document needs gets a :class:`~mediation_app.errors.WorkflowError` naming what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from mediation_app.errors import ValidationError
from mediation_app.i18n import N_, _
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.builders.agreement import (
    agreement_data,
    confirmation_data,
    held_sessions,
)
from mediation_app.services.documents.builders.case_file import case_file_data
from mediation_app.services.documents.builders.followup import closing_data, follow_ups, followup_data
from mediation_app.services.documents.builders.intake import intake_data, notice_data
from mediation_app.services.documents.builders.session import session_data
from mediation_app.services.documents.builders.statement import statement_data


class DocumentKind(StrEnum):
    AGREEMENT = "agreement"
    INTAKE = "intake"
    NOTICE = "notice"
    STATEMENT = "statement"
    RECORD = "record"
    CONFIRMATION = "confirmation"
    FOLLOWUP = "followup"
    CLOSING = "closing"
    FILE = "file"


ITEMISED = frozenset({DocumentKind.RECORD, DocumentKind.FOLLOWUP})

_TITLES = {
    DocumentKind.AGREEMENT: N_("Settlement Agreement"),
    DocumentKind.INTAKE: N_("Intake Form for Property Disputes"),
    DocumentKind.NOTICE: N_("Pre-litigation Mediation Notice"),
    DocumentKind.STATEMENT: N_("Arrears Statement"),
    DocumentKind.RECORD: N_("Mediation Record"),
    DocumentKind.CONFIRMATION: N_("Application for Judicial Confirmation"),
    DocumentKind.FOLLOWUP: N_("Follow-up Record"),
    DocumentKind.CLOSING: N_("Closing Report"),
    DocumentKind.FILE: N_("Mediation Case File"),
}


def title(kind: DocumentKind | str) -> str:
    """The document's title in the user's language (``调解协议书``)."""
    return _(_TITLES[DocumentKind(kind)])


@dataclass(frozen=True)
class DocumentRef:
    """One document of a case: its kind and, for session and follow-up records, which one."""

    kind: DocumentKind
    item: int | None = None

    @property
    def stored_kind(self) -> str:
        """The kind as the document table stores it: ``agreement``, ``record.2``."""
        return self.kind.value if self.item is None else f"{self.kind.value}.{self.item}"

    @classmethod
    def parse(cls, stored: str) -> DocumentRef:
        kind, _sep, item = stored.partition(".")
        return cls(DocumentKind(kind), int(item) if item else None)

    def describe(self) -> str:
        """``调解记录（第2次）`` / ``调解协议书``."""
        if self.item is None:
            return title(self.kind)
        return _("{title} (no. {n})").format(title=title(self.kind), n=self.item)


def resolve(session: Session, case_id: int, kind: DocumentKind | str, item: int | None = None) -> DocumentRef:
    """The document meant: an itemised kind without an item is its latest one; other kinds take none."""
    chosen = DocumentKind(kind)
    if chosen not in ITEMISED:
        if item is not None:
            raise ValidationError("item", _("only session and follow-up records are numbered"), _("Document"))
        return DocumentRef(chosen)
    if item is not None and item < 1:
        raise ValidationError("item", _("must be 1 or more"), _("Document"))
    if item is None:
        count = (
            len(held_sessions(session, case_id))
            if chosen is DocumentKind.RECORD
            else len(follow_ups(session, case_id))
        )
        item = max(count, 1)  # none yet: the builder says what is missing
    return DocumentRef(chosen, item)


def build(
    session: Session, case_id: int, ref: DocumentRef, *, today: dt.date, number: str | None = None
) -> Any:
    """The data of document ``ref`` of case ``case_id``; ``number`` is a final agreement's number."""
    case = common.load_case(session, case_id)
    kind = ref.kind
    if kind is DocumentKind.AGREEMENT:
        return agreement_data(session, case, number=number)
    if kind is DocumentKind.INTAKE:
        return intake_data(session, case)
    if kind is DocumentKind.NOTICE:
        return notice_data(session, case)
    if kind is DocumentKind.STATEMENT:
        return statement_data(session, case)
    if kind is DocumentKind.RECORD:
        return session_data(session, case, ref.item)
    if kind is DocumentKind.CONFIRMATION:
        return confirmation_data(session, case, today)
    if kind is DocumentKind.FOLLOWUP:
        return followup_data(session, case, ref.item)
    if kind is DocumentKind.CLOSING:
        return closing_data(session, case)
    return case_file_data(session, case, today)
