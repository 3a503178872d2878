"""Spelling: Voikko for Finnish, hunspell dictionaries (libhunspell) for Swedish and English.

Swedish prefers the Finland-Swedish dictionary (sv_FI), English the British one (en_GB).
Hunspell dictionaries (``letterkit.hunspell``), like Voikko handles, are kept one per thread;
the first thread takes the one a command preloaded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from letterkit import hunspell

from .model import Word

DICTIONARIES = hunspell.BY_LANGUAGE
_local = threading.local()
_missing: set[str] = set()


@dataclass(frozen=True)
class Misspelling:
    word: Word
    suggestions: tuple[str, ...]


def _dictionary(lang: str):
    """This thread's hunspell dictionary for *lang*, or None (no libhunspell or none
    installed)."""
    if lang in _missing:
        return None
    dicts = getattr(_local, "dicts", None)
    if dicts is None:
        dicts = _local.dicts = {}
    if lang not in dicts:
        found = hunspell.take_preloaded(lang)
        if found is False:
            found = hunspell.open_dictionary(DICTIONARIES[lang])
        if found is None:
            _missing.add(lang)
            return None
        dicts[lang] = found
    return dicts[lang]


def dictionary_name(lang: str) -> str | None:
    if lang == "fi":
        from . import finnish

        return "voikko-fi" if finnish.available() else None
    d = _dictionary(lang)
    return d.tag if d is not None else None


def is_known(word: str, lang: str) -> bool | None:
    """True or False, or None when no dictionary is available for ``lang``."""
    word = word.replace("\u00ad", "").replace("’", "'")
    if lang == "fi":
        from . import finnish

        v = finnish.voikko()
        return None if v is None else bool(v.spell(word))
    d = _dictionary(lang)
    if d is None:
        return None
    return bool(d.check(word)) or (word[:1].isupper() and bool(d.check(word.lower())))


def suggest(word: str, lang: str, limit: int = 5) -> tuple[str, ...]:
    """The dictionary's suggestions for *word*, best first; kept in the analysis store, since
    one search of a hunspell dictionary takes 20-50 ms."""
    return _stored(f"suggest.{lang}", word, lambda: _search(word, lang))[:limit]


def _stored(space: str, word: str, compute) -> tuple[str, ...]:
    from .store import active_store

    store = active_store()
    stored = store.get(space, word) if store is not None else None
    if stored is not None:
        return tuple(stored)
    found = compute()
    if store is not None:
        store.put(space, word, found)
    return found


def near_forms(word: str, lang: str, limit: int = 5) -> tuple[str, ...]:
    """Known words one letter away from *word* (a letter dropped, added, swapped or doubled),
    in the case it is written in: a quick search, a few milliseconds, for a word that is
    probably a name (a full dictionary search finds nothing useful for names)."""
    return _stored(f"near.{lang}", word, lambda: _near_forms(word, lang))[:limit]


def _near_forms(word: str, lang: str, limit: int = 5) -> tuple[str, ...]:
    if not word.isalpha() or len(word) > 30 or is_known("a", lang) is None:
        return ()
    low = word.lower()
    letters = "".join(dict.fromkeys("abcdefghijklmnopqrstuvwxyz" + _LETTERS.get(lang, "")
                                    + "".join(sorted(set(low)))))
    splits = [(low[:i], low[i:]) for i in range(len(low) + 1)]
    candidates = dict.fromkeys(
        [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        + [a + b[1:] for a, b in splits if b]
        + [a + c + b for a, b in splits for c in letters]
        + [a + c + b[1:] for a, b in splits if b for c in letters if c != b[0]])
    candidates.pop(low, None)
    candidates.pop("", None)  # a one-letter word minus its letter
    shapes = [c.capitalize() if word[:1].isupper() else c for c in candidates]
    if lang != "fi":
        # Some 50 candidates per letter of the word: those the lemma dictionary lists are
        # asked of hunspell, in one query instead of a hunspell call each.
        from .wordbase import dictionary_forms

        listed = dictionary_forms(shapes, lang)
        if listed is not None:
            shapes = [s for s in shapes if s in listed]
    out = []
    for shaped in shapes:
        if _is_known_exact(shaped, lang):
            out.append(shaped)
            if len(out) == limit:
                break
    return tuple(out)


_LETTERS = {"sv": "åäö", "fi": "äöå", "en": ""}


def _is_known_exact(word: str, lang: str) -> bool:
    if lang == "fi":
        from . import finnish

        v = finnish.voikko()
        return v is not None and bool(v.spell(word))
    d = _dictionary(lang)
    return d is not None and bool(d.check(word))


def _search(word: str, lang: str) -> tuple[str, ...]:
    if lang == "fi":
        from . import finnish

        v = finnish.voikko()
        return tuple(v.suggest(word)) if v is not None else ()
    d = _dictionary(lang)
    return tuple(d.suggest(word)) if d is not None else ()


def check_spelling(words: Iterable[Word], lang: str, *, allow: Iterable[str] = ()
                   ) -> list[Misspelling]:
    """Words the dictionary does not know (numbers, URLs and codes are skipped)."""
    allowed = {a.lower() for a in allow}
    out = []
    for w in words:
        if w.kind != "word" or w.is_known is not False or w.text.lower() in allowed:
            continue
        out.append(Misspelling(w, suggest(w.text, lang)))
    return out
