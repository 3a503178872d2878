"""linting/config.yaml `kinds` and `audiences`: every problem at its line, not just the first."""

from __future__ import annotations

import re
from pathlib import Path

from letterkit.letter_kinds import kind_problems
from letterkit.lint.audiences import audience_problems
from letterkit.yamlio import load_yaml, load_yaml_text

REPO = Path(__file__).resolve().parent.parent

BROKEN_KINDS = """\
kinds:
  demo:
    title: {fi: Demo, sv: Demo}
    colour: blue
    consequence_section: nowhere
    sections:
      - id: what-we-need
        heading: {fi: Mitä, sv: Vad, en: What}
      - id: what-we-need
        heading: Mitä
      - just-a-name
  Bad_Kind: 3
"""
KINDS_EXPECTED = [
    (3, "missing field 'en'"),
    (4, "unknown field 'colour' in kind 'demo'"),
    (5, "consequence_section 'nowhere' is not a section of kind 'demo'"),
    (9, "section 'what-we-need' is listed twice"),
    (10, "heading must give a text in each language"),
    (11, "each section is {id: ..., heading:"),
    (12, "letter kind 'Bad_Kind' must be kebab-case"),
    (12, "kind 'Bad_Kind' must be a mapping with"),
]

BROKEN_AUDIENCES = """\
audiences:
  applicant:
    description: the applicant
    address: {fi: sinä, sv: du, en: you}
  counsel:
    descripton: counsel
    address: sinä
  sponsor: [a, b]
  employer:
    rules: 5
"""
AUDIENCES_EXPECTED = [
    (6, "unknown field 'descripton' in audience 'counsel'"),
    (7, "'address' of audience 'counsel' must map languages to a form"),
    (8, "audience 'sponsor' must be a mapping with"),
    (10, "'rules' of audience 'employer' must map rule codes"),
]


def _lines(problems) -> list[str]:
    return [str(p) for p in problems]


def _assert_reported(lines: list[str], expected: list[tuple[int, str]]) -> None:
    for line, message in expected:
        assert any(re.search(rf"config\.yaml:{line}:\d+: ", row) and message in row
                   for row in lines), (line, message, lines)
    assert len(lines) == len(expected), lines


def test_the_shipped_config_has_no_problem():
    config = load_yaml(REPO / "linting" / "config.yaml")
    assert kind_problems(config) == [] and audience_problems(config) == []


def test_every_problem_of_the_kinds_at_its_line():
    _assert_reported(_lines(kind_problems(load_yaml_text(BROKEN_KINDS, "config.yaml"))),
                     KINDS_EXPECTED)


def test_every_problem_of_the_audiences_at_its_line():
    _assert_reported(_lines(audience_problems(load_yaml_text(BROKEN_AUDIENCES,
                                                             "config.yaml"))),
                     AUDIENCES_EXPECTED)


def _replace_block(config: Path, key: str, block: str) -> None:
    """Put *block* in the place of the top-level *key* of *config*, and move it to the top
    so that its line numbers are those of *block*."""
    text = config.read_text(encoding="utf-8")
    start = text.index(f"\n{key}:\n") + 1
    end = re.search(r"\n[a-z_]+:", text[start + 1:])
    rest = text[:start] + (text[start + 1 + end.start() + 1:] if end else "")
    config.write_text(block + rest, encoding="utf-8")


def test_check_lists_every_kind_problem_and_exits_2(run_cli, catalog_dir):
    _replace_block(catalog_dir.parent / "linting" / "config.yaml", "kinds", BROKEN_KINDS)
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 2 and "Traceback" not in result.err
    _assert_reported(result.err.splitlines(), KINDS_EXPECTED)


def test_lint_lists_every_audience_problem_and_exits_2(run_cli, catalog_dir):
    _replace_block(catalog_dir.parent / "linting" / "config.yaml", "audiences",
                   BROKEN_AUDIENCES)
    meta = catalog_dir / "demo-letter" / "letter.yaml"
    meta.write_text(re.sub(r"^audience: .*$", "audience: applicant",
                           meta.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = run_cli("lint", "--select", "ADR", cwd=catalog_dir.parent)
    assert result.exit_code == 2 and "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if "config.yaml:" in line]
    _assert_reported(lines, AUDIENCES_EXPECTED)


def test_the_top_level_of_config_yaml_lists_every_problem(run_cli, catalog_dir):
    config = catalog_dir.parent / "linting" / "config.yaml"
    text = config.read_text(encoding="utf-8").replace("\nenable: []\n", "\n")
    config.write_text("colour: blue\nenable: STY002\n" + text + "readability_targets: {}\n",
                      encoding="utf-8")
    last = len(config.read_text(encoding="utf-8").splitlines())
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 2 and "Traceback" not in result.err
    _assert_reported(result.err.splitlines(), [
        (1, "unknown field 'colour' in config.yaml"),
        (2, "enable must be a list of texts: the codes of opt-in rules"),
        (last, "unknown field 'readability_targets' in config.yaml"),
    ])
