"""The page every document is printed on: A4, margins for binding, header, footer, metadata.

* **Margins**: a wider inner (left) margin for the case-file binding: 28 mm left, 22 mm right,
  25 mm top and bottom.
* **Header**: the organisation on the left, the case number on the right, over a hairline;
  **footer**: ``第 X 页 共 Y 页``. The total is known only when the last page is done, so
  :class:`NumberedCanvas` keeps each page until the document is saved and then stamps the
  numbers (one pass, no second layout).
* **Decoration per page**: a :class:`Decor` flowable changes the header and whether pages are
  numbered from the page it lands on (a case-file cover has neither; each document in the case
  file has its own header).
* **Metadata**: title, author, subject, keywords, creator, language, and the creation date taken
  from the document's own date, never the clock; reportlab's ``invariant`` mode fixes the file
  identifier. The same story therefore gives the same bytes every time.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from mediation_app.clock import CHINA
from mediation_app.i18n import _
from reports.fonts import faces

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 28 * mm
RIGHT_MARGIN = 22 * mm
TOP_MARGIN = 25 * mm
BOTTOM_MARGIN = 25 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN

HEADER_SIZE = 9.0
FOOTER_SIZE = 10.0
RULE_GREY = Color(0.45, 0.45, 0.45)
CREATOR = "mediation-app (物业纠纷调处)"


@dataclass(frozen=True)
class PdfInfo:
    """What the PDF says about itself (shown in a viewer's document properties)."""

    title: str
    author: str  # the organisation that issues the document
    subject: str  # the case number
    keywords: str  # the document number, the document kind
    created: dt.date  # the document's own date: the file records this, not the clock


@dataclass(frozen=True)
class PageDecor:
    """Header text (left, right) and whether the page carries a page number."""

    header_left: str | None
    header_right: str | None
    numbered: bool = True


class _FixedStamp:
    """reportlab's TimeStamp interface, pinned to a date (00:00 China time)."""

    def __init__(self, day: dt.date) -> None:
        moment = dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)
        self.t = moment.timestamp()
        self.lt = moment.timetuple()
        self.YMDhms = (day.year, day.month, day.day, 0, 0, 0)
        self.dhh = 8
        self.dmm = 0
        self.tzname = "CST"


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that holds its pages until :meth:`save`, then writes ``第 X 页 共 Y 页`` on
    every numbered page (X counts numbered pages only, so a cover does not shift the count)."""

    def __init__(self, *args: Any, created: dt.date, template: Any = None, **kwargs: Any) -> None:
        kwargs["invariant"] = 1
        kwargs.setdefault("initialFontName", faces().regular)
        super().__init__(*args, **kwargs)
        self._doc._timeStamp = _FixedStamp(created)
        self._pages: list[tuple[dict[str, Any], bool]] = []
        # reportlab drops its own link to the template before the last page ends.
        self._template = template

    def _current_numbered(self) -> bool:
        decor: PageDecor | None = getattr(self._template, "decor", None)
        return True if decor is None else decor.numbered

    def numbered_pages_so_far(self) -> int:
        """Numbered pages before this one, plus this one if it is numbered."""
        return sum(1 for _state, numbered in self._pages if numbered) + (1 if self._current_numbered() else 0)

    def page_index(self) -> int:
        """The index (0-based) of the page being drawn, counting every page."""
        return len(self._pages)

    def showPage(self) -> None:  # reportlab's name
        self._pages.append((dict(self.__dict__), self._current_numbered()))
        # Keep reportlab's page counter moving although the page is written later: bookmarks and
        # links made on the next page name it by this counter.
        self._doc.pageCounter += 1
        self._startPage()

    def save(self) -> None:
        total = sum(1 for _state, numbered in self._pages if numbered)
        self._doc.pageCounter = 1  # the pages are now written for real, counting from the first
        number = 0
        for state, numbered in self._pages:
            self.__dict__.update(state)
            if numbered:
                number += 1
                self._stamp(number, total)
            super().showPage()
        super().save()

    def _stamp(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(faces().regular, FOOTER_SIZE)
        self.drawCentredString(
            LEFT_MARGIN + FRAME_WIDTH / 2,
            BOTTOM_MARGIN - 13 * mm,
            _("Page {page} of {pages}").format(page=number, pages=total),
        )
        self.restoreState()


class Decor(Flowable):  # type: ignore[misc]
    """Zero-size marker: from the page it is drawn on, use this header and numbering."""

    def __init__(self, decor: PageDecor) -> None:
        super().__init__()
        self.decor = decor
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._doctemplate.decor = self.decor


class Bookmark(Flowable):  # type: ignore[misc]
    """Zero-size marker: an outline entry (PDF bookmark) pointing at the page it lands on, and
    the page's number recorded in ``pages`` (for a table of contents). With ``outline=False``
    it only records the number."""

    def __init__(
        self,
        key: str,
        title: str,
        level: int = 0,
        pages: dict[str, int] | None = None,
        *,
        outline: bool = True,
    ) -> None:
        super().__init__()
        self.outline = outline
        self.key = key
        self.title = title
        self.level = level
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if self.outline:
            canvas.bookmarkPage(self.key)
            canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        if self.pages is not None:
            self.pages[self.key] = canvas.numbered_pages_so_far()


class _Template(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: io.BytesIO, info: PdfInfo, decor: PageDecor) -> None:
        self.decor = decor
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            title=info.title,
            author=info.author,
            subject=info.subject,
            keywords=info.keywords,
            creator=CREATOR,
            lang="zh-CN",
            invariant=1,
            pageCompression=1,
            initialFontName=faces().regular,
        )
        frame = Frame(
            LEFT_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._header)])

    def _header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        decor: PageDecor = self.decor
        if decor.header_left is None and decor.header_right is None:
            return
        canvas.saveState()
        regular = faces().regular
        canvas.setFont(regular, HEADER_SIZE)
        canvas.setFillColor(RULE_GREY)
        y = PAGE_HEIGHT - TOP_MARGIN + 6 * mm
        if decor.header_left:
            canvas.drawString(LEFT_MARGIN, y, decor.header_left)
        if decor.header_right:
            canvas.drawRightString(LEFT_MARGIN + FRAME_WIDTH, y, decor.header_right)
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.4)
        canvas.line(LEFT_MARGIN, y - 2.2 * mm, LEFT_MARGIN + FRAME_WIDTH, y - 2.2 * mm)
        canvas.restoreState()


def build_pdf(
    story: Sequence[Flowable] | Callable[[], Sequence[Flowable]],
    info: PdfInfo,
    decor: PageDecor,
) -> bytes:
    """Lay out ``story`` on the document page and return the PDF bytes."""
    flowables = list(story() if callable(story) else story)
    target = io.BytesIO()
    template = _Template(target, info, decor)

    def canvasmaker(*args: Any, **kwargs: Any) -> NumberedCanvas:
        return NumberedCanvas(*args, created=info.created, template=template, **kwargs)

    template.build(flowables, canvasmaker=canvasmaker)
    return target.getvalue()


__all__ = [
    "BOTTOM_MARGIN",
    "FRAME_HEIGHT",
    "FRAME_WIDTH",
    "LEFT_MARGIN",
    "PAGE_HEIGHT",
    "Bookmark",
    "Decor",
    "NumberedCanvas",
    "PageDecor",
    "PdfInfo",
    "build_pdf",
]
