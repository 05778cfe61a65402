"""The paragraph every document uses: Chinese line breaking, real bold runs, justification.

:class:`Para` is a reportlab flowable. It cuts its text into units (:func:`reports.linebreak.tokenize`),
measures them in the embedded faces, chooses the lines with the 禁则 rules of
:mod:`reports.linebreak`, and draws each line itself, so what is laid out is exactly what is
printed. Body text is justified: the slack of a full line is spread evenly between its units
(as Chinese typesetting does), never more than :data:`MAX_GAP` em between two characters — a line
that would need more (one broken before a long figure) keeps that much and leaves the rest of
its slack at the right, rather than look letter-spaced; the last line of a paragraph is set flush
left. A paragraph splits across pages between lines, never leaving a single line at the foot of
a page or at the head of the next (widow and orphan control): a paragraph of up to three lines
moves whole.

A paragraph's text is a string or a sequence of :class:`Run` (to set a label in bold inside a
sentence). ``"\\n"`` forces a line break. The ideographic space U+3000 is kept, not collapsed
(labels like ``甲　方`` rely on it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.flowables import Flowable

from reports.fonts import faces
from reports.linebreak import JOINER, break_lines, is_space, tokenize

Align = Literal["left", "center", "right", "justify"]

# Units a Noto face sits in: the baseline lies this far below the top of the em box.
_ASCENT = 0.88
# The widest gap justification puts between two Chinese characters, as a fraction of the font
# size. Pushing one or two marks to the next line costs ~0.03 em a gap; a line broken before a
# long unbreakable figure would need far more and would look letter-spaced ("贰 佰 零 贰 元"), so
# its gaps stop here and the rest of its slack stays at the right end of the line.
MAX_GAP = 0.08


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph looks. Sizes are in points; ``indent`` is in characters (em)."""

    size: float = 12.0
    leading: float = 22.0
    bold: bool = False
    title: bool = False  # bold runs in the title face (bold Song) instead of the 黑体
    align: Align = "justify"
    indent: float = 0.0  # first-line indent in em (2 for body paragraphs)
    left: float = 0.0  # left indent of every line, points
    right: float = 0.0  # right indent of every line, points
    letter_space: float = 0.0  # extra space after every unit, points (spaced titles)
    space_before: float = 0.0
    space_after: float = 0.0
    color: Color = black
    keep_with_next: bool = False

    def but(self, **changes: Any) -> TextStyle:
        return replace(self, **changes)


@dataclass(frozen=True)
class Run:
    """A stretch of text in one weight."""

    text: str
    bold: bool | None = None  # None: the paragraph style's weight


Content = str | Run | Sequence[str | Run]


@dataclass(frozen=True)
class _Line:
    tokens: tuple[str, ...]
    fonts: tuple[str, ...]
    widths: tuple[float, ...]
    last: bool  # the last line of the paragraph or before a forced break (not justified)

    @property
    def natural(self) -> float:
        return sum(self.widths)


_char_widths: dict[str, dict[str, float]] = {}


def text_width(text: str, font_name: str, size: float) -> float:
    """Width of ``text`` in points (per-character widths are cached per face)."""
    table = _char_widths.get(font_name)
    if table is None:
        table = _char_widths[font_name] = {}
    total = 0.0
    for char in text:
        if char == JOINER:  # never drawn (see reports.linebreak)
            continue
        width = table.get(char)
        if width is None:
            width = table[char] = pdfmetrics.stringWidth(char, font_name, 1.0)
        total += width
    return total * size


def _is_cjk(token: str) -> bool:
    """A single non-Latin character: Chinese text, which justifies between characters."""
    return len(token) == 1 and not token.isascii()


def _justify(tokens: Sequence[str], slack: float, size: float) -> list[float]:
    """Extra space after each token so the line fills its width.

    Chinese text stretches evenly between characters (weight 1 at every boundary that touches a
    Chinese character); a space between Latin words stretches four times as much (a space
    between Chinese characters only as much as they do); a Latin word and the ASCII mark after
    it never separate. No gap between Chinese characters grows past ``MAX_GAP`` em: a line that
    would need more (a line broken before a very long figure) is filled only that far."""
    count = len(tokens)
    weights = [0] * count
    for index in range(count - 1):
        here, after = tokens[index], tokens[index + 1]
        if is_space(here):
            before = tokens[index - 1] if index else ""
            weights[index] = 1 if _is_cjk(before) and _is_cjk(after) else 4
        elif not is_space(after) and (_is_cjk(here) or _is_cjk(after)):
            weights[index] = 1
    total = sum(weights)
    if slack <= 0 or total == 0:
        return [0.0] * count
    unit = min(slack / total, MAX_GAP * size)
    return [unit * weight for weight in weights]


def _runs(content: Content) -> list[Run]:
    if isinstance(content, str):
        return [Run(content)]
    if isinstance(content, Run):
        return [content]
    return [Run(part) if isinstance(part, str) else part for part in content]


class Para(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph laid out with the Chinese line-breaking rules (see the module docstring)."""

    def __init__(self, content: Content, style: TextStyle | None = None) -> None:
        super().__init__()
        self.style = style or TextStyle()
        self.runs = _runs(content)
        self.spaceBefore = self.style.space_before
        self.spaceAfter = self.style.space_after
        self.keepWithNext = self.style.keep_with_next
        self._lines: list[_Line] | None = None
        self._laid_width: float | None = None
        self._first_part = True  # a continuation (after a split) has no first-line indent

    # --- layout -----------------------------------------------------------------------------

    def _hard_lines(self) -> list[list[tuple[str, str]]]:
        """(token, font) pairs, one list per forced line."""
        font_of = faces().pick
        lines: list[list[tuple[str, str]]] = [[]]
        for run in self.runs:
            font = font_of(self.style.bold if run.bold is None else run.bold, title=self.style.title)
            for index, piece in enumerate(run.text.split("\n")):
                if index:
                    lines.append([])
                lines[-1].extend((token, font) for token in tokenize(piece))
        return lines

    def _layout(self, width: float) -> list[_Line]:
        if self._lines is not None and self._laid_width == width:
            return self._lines
        style = self.style
        usable = max(width - style.left - style.right, style.size)
        result: list[_Line] = []
        for number, pairs in enumerate(self._hard_lines()):
            tokens: list[str] = []
            fonts: list[str] = []
            widths: list[float] = []
            for token, font in pairs:
                measured = text_width(token, font, style.size) + style.letter_space * len(token)
                if measured > usable and len(token) > 1:
                    # A figure or word wider than the line: break it by characters.
                    for char in token:
                        tokens.append(char)
                        fonts.append(font)
                        widths.append(text_width(char, font, style.size) + style.letter_space)
                else:
                    tokens.append(token)
                    fonts.append(font)
                    widths.append(measured)
            indent = style.indent * style.size if (number == 0 and self._first_part) else 0.0
            ranges = break_lines(tokens, widths, usable - indent, usable, hang=style.size) or [(0, 0)]
            for index, (start, end) in enumerate(ranges):
                result.append(
                    _Line(
                        tuple(tokens[start:end]),
                        tuple(fonts[start:end]),
                        tuple(widths[start:end]),
                        last=index == len(ranges) - 1,
                    )
                )
        self._lines = result
        self._laid_width = width
        return result

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        # No single line left alone at the foot of a page (orphan) or at the head of the next
        # (widow): at least two lines each side, so a paragraph of three lines or fewer moves
        # whole to the next page.
        fit = min(fit, len(lines) - 2)
        if fit < 2:
            return []
        head = self._part(lines[:fit], first=self._first_part, final=False)
        tail = self._part(lines[fit:], first=False, final=True)
        return [head, tail]

    def _part(self, lines: list[_Line], *, first: bool, final: bool) -> Para:
        part = Para.__new__(Para)
        Flowable.__init__(part)
        part.style = self.style
        part.runs = self.runs
        part.spaceBefore = self.style.space_before if first else 0.0
        part.spaceAfter = self.style.space_after if final else 0.0
        part.keepWithNext = self.keepWithNext if final else False
        part._lines = lines
        part._laid_width = self._laid_width
        part._first_part = first
        return part

    # --- drawing ----------------------------------------------------------------------------

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        lines = self._lines or []
        usable = self.width - style.left - style.right
        text = canvas.beginText()
        text.setFillColor(style.color)
        baseline = self.height - (style.leading - style.size) / 2 - _ASCENT * style.size
        for number, line in enumerate(lines):
            indent = style.indent * style.size if (number == 0 and self._first_part) else 0.0
            slack = usable - indent - line.natural
            x = style.left + indent
            gaps = [0.0] * len(line.tokens)
            if style.align == "justify" and not line.last:
                gaps = _justify(line.tokens, slack, style.size)
            elif style.align == "center":
                x += slack / 2
            elif style.align == "right":
                x += slack
            self._draw_line(text, line, x, baseline - number * style.leading, gaps)
        canvas.drawText(text)

    def _draw_line(self, text: Any, line: _Line, x: float, y: float, gaps: Sequence[float]) -> None:
        size = self.style.size
        letter = self.style.letter_space
        tokens = line.tokens
        index = 0
        count = len(tokens)
        font_set = ""
        while index < count:
            font = line.fonts[index]
            if is_space(tokens[index]):
                x += line.widths[index] + gaps[index]
                index += 1
                continue
            # A segment: consecutive Chinese characters in one font, evenly spaced, share one text
            # operator with the gap as character spacing; anything else is drawn unit by unit.
            end = index + 1
            if _is_cjk(tokens[index]):
                while (
                    end < count
                    and line.fonts[end] == font
                    and _is_cjk(tokens[end])
                    and gaps[end - 1] == gaps[index]
                ):
                    end += 1
                spacing = letter + gaps[index]
            else:
                spacing = letter
            text.setTextOrigin(x, y)
            if font != font_set:
                text.setFont(font, size)
                font_set = font
            text.setCharSpace(spacing)
            text.textOut("".join(tokens[index:end]))
            x += sum(line.widths[index:end]) + sum(gaps[index:end])
            index = end
        text.setCharSpace(0)

    # --- reading back -----------------------------------------------------------------------

    def plain_text(self) -> str:
        return "".join(run.text for run in self.runs)


__all__ = ["MAX_GAP", "Align", "Content", "Para", "Run", "TextStyle", "text_width"]
