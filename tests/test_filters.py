import datetime as dt
from decimal import Decimal

import pytest

from letterkit.templates.filters import FilterError, make_filters

NBSP = "\u00a0"
DAY = dt.date(2026, 12, 7)
MOMENT = dt.datetime(2026, 12, 7, 9, 5)


@pytest.mark.parametrize("lang, long, short, full", [
    ("fi", "7. joulukuuta 2026", "7.12.2026", "maanantai 7. joulukuuta 2026"),
    ("sv", "7 december 2026", "7.12.2026", "måndag 7 december 2026"),
    ("en", "7 December 2026", "7/12/2026", "Monday, 7 December 2026"),
])
def test_dates(lang, long, short, full):
    filters = make_filters(lang)
    assert filters["date"](DAY) == long
    assert filters["date"](DAY, "short") == short
    assert filters["date"](DAY, "full") == full
    assert filters["date"](MOMENT) == long


@pytest.mark.parametrize("lang, time, datetime, weekday", [
    ("fi", "9.05", "7. joulukuuta 2026 klo 9.05", "maanantaina"),
    ("sv", "9.05", "7 december 2026 kl. 9.05", "måndag"),
    ("en", "9:05", "7 December 2026 at 9:05", "Monday"),
])
def test_time_datetime_weekday(lang, time, datetime, weekday):
    filters = make_filters(lang)
    assert filters["time"](MOMENT) == time
    assert filters["datetime"](MOMENT) == datetime
    assert filters["weekday"](DAY) == weekday


@pytest.mark.parametrize("lang, number, money, joined, either", [
    ("fi", f"1{NBSP}234{NBSP}567,5", f"1{NBSP}234,50{NBSP}€", "A, B ja C", "A, B tai C"),
    ("sv", f"1{NBSP}234{NBSP}567,5", f"1{NBSP}234,50{NBSP}€", "A, B och C", "A, B eller C"),
    ("en", "1,234,567.5", "€1,234.50", "A, B and C", "A, B or C"),
])
def test_numbers_money_lists(lang, number, money, joined, either):
    filters = make_filters(lang)
    assert filters["number"](1234567.5) == number
    assert filters["money"](Decimal("1234.5")) == money
    assert filters["join_list"](["A", "B", "C"]) == joined
    assert filters["join_list"](["A", "B", "C"], "or") == either
    assert filters["join_list"](["A"]) == "A"
    assert filters["join_list"]([]) == ""


def test_number_with_fixed_decimals():
    assert make_filters("fi")["number"](2, 2) == "2,00"


def test_wrong_values_name_the_filter():
    filters = make_filters("fi")
    with pytest.raises(FilterError, match="filter 'date'"):
        filters["date"]("soon")
    with pytest.raises(FilterError, match="filter 'join_list': expected a list"):
        filters["join_list"]("abc")
    with pytest.raises(FilterError, match="unknown format"):
        filters["date"](DAY, "weird")
    with pytest.raises(FilterError, match="filter 'money'"):
        filters["money"]("lots")
