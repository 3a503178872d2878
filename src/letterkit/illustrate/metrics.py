"""Label widths from real font metrics (DejaVu Sans, the font the pictures ask for first)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_FILES = {
    False: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
    True: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",),
}
FONT_FAMILY = "'DejaVu Sans', Verdana, sans-serif"


@cache
def _font(bold: bool):
    from fontTools.ttLib import TTFont

    for name in FONT_FILES[bold]:
        if Path(name).is_file():
            with TTFont(name) as font:
                return dict(font["hmtx"].metrics), font.getBestCmap(), font["head"].unitsPerEm
    raise RuntimeError("DejaVu Sans is missing: install the Debian package fonts-dejavu-core")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of *text* at *size* px (no kerning, so never narrower than drawn)."""
    metrics, cmap, units = _font(bold)
    fallback = metrics[cmap.get(ord("M"), ".notdef")][0]
    total = 0
    for char in text:
        glyph = cmap.get(ord(char))
        total += metrics[glyph][0] if glyph in metrics else fallback
    return total * size / units
