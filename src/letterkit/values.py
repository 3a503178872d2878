"""Typed values of letter variables: reading sample data and checking it against the type."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from letterkit.model.letter import Variable

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")

DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2026-12-07"
DATETIME_HINT = "write date and time as YYYY-MM-DD HH:MM, e.g. 2026-12-07 09:30"


class ValueProblem(ValueError):
    """A value that does not fit its variable's type; the message says how to fix it."""


def _date_from_parts(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueProblem(f"{text!r} is not a real date ({exc}); {DATE_HINT}") from None


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueProblem(f"{value} has a time; this variable is a date; {DATE_HINT}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if m := _ISO_DATE.match(text):
            return _date_from_parts(text, int(m[1]), int(m[2]), int(m[3]))
        if m := _FI_DATE.match(text):
            return _date_from_parts(text, int(m[3]), int(m[2]), int(m[1]))
    raise ValueProblem(f"{value!r} is not a date; {DATE_HINT}")


def parse_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        text = value.strip()
        parts = re.split(r"\s+|T", text)
        if len(parts) == 2 and (m := _TIME.match(parts[1])):
            try:
                day = parse_date(parts[0])
            except ValueProblem:
                raise ValueProblem(
                    f"{value!r} is not a valid date and time; {DATETIME_HINT}") from None
            hour, minute = int(m[1]), int(m[2])
            if hour > 23 or minute > 59:
                raise ValueProblem(f"{value!r} has an impossible time; {DATETIME_HINT}")
            return dt.datetime(day.year, day.month, day.day, hour, minute)
    raise ValueProblem(f"{value!r} is not a date and time; {DATETIME_HINT}")


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal, float)):
        raise ValueProblem(f"expected text, got {_describe(value)}; put the text in quotes")
    text = str(value)
    if not text.strip():
        raise ValueProblem("the text is empty; give a value or leave the key out")
    return text


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueProblem(f"expected a number, got {value!r}")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            number = float(value.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            pass
        else:
            return int(number) if number.is_integer() else number
    raise ValueProblem(f"expected a number, got {_describe(value)}, e.g. 3 or 2.5")


def _money(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueProblem(f"expected an amount of money, got {value!r}")
    try:
        if isinstance(value, str):
            value = value.replace(",", ".").replace("\u00a0", "").replace(" ", "").rstrip("€")
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValueProblem(
            f"expected an amount in euros, got {_describe(value)}, e.g. 1234.50") from None
    if not amount.is_finite():
        raise ValueProblem(f"expected an amount in euros, got {value!r}")
    return amount


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueProblem(f"expected true or false, got {_describe(value)}")


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    if value is None:
        return "nothing (an empty value)"
    return repr(value)


_SCALAR = {
    "text": _text,
    "date": parse_date,
    "datetime": parse_datetime,
    "number": _number,
    "money": _money,
    "bool": _bool,
}


def coerce(variable: Variable, value: Any) -> Any:
    """Return *value* converted to the Python type of *variable*, or raise ValueProblem."""
    if variable.type not in _SCALAR and variable.type not in ("list", "choice"):
        return value  # an unknown type, reported where the variable is declared
    if variable.type == "list":
        if not isinstance(value, list):
            raise ValueProblem(
                f"expected a list (one '- item' per line), got {_describe(value)}"
            )
        item_type = _SCALAR.get(variable.items, _text)
        items = []
        for index, item in enumerate(value, start=1):
            try:
                items.append(item_type(item))
            except ValueProblem as exc:
                raise ValueProblem(f"item {index}: {exc}") from None
        return items
    if variable.type == "choice":
        text = _text(value)
        if text not in variable.choices:
            raise ValueProblem(
                f"{text!r} is not one of the choices: {', '.join(variable.choices)}"
            )
        return text
    return _SCALAR[variable.type](value)
