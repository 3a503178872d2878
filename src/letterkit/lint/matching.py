"""Lemma-aware phrase matching: "suorittaa maksu" finds "suorittamaan maksun"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from letterkit.text import analyze
from letterkit.text.model import Sentence, Word

# Keyed by the id of the analysis (shared by every occurrence of a word form): an int is
# hashed faster than a (text, id) tuple. The analysis and the text are kept with the keys, so
# a recycled id or another form with the same analysis never gets the wrong keys.
_KEYS: dict[int, tuple[object, str, frozenset[str]]] = {}


def word_keys(word: Word) -> frozenset[str]:
    """Every form a word can be matched by: its text and its candidate base forms."""
    info = word.info
    text = word.text
    hit = _KEYS.get(id(info))
    if hit is not None and hit[0] is info and hit[1] == text:
        return hit[2]
    keys = {text.lower(), info.lemma.lower()}
    keys.update(lemma.lower() for lemma in info.lemmas)
    result = frozenset(keys)
    if len(_KEYS) > 200_000:
        _KEYS.clear()
    _KEYS[id(info)] = (info, text, result)
    return result


_SURFACE: dict[str, frozenset[str]] = {}


def surface_keys(text: str) -> frozenset[str]:
    hit = _SURFACE.get(text)
    if hit is None:
        if len(_SURFACE) > 200_000:
            _SURFACE.clear()
        hit = _SURFACE[text] = frozenset((text.lower(),))
    return hit


SentenceKeys = tuple[list[frozenset[str]], frozenset[str]]


def sentence_keys(sentences: list[Sentence], lemma: bool = True) -> list[SentenceKeys]:
    """For each sentence, its words' match keys and their union: computed once per text and
    shared by every phrase rule (``LintContext.phrase_keys``)."""
    out = []
    empty: frozenset[str] = frozenset()
    known = _KEYS.get
    surface = _SURFACE.get
    for sentence in sentences:
        keys = []
        if lemma:
            for w in sentence.words:  # word_keys, its cache looked up here: no call per word
                info = w.info
                hit = known(id(info))
                if hit is not None and hit[0] is info and hit[1] == w.text:
                    keys.append(hit[2])
                else:
                    keys.append(word_keys(w))
        else:
            for w in sentence.words:
                hit = surface(w.text)
                keys.append(hit if hit is not None else surface_keys(w.text))
        out.append((keys, empty.union(*keys)))
    return out


@dataclass(frozen=True)
class Phrase:
    text: str
    tokens: tuple[frozenset[str], ...]  # keys a word may have to match each token
    payload: str = ""


def compile_phrase(text: str, lang: str, payload: str = "", *, lemma: bool = True) -> Phrase:
    """Analyse the phrase as written; each token matches its text or any of its base forms."""
    words = analyze(text, lang, markdown=False).words
    if not words:
        raise ValueError(f"{text!r} has no words")
    if lemma:
        tokens = tuple(frozenset({w.text.lower(), w.lemma.lower()}) for w in words)
    else:
        tokens = tuple(frozenset({w.text.lower()}) for w in words)
    return Phrase(text, tokens, payload)


class PhraseMatcher:
    """Finds any of many phrases in sentences, indexed by their first token."""

    def __init__(self, phrases: list[Phrase], *, lemma: bool = True, max_gap: int = 0):
        self.lemma = lemma
        self.max_gap = max_gap
        # first key -> (phrase, the keys of its second token or None), in phrase order
        self.index: dict[str, list[tuple[Phrase, frozenset[str] | None]]] = defaultdict(list)
        for phrase in phrases:
            second = phrase.tokens[1] if len(phrase.tokens) > 1 else None
            for key in phrase.tokens[0]:
                self.index[key].append((phrase, second))
        self.first_keys = frozenset(self.index)
        # A sentence can hold a match only if it has a first key of a one-word phrase, or
        # a first key and a second key of the same phrases: "in" is in most sentences,
        # "in accordance with" is not (the second key decides without looking at words).
        self.single_keys = frozenset(k for k, group in self.index.items()
                                     if any(second is None for _, second in group))
        self.second_keys = {k: frozenset().union(*(second for _, second in group
                                                   if second is not None))
                            for k, group in self.index.items()}

    def keys(self, word: Word) -> frozenset[str]:
        return word_keys(word) if self.lemma else surface_keys(word.text)

    def find(self, sentence: Sentence, cache: dict | None = None):
        """Yield (phrase, first word, last word) for each match in *sentence*.

        *cache* (one per text) keeps each sentence's word keys for the other phrase rules."""
        hit = None if cache is None else cache.get((self.lemma, id(sentence)))
        if hit is None:
            hit = sentence_keys([sentence], self.lemma)[0]
            if cache is not None:
                cache[(self.lemma, id(sentence))] = hit
        return self._find(sentence.words, hit)

    def find_all(self, sentences: list[Sentence], keys: list[SentenceKeys]):
        """Yield (sentence, phrase, first word, last word) for each match in *sentences*, in
        text order; *keys* are their :func:`sentence_keys`, shared by every phrase rule."""
        first_keys = self.first_keys
        for sentence, hit in zip(sentences, keys, strict=True):
            if first_keys.isdisjoint(hit[1]):
                continue  # the usual case: no phrase can start in this sentence
            for phrase, first, last in self._find(sentence.words, hit):
                yield sentence, phrase, first, last

    def _may_match(self, every: frozenset[str]) -> bool:
        starts = self.first_keys & every
        if not starts:
            return False
        if not starts.isdisjoint(self.single_keys):
            return True
        seconds = self.second_keys
        return any(not seconds[key].isdisjoint(every) for key in starts)

    def _find(self, words: list[Word], hit: SentenceKeys):
        keys, every = hit
        first_keys = self.first_keys
        if not self._may_match(every):  # most sentences: no phrase can be in them
            return
        adjacent = self.max_gap == 0
        count = len(keys)
        for i, word_key in enumerate(keys):
            if first_keys.isdisjoint(word_key):
                continue
            common = word_key & first_keys
            seen: set[int] = set()
            following = keys[i + 1] if i + 1 < count else frozenset()
            for key in common:
                for phrase, second in self.index[key]:
                    if id(phrase) in seen:
                        continue
                    seen.add(id(phrase))
                    if second is None:
                        yield phrase, words[i], words[i]
                        continue
                    if adjacent and following.isdisjoint(second):
                        continue  # "in" starts many phrases; the next word decides most
                    end = self._match_rest(phrase, keys, i)
                    if end is not None:
                        yield phrase, words[i], words[end]

    def _match_rest(self, phrase: Phrase, keys: list[frozenset[str]], start: int) -> int | None:
        position = start
        for token in phrase.tokens[1:]:
            for step in range(1, self.max_gap + 2):
                candidate = position + step
                if candidate < len(keys) and keys[candidate] & token:
                    position = candidate
                    break
            else:
                return None
        return position
