"""Which renderer makes which document: one :class:`DocumentRenderer` per kind of the core's document
registry (:mod:`mediation_app.services.documents.registry`) and for the monthly report.

:func:`render` is what the client and the commands hand to the core's finalisation (the core
never imports this ring); :func:`render_draft` is the same document marked as a draft. A final
document is always :func:`render` of its stored data, so it can be rendered again byte for byte;
a draft is never stored, and every page of it says so: the word 草稿 across the page, in light
grey, under the text. Each renderer also gives its story and page decoration, so the case file
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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

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
    session_record,
    statement,
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
register_renderer("file", DocumentRenderer(CaseFile, lambda data: case_file.render(data, renderer_for)))
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
    """The document as :func:`render` makes it, with 草稿 (draft) across every page."""
    pdf = PdfReader(io.BytesIO(render(kind, data, locale=locale)))
    with _language(locale):
        stamp = PdfReader(io.BytesIO(_stamp())).pages[0]
    writer = PdfWriter(clone_from=pdf)
    for page in writer.pages:
        page.merge_page(stamp, over=False)
    target = io.BytesIO()
    writer.write(target)
    return target.getvalue()


def _stamp() -> bytes:
    """One A4 page with the draft mark, to lay under each page of a draft."""
    target = io.BytesIO()
    bold = faces().bold
    canvas = Canvas(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, initialFontName=bold)
    canvas.setFillColor(DRAFT_GREY)
    canvas.setFont(bold, DRAFT_SIZE)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -DRAFT_SIZE / 3, _("DRAFT"))
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
