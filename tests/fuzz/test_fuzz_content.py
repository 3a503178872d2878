"""Property-based fuzzing of every content file: whatever a file holds, every command ends
with exit 0, 1 or 2 within the time limit and never with a traceback.

``make test`` runs a few examples per file type; ``make fuzz`` sets LETTERKIT_FUZZ_EXAMPLES
for a long run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from harness import COMMANDS, assert_well_behaved, make_project, run_all
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("LETTERKIT_FUZZ_EXAMPLES", "3"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 10,
                suppress_health_check=list(HealthCheck))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(),
                    st.text(max_size=30), st.dates())
trees = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.text(max_size=10), children, max_size=4)), max_leaves=12)


def _dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True).encode()


def _mutate(raw: bytes, how: str, junk: bytes) -> bytes:
    if how == "bom":
        return b"\xef\xbb\xbf" + raw
    if how == "crlf":
        return raw.replace(b"\n", b"\r\n")
    if how == "truncate":
        return raw[: len(raw) // 2]
    if how == "bytes":
        return raw[: len(raw) // 3] + junk + raw[len(raw) // 3:]
    if how == "bomb":
        return b"a: &a [x,x,x,x,x,x,x,x]\n" + b"".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 8)}]\n".encode()
            for p, n in zip("abcdef", "bcdefg", strict=True))
    if how == "alias-loop":
        return b"loop: &a [*a]\n"
    return raw


content = st.tuples(
    st.one_of(trees.map(_dump), st.binary(max_size=200)),
    st.sampled_from(["as-is", "bom", "crlf", "truncate", "bytes", "bomb", "alias-loop"]),
    st.binary(min_size=1, max_size=8))

TARGETS = {
    "letter": "letters/demo-letter/letter.yaml",
    "sample": "letters/demo-letter/samples/default.yaml",
    "config": "linting/config.yaml",
    "rule": "linting/fi/zz-fuzz.yaml",
    "glossary": "glossary/zz-fuzz.yaml",
}

templates = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from([
        "{{ case_number }}", "{% if deadline %}", "{% endif %}", "{% for d in documents %}",
        "{% endfor %}", "{{ 9**99 }}", "{{ x | nosuch }}", '{% include "letterhead.md.j2" %}',
        '{% include "../../etc/passwd" %}', "{{ ''.__class__ }}", "## Otsikko {#what-we-need}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ 'a' * 10**9 }}", "{#", "}}",
        "\ufeff", "\r\n", "\udcff",
        # filters and str methods with huge sizes
        "{{ 'x' | center(10**9) }}", "{{ 'x' | indent(10**9) }}", "{{ 'x' | wordwrap(10**9) }}",
        "{{ '%999999999s' | format(1) }}", "{{ range(10**4) | join('x' * 10**5) }}",
        "{{ 'x' | truncate(10**9) }}", "{{ 'x'.ljust(10**9) }}", "{{ '{:>999999999}'.format(1) }}",
        "{{ lipsum(10**9) }}", "{{ range(9) | slice(10**9) | list }}"]), max_size=12
    ).map("\n".join))


def _project() -> tuple[Path, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="letterkit-fuzz-"))
    return tmp, make_project(tmp)


def _check(project: Path, commands=COMMANDS) -> None:
    assert_well_behaved(run_all(project, commands))


def _fuzz_file(key: str, case) -> None:
    raw, how, junk = case
    tmp, project = _project()
    try:
        path = project / TARGETS[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_mutate(raw, how, junk))
        _check(project)
    finally:
        shutil.rmtree(tmp)


@FUZZ
@given(content)
def test_fuzz_letter_yaml(case):
    _fuzz_file("letter", case)


@FUZZ
@given(content)
def test_fuzz_sample(case):
    _fuzz_file("sample", case)


@FUZZ
@given(content)
def test_fuzz_config(case):
    _fuzz_file("config", case)


@FUZZ
@given(content)
def test_fuzz_rule_file(case):
    _fuzz_file("rule", case)


@FUZZ
@given(content)
def test_fuzz_glossary_file(case):
    _fuzz_file("glossary", case)


@FUZZ
@given(templates, st.sampled_from(["fi.md.j2", "_shared"]))
def test_fuzz_template(source, where):
    tmp, project = _project()
    try:
        target = (project / "letters/demo-letter/fi.md.j2" if where == "fi.md.j2"
                  else project / "letters/_shared/fi/letterhead.md.j2")
        target.write_bytes(source.encode("utf-8", "surrogateescape"))
        _check(project)
    finally:
        shutil.rmtree(tmp)
