"""Which renderer makes which document: ``render(kind, data) -> bytes``, the renderer the client and
the commands hand to :func:`mediation_app.services.documents.finalise.finalise` (the core never imports
reports), and :func:`render_draft`, the same document marked as a draft.

``kind`` is a :class:`~mediation_app.services.documents.kinds.DocumentKind` value (``agreement``,
``record`` …) or ``monthly``. A final document is always :func:`render` of its stored data, so it
can be rendered again byte for byte; a draft is never stored, and every page of it says so: the
word 草稿 across the page, in light grey, under the text.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

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
from mediation_app.i18n import _
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
from reports.page import PAGE_HEIGHT, PAGE_WIDTH

MONTHLY = "monthly"

RENDERERS: dict[str, tuple[type[Any], Callable[[Any], bytes]]] = {
    "agreement": (SettlementAgreement, agreement.render),
    "intake": (IntakeRecord, intake.render),
    "notice": (RightsNotice, notice.render),
    "statement": (ArrearsStatement, statement.render),
    "record": (SessionRecord, session_record.render),
    "confirmation": (ConfirmationApplication, confirmation.render),
    "followup": (FollowUpRecord, followup.render),
    "closing": (ClosingReport, closing.render),
    "file": (CaseFile, case_file.render),
    MONTHLY: (MonthlyReport, monthly.render),
}

DRAFT_GREY = Color(0.55, 0.55, 0.55, alpha=0.22)
DRAFT_SIZE = 150


def render(kind: str, data: Any) -> bytes:
    """The PDF of document ``kind`` made from ``data`` (deterministic: same data, same bytes)."""
    try:
        expected, renderer = RENDERERS[str(kind)]
    except KeyError:
        raise ValueError(f"no renderer for documents of kind {kind!r}") from None
    if not isinstance(data, expected):
        raise TypeError(f"a {kind} is rendered from {expected.__name__}, not {type(data).__name__}")
    return renderer(data)


def render_draft(kind: str, data: Any) -> bytes:
    """The document as :func:`render` makes it, with 草稿 (draft) across every page."""
    pdf = PdfReader(io.BytesIO(render(kind, data)))
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


__all__ = ["MONTHLY", "RENDERERS", "render", "render_draft"]
