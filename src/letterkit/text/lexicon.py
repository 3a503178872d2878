"""Per-language word analysis with a cache per (language, word form).

Finnish goes to Voikko (``finnish``); Swedish and English lemmas come from simplemma and
spelling from hunspell dictionaries through libhunspell (``spelling``). Numbers, URLs, e-mail
addresses and case numbers are not looked up.
"""

from __future__ import annotations

import re
import threading

from . import finnish, spelling, syllables
from .model import WordInfo
from .store import WORDINFO_FIELDS, active_store

_MAX_CACHE = 400_000
_caches: dict[tuple[str, bool], dict[str, WordInfo]] = {}
_simplemma_lock = threading.Lock()

# s-forms that are not passives: deponents ("finns", "hoppas") and reciprocals ("träffas").
_SV_DEPONENTS = {
    "finns", "finnas", "fanns", "funnits", "hoppas", "hoppades", "hoppats", "känns", "kännas",
    "kändes", "minnas", "mindes", "andas", "lyckas", "lyckades", "lyckats", "trivas", "trivdes",
    "låtsas", "låtsades", "synas", "syns", "syntes", "fattas", "åldras", "svettas", "brottas",
    "kräks", "slåss", "umgås", "umgicks", "märks", "märktes", "avundas", "envisas", "skämmas",
    "vistas", "träffas", "träffades", "kramas", "pratas", "mötas", "möts", "samsas", "saknas",
    "saknades", "tycks", "tycktes", "ångras",
}
_SV_PASSIVE = re.compile(r"(?:as|es|ats|ades|des|tes|dde?s|tts?)$")
_POS_CLOSED = {
    "en": {
        "the": "det", "a": "det", "an": "det", "and": "conj", "or": "conj", "but": "conj",
        "of": "adp", "to": "adp", "in": "adp", "on": "adp", "at": "adp", "by": "adp",
        "for": "adp", "with": "adp", "from": "adp", "you": "pron", "we": "pron", "i": "pron",
        "he": "pron", "she": "pron", "it": "pron", "they": "pron", "your": "pron", "our": "pron",
    },
    "sv": {
        "och": "conj", "eller": "conj", "men": "conj", "att": "part", "en": "det", "ett": "det",
        "du": "pron", "ni": "pron", "vi": "pron", "jag": "pron", "han": "pron", "hon": "pron",
        "den": "pron", "det": "pron", "de": "pron", "dig": "pron", "er": "pron", "oss": "pron",
        "i": "adp", "på": "adp", "av": "adp", "till": "adp", "för": "adp", "med": "adp",
    },
}
_EN_PERSON = {"i": ("1", "sg"), "we": ("1", "pl"), "you": ("2", None), "your": ("2", None)}
_SV_PERSON = {
    "jag": ("1", "sg"), "vi": ("1", "pl"), "du": ("2", "sg"), "dig": ("2", "sg"),
    "din": ("2", "sg"), "ditt": ("2", "sg"), "dina": ("2", "sg"), "ni": ("2", "pl"),
    "er": ("2", "pl"), "ert": ("2", "pl"), "era": ("2", "pl"),
}


def uses_fallback(lang: str) -> bool:
    return lang == "fi" and not finnish.available()


def prefetch(forms: list[str], lang: str) -> None:
    """Read the stored analyses of *forms* in one query (a capitalised Finnish word is looked
    up under both of its keys), so that :func:`info` finds them without a query each."""
    if not forms:
        return
    fallback = uses_fallback(lang) if lang == "fi" else False
    cache = _caches.setdefault((lang, fallback), {})
    keys = set()
    for form in forms:
        if form not in cache:
            keys.add(form)
        if lang == "fi" and form[:1].isupper() and "\x01" + form not in cache:
            keys.add("\x01" + form)
    if not keys:
        return
    store = active_store()
    if store is not None:
        space = f"{lang}.fallback" if fallback else lang
        store.prefetch(space, keys)
        keys = store.unknown(space, keys)
    if lang != "fi" and keys:  # to be analysed: what that looks up, in a query per table
        from .wordbase import prefetch_lemmas

        clean = [form.replace("\u00ad", "").replace("’", "'") for form in keys]
        prefetch_lemmas([*clean, *(c.lower() for c in clean)], lang)
        if lang == "en":
            syllables.prefetch_english(clean)


def memo(lang: str) -> dict[str, WordInfo]:
    """The analyses :func:`info` has made in this process for *lang*, by form ("\x01" + form
    for a capitalised Finnish word inside a sentence): a caller that looks up many words
    tries here first and calls :func:`info` for a miss."""
    return _caches.setdefault((lang, uses_fallback(lang)), {})


def info(form: str, kind: str, lang: str, initial: bool = True) -> WordInfo:
    """The analysis of ``form``; ``initial`` when it starts a sentence (a capital there says
    less about a proper noun)."""
    if kind != "word":
        return _plain(form, kind)
    fallback = uses_fallback(lang)
    cache = _caches.setdefault((lang, fallback), {})
    names_first = not initial and lang == "fi" and form[:1].isupper()
    key = "\x01" + form if names_first else form
    hit = cache.get(key)
    if hit is not None:
        return hit
    store = active_store()
    space = f"{lang}.fallback" if fallback else lang
    stored = store.get(space, key) if store is not None else None
    if stored is not None:
        result = WordInfo(*stored)
    else:
        if lang == "fi":
            result = (finnish.analyse_fallback(form) if fallback
                      else finnish.analyse(form, names_first))
        else:
            result = _analyse_simple(form, lang)
        if store is not None:
            store.put(space, key, tuple(getattr(result, f) for f in WORDINFO_FIELDS))
    if len(cache) >= _MAX_CACHE:
        cache.clear()
    cache[key] = result
    return result


_plain_cache: dict[tuple[str, str], WordInfo] = {}


def _plain(form: str, kind: str) -> WordInfo:
    key = (form, kind)
    hit = _plain_cache.get(key)
    if hit is None:
        hit = WordInfo(lemma=form.lower(), lemmas=(form.lower(),), pos=kind, syllables=1,
                       is_known=True)
        if len(_plain_cache) > 50_000:
            _plain_cache.clear()
        _plain_cache[key] = hit
    return hit


def _lemmatize(word: str, lang: str) -> str:
    from .wordbase import lemmatize

    with _simplemma_lock:  # simplemma's own memo is not thread-safe
        return lemmatize(word, lang)


def _analyse_simple(form: str, lang: str) -> WordInfo:
    clean = form.replace("\u00ad", "").replace("’", "'")
    low = clean.lower()
    is_abbr = clean.endswith(".") or (clean.isupper() and 1 < len(clean) <= 5)
    lemma = low if is_abbr else _lemmatize(low, lang)
    if clean[:1].isupper() and lemma == low and not is_abbr and low not in _POS_CLOSED[lang]:
        proper = _lemmatize(clean, lang)
        lemma = clean if proper == clean else lemma
    person, number = (_SV_PERSON if lang == "sv" else _EN_PERSON).get(low, (None, None))
    is_passive = False
    if (lang == "sv" and low not in _SV_DEPONENTS and len(low) > 4 and _SV_PASSIVE.search(low)
            and spelling.is_known(low, lang) is not False):
        stem = _lemmatize(low[:-1], lang)
        is_passive = stem != low[:-1] or stem.endswith("a")
    syl = syllables.english(low) if lang == "en" else syllables.swedish(low)
    return WordInfo(
        lemma=lemma,
        lemmas=tuple(dict.fromkeys((lemma, low))),
        pos="abbr" if is_abbr else _POS_CLOSED[lang].get(low),
        is_passive=is_passive,
        is_abbreviation=is_abbr,
        person=person,
        number=number,
        syllables=syl,
        is_known=spelling.is_known(clean, lang),
    )


class _StoredCache(dict):
    """A dict whose misses are looked up in the analysis store and whose new entries are
    saved to it (values: frozensets, tuples or other marshal-able data)."""

    def __init__(self, name: str):
        super().__init__()
        self.space = "named." + name

    def get(self, key, default=None):
        hit = dict.get(self, key)
        if hit is not None:
            return hit
        store = active_store()
        stored = store.get(self.space, key) if store is not None else None
        if stored is None:
            return default
        dict.__setitem__(self, key, stored)
        return stored

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self, key, value)
        store = active_store()
        if store is not None:
            store.put(self.space, key, value)


_named: dict[str, _StoredCache] = {}


def shared_cache(name: str) -> dict:
    """A dict another part of letterkit caches word data in, kept in the analysis store."""
    return _named.setdefault(name, _StoredCache(name))
