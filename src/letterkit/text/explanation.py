"""Whether a term is explained where it is used (the unexplained-term rule, TRM004).

A term counts as explained in a text when, at any of its occurrences,

1. the same sentence goes on, after the term, with an explanation marker: an opening
   parenthesis right after the term, or one of
   fi "eli", "toisin sanoen", "tarkoittaa"/"tarkoitetaan" (any form of *tarkoittaa*);
   sv "det vill säga", "dvs.", "alltså", "som betyder", "betyder", "innebär", "menas",
   "avses"; en "which means", "this means", "that means", "it means", "meaning", "that is",
   "i.e.", "in other words", "refers to"; or
2. the same sentence names it: fi "jota/joita/tätä/häntä kutsutaan", "kutsutaan nimellä";
   sv "kallas för", "som/den/det/hen kallas"; en "is called"/"are called" (bare "kutsutaan" and
   "kallas" do not count: they also mean "is invited"/"is summoned"); or
3. the next sentence contains any of the markers above (it goes on to explain the term); or
4. the next sentence starts (within its first three words) with the head of the term alone
   (the last part of a compound, the last word of a multi-word term), i.e. it goes on to
   say what the thing is or what happens there: "Kutsumme sinut turvapaikkapuhutteluun.
   Puhuttelussa kerrot, miksi haet turvapaikkaa." Repeating the whole term does not count; or
5. the term is followed by a definition, in the same sentence or at the start of the next:
   a copula (fi "on/ovat", sv "är", en "is/are/means") within two words, then a predicate
   noun (fi: a nominative noun or adjective that is not a participle, per Voikko; sv/en: an
   article or possessive such as "en", "din", "a", "your"). "Avustaja on juristi, joka
   auttaa sinua." counts; "Avustajasi on Aino Virtanen." and "... are stored" do not.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import analyze, finnish
from .model import Document, Word
from .termwords import term_keys

EXPLAIN_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "fi": (("eli",), ("toisin", "sanoen"), ("joka", "tarkoittaa"), ("mikä", "tarkoittaa")),
    "sv": (("det", "vill", "säga"), ("dvs",), ("dvs.",), ("alltså",), ("som", "betyder"),
           ("betyder",), ("innebär",), ("menas",), ("avses",)),
    "en": (("which", "means"), ("this", "means"), ("that", "means"), ("it", "means"),
           ("meaning",), ("that", "is"), ("i", "e"), ("i.e.",), ("in", "other", "words"),
           ("refers", "to"), ("means", "that")),
}
EXPLAIN_LEMMAS: dict[str, frozenset[str]] = {
    "fi": frozenset({"tarkoittaa"}),
    "sv": frozenset({"betyda", "innebära"}),
    "en": frozenset(),
}
# "Kutsua" and "kallas" also mean "invite"/"be summoned" ("sinut kutsutaan puhutteluun",
# "du kallas till hörande"), so only their naming phrases count.
NAMING_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "fi": (("jota", "kutsutaan"), ("joita", "kutsutaan"), ("tätä", "kutsutaan"),
           ("häntä", "kutsutaan"), ("kutsutaan", "nimellä")),
    "sv": (("kallas", "för"), ("som", "kallas"), ("den", "kallas"), ("det", "kallas"),
           ("hen", "kallas")),
    "en": (("is", "called"), ("are", "called")),
}
COPULAS = {"fi": {"on", "ovat"}, "sv": {"är"}, "en": {"is", "are", "means"}}
# After the copula a definition starts with an article or possessive in sv/en ("is a
# lawyer", "är en jurist"), which "are stored" / "är registrerad" do not.
DEFINITION_STARTS = {
    "sv": {"en", "ett", "den", "det", "de", "din", "ditt", "dina"},
    "en": {"a", "an", "the", "your", "someone", "somebody", "something"},
}
_NOMINAL = {"nimisana", "laatusana", "nimisana_laatusana", "asemosana", "lukusana"}


def is_explained(doc: Document, start: int, end: int, term: str) -> bool:
    """Whether the occurrence ``doc.text[start:end]`` of *term* is explained."""
    lang = doc.lang
    phrases, lemmas = EXPLAIN_PHRASES.get(lang, ()), EXPLAIN_LEMMAS.get(lang, frozenset())
    sentences = doc.sentences
    index = next((i for i, s in enumerate(sentences) if s.start <= start < s.end),
                 len(sentences) - 1)
    if index < 0:
        return False
    sentence = sentences[index]
    after = doc.text[end:sentence.end]
    if after.lstrip().startswith("(") and len(after) - len(after.lstrip()) <= 1:
        return True
    rest = [w for w in sentence.words if w.start >= end]
    if _has_phrase(rest, phrases) or _has_lemma(rest, lemmas, lang) or _defines(rest, lang):
        return True
    if _has_phrase(sentence.words, NAMING_PHRASES.get(lang, ())):
        return True
    if index + 1 < len(sentences):
        words = sentences[index + 1].words
        if _has_phrase(words, phrases) or _has_lemma(words, lemmas, lang):
            return True
        if _starts_with_head(words[:3], term, lang):
            return True
        head = _term_words(term, lang)
        head_lemmas = head[-1].lemmas if head else frozenset()
        for k, word in enumerate(words[:3]):
            if _lemmas(word, lang) & head_lemmas and _defines(words[k + 1:], lang):
                return True
    return False


def _lemmas(word: Word, lang: str) -> frozenset[str]:
    return term_keys(word, lang).lemmas


def _has_phrase(words: list[Word], phrases: Iterable[tuple[str, ...]]) -> bool:
    low = [w.text.lower() for w in words]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(low) - n + 1):
            if tuple(low[i:i + n]) == phrase:
                return True
    return False


def _has_lemma(words: list[Word], lemmas: frozenset[str], lang: str) -> bool:
    return bool(lemmas) and any(_lemmas(w, lang) & lemmas for w in words)


def _defines(words: list[Word], lang: str) -> bool:
    """Whether *words* (what follows a term) start a definition: a copula within the next
    two words, then a predicate noun."""
    for k, word in enumerate(words[:2]):
        if word.text.lower() not in COPULAS.get(lang, ()):
            continue
        following = words[k + 1] if k + 1 < len(words) else None
        if following is None or not following.text[:1].islower():
            return False
        if lang == "fi":
            return _fi_predicate_noun(following.text)
        return following.text.lower() in DEFINITION_STARTS.get(lang, ())
    return False


def _fi_predicate_noun(word: str) -> bool:
    """A noun or adjective in the nominative that is not a participle ("juristi", not
    "rekisteröity" or "mukana")."""
    voikko = finnish.voikko()
    if voikko is None:
        return True
    return any(a.get("CLASS") in _NOMINAL and a.get("SIJAMUOTO") == "nimento"
               and not a.get("PARTICIPLE") for a in voikko.analyze(word))


class _TermWord:
    __slots__ = ("lemmas", "parts")

    def __init__(self, lemmas: frozenset[str], parts: tuple[tuple[str, ...], ...]):
        self.lemmas, self.parts = lemmas, parts


def _term_words(term: str, lang: str) -> list[_TermWord]:
    doc = analyze(term, lang, markdown=False)
    out = []
    for w in doc.words:
        keys = term_keys(w, lang)
        out.append(_TermWord(keys.lemmas, keys.parts))
    return out


def _starts_with_head(words: list[Word], term: str, lang: str) -> bool:
    """Whether *words* (the start of a sentence) refer back to *term* by its head alone:
    "turvapaikkapuhuttelu" -> "Puhuttelussa ...", "biometric identifiers" -> "The
    identifiers ...". Repeating the whole term does not count."""
    term_words = _term_words(term, lang)
    if not term_words:
        return False
    last = term_words[-1]
    keys = [term_keys(w, lang) for w in words]
    if len(term_words) > 1:
        before = term_words[-2].lemmas
        for k, word in enumerate(keys):
            if word.lemmas & last.lemmas and not (k and keys[k - 1].lemmas & before):
                return True
        return False
    heads = {alt[-1] for alt in last.parts if len(alt) > 1}
    for word in keys:
        if word.lemmas & last.lemmas:
            continue  # the whole term again
        if any(_contains(alt, t_alt) for alt in word.parts for t_alt in last.parts):
            continue
        if word.lemmas & heads or any(alt and alt[-1] in heads for alt in word.parts):
            return True
    return False


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))
