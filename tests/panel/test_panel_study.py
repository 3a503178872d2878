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
    (("answer: 1", "answer: 5"), "<study>:12:9: answer must be the index (0-1) of the right "
                                 "option, 0 for the first; got 5"),
    (("type: choice", "type: quiz"), "<study>:9:9: unknown task type 'quiz'; use one of read,"),
    (("id: tiny", "id: Tiny Study"), "<study>:1:1: id 'Tiny Study' must be lower-case"),
    (("    tasks:", "    tusks:"), "<study>:6:5: unknown field 'tusks' in a study letter; "
                                  "valid fields: letter, sample, versions, tasks"),
    (("en: [a, b]}", "en: [a, b, c]}"), "<study>:11:9: every language must have the same "
                                        "number of options (fi 2, en 3)"),
])
def test_mistakes_name_the_line(change, expected):
    with pytest.raises(StudyError) as info:
        parse_study(GOOD.replace(*change))
    lines = str(info.value).splitlines()
    assert any(line.startswith(expected) for line in lines), lines


BROKEN = """\
id: Tiny Study
title: {fi: Pieni, de: Klein}
languages: [fi, en]
letters:
  - letter: supplement-request-family-ties
    versions: [{label: A}, {label: A}]
    tasks:
      - {id: read, type: read}
      - id: q
        type: choice
        question: {fi: Milloin?, en: When?}
        options: {fi: [a, b], en: [a, b]}
        answer: 2
      - {id: gaps, type: cloze, every: 2}
  - letter: supplement-request-family-ties
    tasks: [{id: marks, type: highlight}]
"""


def test_every_problem_of_a_study_is_reported_each_on_its_line():
    with pytest.raises(StudyError) as info:
        parse_study(BROKEN, "studies/broken.yaml")
    assert str(info.value).splitlines() == [
        "studies/broken.yaml:1:1: id 'Tiny Study' must be lower-case letters, digits, dashes "
        "and _ (up to 64), e.g. panel-2026-12",
        "studies/broken.yaml:2:20: unknown language 'de' in title; use fi, sv or en",
        "studies/broken.yaml:6:29: two versions have the label 'A'; give each version its own",
        "studies/broken.yaml:13:9: answer must be the index (0-1) of the right option, 0 for "
        "the first; got 2",
        "studies/broken.yaml:14:33: every must be a whole number from 3 to 12, got 2",
        "studies/broken.yaml:15:5: letter 'supplement-request-family-ties' is listed twice; "
        "list it once and give it several versions to compare them",
        "studies/broken.yaml:16:25: unknown task type 'highlight'; use one of read, "
        "highlighter, choice, free_text, cloze, confidence",
    ]
    assert len(info.value.problems) == 7


def test_a_study_that_cannot_be_parsed_is_one_located_problem(tmp_path):
    from letterkit.panel import load_study

    path = tmp_path / "study.yaml"
    path.write_text("id: x\ntitle: {fi: a\n", encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load_study(path)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{path}:3:1: invalid YAML"), str(problem)
    path.unlink()
    with pytest.raises(StudyError, match="file not found"):
        load_study(path)


def test_load_studies_gives_the_good_studies_and_every_problem_of_the_others(tmp_path):
    from letterkit.panel import load_studies

    (tmp_path / "a-good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "c-empty.yaml").write_text("", encoding="utf-8")
    studies, problems = load_studies(tmp_path)
    assert [s.id for s in studies] == ["tiny"]
    assert [p.location.path for p in problems] == [str(tmp_path / "b-broken.yaml")] * 7 + [
        str(tmp_path / "c-empty.yaml")]
    assert problems[-1].message.startswith("the file is empty; a study has id, title")
