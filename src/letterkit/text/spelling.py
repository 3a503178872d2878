"""Spelling: Voikko for Finnish, hunspell dictionaries through pyenchant for Swedish and English.

Swedish prefers the Finland-Swedish dictionary (sv_FI), English the British one (en_GB).
Enchant dictionaries, like Voikko handles, are kept one per thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Word

DICTIONARIES = {"sv": ("sv_FI", "sv_SE", "sv"), "en": ("en_GB", "en_US", "en")}
_local = threading.local()
_missing: set[str] = set()


@dataclass(frozen=True)
class Misspelling:
    word: Word
    suggestions: tuple[str, ...]


def _enchant_dict(lang: str):
    if lang in _missing:
        return None
    dicts = getattr(_local, "dicts", None)
    if dicts is None:
        dicts = _local.dicts = {}
    if lang not in dicts:
        try:
            import enchant

            tag = next(t for t in DICTIONARIES[lang] if enchant.dict_exists(t))
            dicts[lang] = enchant.Dict(tag)
        except Exception:  # noqa: BLE001 - no enchant library or no dictionary
            _missing.add(lang)
            return None
    return dicts[lang]


def dictionary_name(lang: str) -> str | None:
    if lang == "fi":
        from . import finnish

        return "voikko-fi" if finnish.available() else None
    d = _enchant_dict(lang)
    return d.tag if d is not None else None


def is_known(word: str, lang: str) -> bool | None:
    """True or False, or None when no dictionary is available for ``lang``."""
    word = word.replace("\u00ad", "").replace("’", "'")
    if lang == "fi":
        from . import finnish

        v = finnish.voikko()
        return None if v is None else bool(v.spell(word))
    d = _enchant_dict(lang)
    if d is None:
        return None
    return bool(d.check(word)) or (word[:1].isupper() and bool(d.check(word.lower())))


def suggest(word: str, lang: str, limit: int = 5) -> tuple[str, ...]:
    if lang == "fi":
        from . import finnish

        v = finnish.voikko()
        return tuple(v.suggest(word)[:limit]) if v is not None else ()
    d = _enchant_dict(lang)
    return tuple(d.suggest(word)[:limit]) if d is not None else ()


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
