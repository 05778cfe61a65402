"""Evidence: files the parties hand in, and the owner's answer to each claimed fee line.

The owner accepts or disputes each line of the company's claim; a disputed line needs the
reason (the settlement screen shows it beside the figure). Answers are given while the case is
open (before the agreement is signed); files can be attached at any time — a signed scan of the
agreement comes after signing.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.adapters import attachment_store
from mediation_app.adapters.attachment_store import AttachmentRow
from mediation_app.domain.enums import AttachmentKind, OwnerPosition
from mediation_app.domain.party import Submitter
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import load_case
from mediation_app.storage.models import ClaimItem
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.reasons import optional_reason, require_reason
from mediation_app.workflow.transitions import is_open

EVIDENCE = AttachmentKind.EVIDENCE.value
# What a party hands in (a signed scan is attached to its final document instead).
HANDED_IN = (AttachmentKind.EVIDENCE, AttachmentKind.IDENTITY, AttachmentKind.RECEIPT, AttachmentKind.OTHER)


@dataclass(frozen=True)
class PositionResult:
    claim_item_id: int
    position: OwnerPosition
    reason: str


def attach_evidence(
    uow: UnitOfWork,
    case_id: int,
    *,
    title: str,
    filename: str,
    content: bytes,
    submitted_by: Submitter | str,
    kind: str = EVIDENCE,
    expected_version: int | None = None,
) -> AttachmentRow:
    """Attach a file handed in by a party: evidence (an arrears list, fee details, a contract,
    photos), a proof of identity, a payment receipt, or something else (``kind``, one of
    :data:`HANDED_IN`; the case file binds each kind in its place)."""
    authorize(uow.actor, Permission.RECORD_EVIDENCE)
    case = load_case(uow, case_id, expected_version)
    try:
        submitter = Submitter(submitted_by)
    except ValueError:
        raise ValidationError(
            "attachment.submitted_by", _("must be the owner, the company or the centre"), _("Submitted by")
        ) from None
    if kind not in HANDED_IN:
        raise ValidationError(
            "attachment.kind",
            _("must be one of: {kinds}").format(kinds=_(", ").join(choice.label for choice in HANDED_IN)),
            _("Kind of file"),
        )
    record = attachment_store.store(
        uow, case.id, kind=kind, title=title, filename=filename, content=content, submitted_by=submitter
    )
    row = AttachmentRow(
        record.id,
        case.id,
        record.kind,
        record.title,
        record.filename,
        record.sha256,
        record.size,
        record.mime,
        record.submitted_by,
    )
    case.updated_at = uow.clock.now()  # a change to the case file: screens holding it must reload
    uow.audit(
        "attachment.add",
        "attachment",
        record.id,
        None,
        {
            "title": row.title,
            "filename": row.filename,
            "sha256": row.sha256,
            "size": row.size,
            "by": submitter,
            "kind": row.kind,
        },
        case_id=case.id,
    )
    uow.commit()
    return row


def record_owner_position(
    uow: UnitOfWork,
    case_id: int,
    claim_item_id: int,
    position: OwnerPosition | str,
    reason: str = "",
    *,
    expected_version: int | None = None,
) -> PositionResult:
    """The owner's answer to one claimed line: accepted, or disputed with the reason."""
    authorize(uow.actor, Permission.RECORD_EVIDENCE)
    case = load_case(uow, case_id, expected_version)
    if not is_open(case.status):
        raise WorkflowError(
            _(
                "The owner's answers can change only before the agreement is signed; the case is closed to them now."
            )
        )
    item = uow.session.get(ClaimItem, claim_item_id)
    if item is None or item.case_id != case.id:
        raise NotFoundError(_("Claim item {id} of this case does not exist.").format(id=claim_item_id))
    try:
        answer = OwnerPosition(position)
    except ValueError:
        raise ValidationError(
            "claim_item.owner_position",
            _("is not a known answer: {value}").format(value=position),
            _("Owner's answer"),
        ) from None
    if answer is OwnerPosition.DISPUTED:
        clean = require_reason(reason, "claim_item.position_reason")
    else:
        clean = optional_reason(reason, "claim_item.position_reason") or ""
    before = {"owner_position": item.owner_position, "position_reason": item.position_reason}
    item.owner_position = answer
    item.position_reason = clean
    case.updated_at = uow.clock.now()
    uow.audit(
        "claim_item.position",
        "claim_item",
        item.id,
        before,
        {"owner_position": answer.value, "position_reason": clean},
        case_id=case.id,
    )
    uow.commit()
    return PositionResult(item.id, answer, clean)
