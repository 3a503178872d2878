"""Find the readable units of a text and blank out markup, keeping every offset.

``blocks(text, markdown)`` returns ``(masked, units)``: ``masked`` has the same length as
``text``, with Markdown markup (``#``, list markers, ``**``, link targets, ``{#id}``, hard-break
backslashes, HTML tags and comments, code) replaced by spaces, so words found in ``masked`` have
the offsets of the original string.

Plain text: a unit ends at a blank line, and at a line break after a line that does not end in
sentence punctuation unless the next line starts in lower case (a line wrapped mid-sentence, as
in text converted from PDF). Bullet lines (``-``, ``*``, ``•``, ``1.``, ``a)``) are list items
in both modes.
"""

from __future__ import annotations

import re

from .model import Unit

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_HEADING_CLOSE = re.compile(r"\s#+\s*$")
_ATTRS = re.compile(r"\{[#:.][^{}\n]*\}\s*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+•▪◦‣–]|\d{1,9}[.)])([ \t]+|$)")
_TXT_BULLET = re.compile(r"^([ \t]*)(?:[-*+•▪◦‣–]|\d{1,9}[.)]|[a-zA-Z][)])([ \t]+)(?=\S)")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\)")
_LINK_TAIL = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)|\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_INLINE = re.compile(r"\*+|~~|`+|(?<![\w])_+|_+(?![\w])|\\(?=[^\w\s])")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")


def _is_table_rule(line: str) -> bool:
    """``|---|:---:|``: the line under a table's header row."""
    return "|" in line and "--" in line and not line.strip(" \t|:-")


def _hard_break(line: str) -> int:
    """Where a Markdown hard break (a final backslash or two spaces) starts, or 0 for none."""
    if line.endswith("\\"):
        return len(line) - 1
    if line.endswith("  "):
        return len(line.rstrip(" "))
    return 0


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _lines(text: str):
    """(start, end_without_newline) for each line."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


def blocks(text: str, markdown: bool = True) -> tuple[str, list[Unit]]:
    chars = list(text)
    if markdown:
        for m in _COMMENT.finditer(text):
            _blank(chars, m.start(), m.end())
        masked = "".join(chars)
        for m in _TAG.finditer(masked):
            _blank(chars, m.start(), m.end())
        units = _markdown_units(text, chars)
    else:
        units = _text_units(text, chars)
    return "".join(chars), [u for u in units if u.end > u.start]


class _Builder:
    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.open: Unit | None = None

    def start(self, kind: str, start: int, end: int, level: int = 0) -> None:
        self.close()
        self.open = Unit(kind, start, end, level)

    def extend(self, end: int) -> None:
        assert self.open is not None
        self.open.end = end

    def close(self) -> None:
        if self.open is not None:
            self.units.append(self.open)
            self.open = None


def _markdown_units(text: str, chars: list[str]) -> list[Unit]:
    b = _Builder()
    fence: str | None = None
    masked_now = "".join(chars)
    prev_hard = False
    for ls, le in _lines(text):
        line = masked_now[ls:le]
        if fence is not None:
            _blank(chars, ls, le)
            if line.strip().startswith(fence):
                fence = None
            continue
        m = _FENCE.match(line)
        if m:
            b.close()
            fence = m.group(1)
            _blank(chars, ls, le)
            continue
        if not line.strip():
            b.close()
            prev_hard = False
            continue
        if b.open is not None and b.open.kind == "paragraph" and _SETEXT.match(line):
            b.open.kind, b.open.level = "heading", 1 if "=" in line else 2
            _blank(chars, ls, le)
            b.close()
            continue
        if _THEMATIC.match(line) or _is_table_rule(line) or _LINK_DEF.match(line):
            _blank(chars, ls, le)
            b.close()
            continue
        m = _QUOTE.match(line)
        if m:
            _blank(chars, ls, ls + m.end())
            line = " " * m.end() + line[m.end():]
        m = _HEADING.match(line)
        if m:
            _blank(chars, ls, ls + m.end())
            tail = line
            a = _ATTRS.search(tail)
            if a:
                _blank(chars, ls + a.start(), le)
                tail = tail[: a.start()]
            c = _HEADING_CLOSE.search(tail)
            if c:
                _blank(chars, ls + c.start(), ls + len(tail))
            b.start("heading", ls, le, len(m.group(1)))
            _inline(text, chars, ls, le)
            b.close()
            continue
        if line.lstrip().startswith("|"):
            b.start("line", ls, le)
            for i, ch in enumerate(line):
                if ch == "|":
                    chars[ls + i] = " "
            _inline(text, chars, ls, le)
            b.close()
            continue
        m = _BULLET.match(line)
        if m:
            _blank(chars, ls + len(m.group(1)), ls + m.end())
            b.start("list_item", ls, le)
        elif b.open is None or prev_hard:
            b.start("line" if prev_hard else "paragraph", ls, le)
        else:
            b.extend(le)
        hard = _hard_break(line)
        if hard:
            _blank(chars, ls + hard, le)
            if b.open is not None and b.open.kind == "paragraph":
                b.open.kind = "line"
        prev_hard = bool(hard)
        _inline(text, chars, ls, le)
    b.close()
    return b.units


def _inline(text: str, chars: list[str], start: int, end: int) -> None:
    segment = "".join(chars[start:end])
    for m in _IMAGE.finditer(segment):
        _blank(chars, start + m.start(), start + m.end())
    segment = "".join(chars[start:end])
    for m in _LINK_TAIL.finditer(segment):
        _blank(chars, start + m.start(), start + m.end())
        opening = segment.rfind("[", 0, m.start())
        if opening >= 0:
            chars[start + opening] = " "
    segment = "".join(chars[start:end])
    for m in _AUTOLINK.finditer(segment):
        chars[start + m.start()] = " "
        chars[start + m.end() - 1] = " "
    segment = "".join(chars[start:end])
    for m in _INLINE.finditer(segment):
        _blank(chars, start + m.start(), start + m.end())


def _text_units(text: str, chars: list[str]) -> list[Unit]:
    b = _Builder()
    lines = list(_lines(text))
    ends_unit = True
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le]
        if not line.strip():
            b.close()
            ends_unit = True
            continue
        m = _TXT_BULLET.match(line)
        if m:
            _blank(chars, ls + len(m.group(1)), ls + m.end())
            b.start("list_item", ls, le)
        elif ends_unit or b.open is None:
            b.start("paragraph", ls, le)
        else:
            b.extend(le)
        nxt = text[lines[i + 1][0]:lines[i + 1][1]].lstrip() if i + 1 < len(lines) else ""
        wrapped = nxt[:1].islower() and not _TXT_BULLET.match(nxt)
        ends_unit = not _SENTENCE_END.search(line) and not wrapped
        if ends_unit and b.open is not None and b.open.kind == "paragraph" and b.open.start == ls:
            b.open.kind = "line"
    b.close()
    return b.units
