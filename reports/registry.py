"""Which renderer makes which document: one :class:`DocumentRenderer` per kind of the core's document
registry (:mod:`mediation_app.services.documents.registry`) and for the monthly report.

:func:`render` is what the client and the commands hand to the core's finalisation (the core
never imports this ring); :func:`render_draft` is the same document as a draft. A final
document is always :func:`render` of its stored data, so it can be rendered again byte for byte;
a draft is never stored, carries no verification code, and every page of it says so: the word
草稿 across the page, in light grey, under the text (drawn as outlines, so a reader's text
extraction of a draft gives exactly the text of the document). Each renderer also gives its story and page decoration, so the case file
(卷宗) binds every filed document through this one table. Adding a kind is one
:func:`register_renderer` call (the built-in ones are below).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus.flowables import Flowable

from mediation_app.adapters import attachment_store
from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.case_file import CaseFile, FiledAttachment
from mediation_app.documents.closing import ClosingReport
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.documents.followup import FollowUpRecord
from mediation_app.documents.intake import IntakeRecord
from mediation_app.documents.monthly import MonthlyReport
from mediation_app.documents.notice import RightsNotice
from mediation_app.documents.session_record import SessionRecord
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.i18n import _, speaking
from reports import (
    agreement,
    case_file,
    closing,
    confirmation,
    followup,
    intake,
    monthly,
    notice,
    outlines,
    session_record,
    statement,
    verification,
)
from reports.fonts import faces
from reports.page import PAGE_HEIGHT, PAGE_WIDTH, PageDecor

MONTHLY = "monthly"


@dataclass(frozen=True)
class DocumentRenderer:
    data_type: type[Any]  # what it renders from
    render: Callable[[Any], bytes]  # the whole document as PDF bytes (deterministic)
    story: Callable[[Any], list[Flowable]] | None = None  # its body, for binding into the case file
    decor: Callable[[Any], PageDecor] | None = None  # its running header, likewise


_RENDERERS: dict[str, DocumentRenderer] = {}


def register_renderer(kind: str, renderer: DocumentRenderer) -> None:
    if kind in _RENDERERS:
        raise ValueError(f"a renderer for {kind!r} is registered already")
    _RENDERERS[kind] = renderer


def unregister_renderer(kind: str) -> None:
    """Forget a renderer (for a test that registered a throwaway kind)."""
    _RENDERERS.pop(kind, None)


def renderer_for(kind: str) -> DocumentRenderer:
    try:
        return _RENDERERS[str(kind)]
    except KeyError:
        raise ValueError(f"no renderer for documents of kind {kind!r}") from None


register_renderer("intake", DocumentRenderer(IntakeRecord, intake.render, intake.story, intake.decor))
register_renderer("notice", DocumentRenderer(RightsNotice, notice.render, notice.story, notice.decor))
register_renderer(
    "statement", DocumentRenderer(ArrearsStatement, statement.render, statement.story, statement.decor)
)
register_renderer(
    "record",
    DocumentRenderer(SessionRecord, session_record.render, session_record.story, session_record.decor),
)
register_renderer(
    "agreement", DocumentRenderer(SettlementAgreement, agreement.render, agreement.story, agreement.decor)
)
register_renderer(
    "confirmation",
    DocumentRenderer(ConfirmationApplication, confirmation.render, confirmation.story, confirmation.decor),
)
register_renderer(
    "followup", DocumentRenderer(FollowUpRecord, followup.render, followup.story, followup.decor)
)
register_renderer("closing", DocumentRenderer(ClosingReport, closing.render, closing.story, closing.decor))


def read_filed(section: FiledAttachment) -> bytes:
    """A file handed in, from the attachment store (checked against its SHA-256)."""
    return attachment_store.read_stored(section.stored_name, section.sha256, section.title)


register_renderer(
    "file", DocumentRenderer(CaseFile, lambda data: case_file.render(data, renderer_for, read_filed))
)
register_renderer(MONTHLY, DocumentRenderer(MonthlyReport, monthly.render, monthly.story, monthly.decor))

DRAFT_GREY = Color(0.55, 0.55, 0.55, alpha=0.22)
DRAFT_SIZE = 150


def _language(locale: str | None) -> contextlib.AbstractContextManager[None]:
    return speaking(locale) if locale else contextlib.nullcontext()


def render(kind: str, data: Any, *, locale: str | None = None) -> bytes:
    """The PDF of document ``kind`` made from ``data`` (deterministic: same data, same bytes), in
    ``locale`` (default: the language in force), spoken for this rendering only."""
    renderer = renderer_for(kind)
    if not isinstance(data, renderer.data_type):
        raise TypeError(f"a {kind} is rendered from {renderer.data_type.__name__}, not {type(data).__name__}")
    with _language(locale):
        return renderer.render(data)


def render_draft(kind: str, data: Any, *, locale: str | None = None) -> bytes:
    """The document as :func:`render` makes it, but as a draft: no verification code (it is
    not final), and 草稿 (draft) across every page, drawn as shapes so that the text read out
    of the draft is the text of the document."""
    with verification.drafting():
        pdf = PdfReader(io.BytesIO(render(kind, data, locale=locale)))
    with _language(locale):
        stamp = PdfReader(io.BytesIO(_stamp())).pages[0]
    writer = PdfWriter(clone_from=pdf)
    for page in writer.pages:
        page.merge_page(stamp, over=False)
    title = pdf.metadata.title if pdf.metadata is not None else None
    with _language(locale):
        # The mark is no text, so the title says it: a viewer's title bar, a file's properties.
        writer.add_metadata({"/Title": _("{title} (draft)").format(title=title or "")})
    target = io.BytesIO()
    writer.write(target)
    return target.getvalue()


def _stamp() -> bytes:
    """One A4 page with the draft mark, to lay under each page of a draft. The mark is drawn as
    the outlines of its letters, not as text: a reader's text extraction, search and copy see
    the draft's words in their order, exactly as in the final document."""
    target = io.BytesIO()
    face = faces().title
    canvas = Canvas(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, initialFontName=faces().regular)
    canvas.setFillColor(DRAFT_GREY)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(45)
    word = _("DRAFT")
    path = canvas.beginPath()
    outlines.add_text(
        path, word, face, DRAFT_SIZE, -outlines.text_width(word, face, DRAFT_SIZE) / 2, -DRAFT_SIZE / 3
    )
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.showPage()
    canvas.save()
    return target.getvalue()


__all__ = [
    "MONTHLY",
    "DocumentRenderer",
    "register_renderer",
    "render",
    "render_draft",
    "renderer_for",
    "unregister_renderer",
]
