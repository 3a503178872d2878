"""Markdown to HTML and to plain text, with one parser (markdown-it-py, CommonMark).

Raw HTML in Markdown is not passed through: letters and values are escaped, never rendered
as HTML. Headings may end in ``{#section-id}`` (the attr_list syntax that Python-Markdown and
so the docs site understand too); the id becomes the heading's ``id`` attribute.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

HEADING_ID = re.compile(r"\s*\{#([A-Za-z0-9_-]+)\}\s*$")
MISSING_VALUE = re.compile(r"\(\(([A-Za-z_][A-Za-z0-9_.]*)\)\)")


def _heading_ids(state) -> None:  # noqa: ANN001 - markdown-it core rule signature
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = HEADING_ID.search(inline.content)
        if not match:
            continue
        token.attrSet("id", match.group(1))
        inline.content = inline.content[: match.start()]
        if inline.children:
            last = inline.children[-1]
            if last.type == "text":
                last.content = HEADING_ID.sub("", last.content)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The shared Markdown parser: CommonMark plus tables, raw HTML off."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.core.ruler.push("letterkit_heading_ids", _heading_ids)
    return md


def parse(markdown: str) -> list[Token]:
    return parser().parse(markdown)


def to_html(markdown: str, *, highlight_missing: bool = False) -> str:
    """Render *markdown* to an HTML fragment; optionally mark ``((name))`` missing values."""
    html = parser().render(markdown)
    if highlight_missing:
        html = MISSING_VALUE.sub(
            r'<mark class="lk-missing" title="No value for \1">((\1))</mark>', html)
    return html


_html_cache = None


def letter_html(markdown: str, source_map=None) -> str:  # noqa: ANN001 - a SourceMap
    """:func:`to_html` of a rendered letter, parsed once per structure (see ``structure``)."""
    global _html_cache
    if _html_cache is None:
        from letterkit.render.structure import StructureCache, _fill_stand_ins

        _html_cache = StructureCache(lambda text: parser().render(text), _fill_stand_ins)
    return _html_cache.get(markdown, source_map)


_text_cache = None


def letter_text(markdown: str, source_map=None, width: int = 78) -> str:  # noqa: ANN001
    """:func:`to_text` of a rendered letter, its structure parsed once per skeleton."""
    global _text_cache
    if _text_cache is None:
        from letterkit.render.structure import StructureCache

        _text_cache = StructureCache(text_structure, _restore_text)
    return text_layout(_text_cache.get(markdown, source_map), width)


def _restore_text(structure: list[tuple], runs: list[str], seen: list[int]) -> list[tuple]:
    from letterkit.render.structure import fill

    def back(value):  # noqa: ANN001, ANN202 - a piece of an entry
        if isinstance(value, str):
            return fill(value, runs, seen)
        if isinstance(value, list | tuple):
            return type(value)(back(item) for item in value)
        return value

    return [back(entry) for entry in structure]


def heading_sections(markdown: str) -> list[tuple[int, str | None, str]]:
    """Return (level, id, text) for each heading of *markdown*."""
    tokens = parse(markdown)
    result = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            result.append((int(token.tag[1]), token.attrGet("id"), tokens[index + 1].content))
    return result


def to_text(markdown: str, width: int = 78) -> str:
    """Render *markdown* as plain text for e-mail, SMS gateways or a terminal."""
    return text_layout(text_structure(markdown), width)


def text_structure(markdown: str) -> list[tuple]:
    """What the plain text is made of, before any line is wrapped: the part of
    :func:`to_text` that depends on the Markdown parse only (``render.structure`` caches it
    per skeleton in a batch). Entries: ("heading", level, inline), ("item", indent, prefix,
    inline), ("paragraph", quote, inline), ("lines", text), ("blank",); an inline is a list
    of strings and one-element tuples (the target of a link that closes there)."""
    tokens = parse(markdown)
    out: list[tuple] = []
    list_stack: list[list[int | None]] = []  # [next number or None for bullets]
    pending_prefix = ""
    quote_depth = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "bullet_list_open":
            list_stack.append([None])
        elif kind == "ordered_list_open":
            list_stack.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
            if not list_stack and out:
                out.append(("blank",))
        elif kind == "list_item_open":
            counter = list_stack[-1]
            if counter[0] is None:
                pending_prefix = "- "
            else:
                pending_prefix = f"{counter[0]}. "
                counter[0] += 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "hr":
            out.extend([("lines", "-" * 20), ("blank",)])
        elif kind in ("fence", "code_block"):
            out.extend([("lines", token.content.rstrip("\n")), ("blank",)])
        elif kind == "inline":
            inline = _inline_pieces(token)
            opener = tokens[index - 1]
            if opener.type == "heading_open":
                out.append(("heading", int(opener.tag[1]), inline))
            elif list_stack:
                prefix = pending_prefix or "  "
                pending_prefix = ""
                out.append(("item", "  " * max(len(list_stack) - 1, 0), prefix, inline))
            else:
                out.append(("paragraph", "> " * quote_depth, inline))
    return out


def text_layout(structure: list[tuple], width: int = 78) -> str:
    """The plain text of a :func:`text_structure`: links resolved, lines wrapped."""
    blocks: list[str] = []
    for entry in structure:
        kind = entry[0]
        if kind == "blank":
            blocks.append("")
        elif kind == "lines":
            blocks.append(entry[1])
        elif kind == "heading":
            level, text = entry[1], _inline_join(entry[2])
            underline = "=" if level == 1 else "-" if level == 2 else ""
            blocks.append(text)
            if underline:
                blocks.append(underline * min(len(text), width))
            blocks.append("")
        elif kind == "item":
            indent, prefix, text = entry[1], entry[2], _inline_join(entry[3])
            blocks.append(_wrap(text, width, indent + prefix, indent + " " * len(prefix)))
        else:
            quote = entry[1]
            blocks.append(_wrap(_inline_join(entry[2]), width, quote, quote))
            blocks.append("")
    text = "\n".join(blocks)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# A date or a time is never split over two lines: "22.\njoulukuuta 2026" misleads.
_UNBREAKABLE = re.compile(r"\b\d{1,2}\.? \w+ \d{4}\b|\b(?:klo|kl\.|at) \d{1,2}[.:]\d{2}\b")


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    text = _UNBREAKABLE.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)
    lines = []
    for number, line in enumerate(text.split("\n")):
        lines.append(textwrap.fill(
            line, width=width, initial_indent=first if number == 0 else rest,
            subsequent_indent=rest, break_long_words=False, break_on_hyphens=False,
        ) or (first if number == 0 else rest).rstrip())
    return "\n".join(lines).replace("\u00a0", " ")


def _inline_pieces(token: Token) -> list:
    parts: list = []
    link_stack: list[str | None] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            link_stack.append(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            parts.append((link_stack.pop() if link_stack else "",))
        elif kind == "image":
            parts.append(child.content or "")
    return parts


def _inline_join(pieces: list) -> str:
    """The text of an inline; a link's target follows it in brackets unless the text so far
    already ends with it (a web address or e-mail written out) or it is a #section link."""
    parts: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        href = piece[0]
        label_end = "".join(parts)
        if href and not label_end.endswith(href) and not href.startswith("#"):
            target = href.removeprefix("mailto:")
            if not label_end.rstrip().endswith(target):
                parts.append(f" ({target})")
    return "".join(parts)
