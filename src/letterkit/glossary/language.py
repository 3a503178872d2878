"""Words, lemmas, compound parts and sentences for term matching.

The project's language layer is :mod:`letterkit.text`; when it is importable and offers
``analyze(text, lang)``, its words are used, so that there is one language layer in the end.
Until then (and when it is absent), this module analyses text itself: Finnish with Voikko
(base forms, and compound parts from the ``STRUCTURE`` attribute), Swedish and English with
simplemma lemmas. Offsets are character offsets into the analysed text.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from letterkit.text.lexicon import shared_cache

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# Markdown that is not prose: heading ids ``{#what-we-need}`` and link targets ``](...)``.
NOISE_RE = re.compile(r"\{#[^}]*\}|\]\([^)]*\)")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[A-ZÅÄÖ0-9])")
BLOCK_RE = re.compile(r"\n\s*\n|\n(?=\s*(?:#|[-*+] |\d+[.)] |>))")

# Swedish definite and plural endings, stripped (longest first) to add a stem candidate
# where simplemma gives a wrong lemma (it maps "beslutet" to "besluten").
SV_SUFFIXES = ("arna", "erna", "orna", "andet", "andena", "dena", "den", "ens", "ets", "en", "et",
               "na", "ar", "er", "or", "n", "t", "s")
# Finnish case endings, stripped from words Voikko does not know (names such as "Enter
# Finlandissa", "Migrin") to add a base-form candidate.
FI_ENDINGS = ("issa", "issä", "ista", "istä", "iin", "illa", "illä", "ilta", "iltä", "ille",
              "iksi", "ina", "inä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä",
              "lle", "ksi", "in", "ia", "iä", "na", "nä", "n", "a", "ä")


@dataclass(frozen=True)
class Token:
    """A word: its surface text, its span, its lemmas and its compound parts.

    ``lemmas`` are lower-case base forms, including the lower-cased surface form.
    ``parts`` holds, per analysis, the base-form parts of a compound, e.g.
    ``("oleskelu", "lupa", "hakemus")`` for "oleskelulupahakemuksesi".
    """

    text: str
    start: int
    end: int
    lemmas: frozenset[str]
    parts: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Analysed:
    """A text with its words and sentences."""

    text: str
    lang: str
    words: list[Token]
    sentences: list[Span]

    def sentence_index(self, offset: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return len(self.sentences) - 1


_local = threading.local()


def _voikko():
    """One Voikko instance per thread (Voikko is not thread-safe); None when unavailable."""
    if not hasattr(_local, "voikko"):
        try:
            from libvoikko import Voikko

            _local.voikko = Voikko("fi")
        except Exception:  # noqa: BLE001 - missing library or dictionary: fall back
            _local.voikko = None
    return _local.voikko


def backend(lang: str) -> str:
    """Name the analyser used for *lang*, for messages ("voikko", "simplemma", ...)."""
    if lang == "fi":
        return "voikko" if _voikko() is not None else "simplemma"
    return "simplemma"


def compound_parts(surface: str, baseform: str, structure: str) -> tuple[str, ...]:
    """Split *baseform* into compound parts using Voikko's STRUCTURE of *surface*.

    STRUCTURE has one character per surface character plus ``=`` at each morpheme start.
    Non-final parts of a Finnish compound do not inflect, so the surface prefixes are also
    prefixes of the base form; when they are not, the base form is returned whole.
    """
    lengths: list[int] = []
    for ch in structure:
        if ch == "=":
            lengths.append(0)
        elif lengths:
            lengths[-1] += 1
    lengths = [n for n in lengths if n]
    base = baseform.lower()
    if len(lengths) < 2:
        return (base.strip("-"),)
    parts = []
    pos = 0
    surface_l = surface.lower()
    for n in lengths[:-1]:
        piece = surface_l[pos:pos + n]
        if base[pos:pos + n] != piece:
            return (base.strip("-"),)
        parts.append(piece.strip("-"))
        pos += n
    parts.append(base[pos:].strip("-"))
    return tuple(p for p in parts if p)


@lru_cache(maxsize=50000)
def _fi_word(word: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    voikko = _voikko()
    lemmas = {word.lower()}
    parts: list[tuple[str, ...]] = []
    if voikko is None:
        lemmas |= _simplemma_lemmas(word, "fi")
        return frozenset(lemmas), ()
    analyses = voikko.analyze(word)
    if not analyses and ":" in word:
        # An abbreviation with its case ending: "EF:ssä", "EU:n".
        head_lemmas, head_parts = _fi_word(word.split(":", 1)[0])
        return frozenset(lemmas | head_lemmas), head_parts
    if not analyses:
        low = word.lower()
        lemmas |= {low[: -len(e)] for e in FI_ENDINGS
                   if low.endswith(e) and len(low) - len(e) >= 3}
        guess = _fi_unknown_compound(low)
        if guess is not None:
            lemmas.add(guess[0])
            parts.append(guess[1])
    if not analyses and "-" in word:
        # "Finland-palvelu", "EU-kansalaisen": analyse the part after the last hyphen.
        head, _, tail = word.rpartition("-")
        tail_lemmas, tail_parts = _fi_word(tail)
        lemmas |= {f"{head.lower()}-{lemma}" for lemma in tail_lemmas}
        parts = [(head.lower(), *p) for p in tail_parts] or [(head.lower(), t) for t in tail_lemmas]
        return frozenset(lemmas), tuple(parts)
    for a in analyses:
        base = a.get("BASEFORM", "")
        if not base:
            continue
        lemmas.add(base.lower().strip("-"))
        split = compound_parts(word, base, a.get("STRUCTURE", ""))
        if len(split) > 1 and split not in parts:
            parts.append(split)
    return frozenset(lemmas), tuple(parts)


def _fi_unknown_compound(low: str) -> tuple[str, tuple[str, ...]] | None:
    """Split a word Voikko does not know into an unknown first part and a known rest.

    "maastapoistamisesta" is not in Voikko's dictionary but "poistamisesta" is, which gives
    the base form "maastapoistaa" and the parts ("maasta", "poistaa").
    """
    voikko = _voikko()
    for cut in range(2, len(low) - 2):
        rest = low[cut:]
        if "-" in rest[:1]:
            continue
        analyses = voikko.analyze(rest)
        if analyses:
            base = (analyses[0].get("BASEFORM") or rest).lower()
            prefix = low[:cut].strip("-")
            return prefix + base, (prefix, base)
    return None


_SIMPLEMMA_CACHE = shared_cache("glossary.simplemma")  # saved between runs with the lexicon


def _simplemma_lemmas(word: str, lang: str) -> frozenset[str]:
    key = lang + "\x00" + word
    hit = _SIMPLEMMA_CACHE.get(key)
    if hit is not None:
        return hit
    import simplemma

    out = {word.lower()}
    try:
        out.add(simplemma.lemmatize(word, lang=lang).lower())
        out.add(simplemma.lemmatize(word.lower(), lang=lang).lower())
    except Exception:  # noqa: BLE001 - unknown language data: surface form only
        pass
    if len(_SIMPLEMMA_CACHE) > 100_000:
        _SIMPLEMMA_CACHE.clear()
    _SIMPLEMMA_CACHE[key] = result = frozenset(out)
    return result


@lru_cache(maxsize=50000)
def _sv_word(word: str) -> frozenset[str]:
    lemmas = set(_simplemma_lemmas(word, "sv"))
    low = word.lower()
    for suffix in SV_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            lemmas.add(low[: -len(suffix)])
    return frozenset(lemmas)


def analyse_word(word: str, lang: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Return the lemmas and compound parts of one word."""
    word = word.replace("’", "'")
    if lang == "fi":
        return _fi_word(word)
    if lang == "sv":
        return _sv_word(word), ()
    return _simplemma_lemmas(word, lang), ()


def split_sentences(text: str) -> list[Span]:
    """Sentences with offsets: blocks (paragraphs, headings, list items) split at . ! ?"""
    spans: list[Span] = []
    block_start = 0
    bounds = [m for m in BLOCK_RE.finditer(text)]
    blocks = []
    for m in bounds:
        blocks.append((block_start, m.start()))
        block_start = m.end()
    blocks.append((block_start, len(text)))
    for b_start, b_end in blocks:
        chunk = text[b_start:b_end]
        pos = 0
        for m in SENTENCE_END_RE.finditer(chunk):
            spans.append(Span(b_start + pos, b_start + m.start()))
            pos = m.end()
        spans.append(Span(b_start + pos, b_end))
    out = [s for s in spans if text[s.start:s.end].strip()]
    return out or [Span(0, len(text))]


def _own_analysis(text: str, lang: str) -> Analysed:
    clean = NOISE_RE.sub(lambda m: " " * len(m.group()), text)
    words = []
    for m in WORD_RE.finditer(clean):
        lemmas, parts = analyse_word(m.group(), lang)
        words.append(Token(m.group(), m.start(), m.end(), lemmas, parts))
    return Analysed(text, lang, words, split_sentences(clean))


def _from_text_layer(doc: Any, text: str, lang: str) -> Analysed | None:
    """Adapt a :mod:`letterkit.text` Document; None if it does not have the expected shape."""
    try:
        words = []
        for w in doc.words:
            surface = w.text
            lemmas = {surface.lower()}
            lemma = getattr(w, "lemma", None)
            if lemma:
                lemmas.add(str(lemma).lower())
            lemmas |= {str(x).lower() for x in (getattr(w, "lemmas", None) or ())}
            own_lemmas, own_parts = analyse_word(surface, lang)
            lemmas |= own_lemmas
            parts = set(own_parts)
            layer_parts = getattr(w, "compound_parts", None) or ()
            if len(layer_parts) > 1 and all(isinstance(p, str) for p in layer_parts):
                parts.add(tuple(str(p).lower() for p in layer_parts))
            words.append(Token(surface, int(w.start), int(w.end), frozenset(lemmas),
                               tuple(sorted(parts))))
        sentences = [Span(int(s.start), int(s.end)) for s in doc.sentences]
    except (AttributeError, TypeError, ValueError):
        return None
    return Analysed(text, lang, words, sentences or [Span(0, len(text))])


def from_document(doc: Any) -> Analysed:
    """Adapt an already analysed :class:`letterkit.text.Document` (e.g. a lint context's
    ``doc``) without analysing the text again."""
    if isinstance(doc, Analysed):
        return doc
    adapted = _from_text_layer(doc, doc.text, doc.lang)
    return adapted if adapted is not None else _own_analysis(doc.text, doc.lang)


def as_analysed(text: Any, lang: str) -> Analysed:
    """*text* as an Analysed: a string is analysed, a Document is adapted."""
    if isinstance(text, Analysed):
        return text
    if isinstance(text, str):
        return analyse(text, lang)
    return from_document(text)


def analyse(text: str, lang: str) -> Analysed:
    """Analyse *text* in *lang* ("fi", "sv" or "en")."""
    layer = _text_layer()
    if layer is not None:
        try:
            doc = layer(text, lang)
        except Exception:  # noqa: BLE001 - a layer fault must not stop term checks
            doc = None
        adapted = _from_text_layer(doc, text, lang) if doc is not None else None
        if adapted is not None:
            return adapted
    return _own_analysis(text, lang)


_LAYER: Any = None


def _text_layer():
    global _LAYER
    if _LAYER is None:
        try:
            from letterkit.text import analyze  # type: ignore[attr-defined]

            _LAYER = analyze
        except Exception:  # noqa: BLE001 - not there yet, or broken: use our own
            _LAYER = False
    return _LAYER or None


def use_text_layer(enabled: bool) -> None:
    """Switch the shared language layer on or off (tests compare both)."""
    global _LAYER
    _LAYER = None if enabled else False
