"""Reading documents back: their text (pypdf), their fonts (poppler's pdffonts), their QR code
(zbarimg), so every report test checks what a reader of the PDF would see."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from mediation_app.i18n import _


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


def pdftotext(pdf: bytes) -> str:
    """The text poppler's ``pdftotext`` reads off the document, as a judge's PDF reader would
    copy it (skips the test when poppler-utils is not installed)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """The rows of ``pdffonts`` (skips the test when poppler-utils is not installed)."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (Debian package poppler-utils) is not installed")
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
    assert rows, "the document uses no font at all"
    for row in rows:
        assert row["emb"] == "yes" and row["sub"] == "yes", f"font not embedded as a subset: {row}"
        assert "NotoSerifCJKsc" in row["name"], f"unexpected font {row['name']}"


def qr_payloads(pdf: bytes, page: int) -> list[str]:
    """QR codes read off page ``page`` (1-based) rendered at 300 dpi (skips without zbarimg)."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg (Debian zbar-tools) or pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "300", "-f", str(page), "-l", str(page), "-png", str(path), f"{folder}/p"],
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
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (dev extra) reads character positions")

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
