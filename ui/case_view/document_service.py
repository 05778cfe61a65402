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

from mediation_app.i18n import N_, _
from mediation_app.services.documents import finalise as documents
from reports import registry
from ui.case_view.context import CaseContext

KINDS: tuple[tuple[str, str], ...] = (
    ("agreement", N_("Settlement agreement")),
    ("statement", N_("Arrears statement")),
    ("notice", N_("Notice of rights and duties")),
    ("intake", N_("Intake form")),
    ("record", N_("Session record (latest session)")),
    ("confirmation", N_("Application for judicial confirmation")),
    ("followup", N_("Follow-up record (latest visit)")),
    ("closing", N_("Closing report")),
    ("file", N_("Case file")),
)
KIND_LABELS = dict(KINDS)


@dataclass(frozen=True)
class FinalInfo:
    """What the page shows of a finalised document."""

    id: int
    number: str
    sha256: str
    finalised_at: Any
    content: bytes


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def build(ctx: CaseContext, kind: str) -> Any:
    return documents.build_document(ctx.db, ctx.case_id, kind)


def preview(ctx: CaseContext, kind: str) -> bytes:
    """A draft PDF of the document as the case stands (marked 草稿; nothing stored)."""
    return registry.render_draft(kind, build(ctx, kind))


def finalise(ctx: CaseContext, kind: str) -> Any:
    """Number, hash and store the document; returns the service's final document."""
    cid = ctx.case_id
    return ctx.write(lambda uow: documents.finalise(uow, cid, kind, registry.render))


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
