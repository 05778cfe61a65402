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
    ("session_record", N_("Session record")),
    ("confirmation", N_("Application for judicial confirmation")),
    ("followup", N_("Follow-up record")),
    ("closing", N_("Closing report")),
    ("case_file", N_("Case file")),
)
KIND_LABELS = dict(KINDS)


@dataclass(frozen=True)
class FinalInfo:
    """What the page shows of a finalised document."""

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
    """The PDF of ``data`` (the registry when there is one, else ``reports.<kind>.render``)."""
    found = service()
    if found is not None and hasattr(found, "render_preview"):
        return bytes(found.render_preview(kind, data))
    try:
        registry = importlib.import_module("reports.registry")
        return bytes(registry.render(kind, data))
    except ModuleNotFoundError:
        return bytes(importlib.import_module(f"reports.{kind}").render(data))


def build(ctx: CaseContext, kind: str) -> Any:
    found = service()
    assert found is not None
    with ctx.read() as session:
        return found.build_document(session, ctx.case_id, kind)


def preview(ctx: CaseContext, kind: str) -> bytes:
    """A draft PDF of the document as the case stands (nothing stored)."""
    return render(kind, build(ctx, kind))


def finalise(ctx: CaseContext, kind: str) -> Any:
    """Number, hash and store the document; returns the service's final document."""
    found = service()
    assert found is not None
    renderer = importlib.import_module(f"reports.{kind}").render
    cid = ctx.case_id
    return ctx.write(lambda uow: found.finalise(uow, cid, kind, renderer))


def final(ctx: CaseContext, kind: str) -> FinalInfo | None:
    """The finalised document of ``kind`` (None when there is none yet)."""
    found = service()
    if found is None or not hasattr(found, "final_document"):
        return None
    record = found.final_document(ctx.db, ctx.case_id, kind)
    if record is None:
        return None
    return FinalInfo(
        str(getattr(record, "number", "")),
        str(getattr(record, "sha256", "")),
        getattr(record, "finalised_at", None),
        bytes(getattr(record, "content", b"") or b""),
    )
