"""Find the glossary's terms in analysed text, in any inflected form and inside compounds.

How a term matches (each term is analysed with the same language layer as the text):

- one word: a lemma of the text word equals a lemma of the term ("hakemuksesi" = hakemus,
  "beslutet" = beslut, "permits" = permit), or the term's compound parts occur in a row among
  the word's compound parts ("oleskelulupahakemuksesi" contains oleskelulupa and hakemus).
  Finnish compound parts come from Voikko. Swedish compounds are split against the glossary's
  own Swedish terms: a word that starts or ends with a term of five letters or more, the rest
  being three letters or more (with an optional linking s), contains it
  ("uppehållstillståndskortet" contains uppehållstillstånd).
- several words: every word matches by lemma, in order; the last (the head) may also match
  inside a compound. So "virallisen käännöksen" matches "virallinen käännös" and "requests for
  additional information" matches "request for additional information".
- overlaps: a match that lies inside a longer match, or a compound-part match on a word that
  another term matches whole, is dropped: "oleskelulupakortti" is the card, not the permit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from letterkit.glossary.language import Analysed, Token, analyse, as_analysed
from letterkit.glossary.loader import Glossary

MIN_SV_PART = 5
MIN_SV_REST = 3


@dataclass(frozen=True)
class Pattern:
    lemmas: frozenset[str]
    parts: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TermForm:
    """One term of one concept in one language, compiled for matching."""

    concept_id: str
    lang: str
    term: str
    status: str
    reason: str
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class TermHit:
    """A place in a text where a term of a concept occurs."""

    concept_id: str
    lang: str
    term: str
    status: str
    reason: str
    start: int
    end: int
    found: str
    partial: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _pattern(token: Token) -> Pattern:
    parts = {p for p in token.parts}
    return Pattern(token.lemmas, tuple(sorted(parts)))


class Matcher:
    """The terms of one language, indexed for fast look-up."""

    def __init__(self, glossary: Glossary, lang: str):
        self.lang = lang
        self.forms: list[TermForm] = []
        self.index: dict[str, list[TermForm]] = defaultdict(list)
        self.sv_vocabulary: set[str] = set()
        for concept in glossary:
            entry = concept.languages.get(lang)
            if entry is None:
                continue
            for term, status, reason in entry.forms():
                doc = analyse(term, lang)
                if not doc.words:
                    continue
                form = TermForm(concept.id, lang, term, status, reason,
                                tuple(_pattern(w) for w in doc.words))
                self.forms.append(form)
                first = form.patterns[0]
                keys = set(first.lemmas) | {alt[0] for alt in first.parts}
                for key in keys:
                    self.index[key].append(form)
                if lang == "sv" and len(form.patterns) == 1:
                    self.sv_vocabulary |= {
                        lemma for lemma in first.lemmas if len(lemma) >= MIN_SV_PART
                    }

    # -- word level -------------------------------------------------------------------------

    def word_parts(self, word: Token) -> tuple[tuple[str, ...], ...]:
        if self.lang != "sv":
            return word.parts
        return _sv_parts(word.lemmas, frozenset(self.sv_vocabulary)) or word.parts

    def _keys(self, word: Token) -> set[str]:
        keys = set(word.lemmas)
        for alt in self.word_parts(word):
            keys.update(alt)
        return keys

    def _word_match(self, pattern: Pattern, word: Token, allow_part: bool) -> str | None:
        if pattern.lemmas & word.lemmas:
            return "exact"
        if not allow_part:
            return None
        term_alts = pattern.parts or tuple((lemma,) for lemma in pattern.lemmas)
        for w_alt in self.word_parts(word):
            for t_alt in term_alts:
                if len(w_alt) > len(t_alt) and _contains(w_alt, t_alt):
                    return "part"
        return None

    # -- text level -------------------------------------------------------------------------

    def find(self, doc: Analysed) -> list[TermHit]:
        """Every occurrence of every term in *doc*, overlaps resolved, in text order."""
        words = doc.words
        hits: list[TermHit] = []
        for i, word in enumerate(words):
            candidates = {id(f): f for key in self._keys(word) for f in self.index.get(key, ())}
            for form in candidates.values():
                n = len(form.patterns)
                if i + n > len(words):
                    continue
                partial = False
                ok = True
                for k, pattern in enumerate(form.patterns):
                    kind = self._word_match(pattern, words[i + k], allow_part=(k == n - 1))
                    if kind is None:
                        ok = False
                        break
                    partial = partial or kind == "part"
                if not ok:
                    continue
                start, end = word.start, words[i + n - 1].end
                hits.append(TermHit(form.concept_id, form.lang, form.term, form.status,
                                    form.reason, start, end, doc.text[start:end], partial))
        return _resolve(hits)


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


@lru_cache(maxsize=20000)
def _sv_parts(lemmas: frozenset[str], vocabulary: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    out = set()
    for lemma in lemmas:
        for term in vocabulary:
            if lemma == term or len(lemma) < len(term) + MIN_SV_REST:
                continue
            if lemma.startswith(term):
                rest = lemma[len(term):]
                out.add((term, rest[1:] if rest.startswith("s") and len(rest) > MIN_SV_REST
                         else rest))
            if lemma.endswith(term):
                out.add((lemma[: -len(term)], term))
    return tuple(sorted(out))


def _resolve(hits: list[TermHit]) -> list[TermHit]:
    """Drop matches inside longer ones, and part matches on words another term matches whole.

    Of several terms of one concept on one span, keep the whole-word match, then the longest
    term, then the preferred over admitted over deprecated.
    """
    order = {"preferred": 0, "admitted": 1, "deprecated": 2}
    best: dict[tuple[str, int, int], TermHit] = {}
    for hit in hits:
        key = (hit.concept_id, hit.start, hit.end)
        rank = (hit.partial, -len(hit.term), order[hit.status])
        old = best.get(key)
        if old is None or rank < (old.partial, -len(old.term), order[old.status]):
            best[key] = hit
    kept = []
    values = list(best.values())
    for hit in values:
        dominated = False
        for other in values:
            if other is hit:
                continue
            covers = other.start <= hit.start and other.end >= hit.end
            if not covers:
                continue
            longer = (other.start, other.end) != (hit.start, hit.end)
            if longer or (hit.partial and not other.partial):
                dominated = True
                break
        if not dominated:
            kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.end, h.concept_id))
    return kept


_MATCHERS: dict[tuple[int, str], Matcher] = {}


def matcher(glossary: Glossary, lang: str) -> Matcher:
    """The compiled matcher of *glossary* for *lang* (built once per glossary object)."""
    key = (id(glossary), lang)
    m = _MATCHERS.get(key)
    if m is None or getattr(m, "_glossary", None) is not glossary:
        m = Matcher(glossary, lang)
        m._glossary = glossary  # type: ignore[attr-defined]
        _MATCHERS[key] = m
    return m


def find_terms(text: str | Analysed | Any, lang: str, glossary: Glossary) -> list[TermHit]:
    """Every term of *glossary* found in *text*: a string, an Analysed, or a
    :class:`letterkit.text.Document` (adapted without analysing again)."""
    doc = as_analysed(text, lang)
    return matcher(glossary, lang).find(doc)
