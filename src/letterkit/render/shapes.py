"""Take the marks out and find the skeleton once per shape of letter, not per letter (batch speed).

Letters of one template that took the same control-flow path put out the same marks in the
same order (see ``templates.sourcemap``), and between them the same template text; only the
values differ. When a value is *plain* (``render.structure``: one stand-in wherever it is),
where the marks land in the clean text and what the skeleton is depend only on the value's
length and on whether it starts with a digit. So the first letter of a shape is done in full
(:func:`~letterkit.templates.sourcemap.strip_marks`, the escaping of block starts, the
skeleton) and a *plan* is kept: per mark its piece of output, which pieces are fixed (the
template's text and every value that is not plain, compared exactly) and which are plain
values. A later letter with the same marks, the same fixed pieces and plain values of the same
kind (digit first or not) gets its clean text, source map and skeleton from the plan.

A plan is only made when the first letter shows that nothing a plain value holds can change
the result elsewhere:

- every plain value became one stand-in. Nothing around it was risky then, and so never is:
  a value holds no trigger (``&#<{``) and no line break, so whether a trigger word reaches a
  place, or the text before a place on its line reads as a list marker (a language in which
  every prefix of a match matches too), is decided by the template text in both letters;
- no plain value that starts with a digit starts a line: ``12`` there is kept out of the
  skeleton anyway, but a digit other than 0-9 (``١٢``) is not, and ``١٢. x`` would be
  escaped as a list number;
- the first letter needed no block start escaped, had no stray marks and no ``]:``.

The second letter of a shape is done both ways and the plan is dropped for good if the two
differ: a surprise costs speed, never a wrong letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from letterkit.render.structure import _PLAIN, skeleton_runs
from letterkit.templates.sourcemap import (
    _STRAY_RE,
    MARK_RE,
    Mark,
    MarkRegistry,
    SourceMap,
    strip_marks,
)

_PLAIN_LETTER_FIRST = re.compile(r"(?!\d)" + _PLAIN.pattern)
_PLAIN_DIGIT_FIRST = re.compile(r"(?=\d)" + _PLAIN.pattern)
_DIGIT = re.compile(r"\d")
_BROKEN = object()  # a plan that disagreed with the full path: these letters go in full
_SIZE = 256  # shapes kept per environment


def _getter(indices: Sequence[int]) -> Callable[[Sequence], tuple]:
    """``items -> tuple(items[i] for i in indices)``, at C speed where it can be."""
    if len(indices) > 1:
        return itemgetter(*indices)
    if indices:
        index = indices[0]
        return lambda items: (items[index],)
    return lambda items: ()


@dataclass
class _Plan:
    fixed_get: Callable[[Sequence], tuple]
    fixed: tuple[str, ...]
    letters_get: Callable[[Sequence], tuple]  # the plain values that start with a letter
    digits_get: Callable[[Sequence], tuple]  # ... and those that start with a digit
    plain_get: Callable[[Sequence], tuple]  # every plain value, in order
    slots: tuple[int, ...]  # each plain value's run number in the skeleton
    starts_get: Callable[[Sequence], tuple]  # the source map's starts from piece offsets
    marks: list[Mark]
    key: str  # the skeleton
    runs: list[str]
    verified: bool = False
    uses: int = 0  # letters made from the plan alone


Result = tuple[str, SourceMap]


def strip_and_plan(output: str, registry: MarkRegistry,
                   escape: Callable[[str, SourceMap], str]) -> Result:
    """``escape(*strip_marks(output, registry))`` with the source map, for a letter of a shape
    seen before from its plan; the source map then carries the skeleton too."""
    parts = MARK_RE.split(output)
    codes = tuple(parts[1::2])
    shapes = registry.shapes
    plan = shapes.get(codes)
    if plan is _BROKEN:
        return _full(output, registry, escape)
    if plan is not None:
        found = _from_plan(plan, parts[0::2])
        if found is not None:
            if plan.verified:
                plan.uses += 1
                return found
            full = _full(output, registry, escape)
            if _same(found, full):
                plan.verified = True
            else:
                shapes[codes] = _BROKEN
            return full
    markdown, source_map = _full(output, registry, escape)
    new_plan = _make_plan(parts, markdown, source_map, registry)
    if new_plan is not None:
        source_map.skeleton = (markdown, new_plan.key, list(new_plan.runs))
        if len(shapes) >= _SIZE and codes not in shapes:
            shapes.pop(next(iter(shapes)))
        shapes[codes] = new_plan
    return markdown, source_map


def _full(output: str, registry: MarkRegistry, escape: Callable[[str, SourceMap], str]
          ) -> Result:
    markdown, source_map = strip_marks(output, registry)
    return escape(markdown, source_map), source_map


def _same(found: Result, full: Result) -> bool:
    markdown, source_map = full
    skeleton = skeleton_runs(markdown, source_map)
    hint = found[1].skeleton
    return (found[0] == markdown and found[1].starts == source_map.starts
            and found[1].marks == source_map.marks and skeleton is not None
            and hint is not None and (hint[1], hint[2]) == skeleton[:2])


def _from_plan(plan: _Plan, pieces: list[str]) -> Result | None:
    if plan.fixed_get(pieces) != plan.fixed:
        return None
    if not (all(map(_PLAIN_LETTER_FIRST.fullmatch, plan.letters_get(pieces)))
            and all(map(_PLAIN_DIGIT_FIRST.fullmatch, plan.digits_get(pieces)))):
        return None
    markdown = "".join(pieces)
    offsets = list(accumulate(map(len, pieces), initial=0))
    source_map = SourceMap(list(plan.starts_get(offsets)), list(plan.marks))
    runs = list(plan.runs)
    for slot, value in zip(plan.slots, plan.plain_get(pieces), strict=True):
        runs[slot] = value
    source_map.skeleton = (markdown, plan.key, runs)
    return markdown, source_map


def _make_plan(parts: list[str], markdown: str, source_map: SourceMap,
               registry: MarkRegistry) -> _Plan | None:
    """The plan of the letter just done in full, or ``None`` if it may not have one."""
    pieces = parts[0::2]
    if markdown != "".join(pieces) or "]:" in markdown or _STRAY_RE.search(markdown):
        return None  # a block start was escaped, a mark was cut, or a reference definition
    found = skeleton_runs(markdown, source_map)
    if found is None:
        return None
    key, runs, run_starts = found
    run_at = {start: number for number, start in enumerate(run_starts)}
    marks = [registry.by_code(code) for code in parts[1::2]]
    offsets = list(accumulate(map(len, pieces), initial=0))
    # The source map's starts, as piece numbers (an empty piece gives way to the next mark).
    kept: list[int] = []
    for number in range(1, len(pieces)):
        if kept and offsets[kept[-1]] == offsets[number]:
            kept[-1] = number
        else:
            kept.append(number)
    if [offsets[number] for number in kept] != source_map.starts:
        return None
    fixed, letters, digits, plain, slots = [], [], [], [], []
    for number, piece in enumerate(pieces):
        variable = marks[number - 1].variable if number else None
        if variable is None or _PLAIN.fullmatch(piece) is None:
            fixed.append(number)
            continue
        start = offsets[number]
        slot = run_at.get(start)
        if slot is None or runs[slot] != piece:
            return None  # not one stand-in
        if _DIGIT.match(piece):
            if start == 0 or markdown[start - 1] == "\n":
                return None  # "١٢" would stay, "١٢. x" be escaped as a list number
            digits.append(number)
        else:
            letters.append(number)
        plain.append(number)
        slots.append(slot)
    return _Plan(_getter(fixed), tuple(pieces[number] for number in fixed), _getter(letters),
                 _getter(digits), _getter(plain), tuple(slots), _getter(kept),
                 [marks[number - 1] for number in kept], key, runs)
