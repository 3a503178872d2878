"""Connecting to the panel database: the URL, the engine, read-only archives, and what a
failed write means.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit is in the log when it returns,
so a killed process loses nothing it committed (a power cut may lose the last commits, never
the database's integrity). A database file, or its folder, that
cannot be written is opened read-only without any pragma that writes, so an archived study
can still be read; ``read_only=True`` asks for that explicitly.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.engine import Engine

DATABASE_ENV = "LETTERKIT_DATABASE_URL"
READ_ONLY_ENV = "LETTERKIT_DATABASE_READ_ONLY"


class StoreUnavailable(Exception):
    """The database refused a read or write: ``reason`` is "full", "read_only", "busy" or
    "unavailable"; ``detail`` is the database's own message (for logs, not participants)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def classify(exc: BaseException) -> str:
    """What a database error means for the person who is waiting for it."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or ""
    if code:  # PostgreSQL
        if code == "25006":
            return "read_only"
        if code.startswith("53"):  # insufficient resources: disk full, out of memory
            return "full"
        if code in ("55P03", "40001", "40P01"):
            return "busy"
        return "unavailable"
    text = str(orig).lower()
    if "full" in text:  # "database or disk is full"
        return "full"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "read_only"
    if "locked" in text or "busy" in text:
        return "busy"
    return "unavailable"


def default_url(root: Path | None = None) -> str:
    url = os.environ.get(DATABASE_ENV, "").strip()
    if url:
        return url
    if root is None:
        from letterkit.project import find_project

        root = find_project().root
    folder = root / "var"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'panel.sqlite'}"


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 when that is what is installed."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            try:
                import psycopg  # noqa: F401
            except ImportError:
                return url
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    if not url.startswith("sqlite"):
        return None
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _cannot_write(path: Path) -> bool:
    """True when *path* (or its folder) is not meant to be written: no write bit in its
    mode, a read-only file system, or no write access for this user. The mode bits count
    even for root, so ``chmod 0444`` archives a database."""
    for target, exists in ((path, path.exists()), (path.parent, True)):
        if not exists:
            continue
        try:
            mode = target.stat().st_mode
            flags = os.statvfs(target).f_flag
        except OSError:
            return True
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return True
        if flags & os.ST_RDONLY or not os.access(target, os.W_OK):
            return True
    return False


def wants_read_only(url: str, read_only: bool | None = None) -> bool:
    """Whether *url* is to be opened read-only: asked for, or an unwritable SQLite file."""
    if read_only is None:
        read_only = os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes")
    if read_only:
        return True
    path = sqlite_path(url)
    return path is not None and path.exists() and _cannot_write(path)


def _sqlite_read_only(path: Path) -> Engine:
    """A connection that never writes, not even the WAL index when it cannot."""
    if not path.is_file():
        raise StoreUnavailable("unavailable", f"no database at {path}")
    wal = path.with_name(path.name + "-wal")
    archived = _cannot_write(path)
    # An archive (unwritable file or folder) is opened immutable: SQLite then needs no -shm
    # file. A log (-wal) that still holds commits must be read, so it is opened mode=ro.
    immutable = archived and not (wal.exists() and wal.stat().st_size > 0)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)

    engine = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.QueuePool,
                              pool_size=10, max_overflow=40, pool_timeout=60)
    engine.letterkit_read_only = True  # type: ignore[attr-defined]

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA query_only=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


def make_engine(url: str, read_only: bool | None = None) -> Engine:
    """An engine for *url*; read-only (see ``wants_read_only``) when asked or unwritable."""
    url = normalise_url(url)
    ro = wants_read_only(url, read_only)
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if ro and path is not None:
            return _sqlite_read_only(path)
        in_memory = path is None
        kwargs: dict[str, Any] = {"connect_args": {"timeout": 30, "check_same_thread": False}}
        if in_memory:
            kwargs["poolclass"] = sa.pool.StaticPool
        else:
            kwargs.update(pool_size=10, max_overflow=40, pool_timeout=60)
        engine = sa.create_engine(url, **kwargs)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    kwargs = {"pool_size": 10, "max_overflow": 40, "pool_pre_ping": True}
    if ro and url.startswith("postgresql"):
        kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    engine = sa.create_engine(url, **kwargs)
    engine.letterkit_read_only = ro  # type: ignore[attr-defined]
    return engine


def is_read_only(engine: Engine) -> bool:
    """True for an engine that ``make_engine`` opened read-only."""
    return bool(getattr(engine, "letterkit_read_only", False))
