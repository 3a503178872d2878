"""The analysis store: word analyses and spelling suggestions kept on disk between runs.

One SQLite table, one row per (space, form): a space is a language (``fi``, ``sv``, ``en``,
``fi.fallback``) or ``suggest.<lang>``. A run looks up only the forms it meets, so a cold start
costs the same with ten entries or two hundred thousand. New rows are written in one
transaction when the command ends; the oldest rows go when the store grows past ``limit``.

Several processes may share the file (WAL journal, a busy timeout; a write that cannot get the
lock is dropped, the analyses are recomputed next time). A corrupt file is replaced, an
unreadable or unwritable one turns the store off: the cache never stops a command.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import threading
from dataclasses import fields
from pathlib import Path

from .model import WordInfo

FORMAT = 4  # bump when what is stored changes meaning
DEFAULT_LIMIT = 200_000
WORDINFO_FIELDS = tuple(f.name for f in fields(WordInfo))

_active: AnalysisStore | None = None


def active_store() -> AnalysisStore | None:
    return _active


def _stamp() -> str:
    # Not whether Voikko is there: Finnish analyses without it are kept apart already (space
    # ``fi.fallback``), and asking would start Voikko in every English lint.
    from letterkit import __version__

    return repr((FORMAT, __version__, WORDINFO_FIELDS))


class AnalysisStore:
    """Per-form lookups in a SQLite file; use ``open`` and ``close`` (or ``with``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, limit: int, writable: bool):
        self._db = connection
        self.path = path
        self.limit = limit
        self.writable = writable
        self._pending: dict[tuple[str, str], bytes] = {}
        self._fetched: dict[tuple[str, str], bytes | None] = {}  # by prefetch
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path, limit: int = DEFAULT_LIMIT) -> AnalysisStore | None:
        """Open (or create) the store at *path* and make it the active one; None when the
        file cannot be used (the command then runs without a cache)."""
        global _active
        path = Path(path)
        store = cls._connect(path, limit)
        if store is None and path.exists() and _is_corrupt(path):
            try:
                path.unlink()  # not a database: start a new one
            except OSError:
                return None
            store = cls._connect(path, limit)
        _active = store
        return store

    @classmethod
    def _connect(cls, path: Path, limit: int) -> AnalysisStore | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=2.0, check_same_thread=False,
                                 isolation_level=None)
            writable = True
        except (OSError, sqlite3.Error):
            if not path.exists():
                return None
            try:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0,
                                     check_same_thread=False, isolation_level=None)
                writable = False
            except sqlite3.Error:
                return None
        try:
            stamp = _stamp()
            if writable:
                writable = _prepare(db, stamp)
            if not writable and _read_stamp(db) != stamp:
                db.close()
                return None
        except sqlite3.Error:
            db.close()
            return None
        return cls(db, path, limit, writable)

    def prefetch(self, space: str, forms) -> None:
        """Read the rows of *forms* in a few queries; :meth:`get` then answers from them."""
        todo = [f for f in forms if (space, f) not in self._fetched]
        if not todo:
            return
        found: dict[tuple[str, str], bytes | None] = dict.fromkeys(
            ((space, f) for f in todo), None)
        try:
            with self._lock:
                for i in range(0, len(todo), 500):
                    chunk = todo[i:i + 500]
                    marks = ",".join("?" * len(chunk))
                    query = ("SELECT form, value FROM entries WHERE space = ? AND form IN "
                             f"({marks})")
                    for form, value in self._db.execute(query, (space, *chunk)):
                        found[space, form] = value
        except sqlite3.Error:
            return
        if len(self._fetched) > 200_000:
            self._fetched.clear()
        self._fetched.update(found)

    def unknown(self, space: str, forms) -> list[str]:
        """Those of the prefetched *forms* that have no stored value (yet)."""
        fetched, pending = self._fetched, self._pending
        return [f for f in forms if fetched.get((space, f)) is None
                and (space, f) not in pending]

    def get(self, space: str, form: str):
        """The stored value of *form*, or None."""
        try:
            key = (space, form)
            pending = self._pending.get(key)
            if pending is not None:  # computed earlier in this run, not written yet
                return marshal.loads(pending)
            if key in self._fetched:
                raw = self._fetched.pop(key)
            else:
                with self._lock:
                    row = self._db.execute("SELECT value FROM entries WHERE space = ? AND "
                                           "form = ?", (space, form)).fetchone()
                raw = None if row is None else row[0]
            return None if raw is None else marshal.loads(raw)
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            return None

    def put(self, space: str, form: str, value) -> None:
        """Remember *value* (built of str, int, bool, None and tuples); written on ``flush``."""
        if self.writable:
            self._pending[(space, form)] = marshal.dumps(value)

    def flush(self) -> int:
        """Write what is pending in one transaction, dropping the oldest rows over the limit;
        return how many rows were written (0 when another process holds the lock)."""
        if not self._pending or not self.writable:
            return 0
        rows = [(space, form, value) for (space, form), value in self._pending.items()]
        self._pending.clear()
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._db.executemany("INSERT OR IGNORE INTO entries (space, form, value) "
                                         "VALUES (?, ?, ?)", rows)
                    self._db.execute("DELETE FROM entries WHERE id <= "
                                     "(SELECT MAX(id) FROM entries) - ?", (self.limit,))
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        except sqlite3.Error:
            return 0
        return len(rows)

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def close(self) -> None:
        global _active
        self.flush()
        if _active is self:
            _active = None
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> AnalysisStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _prepare(db: sqlite3.Connection, stamp: str) -> bool:
    """Create the tables, or empty them when they were written by another version; False
    when the file is read-only."""
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a cache: a torn write is detected and rebuilt
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, "
                   "space TEXT NOT NULL, form TEXT NOT NULL, value BLOB NOT NULL, "
                   "UNIQUE (space, form))")
        if _read_stamp(db) != stamp:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM entries")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
            db.execute("COMMIT")
        return True
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            return False
        raise


def _read_stamp(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def _is_corrupt(path: Path) -> bool:
    """True when *path* can be read but is not a SQLite database."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if head != b"SQLite format 3\x00":
        return True
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return db.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return True


def has_unseen_words(path: Path, space: str, texts) -> bool:
    """Whether the store at *path* lacks an analysis of some word of *texts* (read-only; a
    store that cannot be read lacks them all). Looked at before linting, to know whether a
    spelling dictionary will be needed."""
    from .segment import word_forms

    forms = sorted(set().union(*(word_forms(t) for t in texts)))
    if not forms:
        return False
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return True
    # word_forms leaves out the full stop an abbreviation takes ("kl" of "kl. 9"), which the
    # analysis keeps: either form counts as seen.
    asked = [*forms, *(f + "." for f in forms)]
    try:
        found: set[str] = set()
        for i in range(0, len(asked), 500):
            chunk = asked[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in db.execute(
                f"SELECT form FROM entries WHERE space = ? AND form IN ({marks})",
                (space, *chunk)))
        return any(f not in found and f + "." not in found for f in forms)
    except sqlite3.Error:
        return True
    finally:
        db.close()


def store_path(root) -> Path:
    """Where the project at *root* keeps its analysis store (``LETTERKIT_CACHE_DIR``
    overrides); ``Project.cache_dir`` says it for any project."""
    base = os.environ.get("LETTERKIT_CACHE_DIR")
    return (Path(base) if base else Path(root) / "var" / "cache") / "analyses.sqlite3"
