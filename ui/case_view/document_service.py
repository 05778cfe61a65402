"""The case's documents as the documents page uses them, through the documents service.

The service (``mediation_app.services.documents.finalise``) builds each document's data from the case,
finalises a document (its number, the SHA-256 of the PDF, stored with the case) and gives back a
final one; ``reports.registry`` turns data into PDF bytes (a draft carries 草稿 on every page).
This module is the page's one door to both, so the page never builds a document's data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediation_app.domain.enums import label as enum_label
from mediation_app.i18n import _
from mediation_app.services.documents import finalise as documents
from mediation_app.services.documents import registry
from reports import registry as renderers
from ui.case_view.context import CaseContext


@dataclass(frozen=True)
class FinalInfo:
    """What the page shows of a finalised document."""

    id: int
    number: str
    sha256: str
    finalised_at: Any
    content: bytes


@dataclass(frozen=True)
class KindChoice:
    """One entry of the page's list of documents: whether the case has it now, and if not, why."""

    kind: str
    label: str
    available: bool
    reason: str = ""


def kinds(ctx: CaseContext) -> list[KindChoice]:
    """Every kind of document the registry declares, in the case file's order, with the case file
    last; each says whether the case, in its present state, has it."""
    status = ctx.load_detail().status
    choices = []
    for document_type in registry.document_types():
        label = document_type.label()
        if document_type.itemised:
            label = _("{title} (latest)").format(title=label)
        reason = (
            ""
            if document_type.available_in(status)
            else _("Not while the case is {status}.").format(status=enum_label(status))
        )
        choices.append(KindChoice(document_type.kind, label, not reason, reason))
    return choices


def kind_label(kind: str) -> str:
    return registry.title(kind)


def build(ctx: CaseContext, kind: str) -> Any:
    return documents.build_document(ctx.db, ctx.case_id, kind)


def preview(ctx: CaseContext, kind: str) -> bytes:
    """A draft PDF of the document as the case stands (marked 草稿; nothing stored)."""
    return renderers.render_draft(kind, build(ctx, kind))


def preview_number(ctx: CaseContext, kind: str) -> documents.NumberPreview:
    """The number finalising would give the document now (peeked at, nothing reserved)."""
    with ctx.read() as session:
        return documents.preview_number(session, ctx.case_id, kind, today=ctx.today())


def finalise(ctx: CaseContext, kind: str, *, expected_number: str | None = None) -> Any:
    """Number, hash and store the document; returns the service's final document. With
    ``expected_number`` (the number the user confirmed) nothing is written if it changed."""
    cid = ctx.case_id
    return ctx.write(
        lambda uow: documents.finalise(uow, cid, kind, renderers.render, expected_number=expected_number)
    )


def attach_signed_scan(ctx: CaseContext, document_id: int, path: Path) -> Any:
    """Attach the scan of the signed paper to the final document ``document_id``."""
    return ctx.write(lambda uow: documents.attach_signed_scan(uow, document_id, path))


def final(ctx: CaseContext, kind: str) -> FinalInfo | None:
    """The finalised document of ``kind`` (None when there is none yet)."""
    with ctx.read() as session:
        record = documents.final_document(session, ctx.case_id, kind)
    if record is None:
        return None
    return FinalInfo(
        int(record.id),
        str(getattr(record, "number", "")),
        str(getattr(record, "sha256", "")),
        getattr(record, "finalised_at", None),
        bytes(getattr(record, "content", b"") or b""),
    )


def party_count(ctx: CaseContext) -> int:
    """The parties who sign: the owner, each co-owner and the property company."""
    parties = ctx.case.parties.parties()
    return 2 + len(parties.co_owners)
