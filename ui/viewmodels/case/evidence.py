"""The evidence page's view model: the files handed in (and each one's content for the preview),
the claimed lines with the owner's answers; attaching a file, recording an answer."""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.adapters import attachment_store
from mediation_app.adapters.attachment_store import AttachmentRow
from mediation_app.domain.enums import OwnerPosition
from mediation_app.services.cases.evidence import (
    EVIDENCE,
    PositionResult,
    attach_evidence,
    record_owner_position,
)
from mediation_app.services.settlement.proposals import ClaimedLine, compare_scenarios
from ui.viewmodels.case.open_case import OpenCase


@dataclass(frozen=True)
class EvidenceData:
    attachments: list[AttachmentRow]
    claimed_lines: tuple[ClaimedLine, ...]


class EvidenceViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def load(self) -> EvidenceData:
        cid = self._case.case_id
        with self._case.db.read() as session:
            return EvidenceData(
                attachment_store.case_attachments(session, cid),
                compare_scenarios(session, cid).claimed.lines,
            )

    def content(self, attachment_id: int) -> bytes:
        """The file as handed in (checked against its stored digest)."""
        with self._case.db.read() as session:
            return attachment_store.read(session, attachment_id)

    def attach(
        self, *, title: str, filename: str, content: bytes, submitted_by: str, kind: str = EVIDENCE
    ) -> AttachmentRow:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return attach_evidence(
                uow,
                case.case_id,
                kind=kind,
                title=title,
                filename=filename,
                content=content,
                submitted_by=submitted_by,
                expected_version=case.version,
            )

    def record_owner_position(
        self, claim_item_id: int, position: OwnerPosition, reason: str
    ) -> PositionResult:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return record_owner_position(
                uow, case.case_id, claim_item_id, position, reason, expected_version=case.version
            )
