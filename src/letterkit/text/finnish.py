"""Finnish word analysis with Voikko, and a pure-Python fallback when Voikko is missing.

A Voikko handle is not thread-safe, so each thread gets its own (``threading.local``); the
results are cached per word form and shared, which is safe because WordInfo is immutable.
"""

from __future__ import annotations

import re
import threading

from . import syllables
from .model import WordInfo

POS = {
    "nimisana": "noun", "laatusana": "adj", "nimisana_laatusana": "adj", "teonsana": "verb",
    "seikkasana": "adv", "asemosana": "pron", "suhdesana": "adp", "huudahdussana": "intj",
    "sidesana": "conj", "kieltosana": "verb", "lukusana": "num", "lyhenne": "abbr",
    "etuliite": "prefix", "nimi": "propn", "etunimi": "propn", "sukunimi": "propn",
    "paikannimi": "propn",
}
_NAMES = {"nimi", "etunimi", "sukunimi", "paikannimi"}
_NUMBER = {"singular": "sg", "plural": "pl"}

_local = threading.local()
_available: bool | None = None


def voikko():
    """This thread's Voikko handle, or None when libvoikko or the dictionary is missing."""
    global _available
    if _available is False:
        return None
    handle = getattr(_local, "voikko", None)
    if handle is None:
        try:
            from libvoikko import Voikko

            handle = Voikko("fi")
        except Exception:  # noqa: BLE001 - OSError or VoikkoException: no library or dictionary
            _available = False
            return None
        _available = True
        _local.voikko = handle
    return handle


def available() -> bool:
    return voikko() is not None


def _rank(a: dict, imperative: bool, names_first: bool) -> tuple:
    """Sort key: fewer compound parts, no connegative forms, an imperative ("Lähetä") before a
    rare infinitive, and names first only for a capitalised word inside a sentence."""
    parts = a.get("STRUCTURE", "").count("=")
    is_name = a.get("CLASS") in _NAMES
    name_penalty = int(is_name) if not names_first else int(not is_name)
    neg_penalty = 1 if a.get("NEGATIVE") == "true" else 0
    inf_penalty = 1 if imperative and a.get("MOOD") == "A-infinitive" else 0
    return (parts, neg_penalty, inf_penalty, name_penalty)


def _syllables_of(v, word: str) -> int:
    pattern = v.getHyphenationPattern(word)
    count = sum(1 for c in pattern if c in "-=") + 1
    if not any(c.lower() in "aeiouyäöå" for c in word):
        return 1
    return count


def _compound_parts(a: dict, surface: str, lemma: str) -> tuple[str, ...]:
    structure = a.get("STRUCTURE", "")
    if structure.count("=") < 2:
        return ()
    parts: list[str] = []
    pos = 0
    for chunk in structure.split("=")[1:]:
        length = sum(1 for c in chunk if c != "=")
        parts.append(surface[pos:pos + length].lower())
        pos += length
    head = "".join(parts[:-1])
    low = lemma.lower()
    last = low[len(head):] if low.startswith(head) and len(low) > len(head) else parts[-1]
    return tuple(p.strip("-") for p in (*parts[:-1], last) if p.strip("-"))


def analyse(form: str, names_first: bool = False) -> WordInfo:
    """Analyse one word form; ``names_first`` for a capitalised word that does not start a
    sentence ("Matti" there is a name, at the start of a sentence maybe the noun "matti")."""
    v = voikko()
    clean = form.replace("\u00ad", "").replace("’", "'")
    results = v.analyze(clean)
    if not results and clean.endswith(".") and len(clean) > 1:
        results = v.analyze(clean[:-1])
    if not results:
        known = v.spell(clean)
        lemma = clean if clean[:1].isupper() and len(clean) > 1 else clean.lower()
        return WordInfo(
            lemma=lemma, lemmas=(lemma,), pos=None, syllables=_syllables_of(v, clean),
            is_abbreviation=clean.endswith("."), is_known=bool(known),
        )
    imperative = any(a.get("MOOD") == "imperative" for a in results)
    ranked = sorted(results, key=lambda a: _rank(a, imperative, names_first))
    best = ranked[0]
    cls = best.get("CLASS", "")
    base = best.get("BASEFORM") or clean
    lemma = base if cls in _NAMES or cls == "lyhenne" and base[:1].isupper() else base.lower()
    bases = ((a.get("BASEFORM") or clean, a.get("CLASS")) for a in ranked)
    lemmas = tuple(dict.fromkeys(b if c in _NAMES else b.lower() for b, c in bases))
    # A passive verb ("toimitetaan") or a past passive participle ("on toimitettu"). The
    # connegative "(ei) korjata" is also an A-infinitive, so it counts only after "ei"
    # (see analyze). Present passive participles ("hyväksyttävä") are often adjectives: they
    # are reported in ``participle`` and left to the lint rules.
    finite_active = any(a.get("PERSON") in ("1", "2", "3") for a in results)
    is_passive = not finite_active and any(
        (a.get("PERSON") == "4" and a.get("NEGATIVE") != "true")
        or a.get("PARTICIPLE") == "past_passive" for a in results
    )
    connegative = any(a.get("PERSON") == "4" and a.get("NEGATIVE") == "true" for a in results)
    participle = best.get("PARTICIPLE") or next(
        (a["PARTICIPLE"] for a in results if a.get("PARTICIPLE")), None
    )
    person = best.get("PERSON")
    return WordInfo(
        lemma=lemma,
        lemmas=lemmas,
        pos=POS.get(cls, cls or None),
        is_passive=is_passive,
        passive_connegative=connegative,
        is_minen=any(a.get("MOOD") == "MINEN-infinitive" for a in results),
        participle=participle,
        is_abbreviation=cls == "lyhenne",
        person=person if person in ("1", "2", "3") else None,
        number=_NUMBER.get(best.get("NUMBER", "")),
        possessive=best.get("POSSESSIVE"),
        compound_parts=_compound_parts(best, clean, base),
        syllables=_syllables_of(v, base),
        is_known=True,
    )


# Fallback: used only when Voikko cannot be loaded. Every figure built on it is "approximate".
_PASSIVE_RE = re.compile(r"[tdlrn](?:aan|ään)$|tiin$|tt(?:u|y|ava|ävä)(?:n|t|a|ä|ksi)?$")
_MINEN_RE = re.compile(r"mi(?:nen|sen|sta|stä|seen|sessa|ssä|sella|selle|set|sia|siä|siin|sten|s)$")
_fallback_lock = threading.Lock()


def analyse_fallback(form: str) -> WordInfo:
    clean = form.replace("\u00ad", "").replace("’", "'")
    low = clean.lower()
    try:
        import simplemma

        with _fallback_lock:
            lemma = simplemma.lemmatize(low, lang="fi")
            known = simplemma.is_known(low, lang="fi")
    except Exception:  # noqa: BLE001
        lemma, known = low, None
    return WordInfo(
        lemma=lemma,
        lemmas=(lemma,),
        is_passive=bool(_PASSIVE_RE.search(low)) and len(low) > 5,
        is_minen=bool(_MINEN_RE.search(low)) and len(low) > 6,
        is_abbreviation=clean.endswith("."),
        syllables=syllables.finnish(lemma),
        is_known=known,
    )
