"""The parts of the illustration family: the same stroke, palette and proportions everywhere.

Each part draws itself in a 200 × 220 design box, scaled into its column of the picture, and
returns the label slots it offers: every part has ``caption`` under it; some have more (the
letter's ``date``, the screen's ``title``...). Colours meet WCAG contrast for text (ink on
white or yellow) and for graphics (3:1 against the background).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

INK = "#1a1a2e"          # outlines and text
BACKGROUND = "#eef2f8"
PAPER = "#ffffff"
BLUE = "#1f4e99"         # the authority's things: screens, desk, envelope flap
YELLOW = "#ffd23f"       # what the reader must notice: the date, the deadline
GREEN = "#17703a"        # done, received
SKIN = "#c68a5e"
STROKE = f'stroke="{INK}" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"'

DESIGN_W, DESIGN_H = 200, 220
CAPTION_H = 72


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    size: float = 22
    lines: int = 2
    bold: bool = False
    colour: str | None = None


Drawn = tuple[str, dict[str, Box]]


def _frame(area: Box) -> tuple[float, float, float]:
    """Scale and offset that fit the design box into *area* above its caption."""
    room_h = area.h - CAPTION_H
    scale = min(area.w / DESIGN_W, room_h / DESIGN_H)
    dx = area.x + (area.w - DESIGN_W * scale) / 2
    dy = area.y + (room_h - DESIGN_H * scale) / 2
    return scale, dx, dy


def _part(draw: Callable[[], tuple[str, dict[str, Box]]]) -> Callable[[Box], Drawn]:
    def place(area: Box) -> Drawn:
        scale, dx, dy = _frame(area)
        svg, inner = draw()
        slots = {name: Box(dx + b.x * scale, dy + b.y * scale, b.w * scale, b.h * scale,
                           b.size * scale, b.lines, b.bold, b.colour)
                 for name, b in inner.items()}
        slots["caption"] = Box(area.x + 4, area.y + area.h - CAPTION_H, area.w - 8, CAPTION_H,
                               size=26, lines=2)
        return f'<g transform="translate({dx:.1f} {dy:.1f}) scale({scale:.3f})">{svg}</g>', slots
    place.__name__ = draw.__name__
    place.__doc__ = draw.__doc__
    return place


def _person(cx: float, top: float, shirt: str = BLUE, height: float = 150) -> str:
    head = height * 0.17
    return (f'<path d="M{cx - height * 0.3} {top + height} v-{height * 0.28} '
            f'a{height * 0.3} {height * 0.3} 0 0 1 {height * 0.6} 0 v{height * 0.28} z" '
            f'fill="{shirt}" {STROKE}/>'
            f'<circle cx="{cx}" cy="{top + head + 4}" r="{head}" fill="{SKIN}" {STROKE}/>')


@_part
def person() -> tuple[str, dict[str, Box]]:
    """A person: the customer."""
    return _person(100, 30, height=170), {}


@_part
def letter() -> tuple[str, dict[str, Box]]:
    """A letter with its deadline highlighted."""
    lines = "".join(f'<path d="M50 {y} h{w}" {STROKE}/>'
                    for y, w in ((50, 70), (70, 100), (150, 100), (170, 80), (190, 90)))
    svg = (f'<rect x="30" y="20" width="140" height="195" rx="6" fill="{PAPER}" {STROKE}/>'
           + lines + f'<rect x="40" y="92" width="120" height="40" rx="6" fill="{YELLOW}" '
           f'{STROKE}/>')
    return svg, {"date": Box(44, 94, 112, 36, size=17, lines=1, bold=True)}


@_part
def calendar() -> tuple[str, dict[str, Box]]:
    """A calendar page with one day circled."""
    grid = "".join(f'<rect x="{42 + c * 30}" y="{100 + r * 28}" width="22" height="18" '
                   f'fill="{BACKGROUND}"/>' for r in range(3) for c in range(4))
    svg = (f'<rect x="25" y="30" width="150" height="180" rx="10" fill="{PAPER}" {STROKE}/>'
           f'<rect x="25" y="30" width="150" height="50" rx="10" fill="{BLUE}" {STROKE}/>'
           f'<path d="M60 18 v26 M140 18 v26" {STROKE}/>' + grid
           + f'<circle cx="143" cy="165" r="20" fill="{YELLOW}" {STROKE}/>')
    return svg, {"month": Box(32, 34, 136, 42, size=22, lines=1, bold=True, colour=PAPER)}


@_part
def laptop() -> tuple[str, dict[str, Box]]:
    """A laptop showing the e-service."""
    svg = (f'<rect x="20" y="30" width="160" height="120" rx="8" fill="{PAPER}" {STROKE}/>'
           f'<rect x="20" y="30" width="160" height="34" rx="8" fill="{BLUE}" {STROKE}/>'
           f'<path d="M38 84 h90 M38 104 h120 M38 124 h70" {STROKE}/>'
           f'<path d="M5 168 h190 l-14 -18 h-162 z" fill="{INK}" {STROKE}/>')
    return svg, {"title": Box(26, 33, 148, 28, size=18, lines=1, bold=True, colour=PAPER),
                 "button": Box(112, 112, 62, 26, size=14, lines=1)}


@_part
def phone() -> tuple[str, dict[str, Box]]:
    """A phone showing the e-service."""
    svg = (f'<rect x="55" y="10" width="90" height="200" rx="14" fill="{INK}" {STROKE}/>'
           f'<rect x="63" y="30" width="74" height="160" fill="{PAPER}"/>'
           f'<rect x="63" y="30" width="74" height="34" fill="{BLUE}"/>'
           f'<path d="M75 86 h50 M75 106 h40 M75 126 h50" {STROKE}/>'
           f'<rect x="70" y="146" width="60" height="30" rx="6" fill="{YELLOW}" {STROKE}/>')
    return svg, {"title": Box(65, 32, 70, 30, size=13, lines=2, bold=True, colour=PAPER),
                 "button": Box(72, 148, 56, 26, size=13, lines=1, bold=True)}


@_part
def envelope() -> tuple[str, dict[str, Box]]:
    """An envelope: a letter sent by post."""
    svg = (f'<rect x="15" y="60" width="170" height="110" rx="6" fill="{PAPER}" {STROKE}/>'
           f'<path d="M15 60 l85 62 l85 -62" fill="{BLUE}" {STROKE}/>'
           f'<rect x="140" y="130" width="30" height="28" fill="{YELLOW}" {STROKE}/>')
    return svg, {}


@_part
def postbox() -> tuple[str, dict[str, Box]]:
    """A post box."""
    svg = (f'<path d="M50 90 a50 50 0 0 1 100 0 v100 h-100 z" fill="{YELLOW}" {STROKE}/>'
           f'<rect x="70" y="80" width="60" height="12" rx="4" fill="{INK}"/>'
           f'<path d="M90 190 v25 h20 v-25" fill="{INK}" {STROKE}/>'
           f'<path d="M40 40 l40 30" {STROKE}/>'
           f'<rect x="20" y="18" width="50" height="34" fill="{PAPER}" {STROKE} '
           f'transform="rotate(30 45 35)"/>')
    return svg, {}


@_part
def document() -> tuple[str, dict[str, Box]]:
    """A document with an official stamp: legalised or translated."""
    svg = (f'<path d="M40 15 h90 l35 35 v160 h-125 z" fill="{PAPER}" {STROKE}/>'
           f'<path d="M130 15 v35 h35" fill="none" {STROKE}/>'
           f'<path d="M60 70 h60 M60 95 h85 M60 120 h70" {STROKE}/>'
           f'<circle cx="125" cy="170" r="28" fill="none" stroke="{BLUE}" stroke-width="6"/>'
           f'<circle cx="125" cy="170" r="16" fill="none" stroke="{BLUE}" stroke-width="4"/>')
    return svg, {}


@_part
def table() -> tuple[str, dict[str, Box]]:
    """Two people at a table with an interpreter between them."""
    svg = (_person(40, 60, BLUE, 110) + _person(160, 60, GREEN, 110)
           + _person(100, 40, YELLOW, 110)
           + f'<path d="M100 62 m-30 -22 q-10 10 0 20 M100 62 m30 -22 q10 10 0 20" fill="none" '
           f'{STROKE}/>'
           f'<rect x="5" y="160" width="190" height="18" rx="4" fill="{INK}" {STROKE}/>'
           f'<path d="M25 178 v40 M175 178 v40" {STROKE}/>')
    return svg, {}


@_part
def desk() -> tuple[str, dict[str, Box]]:
    """A service-point desk with a member of staff and a sign."""
    svg = (f'<rect x="20" y="10" width="160" height="44" rx="6" fill="{BLUE}" {STROKE}/>'
           + _person(100, 70, GREEN, 110)
           + f'<rect x="5" y="150" width="190" height="65" rx="4" fill="{PAPER}" {STROKE}/>')
    return svg, {"sign": Box(26, 13, 148, 38, size=18, lines=1, bold=True, colour=PAPER)}


@_part
def checkmark() -> tuple[str, dict[str, Box]]:
    """A checkmark in a circle: done."""
    svg = (f'<circle cx="100" cy="110" r="80" fill="{GREEN}" {STROKE}/>'
           f'<path d="M60 112 l28 28 l54 -58" fill="none" stroke="{PAPER}" stroke-width="16" '
           f'stroke-linecap="round" stroke-linejoin="round"/>')
    return svg, {}


@_part
def clock() -> tuple[str, dict[str, Box]]:
    """A clock: time, waiting, being on time."""
    ticks = "".join(f'<path d="M100 42 v12" {STROKE} transform="rotate({a} 100 110)"/>'
                    for a in range(0, 360, 30))
    svg = (f'<circle cx="100" cy="110" r="80" fill="{PAPER}" {STROKE}/>' + ticks
           + f'<path d="M100 110 v-48 M100 110 l34 20" fill="none" stroke="{INK}" '
           f'stroke-width="8" stroke-linecap="round"/>'
           f'<circle cx="100" cy="110" r="7" fill="{INK}"/>')
    return svg, {}


@_part
def card() -> tuple[str, dict[str, Box]]:
    """A residence permit card."""
    svg = (f'<rect x="10" y="55" width="180" height="115" rx="12" fill="{PAPER}" {STROKE}/>'
           f'<rect x="10" y="55" width="180" height="30" rx="12" fill="{BLUE}" {STROKE}/>'
           f'<rect x="25" y="98" width="50" height="60" rx="4" fill="{BACKGROUND}" {STROKE}/>'
           f'<circle cx="50" cy="118" r="10" fill="{SKIN}"/>'
           f'<path d="M90 110 h80 M90 130 h60 M90 150 h70" {STROKE}/>')
    return svg, {}


@_part
def fingerprint() -> tuple[str, dict[str, Box]]:
    """A fingerprint on a scanner, and a camera for the photo."""
    arcs = "".join(f'<path d="M{100 - r} 120 a{r} {r * 1.2} 0 0 1 {2 * r} 0" fill="none" '
                   f'{STROKE}/>' for r in (12, 26, 40))
    svg = (f'<rect x="30" y="150" width="140" height="55" rx="8" fill="{BLUE}" {STROKE}/>'
           f'<ellipse cx="100" cy="115" rx="55" ry="68" fill="{PAPER}" {STROKE}/>' + arcs
           + f'<path d="M{60} 120 v30 M140 120 v30" {STROKE}/>')
    return svg, {}


PARTS: dict[str, Callable[[Box], Drawn]] = {
    fn.__name__: fn for fn in (person, letter, calendar, laptop, phone, envelope, postbox,
                               document, table, desk, checkmark, clock, card, fingerprint)
}
