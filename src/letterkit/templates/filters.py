"""Locale-aware filters backed by Babel, one set per letter language.

Authority letters in Finland use Finnish conventions in every language: Swedish in the
Finland-Swedish locale (sv_FI) and English in British style (en_GB), so "7 December 2026",
never "December 7, 2026".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import dates, lists, numbers
from jinja2 import Undefined

from letterkit.values import ValueProblem, parse_date, parse_datetime

LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

# Babel's short Finland-Swedish date is ISO (2026-12-07); letters use d.M.yyyy there too.
SHORT_DATE = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d/M/yyyy"}
TIME_FORMAT = {"fi": "H.mm", "sv": "H.mm", "en": "H:mm"}
# "maanantaina" (format context) reads right in a Finnish sentence: "maanantaina 7. joulukuuta".
WEEKDAY_FORMAT = {"fi": "EEEE", "sv": "EEEE", "en": "EEEE"}


class MarkdownText(str):
    """Text a filter has already made safe Markdown; it is not escaped again."""


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")


class FilterError(ValueError):
    """A filter got a value it cannot format; the message names the filter and the value."""


def _passthrough_undefined(func: Callable[..., str]) -> Callable[..., Any]:
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, Undefined):
            return value  # preview mode: keep showing ((name))
        return func(value, *args, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _as_date(value: Any, filter_name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return parse_date(value)
    except ValueProblem as exc:
        raise FilterError(f"filter {filter_name!r}: {exc}") from None


def _as_datetime(value: Any, filter_name: str) -> dt.datetime:
    try:
        return parse_datetime(value)
    except ValueProblem as exc:
        raise FilterError(f"filter {filter_name!r}: {exc}") from None


def _shift(value: Any, minutes: Any, sign: int, filter_name: str) -> dt.datetime:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise FilterError(f"filter {filter_name!r}: minutes must be a whole number of 0 or "
                          f"more, got {minutes!r}")
    return _as_datetime(value, filter_name) + sign * dt.timedelta(minutes=minutes)


def _format_date(day: dt.date, format: str, lang: str) -> str:
    """Babel's date formatting, remembered: a batch prints the same few dates thousands of
    times, and babel parses the pattern on every call. (Equal datetimes in two time zones
    are equal keys, so the zone is part of the key.)"""
    return _format_date_cached(day, getattr(day, "tzinfo", None), format, lang)


def _format_time(moment: dt.datetime, format: str, lang: str) -> str:
    return _format_time_cached(moment, moment.tzinfo, format, lang)


@lru_cache(maxsize=4096)
def _format_date_cached(day: dt.date, _zone: Any, format: str, lang: str) -> str:
    return dates.format_date(day, format, locale=LOCALES[lang])


@lru_cache(maxsize=4096)
def _format_time_cached(moment: dt.datetime, _zone: Any, format: str, lang: str) -> str:
    return dates.format_time(moment, format, locale=LOCALES[lang])


def make_filters(lang: str) -> dict[str, Callable[..., Any]]:
    """Return the filters for *lang* (fi, sv or en)."""
    locale = LOCALES[lang]

    def date(value: Any, format: str = "long") -> str:
        """7. joulukuuta 2026 / 7 december 2026 / 7 December 2026 (format: long, short, full)."""
        day = _as_date(value, "date")
        if format == "short":
            return _format_date(day, SHORT_DATE[lang], lang)
        if format not in ("long", "full", "medium"):
            raise FilterError(f"filter 'date': unknown format {format!r}; use long, short or full")
        return _format_date(day, format, lang)

    def time(value: Any) -> str:
        """9.00 in fi and sv, 9:00 in en."""
        return _format_time(_as_datetime(value, "time"), TIME_FORMAT[lang], lang)

    def datetime(value: Any) -> str:
        """7. joulukuuta 2026 klo 9.00 / 7 december 2026 kl. 9.00 / 7 December 2026 at 9:00."""
        moment = _as_datetime(value, "datetime")
        day = _format_date(moment, "long", lang)
        clock = _format_time(moment, TIME_FORMAT[lang], lang)
        joiner = {"fi": "klo", "sv": "kl.", "en": "at"}[lang]
        return f"{day} {joiner} {clock}"

    def weekday(value: Any, form: str = "plain") -> str:
        """maanantaina / måndag / Monday; form "definite": sv måndagen ("måndagen den 7
        december"), the same as plain in fi and en."""
        if form not in ("plain", "definite"):
            raise FilterError(f"filter 'weekday': unknown form {form!r}; use plain or definite")
        day = _as_date(value, "weekday")
        name = _format_date(day, WEEKDAY_FORMAT[lang], lang)
        return name + "en" if form == "definite" and lang == "sv" else name

    def minus_minutes(value: Any, minutes: Any) -> dt.datetime:
        """The date and time *minutes* earlier: ``interview_at | minus_minutes(15) | time``
        prints the time to arrive, so nobody has to work it out."""
        return _shift(value, minutes, -1, "minus_minutes")

    def plus_minutes(value: Any, minutes: Any) -> dt.datetime:
        """The date and time *minutes* later (the expected end of an appointment)."""
        return _shift(value, minutes, 1, "plus_minutes")

    def add_working_days(value: Any, days: Any) -> dt.date:
        """The working day *days* Finnish working days after a date (weekends, public
        holidays, Christmas Eve and Midsummer Eve skipped): ``letter_date |
        add_working_days(14) | date`` never states a Saturday."""
        from letterkit import workdays

        if isinstance(days, bool) or not isinstance(days, int):
            raise FilterError(f"filter 'add_working_days': days must be a whole number, got "
                              f"{days!r}")
        return workdays.add_working_days(_as_date(value, "add_working_days"), days)

    def next_working_day(value: Any) -> dt.date:
        """The date itself on a working day, else the next working day (Act 150/1930, s. 5)."""
        from letterkit import workdays

        return workdays.next_working_day(_as_date(value, "next_working_day"))

    formatted: dict[tuple, str] = {}

    def number(value: Any, decimals: int | None = None) -> str:
        """1 234,5 in fi and sv (a no-break space groups thousands), 1,234.5 in en."""
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            raise FilterError(f"filter 'number': expected a number, got {value!r}")
        # Remembered by type and exact text: a batch prints the same few numbers thousands
        # of times and Babel parses its pattern on every call. (Not by value: 1, 1.0 and
        # Decimal("1.0") are equal keys but print differently.)
        key = (type(value), str(value), decimals)
        found = formatted.get(key)
        if found is None:
            if decimals is not None:
                pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
                found = numbers.format_decimal(value, pattern, locale=locale)
            else:
                found = numbers.format_decimal(value, locale=locale)
            if len(formatted) >= 4096:
                formatted.clear()
            formatted[key] = found
        return found

    def money(value: Any) -> str:
        """1 234,50 € in fi and sv, €1,234.50 in en."""
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            raise FilterError(f"filter 'money': expected an amount, got {value!r}")
        return numbers.format_currency(value, "EUR", locale=locale)

    def join_list(value: Any, style: str = "standard") -> str:
        """A, B ja C / A, B och C / A, B and C (style "or": A, B tai C)."""
        if isinstance(value, str) or not hasattr(value, "__iter__"):
            raise FilterError(f"filter 'join_list': expected a list, got {value!r}")
        items = [str(item) for item in value]
        if not items:
            return ""
        if style not in ("standard", "or"):
            raise FilterError(f"filter 'join_list': unknown style {style!r}; use standard or or")
        return lists.format_list(items, style=style, locale=locale)

    def lines(value: Any) -> MarkdownText:
        """One item per line (an address): the items with Markdown line breaks between them."""
        if isinstance(value, str) or not hasattr(value, "__iter__"):
            raise FilterError(f"filter 'lines': expected a list, got {value!r}")
        return MarkdownText("\\\n".join(escape_markdown(str(item)) for item in value))

    filters = {
        "lines": lines,
        "date": date, "time": time, "datetime": datetime, "weekday": weekday,
        "minus_minutes": minus_minutes, "plus_minutes": plus_minutes,
        "add_working_days": add_working_days, "next_working_day": next_working_day,
        "number": number, "money": money, "join_list": join_list,
    }
    return {name: _passthrough_undefined(func) for name, func in filters.items()}
