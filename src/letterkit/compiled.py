"""The compiled cache: rule packs and term bases loaded once, kept as pickles between runs.

Loading every rule file and concept file (YAML with line numbers, validation, regular
expressions) takes longer than linting a letter. The loaded objects are pickled into
``<cache dir>/compiled/<what>-<key>.pickle``, where the key hashes the path, size and mtime of
every source file, letterkit's version and the engine's own source files (so a changed rule
file, an upgrade or an edited rule kind rebuilds it). What a run compiles on first use (the
phrase matchers of a language, the term matchers) is saved too when the command ends.

A cache file is signed with a key kept in the user's cache folder (``~/.cache/letterkit``),
outside any project: unpickling runs code, so a pickle that someone committed into a
project's ``var/cache`` is not trusted, only rebuilt. A file that is corrupt, truncated,
unsigned or from another Python is rebuilt; a folder that cannot be written turns the cache
off. The cache never stops a command.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when what is pickled changes shape
_PACKAGE = Path(__file__).resolve().parent
# The modules whose classes are pickled: an edit to any of them rebuilds the cache.
_ENGINE = ("lint", "lint/kinds", "glossary", "text", "yamlio.py", "compiled.py", "errors.py",
           "model")


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/letterkit``, else ``~/.cache/letterkit``."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "letterkit"


def stamp_files(paths: Iterable[Path]) -> tuple:
    """(path, size, mtime) of each file, sorted: what a cached value was built from."""
    out = []
    for path in sorted(paths):
        try:
            info = path.stat()
        except OSError:
            continue
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)


_engine_stamp: tuple | None = None


def _engine() -> tuple:
    global _engine_stamp  # the package's own files do not change while it runs
    if _engine_stamp is None:
        from letterkit import __version__

        files = []
        for name in _ENGINE:
            target = _PACKAGE / name
            files.extend(target.glob("*.py") if target.is_dir() else [target])
        _engine_stamp = (FORMAT, __version__, sys.version, stamp_files(files))
    return _engine_stamp


def _signing_key() -> bytes | None:
    """The user's key for signing cache files, made on first use; None when it cannot be
    kept (then nothing is cached)."""
    path = user_cache_dir() / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        tmp = path.with_name(f".cache-key.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(tmp, path)
        return path.read_bytes()  # another process may have won the race: use its key
    except OSError:
        return None


class Compiled:
    """One cached value: ``load`` returns it from the cache or builds and stores it."""

    def __init__(self, cache_dir: Path | None, what: str, sources: tuple):
        self.what = what
        digest = hashlib.sha256(repr((_engine(), what, sources)).encode()).hexdigest()[:24]
        self.path = (None if cache_dir is None
                     else cache_dir / "compiled" / f"{what}-{digest}.pickle")

    def read(self) -> Any:
        """The cached value, or None when there is none that can be trusted."""
        if self.path is None:
            return None
        try:
            blob = self.path.read_bytes()
        except OSError:
            return None
        key = _signing_key()
        if key is None or len(blob) < 32:
            return None
        signature, payload = blob[:32], blob[32:]
        if not hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - any unreadable pickle is rebuilt
            return None

    def write(self, value: Any) -> bool:
        """Store *value*, replacing older builds of the same thing; False when it cannot."""
        if self.path is None:
            return False
        key = _signing_key()
        if key is None:
            return False
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something in it cannot be pickled: do not cache
            return False
        signature = hmac.new(key, payload, hashlib.sha256).digest()
        folder = self.path.parent
        tmp = folder / f".{self.path.name}.{os.getpid()}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(signature + payload)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return False
        for old in folder.glob(f"{self.what}-*.pickle"):
            if old != self.path:
                with contextlib.suppress(OSError):
                    old.unlink()
        return True

    def load(self, build: Callable[[], Any]) -> tuple[Any, bool]:
        """(value, True) from the cache, else (build(), False) after storing it."""
        value = self.read()
        if value is not None:
            return value, True
        value = build()
        self.write(value)
        return value, False
