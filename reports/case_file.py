"""卷宗: render a :class:`~mediation_app.documents.case_file.CaseFile` as one PDF.

The file opens with a cover and the table of contents (卷内目录), then each document on its own
pages in the customary order, and closes with the closing sheet (备考表). Every document gets a
PDF bookmark and keeps its own running header; the pages of the documents are numbered through
(第 X 页 共 Y 页), the cover, contents and closing sheet are not, as archive practice has it.

The contents list the page each document starts on and the cover says how many pages the file
has, which are known only after layout: the file is laid out twice, the second time with the
numbers the first pass recorded. The layout does not depend on those numbers (the contents have
the same rows either way), so both passes break pages identically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.case_file import CaseFile, Document
from mediation_app.documents.closing import ClosingReport
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.documents.followup import FollowUpRecord
from mediation_app.documents.intake import IntakeRecord
from mediation_app.documents.notice import RightsNotice
from mediation_app.documents.session_record import SessionRecord
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.domain.enums import label
from mediation_app.i18n import _
from reports import (
    agreement,
    blocks,
    closing,
    confirmation,
    followup,
    intake,
    notice,
    session_record,
    statement,
    styles,
)
from reports.page import Bookmark, Decor, PageDecor, PdfInfo, build_pdf
from reports.text import Para

END = "end"


@dataclass(frozen=True)
class _Kind:
    title: Callable[[Any], str]
    date: Callable[[Any], dt.date]
    story: Callable[[Any], list[Flowable]]
    decor: Callable[[Any], PageDecor]


_KINDS: dict[type, _Kind] = {
    IntakeRecord: _Kind(
        lambda d: _("Intake Form for Property Disputes"), lambda d: d.intake_date, intake.story, intake.decor
    ),
    RightsNotice: _Kind(
        lambda d: _("Pre-litigation Mediation Notice"), lambda d: d.date, notice.story, notice.decor
    ),
    ArrearsStatement: _Kind(
        lambda d: _("Arrears Statement"), lambda d: d.date, statement.story, statement.decor
    ),
    SessionRecord: _Kind(
        lambda d: _("Mediation Record") + _(" (session {n})").format(n=d.number),
        lambda d: d.start.date(),
        session_record.story,
        session_record.decor,
    ),
    SettlementAgreement: _Kind(
        lambda d: _("Settlement Agreement"), lambda d: d.date, agreement.story, agreement.decor
    ),
    ConfirmationApplication: _Kind(
        lambda d: _("Application for Judicial Confirmation"),
        lambda d: d.date,
        confirmation.story,
        confirmation.decor,
    ),
    FollowUpRecord: _Kind(
        lambda d: _("Follow-up Record"), lambda d: d.visit_date, followup.story, followup.decor
    ),
    ClosingReport: _Kind(lambda d: _("Closing Report"), lambda d: d.date, closing.story, closing.decor),
}


def _kind(document: Document) -> _Kind:
    return _KINDS[type(document)]


def _cover(data: CaseFile, total: int | None) -> list[Flowable]:
    form = blocks.Form(widths=(0.26, 0.74))
    rows = [
        (_("Case number"), data.case_number),
        (_("Cause"), data.cause),
        (_("Parties"), _(", ").join(data.parties)),
        (_("Mediation organisation"), data.organisation.name),
        (_("Mediator"), _(", ").join(data.mediators)),
        (_("Intake date"), formatting.date(data.intake_date)),
        (_("Closing date"), formatting.date(data.closing_date) if data.closing_date else ""),
        (_("Result"), label(data.outcome)),
        (_("Filed by"), data.keeper),
        (_("Filing date"), formatting.date(data.date)),
        (_("Retention"), data.retention),
        (_("Pages"), _("{n} pages").format(n=total) if total is not None else ""),
    ]
    for name, value in rows:
        form.wide(name, value, height=11 * mm)
    return [
        Decor(PageDecor(None, None, numbered=False)),
        Bookmark("cover", _("Cover")),
        Spacer(1, 30 * mm),
        Para(data.organisation.name, styles.SUBTITLE),
        Spacer(1, 8 * mm),
        Para(_("Mediation Case File"), styles.COVER_TITLE),
        Spacer(1, 25 * mm),
        form.table(),
    ]


def _contents(data: CaseFile, pages: dict[str, int]) -> list[Flowable]:
    rows: list[list[str]] = []
    for index, document in enumerate(data.sections, start=1):
        kind = _kind(document)
        start = pages.get(f"doc{index}")
        rows.append(
            [
                str(index),
                kind.title(document),
                formatting.date(kind.date(document)),
                str(start) if start else "",
            ]
        )
    return [
        PageBreak(),
        Bookmark("contents", _("Contents")),
        blocks.title(_("Contents")),
        Spacer(1, 4 * mm),
        blocks.grid(
            [_("No."), _("Document"), _("Date"), _("Page")],
            rows,
            widths=[0.1, 0.5, 0.26, 0.14],
            aligns=["center", "left", "center", "center"],
        ),
    ]


def _closing_sheet(data: CaseFile, total: int | None) -> list[Flowable]:
    count = _("{n} pages").format(n=total) if total is not None else ""
    return [
        PageBreak(),
        Decor(PageDecor(None, None, numbered=False)),
        Bookmark("closing-sheet", _("Closing sheet")),
        blocks.title(_("Closing Sheet")),
        Spacer(1, 6 * mm),
        blocks.body(
            _(
                "This file holds {documents} documents on {pages}, not counting the cover, the contents and "
                "this sheet."
            ).format(documents=len(data.sections), pages=count)
        ),
        blocks.body(data.remarks) if data.remarks else Spacer(1, 0),
        Spacer(1, 10 * mm),
        blocks.signature_rows(
            [
                _("Filed by {name} (signature)").format(name=data.keeper),
                _("Checked by {name} (signature)").format(name=data.checker),
            ]
        ),
    ]


def story(data: CaseFile, pages: dict[str, int], total: int | None) -> list[Flowable]:
    """The whole file. ``pages`` and ``total`` come from a first pass (empty and None then);
    the first pass fills ``pages``."""
    flowables: list[Flowable] = [*_cover(data, total), *_contents(data, pages)]
    for index, document in enumerate(data.sections, start=1):
        kind = _kind(document)
        flowables += [
            PageBreak(),
            Decor(kind.decor(document)),
            Bookmark(f"doc{index}", kind.title(document), pages=pages),
            *kind.story(document),
        ]
    flowables.append(Bookmark(END, "", pages=pages, outline=False))
    flowables += _closing_sheet(data, total)
    return flowables


def info(data: CaseFile) -> PdfInfo:
    return PdfInfo(
        title=_("Mediation Case File") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.cause,
        created=data.date,
    )


def render(data: CaseFile) -> bytes:
    """The case file as one PDF (deterministic for the same data)."""
    pages: dict[str, int] = {}
    build_pdf(story(data, pages, None), info(data), PageDecor(None, None, numbered=False))
    numbers = dict(pages)
    return build_pdf(
        story(data, numbers, numbers.get(END)), info(data), PageDecor(None, None, numbered=False)
    )


__all__ = ["render", "story"]
