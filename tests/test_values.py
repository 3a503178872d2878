import datetime as dt
from decimal import Decimal

import pytest

from letterkit.model.letter import Variable
from letterkit.values import ValueProblem, coerce


def var(type_: str, **kwargs) -> Variable:
    return Variable(name="x", type=type_, **kwargs)


@pytest.mark.parametrize("raw", [dt.date(2026, 12, 7), "2026-12-07", "7.12.2026", "07.12.2026"])
def test_dates_in_iso_and_finnish_form(raw):
    assert coerce(var("date"), raw) == dt.date(2026, 12, 7)


@pytest.mark.parametrize("raw, fragment", [
    ("31.2.2026", "not a real date"),
    ("2026-02-30", "not a real date"),
    ("next week", "not a date"),
    (20261207, "not a date"),
])
def test_impossible_dates_are_refused_with_a_hint(raw, fragment):
    with pytest.raises(ValueProblem) as info:
        coerce(var("date"), raw)
    assert fragment in str(info.value)
    assert "YYYY-MM-DD" in str(info.value)


def test_datetime_accepts_minutes_and_finnish_dates():
    assert coerce(var("datetime"), "2026-12-09 09:00") == dt.datetime(2026, 12, 9, 9, 0)
    assert coerce(var("datetime"), "9.12.2026 13.30") == dt.datetime(2026, 12, 9, 13, 30)
    with pytest.raises(ValueProblem, match="impossible time"):
        coerce(var("datetime"), "2026-12-09 25:00")
    with pytest.raises(ValueProblem, match="not a valid date and time"):
        coerce(var("datetime"), "31.2.2026 10:00")


def test_money_number_bool_choice_list():
    assert coerce(var("money"), "1 234,50") == Decimal("1234.50")
    assert coerce(var("money"), 12) == Decimal("12")
    assert coerce(var("number"), "3") == 3
    assert coerce(var("bool"), True) is True
    with pytest.raises(ValueProblem, match="true or false"):
        coerce(var("bool"), "maybe")
    assert coerce(var("choice", choices=("fi", "sv")), "sv") == "sv"
    with pytest.raises(ValueProblem, match="not one of the choices: fi, sv"):
        coerce(var("choice", choices=("fi", "sv")), "en")
    assert coerce(var("list"), ["a", "b"]) == ["a", "b"]
    with pytest.raises(ValueProblem, match="expected a list"):
        coerce(var("list"), "a")
    with pytest.raises(ValueProblem, match="item 2: .* not a date"):
        coerce(var("list", items="date"), ["2026-01-01", "soon"])


def test_text_must_not_be_empty_or_structured():
    assert coerce(var("text"), "OLE/2026/1") == "OLE/2026/1"
    assert coerce(var("text"), 123) == "123"
    with pytest.raises(ValueProblem, match="empty"):
        coerce(var("text"), "  ")
    with pytest.raises(ValueProblem, match="expected text, got a list"):
        coerce(var("text"), ["a"])
