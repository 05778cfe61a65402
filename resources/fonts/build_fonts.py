"""Regenerate the fonts in this folder from Noto Serif CJK / Noto Sans CJK (SIL OFL 1.1).

Why this script exists: reportlab embeds only TrueType (``glyf``) outlines, and the Noto CJK
families ship as CFF-based OpenType collections (``.ttc``), which reportlab refuses ("postscript
outlines are not supported"). So, for the PDF faces, we take the Simplified Chinese face out of
the collection, keep the characters a Chinese legal document can need (see ``RANGES``), convert
the cubic CFF outlines to quadratic TrueType outlines with fontTools' ``cu2qu``, and drop the
tables reportlab never reads (layout features, vertical metrics, hinting).

The Qt client can load CFF OpenType directly, so the UI faces stay CFF; they are only subset to
the same characters (keeping the layout features Qt's shaper uses).

Usage (inside the project's virtual environment, with fontTools installed)::

    apt-get install fonts-noto-cjk                # Debian: the source collections
    python resources/fonts/build_fonts.py         # writes the five font files beside this script
    python resources/fonts/build_fonts.py --source-dir /path/to/ttc --out-dir /tmp/fonts

The output is deterministic for a given source font and fontTools version (the ``head``
timestamps are pinned), so rebuilding does not churn the repository.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
OUT_DIR = Path(__file__).resolve().parent

# Characters kept, as inclusive code-point ranges. CJK Extension A and the Extension B+ characters
# the SC face maps are kept because personal names on ID cards use them (通用规范汉字表 and
# GB 18030 include such characters); a missing glyph in a party's name would be a blank in a
# legal document.
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement (¥ · × ÷), Latin Extended-A
    (0x02C6, 0x02DD),  # spacing modifiers (ˇ ˉ ˊ ˋ ˙)
    (0x0391, 0x03C9),  # Greek (α β, common in technical text)
    (0x0401, 0x0451),  # Cyrillic (GB 2312 has it)
    (0x2000, 0x206F),  # General Punctuation (— ‘ ’ “ ” … ‰ ※)
    (0x20AC, 0x20AC),  # €
    (0x2100, 0x218F),  # Letterlike (℃ №), Number Forms (Ⅰ Ⅱ Ⅲ)
    (0x2190, 0x22FF),  # Arrows, Mathematical Operators (≤ ≥ ≈)
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ②)
    (0x2500, 0x27BF),  # Box Drawing, Geometric Shapes (□ ■ ○), Misc Symbols (☐ ☑ ★), Dingbats
    (0x2E80, 0x2FDF),  # CJK Radicals
    (0x3000, 0x303F),  # CJK Symbols and Punctuation (、。〈〉《》「」『』【】〔〕)
    (0x3040, 0x30FF),  # kana (the 〆 family and ・ are used in Chinese text too)
    (0x3200, 0x33FF),  # Enclosed CJK (㈠), CJK Compatibility (㎡)
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (，：；（）)
    (0x20000, 0x3FFFF),  # Extensions B+: only what the SC face maps (≈2,300 name characters)
)

UI_FEATURES = ("ccmp", "kern", "liga", "mark", "mkmk", "halt", "vhal")

# 1 Jan 2022 00:00 UTC in the font epoch (seconds since 1904-01-01): pinned for reproducibility.
PINNED_FONT_TIME = 3723753600
# cu2qu tolerance in font units (1000 per em): invisible at any print size.
MAX_ERR = 1.0


@dataclass(frozen=True)
class Target:
    source: str  # collection file name in the source directory
    postscript_name: str  # face to take out of the collection
    output: str  # file written beside this script
    truetype: bool  # convert CFF to glyf (PDF faces) or keep CFF (UI faces)


TARGETS: tuple[Target, ...] = (
    Target("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular", "NotoSerifSC-Regular.ttf", True),
    Target("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold", "NotoSerifSC-Bold.ttf", True),
    Target("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold", "NotoSansSC-Bold.ttf", True),
    Target("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular", "NotoSansSC-Regular.otf", False),
    Target("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold", "NotoSansSC-Bold.otf", False),
)

log = logging.getLogger("build_fonts")


def unicodes() -> list[int]:
    return [cp for start, end in RANGES for cp in range(start, end + 1)]


def open_face(collection: Path, postscript_name: str) -> TTFont:
    """The face of a ``.ttc`` whose PostScript name is ``postscript_name``."""
    index = 0
    while True:
        try:
            # recalcTimestamp=False: fontTools would otherwise stamp head.modified with the clock
            # on save, and two builds of the same source would differ.
            font = TTFont(collection, fontNumber=index, recalcTimestamp=False)
        except IndexError:
            raise SystemExit(f"{postscript_name} is not in {collection}") from None
        if font["name"].getDebugName(6) == postscript_name:
            return font
        font.close()
        index += 1


def subset_face(font: TTFont, keep_layout: bool) -> None:
    options = subset.Options()
    # The UI faces keep only the features Qt's shaper uses for Chinese text and Latin; 'locl' and
    # the vertical/alternate forms would pull in the Japanese, Korean and Traditional glyphs.
    options.layout_features = list(UI_FEATURES) if keep_layout else []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = keep_layout
    options.desubroutinize = not keep_layout  # flat charstrings draw faster during conversion
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"] if not keep_layout else []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines by quadratic TrueType ones (after fontTools' otf2ttf snippet)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise; TrueType's run clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID-keyed sources have only "cidNNNNN" anyway
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def mark_as_subset(font: TTFont, note: str) -> None:
    """Say in the version string that this is a modified (subset) build, as the OFL asks."""
    name = font["name"]
    for record in name.names:
        if record.nameID == 5:
            record.string = f"{record.toUnicode()}; {note}"


def build(target: Target, source_dir: Path, out_dir: Path) -> Path:
    started = time.monotonic()
    font = open_face(source_dir / target.source, target.postscript_name)
    subset_face(font, keep_layout=not target.truetype)
    if target.truetype:
        cff_to_glyf(font)
        mark_as_subset(font, "subset and converted to TrueType outlines for PDF embedding")
    else:
        mark_as_subset(font, "subset for the desktop client")
    font["head"].created = PINNED_FONT_TIME
    font["head"].modified = PINNED_FONT_TIME
    out = out_dir / target.output
    font.save(out, reorderTables=True)
    log.info(
        "%s: %d glyphs, %.1f MB, %.0f s",
        out.name,
        font["maxp"].numGlyphs,
        out.stat().st_size / 1e6,
        time.monotonic() - started,
    )
    return out


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE_DIR)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--only", action="append", default=None, help="build only this output file (repeatable)"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for target in TARGETS:
        if args.only and target.output not in args.only:
            continue
        build(target, args.source_dir, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
