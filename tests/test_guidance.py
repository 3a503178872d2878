"""Staff guidance: the writing guide, the training page and the customer-service phrases.

The pages exist in every language with titles in that language, the writing guide's
sections are those of linting/config.yaml, the exercises' model answers are clean at warning
level and their before texts' finding counts are on the page, the phrase type of the term
base is validated with located errors (exit 2), and the pages pass axe-core at phone size.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from letterkit.errors import ProblemsError
from letterkit.glossary.phrases import STAGES
from letterkit.project import find_project
from letterkit.site_guidance import LABELS, finding_count, writing_guide_page
from letterkit.training import (
    before_findings,
    lint_exercises,
    load_checklist,
    load_exercises,
    training_dir,
)

REPO = Path(__file__).resolve().parent.parent
PREFIXES = [("", "fi"), ("sv/", "sv"), ("en/", "en")]


@pytest.fixture(scope="module")
def project():
    return find_project(REPO)


def _html(site: Path, prefix: str, page: str) -> str:
    return (site / prefix / "generated" / page / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_guidance_pages_exist_in_every_language_with_titles_in_it(site, prefix, lang):
    for page, key in (("writing-guide", "guide"), ("training", "training")):
        html = _html(site, prefix, page)
        assert f'<html lang="{lang}"' in html
        title = LABELS[lang][key]
        assert "<h1" in html and title in _text(html.split("</h1>")[0])
        # the navigation of every page of that language names the page in the language
        index = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert title in _text(index), (lang, title)
    others = {LABELS[other]["training"] for _p, other in PREFIXES if other != lang}
    assert not any(t in _text(_html(site, prefix, "training").split("</h1>")[0]) for t in others)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_writing_guide_sections_are_those_of_config_yaml_in_order(project, lang):
    page = writing_guide_page(lang, project)
    kinds = project.kinds
    for kind_id in ("supplement-request", "interview-invitation"):
        kind = kinds[kind_id]
        part = page.split(f"{{#{kind_id}}}")[1].split("\n## ")[0]
        assert kind["title"][lang] in page.split(f"{{#{kind_id}}}")[0].splitlines()[-1]
        positions = [part.index(f"**{s['heading'][lang]}** (`{s['id']}`)")
                     for s in kind["sections"]]
        assert positions == sorted(positions) and len(positions) == len(kind["sections"])
        # every section that config.yaml lists is explained, none beyond it
        numbered = re.findall(r"^\d+\. \*\*", part, flags=re.M)
        assert len(numbered) == len(kind["sections"])


def test_a_section_added_to_config_must_be_explained(tmp_path, run_cli):
    work = _copy_project(tmp_path)
    config = work / "linting" / "config.yaml"
    text = config.read_text(encoding="utf-8")
    marker = "      - id: how-to-send\n"
    assert marker in text
    config.write_text(text.replace(marker, "      - id: the-fee\n        heading: {fi: Maksu, "
                                   "sv: Avgiften, en: The fee}\n" + marker, 1), encoding="utf-8")
    result = run_cli("lint", str(work / "training"))
    assert result.exit_code == 2
    assert re.search(r"training/writing-guide\.yaml:\d+(:\d+)?: section 'the-fee' of "
                     r"supplement-request \(linting/config\.yaml\) has no explanation in fi",
                     result.err), result.err
    assert "Traceback" not in result.err


def test_before_after_examples_are_the_rules_own(project):
    page = writing_guide_page("en", project)
    rule = next(r for r in project.rules().for_lang("en") if r.spec.name == "relative-deadline")
    assert rule.spec.examples["fail"][0] in page and rule.spec.examples["pass"][0] in page


def test_every_language_has_at_least_eight_exercises_and_at_most_ten_questions(project):
    exercises = load_exercises(training_dir(project), project.kinds)
    assert len(exercises) >= 8
    for exercise in exercises:
        assert set(exercise.text) == {"fi", "sv", "en"}
        for text in exercise.text.values():
            assert text["before"] != text["model"] and text["reader"] and text["task"]
    checklist = load_checklist(training_dir(project))
    assert all(1 <= len(checklist[lang]) <= 10 for lang in ("fi", "sv", "en"))


def test_model_answers_are_clean_at_warning_level_and_before_texts_are_not(project):
    exercises = load_exercises(training_dir(project), project.kinds)
    ruleset = project.rules()
    serious = [f"{f.path}:{f.line}: {f.code} {f.message}"
               for f in lint_exercises(exercises, ruleset, project)
               if f.severity.value in ("error", "warning")]
    assert serious == []
    with_findings = sum(1 for e in exercises for lang in ("fi", "sv", "en")
                        if before_findings(e, lang, ruleset, project))
    assert with_findings == 3 * len(exercises)


def test_lint_training_points_at_the_yaml_line_of_a_bad_model_answer(tmp_path, run_cli):
    work = _copy_project(tmp_path)
    path = work / "training" / "exercises" / "fee.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    Maksa käsittelymaksu 470 euroa viimeistään 30.11.2026."
    assert marker in text
    path.write_text(text.replace(marker, "    Maksu tulee suorittaa 30.11.2026 mennessä."),
                    encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "Maksu tulee suorittaa" in row)
    result = run_cli("lint", str(work / "training"))
    assert f"fee.yaml:{line}:" in result.out and "WRD005" in result.out
    clean = run_cli("lint", str(REPO / "training"))
    assert clean.exit_code == 0, clean.out


def test_an_exercise_without_a_language_is_bad_input(tmp_path, run_cli):
    work = _copy_project(tmp_path)
    path = work / "training" / "exercises" / "fee.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("\nsv:")] + text[text.index("\nen:"):], encoding="utf-8")
    result = run_cli("lint", str(work / "training"))
    assert result.exit_code == 2
    assert re.search(r"training/exercises/fee\.yaml:1(:1)?: missing language 'sv'", result.err)


BAD_EXERCISE = """\
id: not-fee
kind: no-such-kind
order: soon
colour: red
fi:
  title: ""
  reader: Hakija.
  task: Kirjoita.
  before: Sama teksti.
  model: Sama teksti.
  tone: kind
sv: en text
en:
  title: 5
  reader: An applicant.
  task: Write.
  before: The text.
"""


def test_every_problem_of_every_exercise_file_is_reported_at_its_line(tmp_path, project):
    folder = tmp_path / "training"
    shutil.copytree(REPO / "training", folder)
    (folder / "exercises" / "fee.yaml").write_text(BAD_EXERCISE, encoding="utf-8")
    (folder / "exercises" / "broken.yaml").write_text("id: [broken\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_exercises(folder, project.kinds)
    found = sorted((Path(p.location.path).name, p.location.line, p.location.col,
                    p.message.split(";")[0].split(":")[0]) for p in caught.value.problems)
    assert found == [
        ("broken.yaml", 2, 1, "invalid YAML"),
        ("fee.yaml", 1, 1, "id 'not-fee' must be the file name (fee)"),
        ("fee.yaml", 2, 1, "unknown letter kind 'no-such-kind'"),
        ("fee.yaml", 3, 1, "order must be a whole number, got 'soon'"),
        ("fee.yaml", 4, 1, "unknown field 'colour'"),
        ("fee.yaml", 6, 3, "missing 'title' in fi"),
        ("fee.yaml", 10, 3, "the model answer is the same as the before text"),
        ("fee.yaml", 11, 3, "unknown field 'tone'"),
        ("fee.yaml", 12, 1, "missing language 'sv'"),
        ("fee.yaml", 13, 1, "missing 'model' in en"),
        ("fee.yaml", 14, 3, "title must be text, got 5"),
    ]


BAD_CHECKLIST = """\
fi:
  - question: Kuka lukee?
    why: Siksi.
  - question: ""
    why: Siksi.
    answer: Hakija.
sv:
  - Vem läser?
en: []
"""

BAD_GUIDE = """\
intro: {fi: Johdanto, sv: Inledning}
kinds:
  no-such-kind: {}
examples:
  fi:
    - {rule: no-such-rule, title: Otsikko}
  sv: []
  en:
    - {rule: relative-deadline}
workflow: just text
colour: red
"""


def test_every_problem_of_the_checklist_and_the_guide_is_reported_with_the_exercises(
        tmp_path, run_cli):
    work = _copy_project(tmp_path)
    training = work / "training"
    (training / "checklist.yaml").write_text(BAD_CHECKLIST, encoding="utf-8")
    (training / "writing-guide.yaml").write_text(BAD_GUIDE, encoding="utf-8")
    (training / "exercises" / "fee.yaml").write_text(BAD_EXERCISE, encoding="utf-8")
    result = run_cli("lint", str(training))
    assert result.exit_code == 2 and "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    located = sorted((name, int(line), int(col)) for name, line, col in (
        re.match(r".*?(\w[\w-]*\.yaml):(\d+):(\d+): ", line).groups() for line in lines))
    checklist = [(line, col) for name, line, col in located if name == "checklist.yaml"]
    guide = [(line, col) for name, line, col in located if name == "writing-guide.yaml"]
    # the blank question; its unknown 'answer'; sv's text instead of a question; en empty;
    # fi 2 questions, sv 1: not the same number
    assert checklist == [(1, 1), (4, 5), (6, 5), (8, 5), (9, 1)], result.err
    # intro without en; no panel; the unknown kind; no rule 'no-such-rule'; no sv examples;
    # the en example without a title; workflow not per language; unknown 'colour'
    assert guide == [(1, 1), (1, 1), (3, 3), (6, 8), (7, 3), (9, 7), (10, 1), (11, 1)], \
        result.err
    assert sum(1 for name, _l, _c in located if name == "fee.yaml") == 10, result.err
    assert len(lines) == len(checklist) + len(guide) + 10, result.err


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_each_before_text_shows_its_finding_count(site, project, prefix, lang):
    html = _html(site, prefix, "training")
    ruleset = project.rules()
    for exercise in load_exercises(training_dir(project), project.kinds):
        count = finding_count(before_findings(exercise, lang, ruleset, project), lang)
        section = html.split(f'id="{exercise.id}"')[1].split("</details>")[0]
        assert f'<span class="lk-count">{count}</span>' in section
        assert "<details" in section and "<summary>" in section


# --- Customer-service phrases ----------------------------------------------------------------

PHRASE = """\
type: phrase
id: test-phrase
stage: received
concepts: [application]
fi:
  say: Hakemuksesi on tullut meille.
sv:
  say: Din ansökan har kommit in till oss.
en:
  say: We have your application.
review: nothing to check
"""


@pytest.mark.parametrize("change, message", [
    (lambda t: t[:t.index("sv:")] + t[t.index("en:"):],
     r"phrases/test-phrase\.yaml:1(:1)?: missing language 'sv': every phrase needs fi, sv and en"),
    (lambda t: t.replace("stage: received", "stage: queued"),
     r"phrases/test-phrase\.yaml:3(:\d+)?: unknown stage 'queued'; use one of: received, "),
    (lambda t: t.replace("[application]", "[no-such-concept]"),
     r"phrases/test-phrase\.yaml:4(:\d+)?: unknown concept 'no-such-concept'"),
    (lambda t: t.replace("type: phrase\n", ""),
     r"phrases/test-phrase\.yaml:1(:1)?: a file in glossary/phrases/ starts with 'type: phrase'"),
    (lambda t: t.replace("review: nothing to check\n", ""),
     r"phrases/test-phrase\.yaml:1(:1)?: say where the facts were checked"),
    (lambda t: t.replace("  say: We have your application.", "  says: We have it."),
     r"phrases/test-phrase\.yaml:\d+(:\d+)?: unknown field 'says'"),
])
def test_bad_phrases_are_located_and_exit_2(tmp_path, run_cli, change, message):
    glossary = tmp_path / "glossary"
    shutil.copytree(REPO / "glossary", glossary)
    (glossary / "phrases" / "test-phrase.yaml").write_text(change(PHRASE), encoding="utf-8")
    result = run_cli("glossary", "validate", "--glossary", str(glossary))
    assert result.exit_code == 2
    assert re.search(message, result.err), result.err
    assert "Traceback" not in result.err


def test_phrases_are_clean_at_warning_level(project):
    """What staff say follows the letters' rules: the term base's words, explained."""
    from letterkit.lint import lint_text

    ruleset = project.rules()
    serious = [(phrase.id, lang, f.code) for phrase in project.glossary.phrases.values()
               for lang, text in phrase.languages.items()
               for f in lint_text(text.say + "\n", lang, ruleset, project=project)
               if f.severity.value in ("error", "warning")]
    assert serious == []
    assert {p.stage for p in project.glossary.phrases.values()} == set(STAGES)


def test_phrases_are_validated_with_the_term_base(run_cli):
    result = run_cli("glossary", "validate", "--glossary", str(REPO / "glossary"))
    assert result.exit_code == 0 and "customer-service phrases OK" in result.out


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_phrasebook_shows_the_phrases_of_every_stage_in_order(site, project, prefix, lang):
    html = _html(site, prefix, "phrasebook")
    positions = [html.index(f'id="stage-{stage}"') for stage in STAGES]
    assert positions == sorted(positions)
    for names in STAGES.values():
        assert names[lang] in html
    for phrase in project.glossary.phrases.values():
        assert _text(phrase.languages[lang].say.replace("'", "&#x27;")) in _text(html)


# --- In a browser ------------------------------------------------------------------------------

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_guidance_pages_at_390_px_open_by_keyboard_and_pass_axe(site, prefix, lang):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install at the repository root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    results = {}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            for name in ("training", "writing-guide", "phrasebook"):
                page.goto((site / prefix / "generated" / name / "index.html").as_uri())
                if name == "training":
                    model = page.locator("details.lk-answer .lk-model").first
                    assert not model.is_visible()
                    page.locator("details.lk-answer > summary").first.focus()
                    page.keyboard.press("Enter")
                    assert model.is_visible()
                    page.keyboard.press("Space")
                    assert not model.is_visible()
                assert page.evaluate("document.documentElement.scrollWidth") <= 390
                page.add_script_tag(path=str(AXE))
                results[name] = page.evaluate("tags => axe.run(document, {runOnly: tags})",
                                              WCAG)
        finally:
            browser.close()
    for name, result in results.items():
        violations = [(v["id"], [n["html"][:80] for n in v["nodes"]])
                      for v in result["violations"]]
        assert violations == [], name
        assert len(result["passes"]) > 10, name


def _copy_project(tmp_path: Path) -> Path:
    work = tmp_path / "project"
    for name in ("letters", "linting", "glossary", "training"):
        shutil.copytree(REPO / name, work / name)
    shutil.copy(REPO / "pyproject.toml", work / "pyproject.toml")
    return work


def test_the_guide_names_only_commands_and_app_pages_that_exist(project):
    """What the writing guide tells staff to run or open exists: every `letterkit X` is a
    command, and every page of the preview app it names is a page title of the app."""
    from letterkit.cli import COMMANDS
    from letterkit.training import load_writing_guide

    names = {lang: {r.spec.name for r in project.rules().for_lang(lang, dormant=True)}
             for lang in ("fi", "sv", "en")}
    guide = load_writing_guide(training_dir(project), project.kinds, names)
    commands = set(COMMANDS)
    app = (REPO / "preview_app" / "app.py").read_text(encoding="utf-8")
    titles = set(re.findall(r'_\("([^"]+)"\)', app))
    assert {"Writer preview", "Studies", "Results", "Researcher sign-in"} <= titles
    for lang in ("fi", "sv", "en"):
        text = guide.workflow[lang] + guide.panel[lang]
        used = set(re.findall(r"`letterkit ([a-z-]+)", text))
        assert used and used <= commands, (lang, used - commands)
        assert (REPO / "studies" / "panel-2026-12.yaml").is_file()
