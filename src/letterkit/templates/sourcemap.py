"""Map every character of a rendered letter back to the template line that produced it.

Before a template is compiled, invisible marks (Unicode private-use characters) are put into
its literal text: one at the start of each run of text, and one just before each ``{{ ... }}``.
Each mark stands for a place in a template file. After rendering, the marks are taken out of
the output and remembered by position, so :meth:`SourceMap.locate` can say for any offset of
the clean output which file, line and column it came from, or which placeholder produced it.

Marks go only where literal output is, never inside a tag, so the template's syntax, its line
numbers and Jinja's whitespace control are unchanged.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass

from jinja2 import Environment

MARK_START = "\ue000"
MARK_END = "\ue001"
_DIGIT_BASE = 0xE100
_RADIX = 0x1000
MARK_RE = re.compile("\ue000([\ue100-\uf0ff]+)\ue001")
_STRAY_RE = re.compile("[\ue000-\uf0ff]")


@dataclass(frozen=True)
class Mark:
    """A place in a template: literal text starting at *offset*, or a placeholder there."""

    path: str
    source: str
    offset: int
    variable: str | None = None  # set for ``{{ ... }}`` output: the first name in it


@dataclass(frozen=True)
class SourcePosition:
    """Where a character of the output came from; line and col are 1-based."""

    path: str
    line: int
    col: int
    variable: str | None = None


class MarkRegistry:
    """All marks handed out by one environment; thread-safe."""

    def __init__(self) -> None:
        self._marks: list[Mark] = []
        self._by_code: dict[str, Mark] = {}
        self._lock = threading.Lock()
        self.shapes: dict = {}  # render.shapes: what letters of one shape share

    def add(self, mark: Mark) -> str:
        with self._lock:
            index = len(self._marks)
            self._marks.append(mark)
        return MARK_START + _encode(index) + MARK_END

    def __getitem__(self, index: int) -> Mark:
        return self._marks[index]

    def by_code(self, code: str) -> Mark:
        """The mark whose digits (between MARK_START and MARK_END) are *code*."""
        mark = self._by_code.get(code)
        if mark is None:
            mark = self._by_code[code] = self._marks[_decode(code)]
        return mark


def _encode(number: int) -> str:
    digits = []
    while True:
        number, digit = divmod(number, _RADIX)
        digits.append(chr(_DIGIT_BASE + digit))
        if not number:
            return "".join(reversed(digits))


def _decode(text: str) -> int:
    number = 0
    for char in text:
        number = number * _RADIX + ord(char) - _DIGIT_BASE
    return number


def instrument(env: Environment, source: str, path: str, registry: MarkRegistry) -> str:
    """Return *source* with marks inserted in its literal text (see the module docstring)."""
    inserts: list[tuple[int, str]] = []
    cursor = 0
    previous_data_end: int | None = None
    pending_variable: int | None = None
    for _lineno, token, value in env.lex(source):
        if token == "whitespace":
            continue
        position = source.find(value, cursor) if value else cursor
        if position < 0:  # NOTE: cannot happen for Jinja's own lexer; stay safe and unmarked
            return source
        if token == "data":
            if value:
                inserts.append((position, registry.add(Mark(path, source, position))))
            previous_data_end = position + len(value)
        elif token == "variable_begin":
            # Before "{{", or at the end of the text before it when "{{-" strips whitespace
            # in between: a mark after that whitespace would stop it being stripped.
            pending_variable = previous_data_end if previous_data_end is not None else position
            variable_begin = position
            previous_data_end = None
        elif pending_variable is not None:
            name = value if token == "name" else None
            inserts.append((pending_variable, registry.add(
                Mark(path, source, variable_begin, name))))
            pending_variable = None
            previous_data_end = None
        else:
            previous_data_end = None
        cursor = position + len(value)
    pieces = []
    last = 0
    for position, mark in sorted(inserts, key=lambda item: item[0]):
        pieces.append(source[last:position])
        pieces.append(mark)
        last = position
    pieces.append(source[last:])
    return "".join(pieces)


@dataclass
class SourceMap:
    """Positions in a clean rendered text, each with the mark that starts there."""

    starts: list[int]
    marks: list[Mark]
    # (markdown, skeleton, runs) when the skeleton of exactly that text is known already
    # (render.shapes finds it with the letter's shape; render.structure uses it)
    skeleton: tuple[str, str, list[str]] | None = None

    def shift_for_inserts(self, offsets: list[int]) -> None:
        """Account for one character inserted before each of *offsets* (ascending)."""
        self.skeleton = None
        for index, start in enumerate(self.starts):
            self.starts[index] = start + bisect.bisect_left(offsets, start)

    def variable_at(self, offset: int) -> str | None:
        """The variable whose ``{{ ... }}`` printed the character at *offset*, if any."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.marks[index].variable if index >= 0 else None

    def locate(self, offset: int) -> SourcePosition | None:
        """Return where the character at *offset* of the clean text came from."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        mark = self.marks[index]
        if mark.variable is not None:
            source_offset = mark.offset
        else:
            source_offset = min(mark.offset + offset - self.starts[index], len(mark.source))
        line = mark.source.count("\n", 0, source_offset) + 1
        col = source_offset - (mark.source.rfind("\n", 0, source_offset) + 1) + 1
        return SourcePosition(mark.path, line, col, mark.variable)


def strip_marks(text: str, registry: MarkRegistry) -> tuple[str, SourceMap]:
    """Remove the marks from rendered *text*; return the clean text and its source map."""
    parts = MARK_RE.split(text)  # text, code, text, code, ..., text
    pieces = parts[0::2]
    starts: list[int] = []
    marks: list[Mark] = []
    length = len(pieces[0])
    by_code = registry.by_code
    for code, chunk in zip(parts[1::2], pieces[1:], strict=True):
        mark = by_code(code)
        if starts and starts[-1] == length:
            marks[-1] = mark  # an empty run: the later mark describes what follows
        else:
            starts.append(length)
            marks.append(mark)
        length += len(chunk)
    clean = "".join(pieces)
    if _STRAY_RE.search(clean):  # marks cut in half by a filter such as truncate
        clean = _STRAY_RE.sub("", clean)
    return clean, SourceMap(starts, marks)
