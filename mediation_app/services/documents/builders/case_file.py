"""卷宗 from the case: every document the case has and the files handed in, in the customary
order, with its cover.

The order and the kinds of document are the registry's (:func:`mediation_app.services.documents.
registry.filed_types`, handed in). A document that has been finalised goes into the file as it was
issued (its stored data); one that has not is built from the case as it stands; one the case does
not have (no agreement, not closed, not in a state that has it) is simply absent, and so is one
whose kind files it only on a condition the case does not meet (an application for confirmation
that was never made).

The files attached to the case (PDF, JPEG, PNG) are bound in their customary places: the proofs of
identity after the intake form (the application), the evidence after the arrears statement, the
signed scan of a document right after that document, the payment receipts after the follow-up
records (the performance), each group in the order the files were attached. A kind of document
the case lacks moves its files up behind the nearest earlier document. Files of other types
(spreadsheets, text) are named on the closing sheet as kept electronically; files of kind
"other" are not filed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from mediation_app.clock import CHINA
from mediation_app.documents.case_file import BINDABLE, CaseFile, FiledAttachment, FiledDocument
from mediation_app.domain.enums import AttachmentKind, CaseStatus
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.queries.outcomes import case_ending
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.document_type import DocumentSource, DocumentType
from mediation_app.storage.models import Attachment, Document

# After which kind of document each kind of file is bound (signed scans: after their document).
FILED_AFTER = {
    AttachmentKind.IDENTITY: "intake",
    AttachmentKind.EVIDENCE: "statement",
    AttachmentKind.SIGNED_SCAN: "agreement",  # a scan whose document is not in the file
    AttachmentKind.RECEIPT: "followup",
}

Section = FiledDocument | FiledAttachment


def _filed(source: DocumentSource, document_type: DocumentType, item: int | None) -> FiledDocument | None:
    session, case = source.session, source.case
    stored_kind = document_type.stored_kind(item)
    data = common.final_data(session, case.id, stored_kind)
    final = isinstance(data, document_type.data_type)
    if not final:
        try:
            data = document_type.build(DocumentSource(session, case, source.today, item))
        except WorkflowError:  # the case does not have this document (yet)
            return None
    return FiledDocument(stored_kind, document_type.describe(item), document_type.date_of(data), data, final)


def _place(
    sections: list[Section], order: dict[str, int], kind: AttachmentKind, document_kind: str | None
) -> int:
    """Where a file of ``kind`` goes: behind its document (a signed scan), else behind the last
    document filed no later than the kind's anchor; after the files already placed there."""
    index = -1
    if document_kind is not None:
        index = next(
            (i for i, s in enumerate(sections) if isinstance(s, FiledDocument) and s.kind == document_kind),
            -1,
        )
    if index < 0:
        anchor = order.get(FILED_AFTER[kind], len(order))
        for i, section in enumerate(sections):
            if isinstance(section, FiledDocument) and order.get(section.base_kind, len(order)) <= anchor:
                index = i
    index += 1
    while index < len(sections) and isinstance(sections[index], FiledAttachment):
        index += 1
    return index


def _attachments(
    source: DocumentSource, sections: list[Section], types: Sequence[DocumentType]
) -> tuple[str, ...]:
    """Put the case's files into ``sections``; returns those kept only electronically."""
    session, case = source.session, source.case
    order = {document_type.kind: index for index, document_type in enumerate(types)}
    rows = session.execute(
        select(Attachment, Document.kind)
        .outerjoin(Document, Document.id == Attachment.document_id)
        .where(Attachment.case_id == case.id)
        .order_by(Attachment.uploaded_at, Attachment.id)
    ).all()
    unbound: list[str] = []
    for attachment, document_kind in rows:
        try:
            kind = AttachmentKind(attachment.kind)
        except ValueError:
            continue
        if kind not in FILED_AFTER:
            continue
        if attachment.mime not in BINDABLE:
            unbound.append(
                _("{kind}: {title} ({file})").format(
                    kind=kind.label, title=attachment.title, file=attachment.filename
                )
            )
            continue
        filed = FiledAttachment(
            kind=kind,
            title=attachment.title,
            date=attachment.uploaded_at.astimezone(CHINA).date(),
            media_type=attachment.mime,
            sha256=attachment.sha256,
            stored_name=attachment.stored_name,
            submitted_by=attachment.submitted_by.value if attachment.submitted_by else "",
        )
        sections.insert(_place(sections, order, kind, document_kind), filed)
    return tuple(unbound)


def case_file_data(source: DocumentSource, types: Sequence[DocumentType]) -> CaseFile:
    session, case = source.session, source.case
    status = CaseStatus(case.status)
    sections: list[Section] = []
    for document_type in types:
        if not document_type.available_in(status):
            continue
        if document_type.filed_only_if is not None and not document_type.filed_only_if(session, case):
            continue
        count = document_type.count_items(session, case.id) if document_type.count_items else None
        for item in [None] if count is None else range(1, count + 1):
            filed = _filed(source, document_type, item)
            if filed is not None:
                sections.append(filed)
    closing = next(
        (
            section.data
            for section in sections
            if isinstance(section, FiledDocument) and section.base_kind == "closing"
        ),
        None,
    )
    unbound = _attachments(source, sections, types)
    return CaseFile(
        case_number=case.number,
        organisation=common.organisation(case.organization),
        cause=_("Property service contract dispute"),
        parties=(*common.owner_names(case), case.company.name),
        intake_date=case.intake_date,
        closing_date=case.closed_on,
        outcome=status,
        mediators=(case.mediator.name,) if case.mediator is not None else (),
        keeper=common.received_by(session, case),
        checker=str(getattr(closing, "reviewer", "")),
        retention=_("Long-term"),
        date=case.closed_on or source.today,
        sections=tuple(sections),
        remarks=case.status_reason,
        ending=case_ending(session, case),
        unbound=unbound,
    )
