"""Deadlines on Finnish working days (Act 150/1930 s. 5): helpers, filters and `check`."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from letterkit import workdays
from letterkit.templates.filters import make_filters

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("day", "why", "next_day"), [
    (date(2026, 12, 24), "Christmas Eve", date(2026, 12, 28)),  # then 25, 26 (Sat), 27 (Sun)
    (date(2026, 12, 6), "Independence Day", date(2026, 12, 7)),
    (date(2026, 6, 19), "Midsummer Eve", date(2026, 6, 22)),
    (date(2026, 5, 1), "May Day", date(2026, 5, 4)),
    (date(2026, 12, 19), "Saturday", date(2026, 12, 21)),
    (date(2026, 4, 3), "Good Friday", date(2026, 4, 7)),  # Easter Monday 6.4. too
])
def test_days_that_are_not_working_days(day, why, next_day):
    assert workdays.not_working_because(day) == why
    assert workdays.next_working_day(day) == next_day
    assert workdays.is_working_day(next_day)


def test_names_in_the_letter_language_and_counting_working_days():
    assert workdays.not_working_because(date(2026, 12, 24), "fi") == "Jouluaatto"
    assert workdays.not_working_because(date(2026, 12, 19), "sv") == "lördag"
    assert workdays.next_working_day(date(2026, 12, 21)) == date(2026, 12, 21)
    # 14 working days from Monday 14.12.2026: Christmas Eve to Sunday 27.12., New Year and
    # Epiphany do not count
    assert workdays.add_working_days(date(2026, 12, 14), 14) == date(2027, 1, 7)
    assert workdays.add_working_days(date(2026, 12, 28), -1) == date(2026, 12, 23)


def test_template_filters_never_state_a_saturday():
    for lang in ("fi", "sv", "en"):
        filters = make_filters(lang)
        later = filters["add_working_days"](date(2026, 12, 14), 14)
        assert later == date(2027, 1, 7) and workdays.is_working_day(later)
        assert filters["next_working_day"]("2026-12-24") == date(2026, 12, 28)
    assert make_filters("fi")["date"](make_filters("fi")["next_working_day"](
        date(2026, 12, 6))) == "7. joulukuuta 2026"


@pytest.mark.parametrize(("bad", "why", "moved"), [
    ("2026-12-24", "Christmas Eve", "28.12.2026"),
    ("2026-12-06", "Independence Day", "07.12.2026"),
])
def test_check_flags_a_deadline_sample_on_a_holiday_with_the_next_working_day(
        tmp_path, run_cli, bad, why, moved):
    root = tmp_path / "project"
    for name in ("letters", "linting", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    sample = root / "letters" / "supplement-request-family-ties" / "samples" / "default.yaml"
    text = sample.read_text(encoding="utf-8")
    assert "deadline: 2026-12-21" in text
    sample.write_text(text.replace("deadline: 2026-12-21", f"deadline: {bad}"),
                      encoding="utf-8")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result
    line = next(x for x in result.out.splitlines() + result.err.splitlines()
                if "not a working day" in x)
    number = text.splitlines().index(next(x for x in text.splitlines()
                                          if x.strip().startswith("deadline:"))) + 1
    assert line.startswith(f"letters/supplement-request-family-ties/samples/default.yaml:{number}")
    assert f", {why}, not a working day" in line and f"moves to {moved}" in line


def test_deadline_must_be_a_date_and_a_boolean(tmp_path, run_cli):
    root = tmp_path / "project"
    for name in ("letters", "linting", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    meta = root / "letters" / "supplement-request-family-ties" / "letter.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "    deadline: true\n", "    deadline: yes please\n"), encoding="utf-8")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 2 or "deadline must be true or false" in result.out + result.err
    assert "deadline must be true or false, got 'yes please'" in result.out + result.err
