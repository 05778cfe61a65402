"""The faces every document uses, registered with reportlab once and embedded as subsets.

As Chinese documents are set: body text in a Song face (宋体: Noto Serif SC); headings, labels,
clause numbers and every other bold run in a 黑体 (Noto Sans SC Bold); titles in the Song face's
Bold (the heavy Song of a 小标宋 title). The 黑体 is what makes bold show: a Song face's bold
thickens the vertical strokes and barely the horizontal ones, so "二、三、" in Noto Serif Bold
look regular beside "四、五、". All three are TrueType conversions shipped in ``resources/fonts``
(see ``resources/README.md``), because reportlab cannot embed the CFF outlines Noto ships with.
Registration reads ~38 MB of font files, so it happens on first use and is cached for the life
of the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mediation_app.paths import resources_dir

SERIF = "DocSerif"
SERIF_BOLD = "DocSerif-Bold"
SANS_BOLD = "DocSans-Bold"

_FILES = {
    SERIF: "NotoSerifSC-Regular.ttf",
    SERIF_BOLD: "NotoSerifSC-Bold.ttf",
    SANS_BOLD: "NotoSansSC-Bold.ttf",
}


@dataclass(frozen=True)
class Faces:
    """The registered font names: ``regular`` for body text, ``bold`` (黑体) for headings, labels
    and clause numbers, ``title`` (bold Song) for document titles."""

    regular: str
    bold: str
    title: str

    def pick(self, bold: bool, *, title: bool = False) -> str:
        if not bold:
            return self.regular
        return self.title if title else self.bold


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / _FILES[name]


def _cache_tables(face: Any) -> None:
    """Keep each font table once read. reportlab copies a table out of the font file every time
    it builds a subset (the 12 MB ``glyf`` table, twice per document): ~5 ms a document."""
    read = face.get_table
    tables: dict[str, bytes] = {}

    def get_table(tag: str) -> bytes:
        table = tables.get(tag)
        if table is None:
            table = tables[tag] = read(tag)
        return table

    face.get_table = get_table


@cache
def faces() -> Faces:
    """Register the document faces (first call only) and return their names."""
    for name in _FILES:
        path = font_path(name)
        if not path.is_file():
            raise FileNotFoundError(
                f"document font {path} is missing; regenerate it with resources/fonts/build_fonts.py"
            )
        font = TTFont(name, str(path))
        _cache_tables(font.face)
        pdfmetrics.registerFont(font)
    # reportlab's own paragraphs and tables, given <b>, take the 黑体 like ours.
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SANS_BOLD, italic=SERIF, boldItalic=SANS_BOLD)
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SANS_BOLD)
    return Faces(regular=SERIF, bold=SANS_BOLD, title=SERIF_BOLD)


@cache
def has_glyph(font_name: str, char: str) -> bool:
    """Whether the registered face maps ``char`` (a name with a character outside it would print
    a box; documents check their data with this)."""
    faces()
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph
