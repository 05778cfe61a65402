"""卷宗: render a :class:`~mediation_app.documents.case_file.CaseFile` as one PDF.

The file opens with a cover and the table of contents (卷内目录), then each document and each file
handed in on its own pages in the customary order, and closes with the closing sheet (备考表).
Every document and file gets a PDF bookmark; a document keeps its own running header, a file the
case file's; the pages are numbered through (第 X 页 共 Y 页), the cover, contents and closing
sheet are not, as archive practice has it. A document filed as issued carries its verification
code; one not yet final is bound as a draft, without one. The files (PDF pages merged, images
scaled to the page) are bound by :mod:`reports.bound_files`.

The contents list the page each document starts on and the cover says how many pages the file
has, which are known only after layout: the file is laid out twice, the second time with the
numbers the first pass recorded. The layout does not depend on those numbers (the contents have
the same rows either way), so both passes break pages identically.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.case_file import CaseFile, FiledAttachment, FiledDocument
from mediation_app.domain.enums import label
from mediation_app.i18n import _
from reports import blocks, bound_files, styles
from reports.bound_files import AttachmentReader, Placement
from reports.page import Bookmark, Decor, PageDecor, PdfInfo, build_pdf
from reports.text import Para
from reports.verification import drafting, is_drafting

END = "end"


class Binding(Protocol):
    """What the case file needs of a filed document's renderer: its story and its page decoration."""

    @property
    def story(self) -> Callable[[Any], list[Flowable]] | None: ...

    @property
    def decor(self) -> Callable[[Any], PageDecor] | None: ...


Renderers = Callable[[str], Binding]  # kind → its renderer (the registry's lookup, handed in)


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
        (_("Result"), data.ending.wording() if data.ending is not None else label(data.outcome)),
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
    for index, section in enumerate(data.sections, start=1):
        start = pages.get(f"doc{index}")
        rows.append([str(index), _title(section), formatting.date(section.date), str(start) if start else ""])
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


def _title(section: FiledDocument | FiledAttachment) -> str:
    if isinstance(section, FiledAttachment):
        return _("{kind}: {title}").format(kind=label(section.kind), title=section.title)
    return section.title


def _closing_sheet(data: CaseFile, total: int | None) -> list[Flowable]:
    count = _("{n} pages").format(n=total) if total is not None else ""
    unbound: list[Flowable] = []
    if data.unbound:
        unbound = [
            blocks.body(
                _("Kept electronically with the case, not bound: {files}.").format(
                    files=_("; ").join(data.unbound)
                )
            )
        ]
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
        *unbound,
        blocks.body(data.remarks) if data.remarks else Spacer(1, 0),
        Spacer(1, 10 * mm),
        blocks.signature_rows(
            [
                _("Filed by {name} (signature)").format(name=data.keeper),
                _("Checked by {name} (signature)").format(name=data.checker),
            ]
        ),
    ]


def _bound(section: FiledDocument, renderers: Renderers) -> tuple[PageDecor, list[Flowable]]:
    binding = renderers(section.base_kind)
    if binding.story is None or binding.decor is None:
        raise ValueError(f"the renderer of {section.base_kind!r} cannot be bound into a case file")
    # A draft of the case file is a draft throughout; a final one binds unfinalised documents as drafts.
    with drafting(is_drafting() or not section.final):
        return binding.decor(section.data), binding.story(section.data)


def story(
    data: CaseFile,
    renderers: Renderers,
    pages: dict[str, int],
    total: int | None,
    files: dict[int, bytes | str] | None = None,
    placements: list[Placement] | None = None,
) -> list[Flowable]:
    """The whole file. ``pages`` and ``total`` come from a first pass (empty and None then);
    the first pass fills ``pages``. ``files`` are the attached files' bytes by section number
    (:func:`reports.bound_files.read_all`); ``placements`` collects where their PDF pages go."""
    files = files or {}
    placements = placements if placements is not None else []
    file_decor = decor(data)
    flowables: list[Flowable] = [*_cover(data, total), *_contents(data, pages)]
    for index, section in enumerate(data.sections, start=1):
        if isinstance(section, FiledAttachment):
            page_decor = file_decor
            body = bound_files.flowables(section, index, files.get(index, ""), placements)
        else:
            page_decor, body = _bound(section, renderers)
        flowables += [
            PageBreak(),
            Decor(page_decor),
            Bookmark(f"doc{index}", _title(section), pages=pages),
            *body,
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


def decor(data: CaseFile) -> PageDecor:
    """The running header of the files bound in (the documents have their own)."""
    return PageDecor(data.organisation.name, data.case_number)


def render(data: CaseFile, renderers: Renderers, read: AttachmentReader) -> bytes:
    """The case file as one PDF (deterministic for the same data and files); ``renderers`` finds
    each filed document's renderer by kind, ``read`` the bytes of each file handed in."""
    files = bound_files.read_all(
        [
            (index, section)
            for index, section in enumerate(data.sections, start=1)
            if isinstance(section, FiledAttachment)
        ],
        read,
    )
    pages: dict[str, int] = {}
    build_pdf(story(data, renderers, pages, None, files), info(data), PageDecor(None, None, numbered=False))
    numbers = dict(pages)
    placements: list[Placement] = []
    pdf = build_pdf(
        story(data, renderers, numbers, numbers.get(END), files, placements),
        info(data),
        PageDecor(None, None, numbered=False),
    )
    return bound_files.merge_pages(pdf, placements, files)


__all__ = ["decor", "render", "story"]
