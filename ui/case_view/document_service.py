"""The case's documents as the documents page uses them, through the documents service.

The service (``mediation_app.services.documents``) builds each document's data from the case,
finalises a document (its number, the SHA-256 of the PDF, stored with the case) and gives back a
final one; the renderers (``reports.<kind>.render``) turn data into PDF bytes. This module is the
page's one door to both, so the page never builds a document's data itself. While the service is
not installed, :func:`unavailable` says so and the page disables what needs it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from mediation_app.i18n import N_, _
from ui.case_view.context import CaseContext

SERVICE_MODULE = "mediation_app.services.documents"

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
RENDERER_MODULES = {"record": "session_record", "file": "case_file"}
"""The kinds whose renderer module has another name (``reports.<module>.render``)."""


@dataclass(frozen=True)
class FinalInfo:
    """What the page shows of a finalised document."""

    id: int
    number: str
    sha256: str
    finalised_at: Any
    content: bytes


def service() -> ModuleType | None:
    try:
        return importlib.import_module(SERVICE_MODULE)
    except ModuleNotFoundError as missing:
        if missing.name and SERVICE_MODULE.startswith(missing.name):
            return None
        raise


def unavailable() -> str | None:
    """Why documents cannot be generated here (None when they can)."""
    found = service()
    if found is None or not hasattr(found, "build_document"):
        return _("The documents service is not installed in this version; documents cannot be generated yet.")
    return None


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def render(kind: str, data: Any) -> bytes:
    """The PDF of ``data``: ``reports.registry.render`` when installed, else the kind's renderer."""
    try:
        registry = importlib.import_module("reports.registry")
    except ModuleNotFoundError:
        module = importlib.import_module(f"reports.{RENDERER_MODULES.get(kind, kind)}")
        return bytes(module.render(data))
    return bytes(registry.render(kind, data))


def build(ctx: CaseContext, kind: str) -> Any:
    found = service()
    assert found is not None
    return found.build_document(ctx.db, ctx.case_id, kind)


def preview(ctx: CaseContext, kind: str) -> bytes:
    """A draft PDF of the document as the case stands (nothing stored)."""
    return render(kind, build(ctx, kind))


def finalise(ctx: CaseContext, kind: str) -> Any:
    """Number, hash and store the document; returns the service's final document."""
    found = service()
    assert found is not None
    cid = ctx.case_id
    return ctx.write(lambda uow: found.finalise(uow, cid, kind, render))


def attach_signed_scan(ctx: CaseContext, document_id: int, path: Path) -> Any:
    """Attach the scan of the signed paper to the final document ``document_id``."""
    found = service()
    assert found is not None
    return ctx.write(lambda uow: found.attach_signed_scan(uow, document_id, path))


def final(ctx: CaseContext, kind: str) -> FinalInfo | None:
    """The finalised document of ``kind`` (None when there is none yet)."""
    found = service()
    if found is None or not hasattr(found, "final_document"):
        return None
    with ctx.read() as session:
        record = found.final_document(session, ctx.case_id, kind)
    if record is None:
        return None
    return FinalInfo(
        int(record.id),
        str(getattr(record, "number", "")),
        str(getattr(record, "sha256", "")),
        getattr(record, "finalised_at", None),
        bytes(getattr(record, "content", b"") or b""),
    )
