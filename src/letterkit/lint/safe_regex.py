"""Rule patterns that cannot hang ``letterkit lint``.

A rule file's pattern is data that anyone may edit, and a pattern with nested repeats such as
``(a+)+$`` can take longer than the age of the universe on one line of text in Python's ``re``.
Patterns are compiled with the ``regex`` engine, whose matching takes a time limit; a pattern
that runs out of time is reported at its rule file instead of stalling the run. A pattern that
:func:`runs_on_re` shows cannot backtrack catastrophically runs on Python's faster ``re``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

SECONDS = 1.0  # per search over one text; a real rule needs milliseconds


class SafePattern:
    """A compiled pattern whose searches stop after :data:`SECONDS`, calling *on_timeout*.

    Pickled (in the compiled rule cache) as its source and flags: it is compiled again on
    first use, so loading every language's rules compiles only the patterns a run needs.
    *on_timeout* must then be picklable (a function or a ``functools.partial``)."""

    def __init__(self, compiled: regex.Pattern, on_timeout: Callable[[], Exception],
                 re_flags: int | None = None):
        self._compiled: Any = compiled
        self.on_timeout = on_timeout
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        # The flags for Python's re when the pattern runs there (see runs_on_re), else None.
        self.re_flags = re_flags
        if re_flags is not None:
            self._compiled = None

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            if self.re_flags is not None:
                import re

                self._compiled = re.compile(self.pattern, self.re_flags)
            else:
                import regex

                self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def __getstate__(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "flags": self.flags, "on_timeout": self.on_timeout,
                "re_flags": self.re_flags}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._compiled = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        if self.re_flags is not None:
            return self.compiled.finditer(text, pos, len(text) if endpos is None else endpos)
        return self._finditer(text, pos, endpos)

    def _finditer(self, text: str, pos: int, endpos: int | None) -> Iterator[Any]:
        try:
            yield from self.compiled.finditer(text, pos, len(text) if endpos is None else endpos,
                                              timeout=SECONDS)
        except TimeoutError:
            raise self.on_timeout() from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        if self.re_flags is not None:
            return self.compiled.search(text, pos, len(text) if endpos is None else endpos)
        try:
            return self.compiled.search(text, pos, len(text) if endpos is None else endpos,
                                        timeout=SECONDS)
        except TimeoutError:
            raise self.on_timeout() from None


def compile_safe(source: str, flags: int, on_error: Callable[[str], Exception],
                 on_timeout: Callable[[], Exception]) -> SafePattern:
    """Compile *source* (Python ``re`` syntax and flags); *on_error* builds the compile error."""
    import regex

    try:
        compiled = regex.compile(source, flags | regex.VERSION0)
    except (regex.error, ValueError, OverflowError) as exc:
        raise on_error(str(exc)) from None
    return SafePattern(compiled, on_timeout, flags if runs_on_re(source, flags) else None)


# -- patterns that need no time limit ----------------------------------------------------------
#
# Python's own ``re`` is two to three times faster than ``regex`` on the rules' patterns but
# cannot be stopped. A pattern runs on ``re`` only when it cannot backtrack catastrophically:
# inside every repeat (``+``, ``*``, ``{m,n}``), each part of variable length (an inner repeat,
# an optional part, alternatives) is followed by characters it cannot match itself, so the
# text splits between the parts and the iterations in one way only. Anything the check does
# not understand (back-references, conditionals) goes to ``regex`` with its time limit.

_ALPHABET = [chr(c) for c in (*range(0x0, 0x250), *range(0x2000, 0x2070), 0x3000, 0xFEFF)]


class _Unsure(Exception):
    pass


def runs_on_re(source: str, flags: int) -> bool:
    """True when *source* compiles with ``re`` and cannot backtrack catastrophically."""
    import re
    from re import _constants as c
    from re import _parser

    try:
        re.compile(source, flags)
        tree = _parser.parse(source, flags)
    except (re.error, ValueError, OverflowError, RecursionError):
        return False
    ignorecase = bool(flags & re.IGNORECASE)
    seen: dict[str, frozenset[str]] = {}

    def chars(op, av) -> frozenset[str]:
        """The characters one character element can match."""
        if op is c.ANY:
            return frozenset(ch for ch in _ALPHABET if ch != "\n")
        if op in (c.LITERAL, c.NOT_LITERAL):
            own = {chr(av), chr(av).lower(), chr(av).upper()} if ignorecase else {chr(av)}
            return frozenset(own) if op is c.LITERAL else frozenset(_ALPHABET) - own
        if op is not c.IN:
            raise _Unsure
        key = repr(av)
        if key not in seen:
            test = _class(av)
            seen[key] = frozenset(ch for ch in _ALPHABET if test.fullmatch(ch))
        return seen[key]

    def _class(items):
        parts, negate = [], False
        for op, av in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                parts.append(re.escape(chr(av)))
            elif op is c.RANGE:
                parts.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
            elif op is c.CATEGORY:
                parts.append({c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D",
                              c.CATEGORY_SPACE: r"\s", c.CATEGORY_NOT_SPACE: r"\S",
                              c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}[av])
            else:
                raise _Unsure
        return re.compile("[" + ("^" if negate else "") + "".join(parts) + "]",
                          re.IGNORECASE if ignorecase else 0)

    zero_width = {c.AT, c.ASSERT, c.ASSERT_NOT}
    single = {c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN}
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT}

    def first(items, i=0) -> tuple[frozenset[str], bool]:
        """Characters the sequence items[i:] can start with, and whether it can be empty."""
        out: set[str] = set()
        for op, av in items[i:]:
            if op in zero_width:
                continue
            if op in single:
                return frozenset(out | chars(op, av)), False
            if op in repeats:
                body, empty = first(av[2])
                out |= body
                if av[0] > 0 and not empty:
                    return frozenset(out), False
                continue
            if op in (c.SUBPATTERN, c.ATOMIC_GROUP):
                body, empty = first(av[-1] if op is c.SUBPATTERN else av)
                out |= body
                if not empty:
                    return frozenset(out), False
                continue
            if op is c.BRANCH:
                empty_any = False
                for alternative in av[1]:
                    body, empty = first(alternative)
                    out |= body
                    empty_any = empty_any or empty
                if not empty_any:
                    return frozenset(out), False
                continue
            raise _Unsure
        return frozenset(out), True

    def check(items, follow: frozenset[str], inside: bool) -> None:
        """Check each element of a sequence; *follow* is what may come after the sequence
        and *inside* whether it lies within a repeat of more than one iteration."""
        for i, (op, av) in enumerate(items):
            after, rest_empty = first(items, i + 1)
            if rest_empty:
                after = after | follow
            if op in zero_width:
                if op is not c.AT:
                    check(av[1], frozenset(), False)  # its own pattern, run atomically
                continue
            if op in single:
                continue
            if op in repeats:
                low, high, body = av
                if op is c.POSSESSIVE_REPEAT:
                    check(body, frozenset(), False)
                    continue
                start, empty = first(body)
                if high > 1 and empty:
                    raise _Unsure  # (a*)* : an iteration can match nothing
                variable = low != high
                if variable and inside and start & after:
                    raise _Unsure  # where it stops is not decided by the next character
                if high > 1:
                    # the next iteration may follow, or what comes after the repeat
                    check(body, start | after if variable else after, inside=True)
                else:
                    check(body, after, inside)
                continue
            if op is c.SUBPATTERN:
                check(av[-1], after, inside)
                continue
            if op is c.ATOMIC_GROUP:
                check(av, frozenset(), False)
                continue
            if op is c.BRANCH:
                starts = []
                for alternative in av[1]:
                    start, empty = first(alternative)
                    if inside and (empty or any(start & other for other in starts)):
                        raise _Unsure  # two alternatives can match the same text
                    starts.append(start)
                    check(alternative, after, inside)
                continue
            raise _Unsure  # back-references, conditionals

    try:
        check(list(tree), frozenset(), False)
    except (_Unsure, KeyError, RecursionError):
        return False
    return True
