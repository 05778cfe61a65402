"""Draw the centre's icon: a vermilion seal with 调 cut in white (白文印), as PNG and Windows ICO.

    .venv/bin/python resources/icons/build_icon.py [--out-dir DIR]

Writes ``mediation-app.png`` (1024 × 1024, the source image: the window icon and the Linux desktop
entry use it) and ``mediation-app.ico`` (16, 24, 32, 48, 64, 128 and 256 px, for the Windows
executables, their shortcuts and the uninstaller), both from the same drawing (the ICO's
sizes up to 32 px leave the thin inner frame out so the character stays legible). The character is
set in the Noto Serif SC Bold face the documents use (``resources/fonts``), so nothing depends on
the fonts of the machine that runs this. Needs Pillow (installed with the dev extra).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "fonts" / "NotoSerifSC-Bold.ttf"
NAME = "mediation-app"

SIZE = 1024
VERMILION = (178, 34, 34, 255)  # 朱砂: the red of an official seal
PAPER = (255, 255, 255, 255)
CHARACTER = "调"  # 调解: mediation
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALLEST_FRAMED = 32  # sizes up to this one leave the inner frame out


def draw(size: int = SIZE, *, framed: bool = True) -> Image.Image:
    """The seal on a transparent square of ``size`` pixels (``framed``: with its inner frame)."""
    scale = size / SIZE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    # The body of the seal, a square with softened corners as a carved stone leaves them.
    margin = round((40 if framed else 16) * scale)
    pen.rounded_rectangle(
        (margin, margin, size - margin, size - margin), radius=round(110 * scale), fill=VERMILION
    )
    if framed:
        # The frame a seal carver leaves standing inside the edge.
        inset = round(104 * scale)
        pen.rounded_rectangle(
            (inset, inset, size - inset, size - inset),
            radius=round(56 * scale),
            outline=PAPER,
            width=max(1, round(30 * scale)),
        )
    # The character, cut in white and centred on its ink, not on the font's line box.
    font = ImageFont.truetype(str(FONT), round((600 if framed else 780) * scale))
    left, top, right, bottom = pen.textbbox((0, 0), CHARACTER, font=font)
    x = (size - (right - left)) / 2 - left
    y = (size - (bottom - top)) / 2 - top
    pen.text((x, y), CHARACTER, font=font, fill=PAPER)
    return image


def icon_frame(side: int) -> Image.Image:
    """The icon at ``side`` pixels, drawn large and scaled down; at 32 px and less without the
    inner frame (a line a pixel wide would blur the character) and with a larger character."""
    return draw(side * 8, framed=side > SMALLEST_FRAMED).resize((side, side), Image.Resampling.LANCZOS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    source = draw()
    png = args.out_dir / f"{NAME}.png"
    source.save(png, optimize=True)
    ico = args.out_dir / f"{NAME}.ico"
    frames = [icon_frame(side) for side in ICO_SIZES]
    frames[-1].save(ico, sizes=[(side, side) for side in ICO_SIZES], append_images=frames[:-1])
    print(f"wrote {png} ({png.stat().st_size // 1024} KB) and {ico} ({ico.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
