"""Hunspell dictionaries through libhunspell's C interface (ctypes).

letterkit used pyenchant before: importing it and asking its broker for a dictionary cost
about 30 ms before hunspell itself read the dictionary, in every process that checked a word.
The C calls release the interpreter lock, so :func:`preload` reads a language's dictionary
in a thread while the rest of the command starts (imports, rule packs: some 100 ms), and the
first thread that needs it takes it. This module is outside ``letterkit.text`` so that a
command can start that thread before it imports the language layer.

A handle is not thread-safe: callers keep one per thread (``letterkit.text.spelling``).
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from pathlib import Path

# The dictionaries of a language, in order of preference: Finland-Swedish, British English.
BY_LANGUAGE = {"sv": ("sv_FI", "sv_SE", "sv"), "en": ("en_GB", "en_US", "en")}

_LIBRARY_NAMES = ("libhunspell-1.7.so.0", "libhunspell-1.7.so", "libhunspell.so",
                  "libhunspell-1.7.0.dylib", "libhunspell-1.7.dylib", "libhunspell.dylib")
_library: ctypes.CDLL | None = None
_library_failed = False


def _lib() -> ctypes.CDLL | None:
    global _library, _library_failed
    if _library is not None or _library_failed:
        return _library
    for name in _LIBRARY_NAMES:
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError:
            continue
    else:
        from ctypes.util import find_library  # runs ldconfig: only if the usual names fail

        found = find_library("hunspell-1.7") or find_library("hunspell")
        try:
            lib = ctypes.CDLL(found) if found else None
        except OSError:
            lib = None
    if lib is None:
        _library_failed = True
        return None
    lib.Hunspell_create.restype = ctypes.c_void_p
    lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.Hunspell_destroy.argtypes = [ctypes.c_void_p]
    lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
    lib.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
    word_list = ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))
    lib.Hunspell_suggest.argtypes = [ctypes.c_void_p, word_list, ctypes.c_char_p]
    lib.Hunspell_free_list.argtypes = [ctypes.c_void_p, word_list, ctypes.c_int]
    _library = lib
    return lib


def search_path() -> list[Path]:
    """Where dictionaries are looked for: $DICPATH first, then the usual system folders."""
    folders = [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    home = Path.home()
    folders += [home / ".local/share/hunspell", Path("/usr/share/hunspell"),
                Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts"),
                Path("/usr/local/share/hunspell"), Path("/opt/homebrew/share/hunspell")]
    if sys.platform == "darwin":
        folders += [home / "Library/Spelling", Path("/Library/Spelling")]
    return folders


def find(tag: str) -> tuple[Path, Path] | None:
    """The .aff and .dic files of dictionary *tag* ("en_GB"), or None."""
    for folder in search_path():
        aff, dic = folder / f"{tag}.aff", folder / f"{tag}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


def available() -> bool:
    return _lib() is not None


class Dictionary:
    """One hunspell dictionary, read on creation (40-80 ms for en_GB or sv_FI)."""

    def __init__(self, tag: str, aff: Path, dic: Path):
        lib = _lib()
        if lib is None:
            raise OSError("libhunspell is not installed")
        self.tag = tag
        self._lib = lib
        self._handle = lib.Hunspell_create(os.fsencode(aff), os.fsencode(dic))
        if not self._handle:
            raise OSError(f"hunspell could not read {dic}")
        encoding = (lib.Hunspell_get_dic_encoding(self._handle) or b"UTF-8").decode("ascii")
        self.encoding = {"ISO8859-1": "latin-1", "ISO8859-15": "iso8859-15"}.get(encoding,
                                                                                  encoding)

    def _encode(self, word: str) -> bytes | None:
        if not word or "\x00" in word:
            return None
        try:
            return word.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return None  # a letter the dictionary's character set has not: not a word of it

    def check(self, word: str) -> bool:
        encoded = self._encode(word)
        return encoded is not None and self._lib.Hunspell_spell(self._handle, encoded) != 0

    def suggest(self, word: str) -> list[str]:
        encoded = self._encode(word)
        if encoded is None:
            return []
        found = ctypes.POINTER(ctypes.c_char_p)()
        count = self._lib.Hunspell_suggest(self._handle, ctypes.byref(found), encoded)
        try:
            return [found[i].decode(self.encoding, "replace") for i in range(count)]
        finally:
            if count:
                self._lib.Hunspell_free_list(self._handle, ctypes.byref(found), count)

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        # At exit the process's memory goes back whole; freeing a dictionary word by word
        # would add 20 ms to every command that read one.
        if handle and not sys.is_finalizing():
            self._lib.Hunspell_destroy(handle)


def open_dictionary(tags: tuple[str, ...]) -> Dictionary | None:
    """The first of *tags* that is installed, read, or None (no library or no dictionary)."""
    if _lib() is None:
        return None
    for tag in tags:
        files = find(tag)
        if files is not None:
            try:
                return Dictionary(tag, *files)
            except OSError:
                continue
    return None


_preloading: dict[str, tuple[threading.Thread, list]] = {}
_preload_lock = threading.Lock()


def preload(langs, needed=None) -> None:
    """Start reading the dictionary of each of *langs* (those with one) in a thread, once
    per process; with *needed* (lang -> bool, called in that thread), only if it says so."""
    for lang in dict.fromkeys(langs):
        if lang not in BY_LANGUAGE:
            continue
        with _preload_lock:
            if lang in _preloading:
                continue
            box: list = []
            thread = threading.Thread(target=_read, args=(lang, needed, box),
                                      name=f"letterkit-hunspell-{lang}", daemon=True)
            _preloading[lang] = (thread, box)
        thread.start()


def _read(lang: str, needed, box: list) -> None:
    try:
        if needed is None or needed(lang):
            box.append(open_dictionary(BY_LANGUAGE[lang]))
    except Exception:  # noqa: BLE001 - a guess that failed: the caller reads its own
        box.clear()


def take_preloaded(lang: str):
    """The dictionary :func:`preload` read for *lang* (waiting for the read to end), None if
    it found none, or ``False``: not preloaded, already taken by another thread, or the
    thread failed (the caller reads its own)."""
    with _preload_lock:
        pending = _preloading.get(lang)
        if pending is None or pending[1] == [False]:
            return False
        thread, box = pending
        thread.join()
        found = box[0] if box else False
        box[:] = [False]
        return found
