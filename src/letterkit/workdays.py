"""Working days in Finland, for deadlines a letter states.

Act on the calculation of time limits (laki säädettyjen määräaikain laskemisesta 150/1930,
section 5): when the last day of a time limit is a public holiday, Independence Day, May Day,
Christmas Eve, Midsummer Eve, or a Saturday (Sundays are public holidays), the time limit
ends on the next working day. The holidays come from the ``holidays`` package (Finland),
which lists all of these, Christmas Eve and Midsummer Eve among them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

# The names in the letter's language, for messages ("24.12.2026 is Christmas Eve").
WEEKEND = {"fi": ("lauantai", "sunnuntai"), "sv": ("lördag", "söndag"),
           "en": ("Saturday", "Sunday")}
HOLIDAY_LANGUAGE = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


@lru_cache(maxsize=64)
def _holidays(year: int, lang: str):  # noqa: ANN202 - holidays.HolidayBase
    import holidays

    return holidays.Finland(years=year, language=HOLIDAY_LANGUAGE.get(lang, "en_US"))


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def not_working_because(value: date | datetime, lang: str = "en") -> str | None:
    """Why *value* is not a working day (the holiday's name or the weekday), or None."""
    day = _day(value)
    name = _holidays(day.year, lang).get(day)
    if name:
        return str(name).split(";")[0].strip()
    if day.weekday() >= 5:
        return WEEKEND.get(lang, WEEKEND["en"])[day.weekday() - 5]
    return None


def is_working_day(value: date | datetime) -> bool:
    return not_working_because(value) is None


def next_working_day(value: date | datetime) -> date:
    """*value* itself when it is a working day, else the first working day after it."""
    day = _day(value)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def deadline_problem(name: str, value: object) -> str | None:
    """What is wrong with the deadline *name* = *value*, or None when it is a working day (or
    not a date): the wording ``letterkit check`` (samples) and ``letterkit batch`` (records)
    share."""
    if value is None or not hasattr(value, "year"):
        return None
    why = not_working_because(value)  # type: ignore[arg-type]
    if why is None:
        return None
    better = next_working_day(value)  # type: ignore[arg-type]
    return (f"deadline {name} is {value:%d.%m.%Y}, {why}, not a working day: a time limit "
            f"ending then moves to {better:%d.%m.%Y} (Act 150/1930, s. 5); use "
            f"{better.isoformat()}, or in the template "
            f"{{{{ {name} | next_working_day | date }}}}")


def add_working_days(value: date | datetime, days: int) -> date:
    """The working day *days* working days after *value* (before it for a negative number)."""
    if not isinstance(days, int) or isinstance(days, bool):
        raise TypeError(f"add_working_days needs a whole number of days, got {days!r}")
    day, step, left = _day(value), (1 if days >= 0 else -1), abs(days)
    while left:
        day += timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day
