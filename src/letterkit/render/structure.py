"""Parse a letter's Markdown once per structure, not once per letter (batch speed).

In a batch, thousands of letters differ only in their values: names, case numbers, dates.
The Markdown parser's work (where the paragraphs, lists, headings and emphasis are) depends
on the template's text and on the control flow the values took, hardly ever on the letters
and digits of a value. So each run of letters and digits that came from a ``{{ ... }}`` is
replaced by a stand-in character (a private-use code point, which the parser treats exactly
like a letter: neither white space nor punctuation), the resulting *skeleton* is parsed once,
and for every letter with the same skeleton only the stand-ins are swapped back.

A value of words, digits and inner punctuation that starts nothing (the common case) becomes
one stand-in. A run stays in the skeleton as it is wherever letters or digits can change the
parse:

- ASCII digits at the start of a line, or after list and quote markers (``12.`` is a list);
- in a word (up to white space) holding ``&``, ``#``, ``<`` or ``{``: character references
  (``&amp;``, ``&#123;``), autolinks (``<https://...>``) and heading ids (``{#id}``).

Letters with a link reference definition (``[label]: url``) are never cached, as labels
match case-insensitively. A stand-in that the parser changed (in a link target it is
percent-encoded) or moved is detected: every stand-in must come out exactly once, otherwise
the skeleton is marked as not cacheable and its letters are parsed in full. A skeleton is
kept only after the second letter with it was parsed in full and gave the same result (the
first is parsed in full only, so letters whose skeletons never repeat cost one parse): a
surprise costs speed, never a wrong letter. Runs of letters and digits never need HTML
escaping, so swapping them back into the HTML is exact.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from letterkit.templates.sourcemap import SourceMap

T = TypeVar("T")

_FIRST = 0xE100  # stand-ins: U+E100...U+F0FF (the source marks are already taken out)
_LIMIT = 0xF0FF - _FIRST
STAND_IN = re.compile("[\ue100-\uf0ff]")
_STAND_IN_SPLIT = re.compile("([\ue100-\uf0ff])")
_RUN = re.compile(r"[^\W_]+")  # letters and digits (str.isalnum), no underscore
# Text that no Markdown rule reads anything into inside a line: it starts and ends with a
# letter or digit and has in between only letters, digits, spaces and punctuation that
# starts nothing (no & < > " * _ ` [ ] \\ | # { } ~ ! or line break; values have the
# specials escaped with a backslash anyway, which then keeps the value out of this form).
_PLAIN = re.compile(r"[^\W_](?:(?:[^\W_]|[ .,:;/()'’‘–—+%?=@€§°-])*[^\W_])?")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)
# A run that starts in a word holding one of these stays as it is: character references
# (&amp; &#123;), autolinks (<https://...>) and heading ids ({#id}) read letters and digits.
_TRIGGER = re.compile(r"[&#<{]\S*")
# Digits that start a line (after list and quote markers) may be a list number: "12. ".
_MARKERS = re.compile(r"(?:[ \t>*+\-]|[0-9]{1,9}[.)])*[0-9]*")


def _risky(markdown: str) -> bytearray:
    """Per position: 1 where no run may start (inside or right after a word with a trigger)."""
    risky = bytearray(len(markdown) + 1)
    for match in _TRIGGER.finditer(markdown):
        start, end = match.span()
        risky[start:end + 1] = b"\x01" * (end + 1 - start)
    return risky


def _line_start_digits(markdown: str, position: int) -> bool:
    """Whether the digits at *position* may be read as a list number."""
    line = markdown.rfind("\n", 0, position) + 1
    return _MARKERS.fullmatch(markdown, line, position) is not None


def skeleton(markdown: str, source_map: SourceMap, offset: int = 0
             ) -> tuple[str, list[str]] | None:
    """The skeleton of ``markdown`` (which starts at *offset* of the mapped text) and its runs.

    ``None`` when the letter cannot be cached (see the module docstring).
    """
    hint = source_map.skeleton
    if hint is not None and offset == 0 and hint[0] is markdown:
        return hint[1], hint[2]  # found with the letter's shape (render.shapes)
    found = skeleton_runs(markdown, source_map, offset)
    return None if found is None else found[:2]


def skeleton_runs(markdown: str, source_map: SourceMap, offset: int = 0
                  ) -> tuple[str, list[str], list[int]] | None:
    """:func:`skeleton`, and where in *markdown* each run starts."""
    if "]:" in markdown and _REFERENCE_DEFINITION.search(markdown):
        return None
    risky = _risky(markdown)
    starts, marks = source_map.starts, source_map.marks
    pieces: list[str] = []
    runs: list[str] = []
    run_starts: list[int] = []
    last = 0
    end_of_text = len(markdown)
    plain = _PLAIN.fullmatch
    for index, mark in enumerate(marks):
        if mark.variable is None:
            continue
        start = starts[index] - offset
        end = (starts[index + 1] - offset) if index + 1 < len(starts) else end_of_text
        if end <= 0 or start >= end_of_text:
            continue
        start, end = max(start, 0), min(end, end_of_text)
        if plain(markdown, start, end):
            # The common case: a value of words, digits and inner punctuation only. It
            # reads as plain text wherever it is, so all of it becomes one stand-in.
            found = ((start, end),)
        else:
            found = (match.span() for match in _RUN.finditer(markdown, start, end))
        for position, stop in found:
            if risky[position] or (markdown[position] in "0123456789"
                                   and _line_start_digits(markdown, position)):
                continue
            if len(runs) >= _LIMIT:
                return None
            pieces.append(markdown[last:position])
            pieces.append(chr(_FIRST + len(runs)))
            runs.append(markdown[position:stop])
            run_starts.append(position)
            last = stop
    pieces.append(markdown[last:])
    return "".join(pieces), runs, run_starts


def fill(text: str, runs: list[str], seen: list[int] | None = None) -> str:
    """Put the runs back in place of their stand-ins; count them in *seen*."""
    parts = _STAND_IN_SPLIT.split(text)  # text, stand-in, text, ..., text
    count = len(runs)
    for index in range(1, len(parts), 2):
        number = ord(parts[index]) - _FIRST
        if seen is not None:
            seen[number] += 1
        if number < count:
            parts[index] = runs[number]
    return "".join(parts)


_SEEN_ONCE: Any = object()


def _fill_stand_ins(text: str, runs: list[str], seen: list[int]) -> str:
    return fill(text, runs, seen)


class StructureCache(Generic[T]):
    """A bounded cache from skeleton to the parsed form of the skeleton (per process).

    *parse* turns Markdown into a result; *restore* puts the runs back into a result parsed
    from a skeleton (counting each stand-in it meets in the ``seen`` list it is given).
    """

    def __init__(self, parse: Callable[[str], T],
                 restore: Callable[[T, list[str], list[int]], T], size: int = 256):
        self.parse, self.restore, self.size = parse, restore, size
        self._entries: OrderedDict[str, T | None] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, markdown: str, source_map: SourceMap | None, offset: int = 0) -> T:
        found = skeleton(markdown, source_map, offset) if source_map is not None else None
        if found is None:
            return self.parse(markdown)
        key, runs = found
        entries = self._entries
        if key not in entries:
            # First time: parse in full and only remember that the skeleton was seen, so
            # that letters whose skeletons never repeat cost one parse, not two.
            self.misses += 1
            entries[key] = _SEEN_ONCE
            if len(entries) > self.size:
                entries.popitem(last=False)
            return self.parse(markdown)
        parsed = entries[key]
        entries.move_to_end(key)
        if parsed is None:
            return self.parse(markdown)
        if parsed is _SEEN_ONCE:
            # Second time: parse the skeleton, and keep it only if it gives this letter
            # exactly as the full parse does.
            full = self.parse(markdown)
            parsed = self.parse(key)
            entries[key] = parsed if self._restored(parsed, runs) == full else None
            return full
        result = self._restored(parsed, runs)
        if result is None:
            entries[key] = None
            return self.parse(markdown)
        self.hits += 1
        return result

    def _restored(self, parsed: T, runs: list[str]) -> T | None:
        seen = [0] * len(runs)
        result = self.restore(parsed, runs, seen)
        return result if seen.count(1) == len(runs) else None
