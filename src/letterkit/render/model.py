"""The print model of a letter: the layout's fields plus the body as blocks.

Built once from a :class:`RenderedLetter` (its Markdown, parsed with the shared parser, and
the layout in ``letters/_shared/``, see :mod:`letterkit.render.layout`); the print HTML, the
.docx and the PDF are all written from it, so the three cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from letterkit.render import RenderedLetter, letters_root
from letterkit.render.layout import Layout, load_layout
from letterkit.render.markdown import parse
from letterkit.templates.filters import make_filters

LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Block:
    """heading (level), paragraph, list item (ordered, depth, number) or rule."""

    kind: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    ordered: bool = False
    depth: int = 0
    number: int = 0
    list_id: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class PrintLetter:
    letter_id: str
    version: int
    lang: str
    title: str
    date: str
    reference: str
    recipient: list[str]
    blocks: list[Block]
    layout: Layout
    commit: str

    @property
    def language_tag(self) -> str:
        return LANGUAGE_TAGS.get(self.lang, self.lang)


@cache
def templates_commit(root: Path) -> str:
    """The git commit of the letters folder, with ``+dirty`` if it has uncommitted changes."""
    try:
        head = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%H", "--", "."],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "."],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (head or "unknown") + ("+dirty" if dirty else "")


def print_model(rendered: RenderedLetter) -> PrintLetter:
    root = letters_root(rendered.letter)
    layout = load_layout(root, rendered.lang)
    filters = make_filters(rendered.lang) if rendered.values else {}
    values = rendered.values
    slots = layout.slots

    def text_of(name: str | None) -> str:
        value = values.get(name) if name else None
        if isinstance(value, dt.datetime | dt.date) and "date" in filters:
            return str(filters["date"](value))
        return "" if value is None or not isinstance(value, str | int | float | dt.date) \
            else str(value)

    recipient: list[str] = []
    for name in slots.get("recipient") or ():
        value = values.get(name)
        if isinstance(value, list):
            recipient.extend(str(item) for item in value)
        elif isinstance(value, str):
            recipient.append(value)
    letter = rendered.letter
    return PrintLetter(
        letter_id=letter.id, version=letter.version, lang=rendered.lang, title=rendered.title,
        date=text_of(slots.get("date")), reference=text_of(slots.get("reference")),
        recipient=recipient, blocks=_blocks(rendered),
        layout=layout, commit=templates_commit(root),
    )


def _restore_blocks(blocks: list[Block], runs: list[str], seen: list[int]) -> list[Block]:
    from letterkit.render.structure import fill

    return [Block(block.kind, [Run(fill(run.text, runs, seen), run.bold, run.italic,
                                   None if run.href is None else fill(run.href, runs, seen))
                               for run in block.runs],
                  block.level, block.ordered, block.depth, block.number, block.list_id)
            for block in blocks]


_blocks_cache = None


def _blocks(rendered: RenderedLetter) -> list[Block]:
    """The body blocks of *rendered*, parsed once per structure (see ``render.structure``)."""
    global _blocks_cache
    start = rendered.body_start
    if rendered.preview:
        return body_blocks(rendered.markdown[start:])
    if _blocks_cache is None:
        from letterkit.render.structure import StructureCache

        _blocks_cache = StructureCache(body_blocks, _restore_blocks)
    return _blocks_cache.get(rendered.markdown[start:], rendered.source_map, start)


def body_blocks(markdown: str) -> list[Block]:
    """Headings, paragraphs and list items of *markdown*, in reading order."""
    tokens = parse(markdown)
    blocks: list[Block] = []
    lists: list[list] = []  # [ordered, next number, id]
    list_count = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_count += 1
            lists.append([kind == "ordered_list_open", int(token.attrGet("start") or 1),
                          list_count])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "hr":
            blocks.append(Block("rule"))
        elif kind == "inline":
            opener = tokens[index - 1]
            runs = _runs(token)
            if opener.type == "heading_open":
                blocks.append(Block("heading", runs, level=int(opener.tag[1])))
            elif lists and opener.type == "paragraph_open" and tokens[index - 2].type \
                    == "list_item_open":
                ordered, number, list_id = lists[-1]
                lists[-1][1] += 1
                blocks.append(Block("item", runs, ordered=ordered, depth=len(lists) - 1,
                                    number=number, list_id=list_id))
            else:
                blocks.append(Block("paragraph", runs))
    return blocks


def _runs(token) -> list[Run]:  # noqa: ANN001 - a markdown-it inline token
    runs: list[Run] = []
    bold = italic = 0
    href: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
        elif kind == "link_close":
            href = None
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, child.content)
            if runs and (runs[-1].bold, runs[-1].italic, runs[-1].href) == (bold > 0, italic > 0,
                                                                              href):
                runs[-1] = Run(runs[-1].text + text, bold > 0, italic > 0, href)
            else:
                runs.append(Run(text, bold > 0, italic > 0, href))
    return runs
