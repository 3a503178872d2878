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
    tokens = parse(markdown)
    blocks: list[str] = []
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
            if not list_stack and blocks:
                blocks.append("")
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
            blocks.extend(["-" * 20, ""])
        elif kind in ("fence", "code_block"):
            blocks.extend([token.content.rstrip("\n"), ""])
        elif kind == "inline":
            text = _inline_text(token)
            opener = tokens[index - 1]
            indent = "  " * max(len(list_stack) - 1, 0)
            quote = "> " * quote_depth
            if opener.type == "heading_open":
                level = int(opener.tag[1])
                underline = "=" if level == 1 else "-" if level == 2 else ""
                blocks.append(text)
                if underline:
                    blocks.append(underline * min(len(text), width))
                blocks.append("")
            elif list_stack:
                prefix = pending_prefix or "  "
                pending_prefix = ""
                blocks.append(_wrap(text, width, indent + prefix, indent + " " * len(prefix)))
            else:
                blocks.append(_wrap(text, width, quote, quote))
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


def _inline_text(token: Token) -> str:
    parts: list[str] = []
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
            parts.append("")
        elif kind == "link_close":
            href = link_stack.pop() if link_stack else ""
            label_end = "".join(parts)
            if href and not label_end.endswith(href) and not href.startswith("#"):
                target = href.removeprefix("mailto:")
                if not label_end.rstrip().endswith(target):
                    parts.append(f" ({target})")
        elif kind == "image":
            parts.append(child.content or "")
    return "".join(parts)
