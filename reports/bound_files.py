"""Files handed in (proofs of identity, evidence, signed scans, receipts), bound into the case file.

Each file gets its own pages in the case file's page layout (running header, 第 X 页 共 Y 页): a
caption saying what it is, then the file scaled to fit the rest of the text area, centred, with a
hairline round it (a white scan on a white page would otherwise have no edge).

* A **JPEG or PNG** is drawn as an image on one page (turned upright first when the camera says
  it was held sideways; a JPEG is embedded as it is, without recompression).
* A **PDF** is merged page by page: the layout reserves a page per source page
  (:class:`ForeignPage`), and once reportlab has written the file, :func:`merge_pages` lays each
  source page, scaled, onto its reserved page with pypdf. Page numbers, bookmarks and the table
  of contents therefore count the merged pages like any other.
* A file that cannot be bound (missing from the store, changed since it was attached, not what
  its type says, encrypted) gets one page saying so, with its SHA-256: the file records that it
  exists, never silently leaves it out.

Everything is deterministic: the same bytes give the same pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.case_file import FiledAttachment
from mediation_app.domain.enums import label
from mediation_app.errors import MediationError
from mediation_app.i18n import N_, _
from reports import blocks, styles
from reports.page import BOTTOM_MARGIN, LEFT_MARGIN
from reports.text import Para

AttachmentReader = Callable[[FiledAttachment], bytes]
"""The bytes of a filed file (from the attachment store; raises MediationError when it cannot)."""

EDGE = Color(0.6, 0.6, 0.6)
GAP = 4.0  # points between the caption and the file
MAX_ZOOM = 2.0  # an image is not drawn larger than twice its size at 72 pixels an inch
SUBMITTERS = {"owner": N_("Owner"), "company": N_("Property company"), "centre": N_("The centre")}


@dataclass(frozen=True)
class Placement:
    """Where a source page lands: the output page (0-based), the file, its page, the box."""

    page_index: int
    section: int
    source_page: int
    x: float
    y: float
    scale: float


def _fit(width: float, height: float, avail_width: float, avail_height: float, zoom: float) -> float:
    return min(avail_width / width, avail_height / height, zoom)


class _Fitted(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Takes the rest of the frame; what it shows is ``width × height`` scaled to fit, centred
    across and at the top, with a hairline round it."""

    zoom = float("inf")

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.source_width = width
        self.source_height = height
        self.scale = 1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, max(availHeight - GAP, 1.0)
        self.scale = _fit(self.source_width, self.source_height, self.width, self.height, self.zoom)
        return self.width, self.height + GAP

    def box(self) -> tuple[float, float, float, float]:
        """x, y (relative to the flowable), width, height of what is shown."""
        width, height = self.source_width * self.scale, self.source_height * self.scale
        return (self.width - width) / 2, self.height - height, width, height

    def draw(self) -> None:
        x, y, width, height = self.box()
        self.show(x, y, width, height)
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(EDGE)
        canvas.setLineWidth(0.3)
        canvas.rect(x, y, width, height, stroke=1, fill=0)
        canvas.restoreState()

    def show(self, x: float, y: float, width: float, height: float) -> None:
        raise NotImplementedError


class FittedImage(_Fitted):
    """An image scaled to fit the rest of the page."""

    zoom = MAX_ZOOM

    def __init__(self, image: ImageReader) -> None:
        width, height = image.getSize()
        super().__init__(float(width), float(height))
        self.image = image

    def show(self, x: float, y: float, width: float, height: float) -> None:
        self.canv.drawImage(self.image, x, y, width, height, mask="auto")


class ForeignPage(_Fitted):
    """Room for one page of a PDF, merged in after layout (see :func:`merge_pages`). The page
    lands at the bottom of the frame (it takes the rest of it), so its place is known here."""

    def __init__(
        self, width: float, height: float, section: int, source_page: int, placements: list[Placement]
    ) -> None:
        super().__init__(width, height)
        self.section = section
        self.source_page = source_page
        self.placements = placements

    def show(self, x: float, y: float, width: float, height: float) -> None:
        self.placements.append(
            Placement(
                self.canv.page_index(),
                self.section,
                self.source_page,
                LEFT_MARGIN + x,
                BOTTOM_MARGIN + y,
                self.scale,
            )
        )


def caption(section: FiledAttachment) -> list[Flowable]:
    who = _(SUBMITTERS[section.submitted_by]) if section.submitted_by in SUBMITTERS else ""
    detail = _("attached on {date}").format(date=formatting.date(section.date))
    if who:
        detail = _("handed in by {who}, {detail}").format(who=who, detail=detail)
    return [
        Para(
            _("{kind}: {title}").format(kind=label(section.kind), title=section.title),
            styles.HEADING.but(keep_with_next=False, space_before=0),
        ),
        Para(
            _("({detail}; SHA-256 {sha256})").format(detail=detail, sha256=section.sha256[:16]), styles.NOTE
        ),
    ]


def _unbindable(section: FiledAttachment, reason: str) -> list[Flowable]:
    return [
        blocks.body(
            _(
                "This file could not be bound into the case file: {reason} It is kept with the case "
                "electronically (SHA-256 {sha256})."
            ).format(reason=reason, sha256=section.sha256)
        )
    ]


def _pdf(content: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    return reader


def _image(content: bytes) -> ImageReader:
    with Image.open(io.BytesIO(content)) as opened:
        opened.verify()  # a truncated or corrupt file fails here, not half-way through drawing
    image = Image.open(io.BytesIO(content))
    upright = ImageOps.exif_transpose(image)
    if upright is not image:  # turned: draw the turned pixels (no longer the JPEG as stored)
        return ImageReader(upright)
    return ImageReader(io.BytesIO(content))


def read_all(sections: list[tuple[int, FiledAttachment]], read: AttachmentReader) -> dict[int, bytes | str]:
    """Each file's bytes by section index, or why it cannot be read (read once for both layout
    passes of the case file and for the merge)."""
    contents: dict[int, bytes | str] = {}
    for index, section in sections:
        try:
            contents[index] = read(section)
        except MediationError as error:
            contents[index] = error.message
    return contents


def flowables(
    section: FiledAttachment, index: int, content: bytes | str, placements: list[Placement]
) -> list[Flowable]:
    """The pages of one file (after the caller's page break, decoration and bookmark);
    ``content`` is its bytes, or why they could not be read."""
    result = caption(section)
    if isinstance(content, str):
        return result + _unbindable(section, content)
    try:
        if content.startswith(b"%PDF"):
            reader = _pdf(content)
            for number, page in enumerate(reader.pages):
                box = page.cropbox
                width, height = float(box.width), float(box.height)
                if int(page.get("/Rotate", 0) or 0) % 180:
                    width, height = height, width
                if number:
                    result += [PageBreak(), *caption(section)]
                result.append(ForeignPage(width, height, index, number, placements))
            return result
        return [*result, FittedImage(_image(content))]
    except (PyPdfError, ValueError, OSError, SyntaxError, Image.DecompressionBombError):
        return result + _unbindable(section, _("it is not a readable PDF, JPEG or PNG file."))


def merge_pages(pdf: bytes, placements: list[Placement], contents: dict[int, bytes | str]) -> bytes:
    """``pdf`` with each placed source page laid onto its reserved page (``contents``: the files'
    bytes by section index, as :func:`flowables` was given them)."""
    if not placements:
        return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    sources: dict[int, PdfWriter] = {}
    for placement in placements:
        if placement.section not in sources:
            content = contents[placement.section]
            assert isinstance(content, bytes)  # a page is placed only for a readable PDF
            # pypdf turns a page's content only on a writer's pages
            sources[placement.section] = PdfWriter(clone_from=_pdf(content))
        page = sources[placement.section].pages[placement.source_page]
        if int(page.get("/Rotate", 0) or 0) % 360:
            page.transfer_rotation_to_content()
        box = page.cropbox
        move = Transformation().translate(-float(box.left), -float(box.bottom))
        move = move.scale(placement.scale).translate(placement.x, placement.y)
        target = writer.pages[placement.page_index]
        target.merge_transformed_page(page, move, over=True)
        target.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


__all__ = [
    "AttachmentReader",
    "FittedImage",
    "ForeignPage",
    "Placement",
    "caption",
    "flowables",
    "merge_pages",
    "read_all",
]
