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
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))


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
    # filters and str methods with huge sizes: each would build a gigabyte or loop for minutes
    "{{ 'x' | center(10**9) }}": "center()",
    "{{ 'x' | indent(10**9) }}": "indent()",
    "{{ '%999999999s' | format('x') }}": "format()",
    "{{ '%*s' | format(10**9, 'x') }}": "format()",
    "{{ range(10000) | join('x' * 100000) }}": "join()",
    "{{ range(10**9) | join }}": "range()",
    "{{ ('x' * 100000) | replace('x', 'y' * 1000) }}": "replace()",
    "{{ range(10) | slice(10**9) | list }}": "slice()",
    "{{ 'x' | wordwrap(0) }}": "wordwrap()",
    "{{ {'a': 1} | tojson(indent=10**9) }}": "tojson()",
    "{{ lipsum(10**9) }}": "lipsum()",
    "{{ 'x'.ljust(10**9) }}": "str.ljust()",
    "{{ 'x'.zfill(10**9) }}": "str.zfill()",
    "{{ '{:>999999999}'.format(1) }}": "str.format()",
    "{{ '{0:>{1}}'.format('x', 10**9) }}": "str.format()",
    "{{ '%999999999d' % 5 }}": "%",
}
HARMLESS = ("{{ 'x' | truncate(10**9) }}{{ 'x' | wordwrap(10**9) }}{{ 'ab' | center(6) }}"
            "{{ [1, 2] | join(', ') }}{{ '%5.1f' | format(2.25) }}{{ '{:>4}'.format(7) }}"
            "{{ 'a-b' | replace('-', '–') }}{{ '%s/%s' % (1, 2) }}{{ 7 % 3 }}")


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


def test_filters_with_ordinary_sizes_still_work(project):
    from letterkit.templates.environment import build_environment

    env = build_environment(project / "letters", "fi", tracked=False)
    assert env.from_string(HARMLESS).render() == "x" + "x" + "  ab  " + "1, 2" + "  2.2" \
        + "   7" + "a–b" + "1/2" + "1"


PARTIAL = "letters/_shared/fi/letterhead.md.j2"
PARTIAL_FAULTS = {
    "partial not UTF-8": lambda p: _write(p, PARTIAL, b"# Kirjelomake\n\xff\xfe\xfa\n"),
    "partial missing": lambda p: (p / PARTIAL).unlink(),
    "partial is a folder": lambda p: ((p / PARTIAL).unlink(), (p / PARTIAL).mkdir()),
    "partial is a FIFO": lambda p: ((p / PARTIAL).unlink(), os.mkfifo(p / PARTIAL)),
}


@pytest.mark.parametrize("fault", PARTIAL_FAULTS, ids=list(PARTIAL_FAULTS))
def test_an_unreadable_partial_stops_lint_and_check_with_a_located_line(project, fault):
    assert "letterhead.md.j2" in (project / LETTER / "fi.md.j2").read_text()
    PARTIAL_FAULTS[fault](project)
    outcomes = run_all(project, [("check",), ("lint",)])
    assert_well_behaved(outcomes, expect_bad_input=True)
    for outcome in outcomes:
        assert re.search(r"(letterhead\.md\.j2|fi\.md\.j2)(:\d+)*: ", outcome.output), \
            outcome.output


RULE_HEAD = ("code: ZZZ902\nname: zz-options\nseverity: warning\nlink: https://www.kotus.fi/\n"
             "message: 'bad {count} {max}'\ndescription: Wrong option types.\n")
RULE_OPTIONS = {
    "metric measure is a list": "kind: metric\nmeasure: [fi_index]\n",
    "metric measure is a mapping": "kind: metric\nmeasure: {a: 1}\n",
    "metric max is text": "kind: metric\nmeasure: fi_index\nmax: seitsemän\n",
    "metric max is a list": "kind: metric\nmeasure: fi_index\nmax: [7]\n",
    "metric scope is a number": "kind: metric\nmeasure: fi_index\nmax: 7\nscope: 3\n",
    "metric min_words is text": "kind: metric\nmeasure: fi_index\nmax: 7\nmin_words: x\n",
    "limit measure is a number": "kind: limit\nmeasure: 12\nmax: 25\n",
    "limit measure is null": "kind: limit\nmeasure: null\nmax: 25\n",
    "limit max is text": "kind: limit\nmeasure: sentence_words\nmax: paljon\n",
    "limit max is a mapping": "kind: limit\nmeasure: sentence_words\nmax: {fi: 25}\n",
    "limit max is a boolean": "kind: limit\nmeasure: sentence_words\nmax: true\n",
    "pattern is a list": "kind: pattern\npattern: [a, b]\n",
    "pattern is a number": "kind: pattern\npattern: 5\n",
    "examples is a string": "kind: limit\nmeasure: sentence_words\nmax: 25\nexamples: x\n",
}


@pytest.mark.parametrize("options", RULE_OPTIONS, ids=list(RULE_OPTIONS))
def test_wrong_types_in_rule_options_are_located(project, options):
    rule = project / "linting/fi/zz-options.yaml"
    rule.write_text(RULE_HEAD + RULE_OPTIONS[options], encoding="utf-8")
    outcomes = run_all(project, [("lint",), ("check",)])
    assert_well_behaved(outcomes)
    assert outcomes[0].exit_code == 2, outcomes[0].output
    assert re.search(r"zz-options\.yaml(:\d+)*: ", outcomes[0].output), outcomes[0].output


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


def test_a_file_over_the_lint_time_budget_is_named_and_the_others_are_linted(
        project, monkeypatch):
    import random

    words = ("Maahanmuuttovirasto pyytää sinua lähettämään asiakirjat viimeistään joulukuussa "  # noqa: SIM905
             "koska hakemuksesi käsittely jatkuu vasta sitten").split()
    rng = random.Random(1)
    (project / "big.md").write_text("# Otsikko\n\n" + "\n\n".join(
        " ".join(rng.choice(words) for _ in range(15)) + "." for _ in range(12000)),
        encoding="utf-8")
    (project / "small.md").write_text(
        "# Otsikko\n\nMaahanmuuttovirasto on hakemuksen käsittelyn yhteydessä todennut, että "
        "hakemuksesta puuttuu perheenyhdistämisen edellytysten arvioimiseksi välttämättömiä "
        "selvityksiä, minkä vuoksi hakijaa pyydetään täydentämään hakemustaan toimittamalla "
        "avioliittotodistus ja perhesuhteen olemassaoloa osoittavat asiakirjat.\n",
        encoding="utf-8")
    monkeypatch.setenv("LETTERKIT_LINT_SECONDS", "2")
    outcome = run_command(project, ("lint", "small.md", "big.md", "--lang", "fi"))
    assert outcome.exit_code == 2, outcome.output
    assert re.search(r"^big\.md: linting this file took longer than 2 s", outcome.output,
                     re.MULTILINE), outcome.output
    assert "small.md:3:" in outcome.output  # the other file was linted and reported
    assert "0 findings" not in outcome.output
