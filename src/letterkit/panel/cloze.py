"""Cloze tests generated from a letter: every n-th word blanked, several start offsets.

Taylor (1953) as DOMAIN.md section 4 describes it: delete every fifth word, make versions
with different start offsets, keep the first sentence whole, keep the passage short for lay
readers (``max_words``), score exact words. Only words a reader could restore from the text
are counted and blanked: names, places, numbers, dates, codes and abbreviations ("klo") are
not, so every version blanks words of the same sort and no participant gets a harder test.
A lemma-tolerant score (the same base form, so a different inflection counts) is kept beside
it, since Finnish inflects heavily.
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


def names_in(doc) -> frozenset[str]:  # noqa: ANN001 - text.Document
    """Lower-cased words the text writes with a capital inside a sentence: its names
    (Maahanmuuttovirasto, Kuopio), also where one starts a sentence."""
    found = set()
    for sentence in doc.sentences:
        for word in sentence.words[1:]:
            if word.kind == "word" and word.text[:1].isupper():
                found.update((word.text.casefold(), word.lemma.casefold()))
    return frozenset(found)


def guessable(word, first_in_sentence: bool, names: frozenset[str] = frozenset()) -> bool:  # noqa: ANN001
    """True for a word a reader could restore from its context: an ordinary word, not a
    name, place, number, date, code or abbreviation."""
    if word.text.casefold() in names or word.lemma.casefold() in names:
        return False
    if word.kind != "word" or not any(ch.isalpha() for ch in word.text):
        return False
    if word.info.is_abbreviation or word.info.pos in ("abbr", "propn", "num"):
        return False
    if any(ch.isdigit() for ch in word.text) or len(word.text) < 2:
        return False
    # A capital inside a sentence is a name (Kuopio, Esimerkkikatu) in all three languages;
    # English "I" aside, which len() already excludes.
    return first_in_sentence or not word.text[0].isupper()


@lru_cache(maxsize=64)
def make_cloze(markdown: str, lang: str, body_start: int = 0, every: int = 5, offset: int = 0,
               max_words: int = 250) -> Cloze:
    """The cloze passage of the letter body; *offset* picks which word of each run of
    *every* is blanked (versions 0 .. every-1)."""
    doc = analyze(markdown, lang)
    names = names_in(doc)
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
        # An address block (lines ended by a hard break) is names and numbers, not prose.
        whole = n == 0 or unit.kind == "heading" or _in_address(markdown, sentence.start,
                                                                  sentence.end)
        for position, word in enumerate(sentence.words):
            if whole or not guessable(word, position == 0, names):
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


def _in_address(markdown: str, start: int, end: int) -> bool:
    """True inside a block of lines ended by hard breaks (``\\``): an address, not prose."""
    line_start = markdown.rfind("\n", 0, start) + 1
    line_end = markdown.find("\n", end)
    line = markdown[line_start:len(markdown) if line_end == -1 else line_end]
    return line.rstrip().endswith("\\") or markdown[:line_start].rstrip("\n").endswith("\\")


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
