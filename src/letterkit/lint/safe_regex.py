"""Rule patterns that cannot hang ``letterkit lint``.

A rule file's pattern is data that anyone may edit, and a pattern with nested repeats such as
``(a+)+$`` can take longer than the age of the universe on one line of text in Python's ``re``.
Patterns are compiled with the ``regex`` engine, whose matching takes a time limit; a pattern
that runs out of time is reported at its rule file instead of stalling the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import regex

SECONDS = 1.0  # per search over one text; a real rule needs milliseconds


class SafePattern:
    """A compiled pattern whose searches stop after :data:`SECONDS`, calling *on_timeout*.

    Pickled (in the compiled rule cache) as its source and flags: it is compiled again on
    first use, so loading every language's rules compiles only the patterns a run needs.
    *on_timeout* must then be picklable (a function or a ``functools.partial``)."""

    def __init__(self, compiled: regex.Pattern, on_timeout: Callable[[], Exception]):
        self._compiled: regex.Pattern | None = compiled
        self.on_timeout = on_timeout
        self.pattern = compiled.pattern
        self.flags = compiled.flags

    @property
    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def __getstate__(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "flags": self.flags, "on_timeout": self.on_timeout}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._compiled = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        try:
            yield from self.compiled.finditer(text, pos, len(text) if endpos is None else endpos,
                                              timeout=SECONDS)
        except TimeoutError:
            raise self.on_timeout() from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self.compiled.search(text, pos, len(text) if endpos is None else endpos,
                                        timeout=SECONDS)
        except TimeoutError:
            raise self.on_timeout() from None


def compile_safe(source: str, flags: int, on_error: Callable[[str], Exception],
                 on_timeout: Callable[[], Exception]) -> SafePattern:
    """Compile *source* (Python ``re`` syntax and flags); *on_error* builds the compile error."""
    try:
        compiled = regex.compile(source, flags | regex.VERSION0)
    except (regex.error, ValueError, OverflowError) as exc:
        raise on_error(str(exc)) from None
    return SafePattern(compiled, on_timeout)
