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
    if (isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1
            and right * math.log2(abs(left)) > MAX_INT_BITS):
        raise TemplateLimit(f"refused: {left} ** {right} is a number far too large for a "
                                "letter; templates may only use small powers")
    return operator.pow(left, right)


def safe_multiply(left: object, right: object) -> object:
    for sequence, count in ((left, right), (right, left)):
        if (isinstance(sequence, str | list | tuple) and isinstance(count, int)
                and len(sequence) * count > MAX_SEQUENCE):
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


def safe_modulo(left: object, right: object) -> object:
    if isinstance(left, str):  # '%999999999d' % 5
        _check_percent(left, right if isinstance(right, tuple) else (right,), "%")
    return operator.mod(left, right)


BINOPS = {"**": safe_power, "*": safe_multiply, "%": safe_modulo}


# -- filters and string methods that take a size ------------------------------------------------
# ``'x' | center(10**9)``, ``indent(10**9)``, ``'%999999999s' | format(1)``, a huge separator in
# ``join``, ``replace`` that multiplies a text, ``slice(10**9)``, ``tojson(indent=10**9)``,
# ``lipsum(10**9)`` and the same through str methods (``'x'.ljust(10**9)``) would each build
# gigabytes or loop for minutes before the render budget is next checked. Each is refused at
# once when what it would make is larger than MAX_SEQUENCE.

_PERCENT_SIZES = re.compile(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_BRACE_SIZES = re.compile(r"\{[^{}]*:[^{}]*?(\d+)")
_NESTED_SPEC = re.compile(r":[^{}]*\{")


def _too_big(what: str, size: float) -> None:
    if size > MAX_SEQUENCE:
        raise TemplateLimit(f"refused: {what} would make more than {MAX_SEQUENCE} characters "
                            "or items; a letter needs far less")


def _as_size(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text_len(value: object) -> int:
    return len(value) if isinstance(value, str) else len(str(value)) if value is not None else 0


def _check_percent(text: object, args: tuple, what: str) -> None:
    if not isinstance(text, str):
        return
    stars = [a for a in args if isinstance(a, int)]
    for width, precision in _PERCENT_SIZES.findall(text):
        for size in (width, precision):
            if size == "*":
                _too_big(what, max((abs(a) for a in stars), default=0))
            elif size:
                _too_big(what, int(size))


def _check_braces(text: object, args: tuple, kwargs: dict, what: str) -> None:
    if not isinstance(text, str):
        return
    for size in _BRACE_SIZES.findall(text):
        _too_big(what, int(size))
    if _NESTED_SPEC.search(text):  # a width from an argument: '{0:>{1}}'.format('x', 10**9)
        for value in (*args, *kwargs.values()):
            _too_big(what, abs(_as_size(value)))


def _sized(value: object) -> object:
    """*value* itself when it has a length, else its items as a list (within the budget)."""
    if isinstance(value, list | tuple | str | dict | range):
        return value
    try:
        return list(budgeted(value))
    except TypeError:
        return value


def _check_center(value, width=80, *args, **kwargs):  # noqa: ANN001, ANN202
    _too_big("center()", abs(_as_size(width)))
    return value


def _check_indent(value, width=4, *args, **kwargs):  # noqa: ANN001, ANN202
    lines = str(value).count("\n") + 1
    size = len(width) if isinstance(width, str) else abs(_as_size(width))
    _too_big("indent()", size * lines)
    return value


def _check_format(value, *args, **kwargs):  # noqa: ANN001, ANN202
    _check_percent(value, args, "format()")
    return value


def _check_join(value, d="", *args, **kwargs):  # noqa: ANN001, ANN202
    items = _sized(value)
    if hasattr(items, "__len__"):
        _too_big("join()", _text_len(d) * max(len(items) - 1, 0))
    return items


def _check_replace(value, old="", new="", count=None, *args, **kwargs):  # noqa: ANN001, ANN202
    text = str(value)
    hits = (len(text) + 1) if not _text_len(old) else text.count(str(old))
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        hits = min(hits, count)
    _too_big("replace()", len(text) + hits * max(_text_len(new) - _text_len(old), 0))
    return value


def _check_slice(value, slices=1, *args, **kwargs):  # noqa: ANN001, ANN202
    _too_big("slice()", abs(_as_size(slices)))
    return value


def _check_tojson(value, indent=None, *args, **kwargs):  # noqa: ANN001, ANN202
    _too_big("tojson()", abs(_as_size(indent)))
    return value


def _check_wordwrap(value, width=79, *args, **kwargs):  # noqa: ANN001, ANN202
    if isinstance(width, int) and width < 1:
        raise TemplateLimit(f"refused: wordwrap() needs a width of 1 or more, not {width}")
    return value


FILTER_CHECKS = {"center": _check_center, "indent": _check_indent, "format": _check_format,
                 "join": _check_join, "replace": _check_replace, "slice": _check_slice,
                 "tojson": _check_tojson, "wordwrap": _check_wordwrap}


def _guard(func, check):  # noqa: ANN001, ANN202
    passes = hasattr(func, "jinja_pass_arg")  # pass_context / pass_eval_context: arg 0

    def guarded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        head, rest = (args[:1], args[1:]) if passes else ((), args)
        if rest:
            rest = (check(*rest, **kwargs), *rest[1:])
        return func(*head, *rest, **kwargs)

    guarded.__name__ = getattr(func, "__name__", "filter")
    guarded.letterkit_guarded = True  # type: ignore[attr-defined]
    if passes:
        guarded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    return guarded


def guard_filters(filters: dict) -> None:
    """Put the size checks in front of the filters that take a size (in place)."""
    for name, check in FILTER_CHECKS.items():
        if name in filters and not getattr(filters[name], "letterkit_guarded", False):
            filters[name] = _guard(filters[name], check)


def safe_lipsum(n: int = 5, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    from jinja2.utils import generate_lorem_ipsum

    _too_big("lipsum()", abs(_as_size(n)) * 100)
    return generate_lorem_ipsum(n, *args, **kwargs)


def check_call(obj: object, args: tuple, kwargs: dict) -> None:
    """Refuse a str method call that would make a huge text (``'x'.ljust(10**9)``)."""
    owner = getattr(obj, "__self__", None)
    if owner is None:  # the sandbox wraps str.format (functools.update_wrapper)
        owner = getattr(getattr(obj, "__wrapped__", None), "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    what = f"str.{name}()"
    first = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill"):
        _too_big(what, abs(_as_size(first)))
    elif name == "expandtabs":
        _too_big(what, abs(_as_size(first if args else kwargs.get("tabsize", 8)))
                 * owner.count("\t"))
    elif name == "format":
        _check_braces(owner, args, kwargs, what)
    elif name == "format_map":
        mapping = first if isinstance(first, dict) else {}
        _check_braces(owner, tuple(mapping.values()), kwargs, what)
    elif name == "join":
        items = first if isinstance(first, list | tuple | str | dict) else ()
        _too_big(what, len(owner) * max(len(items) - 1, 0))
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        hits = (len(owner) + 1) if not old else owner.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            hits = min(hits, args[2])
        _too_big(what, len(owner) + hits * max(len(new) - len(old), 0))
    elif name == "__mod__":
        _check_percent(owner, tuple(args[0]) if args and isinstance(args[0], tuple) else args,
                       what)
