"""Text drawn as shapes: the outlines of a registered face's glyphs as a PDF path.

What is drawn this way is seen but not read: a PDF reader's text extraction, search and copy
find nothing there. The draft mark (草稿) is drawn so, because as text it lands in the middle of
the page's words when they are extracted (``pdftotext`` of a draft would then differ from the
final's).

The outlines come from the ``glyf`` table of the TrueType faces in ``resources/fonts`` through
reportlab's own font parser (no other dependency): quadratic contours, with the implied on-curve
points between two off-curve ones, become the cubic Béziers PDF paths take.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics

from reports.fonts import faces

Point = tuple[float, float, bool]  # x, y (font units), on the curve
Contour = list[Point]

_ON_CURVE, _X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
# composite glyph flags
_WORDS, _XY_VALUES, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0002, 0x0008, 0x0020, 0x0040, 0x0080


def _face(font_name: str) -> Any:
    faces()
    return pdfmetrics.getFont(font_name).face


def _simple(data: bytes, count: int) -> list[Contour]:
    ends = struct.unpack_from(f">{count}H", data, 10)
    offset = 10 + 2 * count
    (instructions,) = struct.unpack_from(">H", data, offset)
    offset += 2 + instructions
    points = ends[-1] + 1 if count else 0
    flags: list[int] = []
    while len(flags) < points:
        flag = data[offset]
        offset += 1
        flags.append(flag)
        if flag & _REPEAT:
            flags.extend([flag] * data[offset])
            offset += 1
    coordinates: list[list[int]] = [[], []]
    for axis, short, same in ((0, _X_SHORT, _X_SAME), (1, _Y_SHORT, _Y_SAME)):
        value = 0
        for flag in flags[:points]:
            if flag & short:
                delta = data[offset]
                offset += 1
                value += delta if flag & same else -delta
            elif not flag & same:
                (delta,) = struct.unpack_from(">h", data, offset)
                offset += 2
                value += delta
            coordinates[axis].append(value)
    contours: list[Contour] = []
    start = 0
    for end in ends:
        contours.append(
            [
                (float(coordinates[0][i]), float(coordinates[1][i]), bool(flags[i] & _ON_CURVE))
                for i in range(start, end + 1)
            ]
        )
        start = end + 1
    return contours


def _composite(face: Any, data: bytes) -> list[Contour]:
    contours: list[Contour] = []
    offset = 10
    while True:
        flags, index = struct.unpack_from(">HH", data, offset)
        offset += 4
        if flags & _WORDS:
            dx, dy = struct.unpack_from(">hh", data, offset)
            offset += 4
        else:
            dx, dy = struct.unpack_from(">bb", data, offset)
            offset += 2
        if not flags & _XY_VALUES:
            dx = dy = 0  # point matching: not used by the faces we ship
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if flags & _SCALE:
            a = d = struct.unpack_from(">h", data, offset)[0] / 16384
            offset += 2
        elif flags & _XY_SCALE:
            a, d = (value / 16384 for value in struct.unpack_from(">hh", data, offset))
            offset += 4
        elif flags & _TWO_BY_TWO:
            a, b, c, d = (value / 16384 for value in struct.unpack_from(">hhhh", data, offset))
            offset += 8
        for contour in _contours(face, index):
            contours.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
        if not flags & _MORE:
            return contours


def _contours(face: Any, glyph: int) -> list[Contour]:
    start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    if end <= start:
        return []  # an empty glyph (a space)
    data = face.get_table("glyf")[start:end]
    (count,) = struct.unpack_from(">h", data, 0)
    return _simple(data, count) if count >= 0 else _composite(face, data)


def _segments(contour: Contour) -> Iterator[tuple[str, tuple[float, ...]]]:
    """A closed quadratic contour as ``("move"|"line"|"quad", coordinates)`` steps."""
    if not any(on for _x, _y, on in contour):  # all off-curve: start between the first two
        first = contour[0]
        second = contour[1 % len(contour)]
        contour = [((first[0] + second[0]) / 2, (first[1] + second[1]) / 2, True), *contour]
    start = next(i for i, point in enumerate(contour) if point[2])
    points = contour[start:] + contour[: start + 1]
    yield "move", points[0][:2]
    control: tuple[float, float] | None = None
    for x, y, on in points[1:]:
        if on:
            if control is None:
                yield "line", (x, y)
            else:
                yield "quad", (*control, x, y)
                control = None
        elif control is None:
            control = (x, y)
        else:
            middle = ((control[0] + x) / 2, (control[1] + y) / 2)
            yield "quad", (*control, *middle)
            control = (x, y)


@cache
def _glyph_steps(font_name: str, char: str) -> tuple[tuple[tuple[str, tuple[float, ...]], ...], float]:
    """The drawing steps of ``char`` in font units, and its advance width (units per em: 1)."""
    face = _face(font_name)
    glyph = face.charToGlyph.get(ord(char), 0)
    unit = face.unitsPerEm
    steps = tuple(
        (kind, tuple(value / unit for value in values))
        for contour in _contours(face, glyph)
        for kind, values in _segments(contour)
    )
    advance = face.hmetrics[glyph][0] / unit if glyph < len(face.hmetrics) else 1.0
    return steps, advance


def text_width(text: str, font_name: str, size: float) -> float:
    return sum(_glyph_steps(font_name, char)[1] for char in text) * size


def add_text(path: Any, text: str, font_name: str, size: float, x: float, y: float) -> None:
    """Add the outlines of ``text`` to the reportlab path ``path``, its baseline starting at
    ``(x, y)``; fill the path with the non-zero winding rule (TrueType contours overlap)."""
    for char in text:
        steps, advance = _glyph_steps(font_name, char)
        current = (x, y)
        for number, (kind, values) in enumerate(steps):
            points = [(x + values[i] * size, y + values[i + 1] * size) for i in range(0, len(values), 2)]
            if kind == "move":
                if number:
                    path.close()
                current = points[0]
                path.moveTo(*current)
            elif kind == "line":
                current = points[0]
                path.lineTo(*current)
            else:
                (cx, cy), (ex, ey) = points
                path.curveTo(
                    current[0] + 2 / 3 * (cx - current[0]),
                    current[1] + 2 / 3 * (cy - current[1]),
                    ex + 2 / 3 * (cx - ex),
                    ey + 2 / 3 * (cy - ey),
                    ex,
                    ey,
                )
                current = (ex, ey)
        if steps:
            path.close()
        x += advance * size


__all__ = ["add_text", "text_width"]
