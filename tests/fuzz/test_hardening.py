"""Attacks and faults found by hand, kept as tests: each ends in one located line, exit 2 or 1."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from harness import assert_well_behaved, make_project, run_all, run_command

LETTER = "letters/demo-letter/"
LOCATED = re.compile(r"^\S+\.(yaml|j2|toml)(:\d+)*: ", re.MULTILINE)
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def _write(project: Path, rel: str, text: str | bytes) -> None:
    path = project / rel
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


def _replace_with_link(project: Path, rel: str, target: str) -> None:
    (project / rel).unlink()
    os.symlink(target, project / rel)


READ_FAILURES = {
    "alias bomb in letter.yaml": lambda p: _write(p, LETTER + "letter.yaml", BOMB),
    "alias bomb in a sample": lambda p: _write(p, LETTER + "samples/default.yaml", BOMB),
    "alias bomb in config.yaml": lambda p: _write(p, "linting/config.yaml", BOMB),
    "recursive alias": lambda p: _write(p, LETTER + "letter.yaml", "loop: &a [*a]\n"),
    "duplicate key": lambda p: _write(p, LETTER + "letter.yaml",
                                      (p / LETTER / "letter.yaml").read_text() + "id: again\n"),
    "sample is a scalar": lambda p: _write(p, LETTER + "samples/default.yaml", "just text\n"),
    "sample is a list": lambda p: _write(p, LETTER + "samples/default.yaml", "- a\n- b\n"),
    "sample is comment only": lambda p: _write(p, LETTER + "samples/default.yaml", "# none\n"),
    "sample is a FIFO": lambda p: ((p / LETTER / "samples/default.yaml").unlink(),
                                   os.mkfifo(p / LETTER / "samples/default.yaml")),
    "sample is /dev/zero": lambda p: _replace_with_link(p, LETTER + "samples/default.yaml",
                                                        "/dev/zero"),
    "symlink loop": lambda p: _replace_with_link(p, LETTER + "samples/default.yaml",
                                                 "default.yaml"),
    "symlink out of the project": lambda p: _replace_with_link(
        p, LETTER + "samples/default.yaml", "/etc/hostname"),
    "5 MB template": lambda p: _write(p, LETTER + "fi.md.j2", "# Otsikko\n" + "sana " * 10**6),
    "template not UTF-8": lambda p: _write(p, LETTER + "fi.md.j2", b"# Otsikko\n\xff\xfe\n"),
    "template is a folder": lambda p: ((p / LETTER / "fi.md.j2").unlink(),
                                       (p / LETTER / "fi.md.j2").mkdir()),
    "template deleted": lambda p: (p / LETTER / "fi.md.j2").unlink(),
    "wrong types in [tool.letterkit]": lambda p: _write(p, "pyproject.toml",
                                                        "[tool.letterkit]\nletters = 5\n"),
}


@pytest.mark.parametrize("mutation", READ_FAILURES, ids=list(READ_FAILURES))
def test_what_cannot_be_read_stops_every_catalogue_command(project, mutation):
    READ_FAILURES[mutation](project)
    outcomes = run_all(project, [("check",), ("lint",), ("build", "--out", "out")])
    assert_well_behaved(outcomes, expect_bad_input=True)
    for outcome in outcomes:
        assert LOCATED.search(outcome.output), outcome.output


TEMPLATE_ATTACKS = {
    "{{ 9**(9**9) }}": "too large",
    "{{ 'a' * 1000000000 }}": "repeating a text",
    "{% for i in range(10**6) %}{% endfor %}": "range()",
    '{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}': "calls itself",
    "{{ case_number | nosuchfilter }}": "No filter named",
}


@pytest.mark.parametrize("source", TEMPLATE_ATTACKS)
def test_a_template_that_asks_for_too_much_work_is_refused_at_once(project, source):
    _write(project, LETTER + "fi.md.j2", source + "\n")
    started = time.monotonic()
    outcome = run_command(project, ("render", "demo-letter", "--lang", "fi"))
    elapsed = time.monotonic() - started
    assert outcome.exit_code == 2, outcome.output
    assert TEMPLATE_ATTACKS[source] in outcome.output
    assert "fi.md.j2:1" in outcome.output
    assert elapsed < 5  # the power payload itself is refused in ~0.05 s (see SECURITY.md)


def test_partials_that_include_each_other_give_a_located_error(project):
    shared = project / "letters/_shared/fi"
    (shared / "a.md.j2").write_text('{% include "b.md.j2" %}\n')
    (shared / "b.md.j2").write_text('{% include "a.md.j2" %}\n')
    _write(project, LETTER + "fi.md.j2", '{% include "a.md.j2" %}\n')
    outcomes = run_all(project)
    assert_well_behaved(outcomes)
    assert "includes itself" in outcomes[0].output  # check


def test_a_render_that_runs_too_long_is_stopped():
    from letterkit.templates.environment import build_environment
    from letterkit.templates.limits import TemplateLimit, render_budget

    env = build_environment(Path("/nonexistent"), "fi", tracked=False)
    template = env.from_string(
        "{% set r = range(10000) %}{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(TemplateLimit, match="longer than 0.5 s"), render_budget(0.5):
        template.render()
    assert time.monotonic() - started < 2


def test_a_catastrophic_rule_pattern_cannot_hang_lint(project):
    rule = project / "linting/fi/zz-catastrophic.yaml"
    rule.write_text(
        "code: ZZZ901\nname: zz-catastrophic\nkind: pattern\nseverity: warning\n"
        "link: https://www.kotus.fi/\n"
        "pattern: '(a|aa)+$'\nmessage: 'bad {found}'\ndescription: A pattern that backtracks.\n"
        "examples:\n  fail: ['aaa']\n  pass: ['bbb']\n", encoding="utf-8")
    _write(project, LETTER + "fi.md.j2",
           (project / LETTER / "fi.md.j2").read_text() + "\n" + "a" * 40 + "!\n")
    started = time.monotonic()
    outcome = run_command(project, ("lint",))
    assert time.monotonic() - started < 15
    assert outcome.exit_code == 2, outcome.output
    assert "zz-catastrophic.yaml" in outcome.output and "nests repeats" in outcome.output
