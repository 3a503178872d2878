"""Cloze tests generated from a letter: every n-th word blanked, several start offsets.

Taylor (1953) as DOMAIN.md section 4 describes it: delete every fifth word, make versions
with different start offsets, keep the first sentence whole, keep the passage short for lay
readers (``max_words``), score exact words. A lemma-tolerant score (the same base form, so a
different inflection counts) is kept beside it, since Finnish inflects heavily.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache

from letterkit.text import analyze

# Bands of DOMAIN.md section 4: under 35 % frustration, 35-50 % instructional, over 50 %
# independent ("unassisted reading OK").
BANDS = ((35.0, "frustration"), (50.0, "instructional"), (float("inf"), "independent"))


def band(percent: float | None) -> str | None:
    if percent is None:
        return None
    for upto, label in BANDS:
        if percent < upto:
            return label
    return BANDS[-1][1]


@dataclass(frozen=True)
class Blank:
    index: int
    start: int
    end: int
    answer: str
    lemmas: tuple[str, ...]


@dataclass(frozen=True)
class ClozeUnit:
    """A heading or paragraph of the passage: text pieces and blank numbers in order."""

    kind: str
    parts: tuple[str | int, ...]

    @property
    def blanks(self) -> list[int]:
        return [p for p in self.parts if isinstance(p, int)]


@dataclass(frozen=True)
class Cloze:
    every: int
    offset: int
    units: tuple[ClozeUnit, ...]
    blanks: tuple[Blank, ...] = field(default=())

    def pages(self, per_page: int = 6) -> list[tuple[ClozeUnit, ...]]:
        """Units grouped so that each page has about *per_page* blanks."""
        pages: list[tuple[ClozeUnit, ...]] = []
        current: list[ClozeUnit] = []
        count = 0
        for unit in self.units:
            current.append(unit)
            count += len(unit.blanks)
            if count >= per_page:
                pages.append(tuple(current))
                current, count = [], 0
        if current:
            if count == 0 and pages:
                pages[-1] = (*pages[-1], *current)
            else:
                pages.append(tuple(current))
        return pages


@lru_cache(maxsize=64)
def make_cloze(markdown: str, lang: str, body_start: int = 0, every: int = 5, offset: int = 0,
               max_words: int = 250) -> Cloze:
    """The cloze passage of the letter body; *offset* picks which word of each run of
    *every* is blanked (versions 0 .. every-1)."""
    doc = analyze(markdown, lang)
    chosen = []
    words = 0
    for sentence in doc.sentences:
        if sentence.start < body_start or not sentence.words:
            continue
        if words >= max_words:
            break
        chosen.append(sentence)
        words += len(sentence.words)
    blanks: list[Blank] = []
    units: list[ClozeUnit] = []
    ordinal = 0
    current_unit = None
    parts: list[str | int] = []
    kind = "paragraph"
    for n, sentence in enumerate(chosen):
        unit = doc.units[sentence.unit]
        if sentence.unit != current_unit:
            if parts:
                units.append(ClozeUnit(kind, tuple(parts)))
            parts, current_unit, kind = [], sentence.unit, unit.kind
        elif parts:
            parts.append(" ")
        cursor = sentence.start
        whole = n == 0 or unit.kind == "heading"
        for word in sentence.words:
            if word.kind != "word" or whole:
                continue
            ordinal += 1
            if (ordinal - 1) % every != offset % every:
                continue
            parts.append(markdown[cursor:word.start])
            blank = Blank(len(blanks), word.start, word.end, word.text,
                          tuple(word.lemmas) or (word.lemma,))
            blanks.append(blank)
            parts.append(blank.index)
            cursor = word.end
        parts.append(markdown[cursor:sentence.end])
    if parts:
        units.append(ClozeUnit(kind, tuple(parts)))
    return Cloze(every, offset % every, tuple(units), tuple(blanks))


def _norm(text: str) -> str:
    return text.strip().strip(string.punctuation + "“”‘’«»").casefold()


def score_blank(blank: Blank, answer: str, lang: str) -> dict:
    """``{"text", "exact", "lemma"}``: exact word (case and punctuation aside), same base form."""
    given = _norm(answer)
    exact = bool(given) and given == _norm(blank.answer)
    lemma = exact
    if given and not exact:
        doc = analyze(given, lang, markdown=False)
        found = doc.words
        if len(found) == 1:
            theirs = {x.casefold() for x in (*found[0].lemmas, found[0].lemma)}
            lemma = bool(theirs & {x.casefold() for x in blank.lemmas})
    return {"text": answer.strip()[:100], "exact": exact, "lemma": lemma}
