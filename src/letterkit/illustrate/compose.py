"""Compose a picture from parts and fill its label slots."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from letterkit.illustrate.metrics import FONT_FAMILY, text_width
from letterkit.illustrate.parts import BACKGROUND, INK, PARTS, Box

WIDTH, HEIGHT = 640, 400
MARGIN = 16


class UnknownPart(ValueError):
    """A picture names a part or a label slot that does not exist."""


class LabelTooLong(ValueError):
    """A label does not fit the box it is drawn in."""


@dataclass(frozen=True)
class Label:
    """Text for one slot of one part: ``part`` is the part's index in the picture."""

    part: int
    slot: str
    text: str


def _lines(text: str, box: Box) -> list[str]:
    """Break *text* into at most ``box.lines`` lines that each fit ``box.w``."""
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if text_width(trial, box.size, box.bold) <= box.w:
            current = trial
            continue
        if not current or text_width(word, box.size, box.bold) > box.w:
            raise LabelTooLong(f"label {text!r} is {text_width(text, box.size, box.bold):.0f} px "
                               f"wide; its box takes {box.w:.0f} px (shorten it)")
        lines.append(current)
        current = word
    lines.append(current)
    if len(lines) > box.lines:
        raise LabelTooLong(f"label {text!r} needs {len(lines)} lines; its box takes "
                           f"{box.lines} (shorten it)")
    return lines


def _text(box: Box, text: str) -> str:
    lines = _lines(text, box)
    step = box.size * 1.2
    first = box.y + box.h / 2 - step * (len(lines) - 1) / 2 + box.size * 0.35
    weight = ' font-weight="bold"' if box.bold else ""
    spans = "".join(f'<tspan x="{box.x + box.w / 2:.1f}" y="{first + i * step:.1f}">'
                    f"{escape(line)}</tspan>" for i, line in enumerate(lines))
    return (f'<text font-family="{FONT_FAMILY}" font-size="{box.size}"{weight} '
            f'fill="{box.colour or INK}" text-anchor="middle">{spans}</text>')


def compose(parts: list[str], labels: list[Label], title: str, desc: str, lang: str,
            ident: str = "picture") -> str:
    """An SVG picture of *parts* side by side, labelled; *title*/*desc* give its alt text."""
    for name in parts:
        if name not in PARTS:
            raise UnknownPart(f"no illustration part {name!r}; parts: {', '.join(sorted(PARTS))}")
    column = (WIDTH - 2 * MARGIN) / max(len(parts), 1)
    body, slots = [], []
    for index, name in enumerate(parts):
        area = Box(MARGIN + index * column, MARGIN, column, HEIGHT - 2 * MARGIN)
        drawing, boxes = PARTS[name](area)
        body.append(f'<g class="part-{name}">{drawing}</g>')
        slots.append(boxes)
    for label in labels:
        boxes = slots[label.part] if 0 <= label.part < len(slots) else {}
        if label.slot not in boxes:
            raise UnknownPart(f"part {parts[label.part] if label.part < len(parts) else '?'} "
                              f"has no label slot {label.slot!r}; slots: "
                              f"{', '.join(sorted(boxes)) or 'none'}")
        body.append(_text(boxes[label.slot], label.text))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="100%" role="img" lang="{lang}" aria-labelledby="{ident}-t {ident}-d">'
            f'<title id="{ident}-t">{escape(title)}</title>'
            f'<desc id="{ident}-d">{escape(desc)}</desc>'
            f'<rect width="{WIDTH}" height="{HEIGHT}" rx="24" fill="{BACKGROUND}"/>'
            + "".join(body) + "</svg>\n")
