"""A ruled table of one-line cells (figures, dates, short labels), drawn directly.

An arrears statement is mostly such tables — a row per month and per bill, 100 to 200 rows — and
statements are printed by the thousand, so :func:`reports.blocks.grid` uses this flowable
whenever every body cell is a short string that fits its column. It looks like the general table
(ruled, shaded header repeated on every page, totals in bold) but costs a fraction: the rules are
one path, and each distinct cell text is encoded once per document and its PDF operators reused
(a statement repeats the same fee and the same "0.00" dozens of times).

It relies on two internals of reportlab's text object — ``_formatText``, which encodes a string
in the embedded subsets, and ``_curSubset`` — as documented in reportlab 4 and 5 (the project
pins reportlab < 6); ``tests/reports`` read every such table back from the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color, black
from reportlab.platypus.flowables import Flowable

from reports.fonts import faces
from reports.text import Align, Para, text_width

# The descent of the Noto faces (the baseline sits this far above the bottom of the em box).
_DESCENT = 0.12


class Ledger(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """``header`` cells are paragraphs (they may wrap); body ``rows`` are single-line strings."""

    def __init__(
        self,
        header: Sequence[Para],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        aligns: Sequence[Align],
        *,
        size: float,
        padding: float,
        bold_rows: frozenset[int] = frozenset(),
        shade: Color,
        rule: float = 0.5,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = [list(row) for row in rows]
        self.widths = list(widths)
        self.aligns = list(aligns)
        self.size = size
        self.padding = padding
        self.bold_rows = bold_rows
        self.shade = shade
        self.rule = rule
        self.row_height = round(size * 1.333 + 4, 2)
        self.header_height = 0.0
        self.width = sum(self.widths)
        self.height = 0.0

    def _measure_header(self) -> float:
        tallest = 0.0
        for cell, width in zip(self.header, self.widths, strict=True):
            _w, height = cell.wrap(width - 2 * self.padding, 1e6)
            tallest = max(tallest, height)
        return tallest + 4

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.header_height = self._measure_header()
        self.height = self.header_height + self.row_height * len(self.rows)
        return self.width, self.height

    def _part(self, rows: Sequence[Sequence[str]], bold_rows: frozenset[int]) -> Ledger:
        part = Ledger(
            [Para(cell.runs, cell.style) for cell in self.header],
            rows,
            self.widths,
            self.aligns,
            size=self.size,
            padding=self.padding,
            bold_rows=bold_rows,
            shade=self.shade,
            rule=self.rule,
        )
        return part

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        header = self._measure_header()
        fit = int((availHeight - header + 1e-6) // self.row_height)
        if fit >= len(self.rows):
            return [self]
        if fit < 3:
            return []  # not even a header and three rows: start on the next page
        head = self._part(self.rows[:fit], frozenset(i for i in self.bold_rows if i < fit))
        tail = self._part(self.rows[fit:], frozenset(i - fit for i in self.bold_rows if i >= fit))
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        face = faces()
        lefts = [sum(self.widths[:index]) for index in range(len(self.widths))]
        top = self.height
        body_top = top - self.header_height
        # header: shade, then the paragraphs centred vertically
        canvas.saveState()
        canvas.setFillColor(self.shade)
        canvas.rect(0, body_top, self.width, self.header_height, stroke=0, fill=1)
        canvas.restoreState()
        for cell, left, width in zip(self.header, lefts, self.widths, strict=True):
            _w, height = cell.wrap(width - 2 * self.padding, 1e6)
            cell.drawOn(canvas, left + self.padding, body_top + (self.header_height - height) / 2)
        # rules: one path
        path = canvas.beginPath()
        for index in range(len(self.rows) + 2):
            y = top if index == 0 else body_top - (index - 1) * self.row_height
            path.moveTo(0, y)
            path.lineTo(self.width, y)
        for x in [*lefts, self.width]:
            path.moveTo(x, 0)
            path.lineTo(x, top)
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(self.rule)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
        # cells: one text object; each distinct (font, text) encoded once per document
        cache: dict[tuple[str, str], str] = canvas.__dict__.setdefault("_ledger_cells", {})
        text = canvas.beginText()
        code = text._code
        widths_cache: dict[tuple[str, str], float] = {}
        baseline_offset = (self.row_height - self.size) / 2 + _DESCENT * self.size
        font_set = ""
        for row_index, row in enumerate(self.rows):
            font = face.pick(row_index in self.bold_rows)
            if font != font_set:
                text.setFont(font, self.size)
                font_set = font
            y = body_top - (row_index + 1) * self.row_height + baseline_offset
            for content, left, width, align in zip(row, lefts, self.widths, self.aligns, strict=True):
                if not content:
                    continue
                key = (font, content)
                shown = widths_cache.get(key)
                if shown is None:
                    shown = widths_cache[key] = text_width(content, font, self.size)
                if align == "right":
                    x = left + width - self.padding - shown
                elif align == "center":
                    x = left + (width - shown) / 2
                else:
                    x = left + self.padding
                code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                operators = cache.get((f"{font}@{self.size}", content))
                if operators is None:
                    text._curSubset = -1  # so the encoding starts by selecting its subset
                    operators = text._formatText(content)
                    cache[(f"{font}@{self.size}", content)] = operators
                code.append(operators)
                text._curSubset = -1  # the next cell selects its own subset again
        canvas.drawText(text)


__all__ = ["Ledger"]
