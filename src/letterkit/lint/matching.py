"""Lemma-aware phrase matching: "suorittaa maksu" finds "suorittamaan maksun"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from letterkit.text import analyze
from letterkit.text.model import Sentence, Word

_KEYS: dict[tuple[str, int], tuple[object, frozenset[str]]] = {}


def word_keys(word: Word) -> frozenset[str]:
    """Every form a word can be matched by: its text and its candidate base forms.

    Cached per word form and analysis; the analysis object is kept with the keys, so a
    recycled ``id`` can never return another word's keys."""
    info = word.info
    slot = (word.text, id(info))
    hit = _KEYS.get(slot)
    if hit is not None and hit[0] is info:
        return hit[1]
    keys = {word.text.lower(), info.lemma.lower()}
    keys.update(lemma.lower() for lemma in info.lemmas)
    result = frozenset(keys)
    if len(_KEYS) > 200_000:
        _KEYS.clear()
    _KEYS[slot] = (info, result)
    return result


_SURFACE: dict[str, frozenset[str]] = {}


def surface_keys(text: str) -> frozenset[str]:
    hit = _SURFACE.get(text)
    if hit is None:
        if len(_SURFACE) > 200_000:
            _SURFACE.clear()
        hit = _SURFACE[text] = frozenset((text.lower(),))
    return hit


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
        self.index: dict[str, list[Phrase]] = defaultdict(list)
        for phrase in phrases:
            for key in phrase.tokens[0]:
                self.index[key].append(phrase)
        self.first_keys = frozenset(self.index)

    def keys(self, word: Word) -> frozenset[str]:
        return word_keys(word) if self.lemma else surface_keys(word.text)

    def find(self, sentence: Sentence, cache: dict | None = None):
        """Yield (phrase, first word, last word) for each match in *sentence*.

        *cache* (one per text) keeps each sentence's word keys for the other phrase rules."""
        words = sentence.words
        hit = None if cache is None else cache.get((self.lemma, id(sentence)))
        if hit is None:
            if self.lemma:
                keys = [word_keys(w) for w in words]
            else:
                keys = [surface_keys(w.text) for w in words]
            hit = (keys, frozenset().union(*keys))
            if cache is not None:
                cache[(self.lemma, id(sentence))] = hit
        keys, every = hit
        first_keys = self.first_keys
        if first_keys.isdisjoint(every):  # most sentences: no phrase can start here
            return
        for i, word_key in enumerate(keys):
            if first_keys.isdisjoint(word_key):
                continue
            common = word_key & first_keys
            seen: set[int] = set()
            for key in common:
                for phrase in self.index[key]:
                    if id(phrase) in seen:
                        continue
                    seen.add(id(phrase))
                    end = self._match_rest(phrase, keys, i)
                    if end is not None:
                        yield phrase, words[i], words[end]

    def find_all(self, sentences, cache: dict | None = None):
        """:meth:`find` over every sentence of a text: (phrase, first word, last word)."""
        first_keys = self.first_keys
        lemma = self.lemma
        for sentence in sentences:
            hit = None if cache is None else cache.get((lemma, id(sentence)))
            if hit is not None and first_keys.isdisjoint(hit[1]):
                continue  # the usual case, decided without a call
            yield from self.find(sentence, cache)

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
