"""Limits on the work a template may make the computer do.

Writers, not programmers, edit templates, and the preview app renders them on a server that
everyone shares. Jinja's sandbox stops a template from reaching Python internals but not from
asking for ``9**(9**9)`` or ``'a' * 10**9``; these limits refuse such requests at once, and a
wall-clock budget stops any render that runs too long (loops count against it at each step).
"""

from __future__ import annotations

import math
import operator
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

RENDER_SECONDS = 5.0  # far above the longest real letter (a few milliseconds)
MAX_INT_BITS = 4096  # a number of about 1200 digits: more than any letter needs
MAX_SEQUENCE = 100_000  # characters or items made by `*`
MAX_RANGE = 10_000


class TemplateLimit(Exception):
    """A template asked for more work than a letter can need."""


_state = threading.local()


@contextmanager
def render_budget(seconds: float = RENDER_SECONDS):
    """Give the renders in this block (on this thread) *seconds* of wall-clock time."""
    previous = getattr(_state, "deadline", None)
    _state.deadline = time.monotonic() + seconds
    _state.seconds = seconds
    try:
        yield
    finally:
        _state.deadline = previous


def check_budget() -> None:
    deadline = getattr(_state, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise TemplateLimit(
            f"rendering took longer than {_state.seconds:g} s and was stopped; look for a loop "
            "or a macro that repeats far more often than intended")


def budgeted(iterable: Iterable) -> Iterator:
    """Iterate *iterable*, checking the render budget at each step of a template loop."""
    for item in iterable:
        check_budget()
        yield item


_FOR_LINE = re.compile(r"^(\s*for .+? in )(.+):$", re.MULTILINE)


def budget_loops(python_source: str) -> str:
    """Route every ``for`` loop of Jinja's generated code through :func:`budgeted`.

    The change stays on the loop's own line, so Jinja's map from Python lines back to
    template lines (used for error locations) still holds.
    """
    return _FOR_LINE.sub(r"\1environment.budgeted(\2):", python_source)


def _int_bits(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int):
        return 0.0
    return float(abs(value).bit_length())


def safe_power(left: object, right: object) -> object:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        if right * math.log2(abs(left)) > MAX_INT_BITS:
            raise TemplateLimit(f"refused: {left} ** {right} is a number far too large for a "
                                "letter; templates may only use small powers")
    return operator.pow(left, right)


def safe_multiply(left: object, right: object) -> object:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            if len(sequence) * count > MAX_SEQUENCE:
                raise TemplateLimit(
                    f"refused: repeating a text or list {count} times makes more than "
                    f"{MAX_SEQUENCE} characters or items")
    if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
        raise TemplateLimit("refused: the product is a number far too large for a letter")
    return operator.mul(left, right)


def safe_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"refused: range() of {len(numbers)} numbers; at most {MAX_RANGE}")
    return numbers


BINOPS = {"**": safe_power, "*": safe_multiply}
