"""Study files: the example study loads; mistakes are one line with path:line."""

from __future__ import annotations

import pytest

from letterkit.panel import StudyError, parse_study
from letterkit.panel.study import BACKGROUND

GOOD = """\
id: tiny
title: {fi: Pieni, sv: Liten, en: Tiny}
languages: [fi, en]
letters:
  - letter: supplement-request-family-ties
    tasks:
      - {id: read, type: read}
      - id: q
        type: choice
        question: {fi: Milloin?, en: When?}
        options: {fi: [a, b], en: [a, b]}
        answer: 1
"""


def test_example_study_has_every_task_kind_in_three_languages(study):
    assert study.languages == ("fi", "sv", "en")
    assert {e.letter for e in study.letters} == {"supplement-request-family-ties",
                                                  "asylum-interview-invitation"}
    kinds = {t.type for e in study.letters for t in e.tasks}
    assert kinds == {"read", "highlighter", "choice", "free_text", "cloze", "confidence"}
    for entry in study.letters:
        for task in entry.tasks:
            if task.type in ("choice", "free_text"):
                assert set(task.question) == {"fi", "sv", "en"}, task.id
            if task.type == "choice":
                assert set(task.options) == {"fi", "sv", "en"}
                assert 0 <= task.answer < len(task.options["fi"])
    assert BACKGROUND == ("first_language", "reading_level", "interpreter")


def test_a_small_study_parses_with_default_version():
    study = parse_study(GOOD)
    assert study.letters[0].labels == ("A",)
    assert study.letters[0].sample == "default"
    assert study.letters[0].task("q").text("sv", "fi") == "Milloin?"


@pytest.mark.parametrize(("change", "expected"), [
    (("answer: 1", "answer: 5"), "<study>:12:9: 'answer' is the index (0-1)"),
    (("type: choice", "type: quiz"), "<study>:9:9: task type must be one of"),
    (("id: tiny", "id: Tiny Study"), "<study>:1:1: 'id' must be lower-case"),
    (("    tasks:", "    tusks:"), "<study>:6:5: unknown key 'tusks'"),
    (("en: [a, b]}", "en: [a, b, c]}"), "every language must have the same number of options"),
])
def test_mistakes_name_the_line(change, expected):
    with pytest.raises(StudyError) as info:
        parse_study(GOOD.replace(*change))
    assert str(info.value).startswith(expected) or expected in str(info.value)
