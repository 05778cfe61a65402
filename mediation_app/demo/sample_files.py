"""Stand-ins for the files parties hand in, for the demo centre: a copy of an identity card (PNG)
and a payment receipt (PDF).

They are drawn from shapes only — no photograph, no personal data, no font — so that the demo case
file shows how proofs of identity and receipts are bound (an image scaled onto its page, a PDF
merged page by page) without shipping anyone's likeness. Both are made here, in pure Python, the
same bytes every time (the core has no imaging library).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]  # left, top, right, bottom (pixels, right and bottom excluded)

PAPER: Colour = (255, 255, 255)
CARD: Colour = (226, 236, 244)
EDGE: Colour = (120, 140, 160)
INK: Colour = (150, 160, 172)
PHOTO: Colour = (200, 208, 216)
EMBLEM: Colour = (205, 60, 50)


def _png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def identity_card_copy(width: int = 640, height: int = 420) -> bytes:
    """The front of an identity card on a photocopy sheet, as a PNG: the card's edge, the photo
    box, the lines where the name, the sex, the birth date, the address and the number are."""
    rows = [bytearray(bytes(PAPER) * width) for _row in range(height)]

    def fill(box: Box, colour: Colour) -> None:
        left, top, right, bottom = max(box[0], 0), max(box[1], 0), min(box[2], width), min(box[3], height)
        for y in range(top, bottom):
            rows[y][3 * left : 3 * right] = bytes(colour) * (right - left)

    card = (40, 40, width - 40, height - 40)
    fill(card, EDGE)
    fill((card[0] + 3, card[1] + 3, card[2] - 3, card[3] - 3), CARD)
    fill((card[2] - 190, card[1] + 50, card[2] - 50, card[1] + 230), PHOTO)
    # label and value bars: name, sex and ethnicity, birth date, address (two lines)
    for top, length in [(40, 110), (80, 60), (120, 180), (160, 220), (185, 200)]:
        fill((card[0] + 40, card[1] + top, card[0] + 110, card[1] + top + 10), INK)
        fill((card[0] + 130, card[1] + top, card[0] + 130 + length, card[1] + top + 10), INK)
    fill((card[0] + 40, card[3] - 50, card[2] - 40, card[3] - 38), INK)
    return _png(width, height, [bytes(row) for row in rows])


def _pdf(width: int, height: int, drawing: str) -> bytes:
    """A one-page PDF whose page is ``drawing`` (PDF path operators)."""
    stream = drawing.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R "
        f"/Resources << >> >>".encode("ascii"),
        b"<< /Length " + str(len(stream)).encode("ascii") + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


def payment_receipt() -> bytes:
    """A company's receipt (A5 landscape) as a PDF: its frame, the title bar, the ruled table of
    what was paid, and the red round seal."""
    width, height = 595, 420  # points
    ops = ["0.45 0.5 0.55 RG 1 w 30 30 535 360 re S", "0.8 0.84 0.88 rg 30 350 535 40 re f"]
    ops += [f"0.6 0.65 0.7 RG 0.6 w 30 {y} m 565 {y} l S" for y in (310, 270, 230, 190, 150, 110)]
    ops += [f"0.6 0.65 0.7 RG 0.6 w {x} 110 m {x} 350 l S" for x in (150, 330, 440)]
    ops += [
        f"0.7 0.73 0.78 rg {x + 10} {y + 14} {w} 10 re f"
        for y in (270, 230, 190, 150)
        for x, w in ((30, 90), (150, 150))
    ]
    # The seal: a ring drawn as four Bézier quarters (control points 0.55 of the radius out).
    cx, cy, r, k = 470, 80, 42, 23
    ring = (
        f"{cx + r} {cy} m "
        f"{cx + r} {cy + k} {cx + k} {cy + r} {cx} {cy + r} c "
        f"{cx - k} {cy + r} {cx - r} {cy + k} {cx - r} {cy} c "
        f"{cx - r} {cy - k} {cx - k} {cy - r} {cx} {cy - r} c "
        f"{cx + k} {cy - r} {cx + r} {cy - k} {cx + r} {cy} c"
    )
    ops += [f"0.8 0.24 0.2 RG 3 w {ring} S", f"0.8 0.24 0.2 rg {cx - 8} {cy - 8} 16 16 re f"]
    return _pdf(width, height, "\n".join(ops))


__all__ = ["identity_card_copy", "payment_receipt"]
