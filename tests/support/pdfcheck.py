"""Reading documents back: their text (pypdf, pdfplumber, poppler's pdftotext), their fonts
(poppler's pdffonts), their QR code (zbarimg), so every report test checks what a reader of the PDF
would see: lines that obey the line-breaking rules and are not letter-spaced, no page holding only
signatures, drafts that read like the final document.

The command-line tools come with the Debian packages poppler-utils and zbar-tools (``make
setup`` installs them). Without them a test is skipped on a developer's machine, and fails in CI
(``CI`` set), where nothing may be skipped silently. :func:`assert_fonts_embedded` is one check
among many in the tests that make it (margins, page numbers, reproducibility): without
``pdffonts`` on a developer's machine only that check is left out, with a warning."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import statistics
import subprocess
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from mediation_app.i18n import _
from tests.support.missing import in_ci, missing_tools, require_module, skip_unless_ci


def _tools_reason(missing: list[str]) -> str:
    return f"{', '.join(missing)} not installed (Debian packages poppler-utils, zbar-tools)"


def require_tools(*names: str) -> None:
    """Skip the test when a command-line tool is missing, except in CI, where that fails it."""
    missing = missing_tools(*names)
    if missing:
        skip_unless_ci(_tools_reason(missing))


def _pdfplumber() -> Any:
    return require_module("pdfplumber", "the dev extra; it reads character positions")


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def squeeze(text: str) -> str:
    """Text without whitespace: justification spacing makes pypdf insert spaces between characters."""
    return re.sub(r"\s+", "", text)


def body_texts(pdf: bytes) -> list[str]:
    """Each page's text inside the text area only: the running header and the footer, drawn in
    the margins, would otherwise land in the middle of a sentence that runs over a page."""
    from reports.page import BOTTOM_MARGIN, PAGE_HEIGHT, TOP_MARGIN

    texts = []
    for page in reader(pdf).pages:
        parts: list[str] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object, parts: list[str] = parts) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if BOTTOM_MARGIN - 2 <= y <= PAGE_HEIGHT - TOP_MARGIN + 2:
                parts.append(text)

        page.extract_text(visitor_text=visit)
        texts.append("".join(parts))
    return texts


def flat_text(pdf: bytes) -> str:
    """The document's body text, pages joined, without whitespace."""
    return squeeze("".join(body_texts(pdf)))


def text_lines(pdf: bytes) -> list[str]:
    return [line.strip() for text in page_texts(pdf) for line in text.splitlines() if line.strip()]


def assert_shows(pdf: bytes, *needles: str) -> None:
    text = flat_text(pdf)
    missing = [needle for needle in needles if squeeze(needle) not in text]
    assert not missing, f"not in the document: {missing}"


def assert_page_numbers(pdf: bytes) -> int:
    """Every page carries 第 X 页 共 Y 页 with the right X and Y; returns the page count."""
    texts = page_texts(pdf)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        footer = squeeze(_("Page {page} of {pages}").format(page=number, pages=total))
        assert footer in squeeze(text), f"page {number} lacks {footer!r}"
    return total


def fonts(pdf: bytes) -> list[dict[str, str]] | None:
    """The rows of ``pdffonts``; None on a developer's machine without it (CI fails instead)."""
    missing = missing_tools("pdffonts")
    if missing:
        if in_ci():
            pytest.fail(_tools_reason(missing))
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = output.splitlines()[2:]
    result = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object-id generation
        result.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return result


def assert_fonts_embedded(pdf: bytes) -> None:
    rows = fonts(pdf)
    if rows is None:  # only this check is left out; the test's other checks still run
        warnings.warn(f"fonts not checked: {_tools_reason(['pdffonts'])}", stacklevel=2)
        return
    assert rows, "the document uses no font at all"
    for row in rows:
        assert row["emb"] == "yes" and row["sub"] == "yes", f"font not embedded as a subset: {row}"
        assert any(face in row["name"] for face in DOCUMENT_FACES), f"unexpected font {row['name']}"


DOCUMENT_FACES = ("NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Bold")


def qr_payloads(pdf: bytes, page: int, dpi: int = 150) -> list[str]:
    """QR codes read off page ``page`` (1-based) rendered at ``dpi`` (150: an ordinary scan)."""
    require_tools("zbarimg", "pdftoppm")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(path), f"{folder}/p"],
            check=True,
        )
        image = next(Path(folder).glob("p*.png"))
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sbinary", str(image)], capture_output=True, check=False
        )
    return [line for line in result.stdout.decode("utf-8").splitlines() if line]


def assert_inside_margins(pdf: bytes) -> None:
    """No character leaves the text area, except a closing mark hanging at most one em past the
    right margin (行末点号悬挂); headers and footers sit in the margins by design and are skipped.
    Catches any name, address or figure that would overflow its line or its table cell."""
    pdfplumber = _pdfplumber()

    from reports.linebreak import CANNOT_START
    from reports.page import BOTTOM_MARGIN, FRAME_WIDTH, LEFT_MARGIN, TOP_MARGIN

    right = LEFT_MARGIN + FRAME_WIDTH
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for char in page.chars:
                if char["top"] < TOP_MARGIN - 1 or char["bottom"] > page.height - BOTTOM_MARGIN + 1:
                    continue
                where = f"page {number}: {char['text']!r} at x={char['x0']:.1f}..{char['x1']:.1f}"
                assert char["x0"] >= LEFT_MARGIN - 0.5, where
                if char["x1"] > right + 0.5:
                    assert char["text"] in CANNOT_START and char["x1"] <= right + char["size"] + 0.5, where


def pdftotext(pdf: bytes) -> str:
    """The text poppler's ``pdftotext`` reads out of the document (what a reader copies)."""
    require_tools("pdftotext")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")


@dataclasses.dataclass(frozen=True)
class Line:
    """A line of text as printed: its characters left to right (a table cell or a label and its
    value, set apart by more than the widest space justification makes, are separate lines),
    their size and the usual gap between two of its Chinese characters, in em.

    The usual gap is the median: pdfminer (under pdfplumber) drops the character spacing after
    the last glyph of each text string, so where a line's text changes font subset the gap reads
    too small, and where the next string is placed the gap reads too large; most gaps read true."""

    page: int
    text: str
    size: float
    spacing: float


SEPARATE = 0.7  # em: a wider gap parts two lines (cells); justified text never opens one so wide


def printed_lines(pdf: bytes) -> list[Line]:
    """Every line of the text area, page by page, top to bottom (pdfplumber's positions)."""
    pdfplumber = _pdfplumber()

    from reports.page import BOTTOM_MARGIN, TOP_MARGIN

    result: list[Line] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[int, list[dict[str, Any]]] = {}
            for char in page.chars:
                if char["top"] < TOP_MARGIN - 1 or char["bottom"] > page.height - BOTTOM_MARGIN + 1:
                    continue
                rows.setdefault(round(char["bottom"]), []).append(char)
            for _bottom, chars in sorted(rows.items()):
                chars.sort(key=lambda char: char["x0"])
                segment: list[dict[str, Any]] = [chars[0]]
                for char in chars[1:]:
                    previous = segment[-1]
                    if char["x0"] - previous["x1"] > previous["size"] * SEPARATE:
                        result.append(_line(number, segment))
                        segment = []
                    segment.append(char)
                result.append(_line(number, segment))
    return result


def _line(page: int, chars: list[dict[str, Any]]) -> Line:
    gaps = [
        (after["x0"] - before["x1"]) / before["size"]
        for before, after in itertools.pairwise(chars)
        if not before["text"].isascii() and not after["text"].isascii() and before["size"] == after["size"]
    ]
    text = "".join(char["text"] for char in chars)
    return Line(page, text, max(char["size"] for char in chars), statistics.median(gaps) if gaps else 0.0)


def assert_line_rules(pdf: bytes) -> None:
    """No printed line starts with closing punctuation or a pause mark (，。、；：？！）」』》 …),
    and none is letter-spaced: justification never opens a gap between two Chinese characters
    wider than :data:`reports.text.MAX_GAP` em (titles, spaced on purpose, aside)."""
    from reports.linebreak import CANNOT_START
    from reports.styles import TITLE
    from reports.text import MAX_GAP

    lines = printed_lines(pdf)
    assert lines, "no text read back"
    starts = [line for line in lines if line.text.strip() and line.text.strip()[0] in CANNOT_START]
    assert not starts, f"lines starting with closing punctuation: {starts[:5]}"
    spaced = [line for line in lines if line.size < TITLE.size and line.spacing > MAX_GAP + 0.01]
    assert not spaced, f"letter-spaced lines: {spaced[:5]}"


_SIGNED = re.compile(r"[（(][^）)]*(签|章|印|signature|seal)[^）)]*[）)]")


def _signature_markers() -> tuple[str, ...]:
    """What belongs to a signature block besides the signing lines (in the language in force)."""
    return tuple(
        squeeze(text)
        for text in (
            _("(No text follows.)"),
            _("Place of signing: "),
            _("Date: "),
            _("(seal)"),
            _("I have received and read this notice."),
            _("I have read the above record and it is correct."),
            _("To"),
        )
    )


def assert_no_page_of_signatures_only(pdf: bytes) -> None:
    """No page holds only a signature block: on every page where signing lines are, some of the
    document's text stands above them (and above the ``（以下无正文）`` that opens the block), so
    the page cannot be taken off and put under another text."""
    markers = _signature_markers()
    no_more = squeeze(_("(No text follows.)"))
    by_page: dict[int, list[str]] = {}
    for line in printed_lines(pdf):
        by_page.setdefault(line.page, []).append(squeeze(line.text))
    for page, lines in sorted(by_page.items()):
        first = next((i for i, text in enumerate(lines) if _SIGNED.search(text)), None)
        if first is None:
            continue
        end = next((i for i, text in enumerate(lines[:first]) if no_more in text), first)
        text_above = [text for text in lines[:end] if text and not any(m and m in text for m in markers)]
        assert text_above, f"page {page} holds only a signature block: {lines[:8]}"
