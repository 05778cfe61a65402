"""卷宗 from the case: every document the case has, in the customary order, with its cover.

The order and the kinds are the registry's (:func:`mediation_app.services.documents.registry.
filed_types`, handed in). A document that has been finalised goes into the file as it was issued
(its stored data); one that has not is built from the case as it stands; one the case does not
have (no agreement, not closed, not in a state that has it) is simply absent, and so is one whose
kind files it only on a condition the case does not meet (an application for confirmation that
was never made).
"""

from __future__ import annotations

from collections.abc import Sequence

from mediation_app.documents.case_file import CaseFile, FiledDocument
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.queries.outcomes import case_ending
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.document_type import DocumentSource, DocumentType


def _filed(source: DocumentSource, document_type: DocumentType, item: int | None) -> FiledDocument | None:
    session, case = source.session, source.case
    stored_kind = document_type.stored_kind(item)
    data = common.final_data(session, case.id, stored_kind)
    if not isinstance(data, document_type.data_type):
        try:
            data = document_type.build(DocumentSource(session, case, source.today, item))
        except WorkflowError:  # the case does not have this document (yet)
            return None
    return FiledDocument(stored_kind, document_type.describe(item), document_type.date_of(data), data)


def case_file_data(source: DocumentSource, types: Sequence[DocumentType]) -> CaseFile:
    session, case = source.session, source.case
    status = CaseStatus(case.status)
    sections: list[FiledDocument] = []
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
    closing = next((section.data for section in sections if section.base_kind == "closing"), None)
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
    )
