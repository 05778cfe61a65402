"""The verification QR code, drawn as vector rectangles (sharp at any print resolution).

The payload comes from :mod:`mediation_app.documents.verification`: case number, document
number and the content hash of the document's data. segno encodes it (byte mode, UTF-8, error
correction M, raised to the best level that fits the same size); the modules are drawn as one
filled path, a rectangle per horizontal run of dark modules, inside the standard four-module
quiet zone. Encoding is deterministic, so the PDF stays byte-for-byte reproducible.
"""

from __future__ import annotations

import segno
from reportlab.lib.colors import black
from reportlab.platypus.flowables import Flowable

QUIET_ZONE = 4  # modules of white margin the QR standard asks for


def dark_runs(payload: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The symbol's size in modules (without quiet zone) and its dark runs ``(row, col, length)``."""
    code = segno.make(payload, error="m", micro=False, encoding="utf-8")
    matrix = code.matrix
    runs: list[tuple[int, int, int]] = []
    for row, cells in enumerate(matrix):
        col = 0
        width = len(cells)
        while col < width:
            if cells[col]:
                start = col
                while col < width and cells[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return len(matrix), runs


class QrCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A square QR code ``size`` points wide, quiet zone included."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.modules, self.runs = dark_runs(payload)
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        unit = self.size / (self.modules + 2 * QUIET_ZONE)
        top = self.size - QUIET_ZONE * unit
        path = canvas.beginPath()
        for row, col, length in self.runs:
            x = (QUIET_ZONE + col) * unit
            y = top - (row + 1) * unit
            path.rect(x, y, length * unit, unit)
        canvas.saveState()
        canvas.setFillColor(black)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


__all__ = ["QUIET_ZONE", "QrCode", "dark_runs"]
