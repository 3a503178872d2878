"""Customer guides: every picture draws in every language, and bad input gives one line."""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from letterkit import LANGUAGES
from letterkit.glossary import load_glossary
from letterkit.guides import list_guides, load_guide, picture
from letterkit.illustrate import Label, LabelTooLong, compose
from letterkit.illustrate.metrics import text_width

REPO = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
GUIDES = list_guides(REPO / "guides")


def test_the_four_guides_exist():
    assert {p.name for p in GUIDES} >= {"supplement-request", "asylum-interview",
                                        "e-service-documents", "service-point-visit"}


@pytest.mark.parametrize("folder", GUIDES, ids=lambda p: p.name)
def test_every_picture_is_well_formed_with_title_and_alt(folder):
    glossary = load_glossary(REPO / "glossary")
    guide = load_guide(folder)
    for step in guide.steps:
        for lang in LANGUAGES:
            root = ET.fromstring(picture(guide, step, lang, glossary))
            assert root.get("lang") == lang and root.get("role") == "img"
            assert root.find(SVG + "title").text == step.text[lang]["title"]
            assert root.find(SVG + "desc").text == step.text[lang]["alt"]


def test_label_width_comes_from_the_font_metrics():
    assert text_width("WWW", 20) > text_width("iii", 20) * 2
    assert text_width("Maahanmuuttovirasto", 26) > 250
    with pytest.raises(LabelTooLong, match="px wide"):
        compose(["letter", "laptop", "desk"], [Label(2, "caption", "Maahanmuuttovirasto")],
                "t", "d", "fi")


GOOD_STEP = """\
  - id: one
    picture: [letter]
    labels:
      - {part: 0, slot: caption, term: deadline}
    fi: {title: Lue kirje, text: Lue kirje., alt: Kirje.}
    sv: {title: Läs brevet, text: Läs brevet., alt: Ett brev.}
    en: {title: Read the letter, text: Read the letter., alt: A letter.}
"""
HEAD = "title: {fi: Opas, sv: Guide, en: Guide}\nsteps:\n"


@pytest.fixture()
def project(tmp_path):
    for name in ("glossary", "linting"):
        shutil.copytree(REPO / name, tmp_path / name)
    (tmp_path / "letters").mkdir()
    return tmp_path


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "letterkit", *args], cwd=project,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})


@pytest.mark.parametrize("step, line, message", [
    (GOOD_STEP.replace("    sv: {title: Läs brevet, text: Läs brevet., alt: Ett brev.}\n", ""),
     3, "step 'one' has no sv text"),
    (GOOD_STEP.replace("picture: [letter]", "picture: [letter, unicorn]"), 4,
     "no illustration part 'unicorn'"),
    (GOOD_STEP.replace("term: deadline", "term: no-such-term"), 6, "unknown term id"),
    (GOOD_STEP.replace("[letter]", "[letter, clock, person]").replace(
        "term: deadline", "text: {fi: Maahanmuuttoviraston palvelupisteen asiakaspalvelu, "
        "sv: x, en: x}"), 5, "(shorten it)"),
])
def test_bad_input_is_one_line_with_the_yaml_line(project, step, line, message):
    folder = project / "guides" / "bad"
    folder.mkdir(parents=True)
    (folder / "guide.yaml").write_text(HEAD + step, encoding="utf-8")
    result = run(project, "guide", "check", "bad")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"guides/bad/guide.yaml:{line}:"), result.stderr
    assert message in result.stderr


def test_every_problem_of_a_broken_guide_is_reported(project):
    folder = project / "guides" / "bad"
    folder.mkdir(parents=True)
    broken = (GOOD_STEP.replace("picture: [letter]", "picture: [letter, unicorn]")
              .replace("    sv: {title: Läs brevet, text: Läs brevet., alt: Ett brev.}\n", "")
              + GOOD_STEP.replace("alt: A letter.", "alt: ''").replace("labels:\n", "lables:\n"))
    (folder / "guide.yaml").write_text(HEAD.replace("en: Guide", "en: ''") + broken,
                                       encoding="utf-8")
    result = run(project, "guide", "check", "bad")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = [("1:", "title needs en"), ("3:", "step 'one' has no sv text"),
                ("4:", "no illustration part 'unicorn'"), ("9:", "two steps have the id 'one'"),
                ("11:", "unknown field 'lables' in a step"), ("15:", "needs en.alt")]
    assert len(lines) == len(expected), result.stderr
    for line, (where, message) in zip(lines, expected, strict=True):
        assert line.startswith(f"guides/bad/guide.yaml:{where}"), line
        assert message in line, line


def test_render_writes_printable_html_and_svg(project, tmp_path):
    folder = project / "guides" / "ok"
    folder.mkdir(parents=True)
    (folder / "guide.yaml").write_text(HEAD + GOOD_STEP, encoding="utf-8")
    result = run(project, "guide", "render", "ok", "--lang", "sv", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "@page{size:A4" in html
    assert 'alt="Ett brev."' in html and 'src="01-one-sv.svg"' in html
    svg = (tmp_path / "out" / "01-one-sv.svg").read_text(encoding="utf-8")
    assert "tidsfrist" in svg  # the label comes from the term base in the step's language


def test_letterkit_lint_lints_a_guide_with_the_letters_rules(project):
    folder = project / "guides" / "wordy"
    folder.mkdir(parents=True)
    step = GOOD_STEP.replace("text: Read the letter.",
                             "text: Send the attachments in EF.")
    (folder / "guide.yaml").write_text(HEAD + step, encoding="utf-8")
    result = run(project, "lint", "guides/wordy")
    assert result.returncode == 1 and "guides/wordy/guide.yaml:9:" in result.stdout \
        and "TRM001" in result.stdout, \
        result.stdout + result.stderr
