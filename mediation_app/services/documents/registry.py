"""Every kind of case document, declared once: the one table the CLI's ``--doc`` choices, the
Documents page, finalisation, numbering and the case file (卷宗) all read.

A :class:`DocumentType` says what a document is: its kind (the stable id: ``--doc agreement``, the
stored kind, the renderer's key), its title, the frozen dataclass it prints from, the builder that
makes that data from the case, the character of its number register (``协`` →
``荔物调协〔2026〕0001号``), the date its number is counted by, the case states in which it
exists, and — for session and follow-up records, one per session or visit — how many the case has.
The built-in kinds are registered below, in the customary order of the case file; adding a kind
is one :func:`register` call here (its builder beside the others) and one renderer in the PDF
ring. Itemised documents are numbered ``record.2`` when stored (:class:`DocumentRef`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.documents import canonical
from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.case_file import CaseFile
from mediation_app.documents.closing import ClosingReport
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.documents.followup import FollowUpRecord
from mediation_app.documents.intake import IntakeRecord
from mediation_app.documents.monthly import MonthlyReport
from mediation_app.documents.notice import RightsNotice
from mediation_app.documents.session_record import SessionRecord
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import ValidationError, WorkflowError
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
from mediation_app.services.documents.document_type import DocumentSource, DocumentType
from mediation_app.storage.models import Case, JudicialConfirmation
from mediation_app.workflow.transitions import CONCLUDED_STATUSES

S = CaseStatus


_TYPES: dict[str, DocumentType] = {}


def register(document_type: DocumentType) -> DocumentType:
    """Add a kind of document (after those already registered, so after them in the case file)."""
    if not document_type.kind.isidentifier():
        raise ValueError(f"a document kind must be an identifier, not {document_type.kind!r}")
    if document_type.kind in _TYPES:
        raise ValueError(f"the document kind {document_type.kind!r} is registered already")
    if any(other.number_prefix == document_type.number_prefix for other in _TYPES.values()):
        raise ValueError(f"the number register {document_type.number_prefix!r} is taken already")
    canonical.register_root(document_type.data_type)
    _TYPES[document_type.kind] = document_type
    return document_type


def unregister(kind: str) -> None:
    """Forget a kind (for a test that registered a throwaway one)."""
    _TYPES.pop(kind, None)


def document_types() -> tuple[DocumentType, ...]:
    """Every kind, in the customary order of the case file."""
    return tuple(_TYPES.values())


def kinds() -> tuple[str, ...]:
    return tuple(_TYPES)


def document_type(kind: str) -> DocumentType:
    """The kind named ``kind``; a clear refusal naming the field for an unknown one."""
    try:
        return _TYPES[str(kind)]
    except KeyError:
        raise ValidationError(
            "kind",
            _("unknown document kind {kind!r}; choose one of {kinds}").format(
                kind=kind, kinds=", ".join(_TYPES)
            ),
            _("Document"),
        ) from None


def title(kind: str) -> str:
    """The document's title in the user's language (``调解协议书``)."""
    return document_type(kind).label()


@dataclass(frozen=True)
class DocumentRef:
    """One document of a case: its kind and, for session and follow-up records, which one."""

    kind: str
    item: int | None = None

    @property
    def type(self) -> DocumentType:
        return document_type(self.kind)

    @property
    def stored_kind(self) -> str:
        """The kind as the document table stores it: ``agreement``, ``record.2``."""
        return self.type.stored_kind(self.item)

    @classmethod
    def parse(cls, stored: str) -> DocumentRef:
        kind, _sep, item = stored.partition(".")
        return cls(kind, int(item) if item else None)

    def describe(self) -> str:
        """``调解记录（第2次）`` / ``调解协议书``."""
        return self.type.describe(self.item)


def resolve(session: Session, case_id: int, kind: str, item: int | None = None) -> DocumentRef:
    """The document meant: an itemised kind without an item is its latest one; other kinds take none."""
    chosen = document_type(kind)
    if chosen.count_items is None:
        if item is not None:
            raise ValidationError("item", _("only session and follow-up records are numbered"), _("Document"))
        return DocumentRef(chosen.kind)
    if item is not None and item < 1:
        raise ValidationError("item", _("must be 1 or more"), _("Document"))
    if item is None:
        item = max(chosen.count_items(session, case_id), 1)  # none yet: the builder says what is missing
    return DocumentRef(chosen.kind, item)


def build(
    session: Session, case_id: int, ref: DocumentRef, *, today: dt.date, number: str | None = None
) -> Any:
    """The data of document ``ref`` of case ``case_id``; ``number`` is a final document's number.

    A case that lacks what the document needs is told by its builder what is missing; one in a
    state where it has no such document is refused, saying which state it is in."""
    case = common.load_case(session, case_id)
    chosen = ref.type
    data = chosen.build(DocumentSource(session, case, today, ref.item, number))
    status = CaseStatus(case.status)
    if not chosen.available_in(status):
        raise WorkflowError(
            _("{document} cannot be made while the case is {status}.").format(
                document=ref.describe(), status=label(status)
            )
        )
    return data


def _applied(session: Session, case: Case) -> bool:
    """Whether the parties have applied for confirmation (recorded, or the application issued)."""
    recorded = session.scalar(select(JudicialConfirmation.id).where(JudicialConfirmation.case_id == case.id))
    return recorded is not None or bool(common.final_number(session, case.id, "confirmation"))


# --- the built-in kinds, in the customary order of the case file (卷内文件排列) --------------------

ACCEPTED = frozenset(CaseStatus) - {S.INTAKE, S.NOT_ACCEPTED}
IN_MEDIATION_OR_LATER = ACCEPTED - {S.AWAITING_CONSENT}
AGREED = frozenset(
    {
        S.AGREEMENT_REACHED,
        S.SIGNED,
        S.CONFIRMATION_APPLIED,
        S.CONFIRMED,
        S.CONFIRMATION_REJECTED,
        S.PERFORMING,
        S.PERFORMED,
        S.NOT_PERFORMED,
        S.FAILED_TO_LITIGATION,  # an agreement that was reached, then not confirmed or not kept
    }
)
SIGNED_OR_LATER = AGREED - {S.AGREEMENT_REACHED}

register(
    DocumentType(
        "intake",
        N_("Intake Form for Property Disputes"),
        IntakeRecord,
        lambda source: intake_data(source.session, source.case),
        "登",
        date_of=lambda data: data.intake_date,
    )
)
register(
    DocumentType(
        "notice",
        N_("Mediation Notice"),
        RightsNotice,
        lambda source: notice_data(source.session, source.case),
        "告",
        statuses=ACCEPTED,
    )
)
register(
    DocumentType(
        "statement",
        N_("Arrears Statement"),
        ArrearsStatement,
        lambda source: statement_data(source.session, source.case),
        "明",
        statuses=ACCEPTED,
    )
)
register(
    DocumentType(
        "record",
        N_("Mediation Record"),
        SessionRecord,
        lambda source: session_data(source.session, source.case, source.item),
        "记",
        statuses=IN_MEDIATION_OR_LATER,
        count_items=lambda session, case_id: len(held_sessions(session, case_id)),
        date_of=lambda data: data.start.date(),
    )
)
register(
    DocumentType(
        "agreement",
        N_("Settlement Agreement"),
        SettlementAgreement,
        lambda source: agreement_data(source.session, source.case, number=source.number),
        "协",
        statuses=AGREED,
        prints_number=True,
    )
)
register(
    DocumentType(
        "confirmation",
        N_("Application for Judicial Confirmation"),
        ConfirmationApplication,
        lambda source: confirmation_data(source.session, source.case, source.today),
        "确",
        statuses=SIGNED_OR_LATER,
        filed_only_if=lambda session, case: _applied(session, case),
    )
)
register(
    DocumentType(
        "followup",
        N_("Follow-up Record"),
        FollowUpRecord,
        lambda source: followup_data(source.session, source.case, source.item),
        "访",
        statuses=SIGNED_OR_LATER,
        count_items=lambda session, case_id: len(follow_ups(session, case_id)),
        date_of=lambda data: data.visit_date,
    )
)
register(
    DocumentType(
        "closing",
        N_("Closing Report"),
        ClosingReport,
        lambda source: closing_data(source.session, source.case),
        "结",
        statuses=CONCLUDED_STATUSES,
    )
)
register(
    DocumentType(
        "file",
        N_("Mediation Case File"),
        CaseFile,
        lambda source: case_file_data(source, filed_types()),
        "卷",
        filed=False,
    )
)

# The monthly statistics are stored and rendered like a document, but belong to no case.
canonical.register_root(MonthlyReport)


def filed_types() -> tuple[DocumentType, ...]:
    """The kinds the case file holds, in its order."""
    return tuple(document_type for document_type in document_types() if document_type.filed)


__all__ = [
    "DocumentRef",
    "DocumentSource",
    "DocumentType",
    "build",
    "document_type",
    "document_types",
    "filed_types",
    "kinds",
    "register",
    "resolve",
    "title",
    "unregister",
]
