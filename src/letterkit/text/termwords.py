"""What a word can be matched by when looking for terms: base forms and compound parts.

Built on the analysis of :func:`letterkit.text.analyze` (one Voikko handle per thread, in
``text.finnish``), with the extra candidates term matching needs and the general analysis
does not keep:

- Finnish words Voikko does not know (names such as "Enter Finlandissa", "Migrin") get
  base-form candidates with a case ending stripped, a known last part ("maasta" +
  "poistamisesta" -> "maastapoistaa"), the part after a hyphen ("EU-kansalaisen") or before a
  colon ("EF:ssä");
- Swedish words get a stem with a definite or plural ending stripped, because simplemma
  sometimes gives a wrong lemma ("beslutet" -> "besluten").

``parts`` holds, per analysis, the base-form parts of a compound, e.g.
``("oleskelu", "lupa", "hakemus")`` for "oleskelulupahakemuksesi"; () for a simple word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import finnish
from .model import Word, WordInfo

# Swedish definite and plural endings, longest first.
SV_SUFFIXES = ("arna", "erna", "orna", "andet", "andena", "dena", "den", "ens", "ets", "en", "et",
               "na", "ar", "er", "or", "n", "t", "s")
FI_ENDINGS = ("issa", "issä", "ista", "istä", "iin", "illa", "illä", "ilta", "iltä", "ille",
              "iksi", "ina", "inä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä",
              "lle", "ksi", "in", "ia", "iä", "na", "nä", "n", "a", "ä")


@dataclass(frozen=True, slots=True)
class TermKeys:
    """The lower-case base forms (the surface form included) and compound parts of a word."""

    lemmas: frozenset[str]
    parts: tuple[tuple[str, ...], ...] = ()


# By the id of the analysis (an int hashes faster than a tuple); the analysis, text and
# language kept with the keys make sure a recycled id never returns another word's keys.
_BY_INFO: dict[int, tuple[WordInfo, str, str, TermKeys]] = {}


def term_keys(word: Word, lang: str) -> TermKeys:
    """The keys of one analysed word of a Document in *lang*.

    Kept per word form and analysis object (analyses are shared by every occurrence of a
    form): hashing a WordInfo for the cache of :func:`_keys` costs more than the look-up."""
    info = word.info
    hit = _BY_INFO.get(id(info))
    if hit is not None and hit[0] is info and hit[1] == word.text and hit[2] == lang:
        return hit[3]
    keys = _keys(word.text.replace("’", "'"), info, lang)
    if len(_BY_INFO) > 200_000:
        _BY_INFO.clear()
    _BY_INFO[id(info)] = (info, word.text, lang, keys)
    return keys


def words_keys(words: list[Word], lang: str) -> list[TermKeys]:
    """:func:`term_keys` of each word, the cache looked up here (no call per known word)."""
    known = _BY_INFO.get
    out = []
    for word in words:
        info = word.info
        hit = known(id(info))
        if hit is not None and hit[0] is info and hit[1] == word.text and hit[2] == lang:
            out.append(hit[3])
        else:
            out.append(term_keys(word, lang))
    return out


@lru_cache(maxsize=100_000)
def _keys(surface: str, info: WordInfo, lang: str) -> TermKeys:
    lemmas = {surface.lower(), info.lemma.lower().strip("-")}
    lemmas.update(lemma.lower().strip("-") for lemma in info.lemmas)
    parts: list[tuple[str, ...]] = []
    if len(info.compound_parts) > 1:
        parts.append(tuple(p.lower() for p in info.compound_parts))
    if lang == "fi" and info.pos is None and finnish.available():
        extra = _fi_unknown(surface)
        lemmas |= extra.lemmas
        parts.extend(p for p in extra.parts if p not in parts)
    elif lang == "sv":
        low = surface.lower()
        lemmas.update(low[: -len(s)] for s in SV_SUFFIXES
                      if low.endswith(s) and len(low) - len(s) >= 4)
    return TermKeys(frozenset(lemmas), tuple(parts))


@lru_cache(maxsize=20_000)
def _fi_unknown(word: str) -> TermKeys:
    """Candidates for a word Voikko has no analysis of."""
    from .lexicon import info as analyse

    low = word.lower()
    lemmas = {low}
    parts: list[tuple[str, ...]] = []
    if ":" in word:  # an abbreviation with its case ending: "EF:ssä", "EU:n"
        head = word.split(":", 1)[0]
        return _merge(lemmas, _keys(head, analyse(head, "word", "fi"), "fi"))
    if "-" in word:  # "Finland-palvelu", "EU-kansalaisen": the part after the last hyphen
        head, _, tail = low.rpartition("-")
        tail_keys = _keys(tail, analyse(tail, "word", "fi"), "fi")
        lemmas |= {f"{head}-{lemma}" for lemma in tail_keys.lemmas}
        parts = [(head, *p) for p in tail_keys.parts] or [(head, t) for t in tail_keys.lemmas]
        return TermKeys(frozenset(lemmas), tuple(parts))
    lemmas |= {low[: -len(e)] for e in FI_ENDINGS if low.endswith(e) and len(low) - len(e) >= 3}
    guess = _fi_unknown_compound(low)
    if guess is not None:
        lemmas.add(guess[0])
        parts.append(guess[1])
    return TermKeys(frozenset(lemmas), tuple(parts))


def _merge(lemmas: set[str], keys: TermKeys) -> TermKeys:
    return TermKeys(frozenset(lemmas | keys.lemmas), keys.parts)


def _fi_unknown_compound(low: str) -> tuple[str, tuple[str, ...]] | None:
    """Split an unknown word into an unknown first part and a known rest: "maastapoistamisesta"
    is not in Voikko's dictionary but "poistamisesta" is, which gives "maastapoistaa" and the
    parts ("maasta", "poistaa")."""
    voikko = finnish.voikko()
    for cut in range(2, len(low) - 2):
        rest = low[cut:]
        if rest.startswith("-"):
            continue
        analyses = voikko.analyze(rest)
        if analyses:
            base = (analyses[0].get("BASEFORM") or rest).lower()
            prefix = low[:cut].strip("-")
            return prefix + base, (prefix, base)
    return None
