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


@pytest.mark.parametrize("lang, arrive", [("fi", "8.50"), ("sv", "8.50"), ("en", "8:50")])
def test_minus_minutes_gives_the_time_to_arrive(lang, arrive):
    filters = make_filters(lang)
    assert filters["time"](filters["minus_minutes"](MOMENT, 15)) == arrive
    assert filters["minus_minutes"]("2026-12-09 09:00", 15) == dt.datetime(2026, 12, 9, 8, 45)
    # Across midnight the date moves too.
    assert filters["minus_minutes"]("2026-12-09 00:10", 15) == dt.datetime(2026, 12, 8, 23, 55)
    assert filters["plus_minutes"](MOMENT, 240) == dt.datetime(2026, 12, 7, 13, 5)


def test_minus_minutes_rejects_what_is_not_a_number_of_minutes():
    filters = make_filters("en")
    for wrong in ("15", 1.5, -5, True):
        with pytest.raises(FilterError, match="filter 'minus_minutes': minutes must be"):
            filters["minus_minutes"](MOMENT, wrong)
    with pytest.raises(FilterError, match="filter 'minus_minutes'"):
        filters["minus_minutes"]("tomorrow", 15)


@pytest.mark.parametrize("lang, definite", [
    ("fi", "maanantaina"), ("sv", "måndagen"), ("en", "Monday")])
def test_weekday_definite_form(lang, definite):
    filters = make_filters(lang)
    assert filters["weekday"](DAY, "definite") == definite
    with pytest.raises(FilterError, match="unknown form"):
        filters["weekday"](DAY, "long")
