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

from letterkit.glossary.model import Glossary
from letterkit.text import analyze
from letterkit.text.model import Document
from letterkit.text.termwords import TermKeys, words_keys

MIN_SV_PART = 5
MIN_SV_REST = 3
NOT_IN = "not_in"  # the status of a phrase in which a concept's words are not the concept


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


def _pattern(keys: TermKeys) -> Pattern:
    return Pattern(keys.lemmas, tuple(sorted(set(keys.parts))))


def analysed_words(doc: Document) -> list[tuple[int, int, TermKeys]]:
    """(start, end, keys) of every word of *doc*: what the matcher compares."""
    words = [w for w in doc.words if w.kind == "word"]
    return [(w.start, w.end, keys) for w, keys in zip(words, words_keys(words, doc.lang),
                                                       strict=True)]


def term_patterns(term: str, lang: str) -> tuple[Pattern, ...]:
    """A term as written, analysed with the same language layer as the text."""
    doc = analyze(term, lang, markdown=False)
    return tuple(_pattern(keys) for _, _, keys in analysed_words(doc))


class Matcher:
    """The terms of one language, indexed for fast look-up."""

    def __init__(self, glossary: Glossary, lang: str):
        self.lang = lang
        self.forms: list[TermForm] = []
        self.index: dict[str, list[TermForm]] = defaultdict(list)
        self.sv_vocabulary: set[str] = set()
        # The forms that may start at a word, by the id of its keys (one TermKeys per word
        # form); the keys are kept in the value, so their id is not reused meanwhile.
        self._starting: dict[int, tuple[TermKeys, tuple[TermForm, ...]]] = {}
        for concept in glossary:
            entry = concept.languages.get(lang)
            if entry is None:
                continue
            for term, status, reason in entry.forms():
                patterns = term_patterns(term, lang)
                if not patterns:
                    continue
                if entry.part_of_speech == "noun":
                    patterns = _noun_only(patterns, term, lang)
                form = TermForm(concept.id, lang, term, status, reason, patterns)
                self.forms.append(form)
                self._index(form)
                first = form.patterns[0]
                if lang == "sv" and len(form.patterns) == 1:
                    self.sv_vocabulary |= {
                        lemma for lemma in first.lemmas if len(lemma) >= MIN_SV_PART
                    }
            # Phrases in which the words are not the concept ("hearing from you"): found like
            # terms, they only cancel the concept's hits inside them (not in self.forms).
            for phrase in entry.not_in:
                patterns = term_patterns(phrase, lang)
                if patterns:
                    self._index(TermForm(concept.id, lang, phrase, NOT_IN, "", patterns))

    def _index(self, form: TermForm) -> None:
        first = form.patterns[0]
        for key in set(first.lemmas) | {alt[0] for alt in first.parts}:
            self.index[key].append(form)

    # -- word level -------------------------------------------------------------------------

    def __getstate__(self) -> dict:  # the compiled cache keeps the index, not the memos
        return {k: v for k, v in self.__dict__.items() if k not in ("_starting", "_sv")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._starting = {}

    @property
    def _sv_affixes(self) -> _SvAffixes:
        found = self.__dict__.get("_sv")
        if found is None:
            found = self.__dict__["_sv"] = _SvAffixes(self.sv_vocabulary)
        return found

    def _remember(self, word: TermKeys) -> tuple[TermKeys, tuple[TermForm, ...]]:
        candidates = {id(f): f for key in self._keys(word) for f in self.index.get(key, ())}
        memo = self._starting
        if len(memo) > 100_000:
            memo.clear()
        known = memo[id(word)] = (word, tuple(candidates.values()))
        return known

    def word_parts(self, word: TermKeys) -> tuple[tuple[str, ...], ...]:
        if self.lang != "sv":
            return word.parts
        return self._sv_affixes.parts(word.lemmas) or word.parts

    def _keys(self, word: TermKeys) -> set[str]:
        keys = set(word.lemmas)
        for alt in self.word_parts(word):
            keys.update(alt)
        return keys

    def _word_match(self, pattern: Pattern, word: TermKeys, allow_part: bool) -> str | None:
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

    def find(self, doc: Document, words: list[tuple[int, int, TermKeys]] | None = None
             ) -> list[TermHit]:
        """Every occurrence of every term in *doc*, overlaps resolved, in text order.

        *words* are ``analysed_words(doc)`` when the caller has them already."""
        if words is None:
            words = analysed_words(doc)
        keys = [k for _, _, k in words]
        hits: list[TermHit] = []
        starting = self._starting
        for i, word in enumerate(keys):
            known = starting.get(id(word))
            if known is None or known[0] is not word:
                known = self._remember(word)
            if not known[1]:
                continue  # most words: no term starts here
            for form in known[1]:
                n = len(form.patterns)
                if i + n > len(words):
                    continue
                partial = False
                ok = True
                for k, pattern in enumerate(form.patterns):
                    kind = self._word_match(pattern, keys[i + k], allow_part=(k == n - 1))
                    if kind is None:
                        ok = False
                        break
                    partial = partial or kind == "part"
                if not ok:
                    continue
                start, end = words[i][0], words[i + n - 1][1]
                hits.append(TermHit(form.concept_id, form.lang, form.term, form.status,
                                    form.reason, start, end, doc.text[start:end], partial))
        return _resolve(_without_not_in(hits))


def _without_not_in(hits: list[TermHit]) -> list[TermHit]:
    """The hits that lie in no ``not_in`` phrase of their concept, phrases left out."""
    cancel = [h for h in hits if h.status == NOT_IN]
    if not cancel:
        return hits
    return [h for h in hits if h.status != NOT_IN and not any(
        c.concept_id == h.concept_id and c.start <= h.start and h.end <= c.end for c in cancel)]


def _noun_only(patterns: tuple[Pattern, ...], term: str, lang: str) -> tuple[Pattern, ...]:
    """A Swedish noun in -ande/-ende is lemmatised to its verb as well ("hörande" to
    "höra"): as a term it must not match the verb ("vi ser fram emot att höra av dig")."""
    last = patterns[-1]
    word = term.split()[-1].lower() if term.split() else ""
    if lang != "sv" or not word.endswith(("ande", "ende")):
        return patterns
    verbs = {lemma for lemma in last.lemmas
             if lemma != word and word in (lemma + "nde", lemma + "ende")}
    if not verbs or not last.lemmas - verbs:
        return patterns
    return (*patterns[:-1], Pattern(last.lemmas - verbs, last.parts))


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


class _SvAffixes:
    """Swedish compounds that begin or end with a term ("uppehållstillstånd" in
    "uppehållstillståndskort"): the term base's words indexed by their first and last
    letters, so that a word is compared with the few terms that can fit, not with all."""

    def __init__(self, vocabulary: set[str]):
        self.by_start: dict[str, list[str]] = defaultdict(list)
        self.by_end: dict[str, list[str]] = defaultdict(list)
        for term in vocabulary:  # every term has at least MIN_SV_PART letters
            self.by_start[term[:MIN_SV_PART]].append(term)
            self.by_end[term[-MIN_SV_PART:]].append(term)
        self.memo: dict[frozenset[str], tuple[tuple[str, ...], ...]] = {}

    def parts(self, lemmas: frozenset[str]) -> tuple[tuple[str, ...], ...]:
        hit = self.memo.get(lemmas)
        if hit is None:
            if len(self.memo) > 50_000:
                self.memo.clear()
            hit = self.memo[lemmas] = self._parts(lemmas)
        return hit

    def _parts(self, lemmas: frozenset[str]) -> tuple[tuple[str, ...], ...]:
        out = set()
        for lemma in lemmas:
            for term in self.by_start.get(lemma[:MIN_SV_PART], ()):
                if lemma.startswith(term) and len(lemma) >= len(term) + MIN_SV_REST:
                    rest = lemma[len(term):]
                    out.add((term, rest[1:] if rest.startswith("s") and len(rest) > MIN_SV_REST
                             else rest))
            for term in self.by_end.get(lemma[-MIN_SV_PART:], ()):
                if lemma.endswith(term) and len(lemma) >= len(term) + MIN_SV_REST:
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


def matcher(glossary: Glossary, lang: str) -> Matcher:
    """The compiled matcher of *glossary* for *lang*, kept on the glossary object."""
    compiled = glossary.matchers.get(lang)
    if compiled is None:
        compiled = glossary.matchers[lang] = Matcher(glossary, lang)
    return compiled


def find_terms(text: str | Document, lang: str, glossary: Glossary) -> list[TermHit]:
    """Every term of *glossary* found in *text*: a string (analysed as Markdown) or a
    :class:`letterkit.text.Document`, used as it is."""
    doc = analyze(text, lang) if isinstance(text, str) else text
    return matcher(glossary, lang).find(doc)
