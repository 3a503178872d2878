"""Property-based fuzzing of study files and of batch input (CSV and JSONL).

A study file is read by the Studies page and ``load_studies``: whatever it holds, reading it
gives a Study or a StudyError that lists every problem, one located line each
(``path:line: ...``), quickly, never another exception. Batch input comes from case
systems: ``letterkit batch`` ends with exit 0, 1 or 2 and never a traceback, whatever the
rows hold. ``make test`` runs a few examples;
``make fuzz`` a long run (LETTERKIT_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import signal
import tempfile
from pathlib import Path

import yaml
from harness import REPO, Hang, assert_well_behaved, make_project, run_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_content import EXAMPLES, _dump, _mutate, content, scalars, trees

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 10,
                suppress_health_check=list(HealthCheck))
STUDY = yaml.safe_load((REPO / "studies" / "panel-2026-12.yaml").read_text(encoding="utf-8"))
LOCATED = re.compile(r"^\S+\.yaml(:\d+)*: \S")
SECONDS = 20


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


STUDY_PATHS = [p for p in _paths(STUDY) if p]


@st.composite
def broken_studies(draw) -> bytes:
    """The example study with a few of its values (anywhere in the tree) replaced by
    random structure or wrong types, or deleted."""
    study = copy.deepcopy(STUDY)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(STUDY_PATHS))
        node = study
        try:
            for key in path[:-1]:
                node = node[key]
            if draw(st.booleans()):
                node[path[-1]] = draw(trees)
            else:
                del node[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return _dump(study)


def _alarm(signum, frame):  # noqa: ANN001
    raise Hang()


def _read_study(raw: bytes) -> None:
    from letterkit.panel.study import StudyError, load_study

    with tempfile.TemporaryDirectory(prefix="letterkit-fuzz-") as tmp:
        path = Path(tmp) / "study.yaml"
        path.write_bytes(raw)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(SECONDS)
        try:
            load_study(path)
        except StudyError as exc:
            lines = str(exc).splitlines()
            assert lines and len(lines) == len(exc.problems), lines
            for line in lines:
                assert LOCATED.match(line), line
        except Hang:
            raise AssertionError(f"reading the study took over {SECONDS} s") from None
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


@FUZZ
@given(content)
def test_fuzz_study_file(case):
    raw, how, junk = case
    _read_study(_mutate(raw, how, junk))


@FUZZ
@given(broken_studies(), st.sampled_from(["as-is", "bom", "crlf", "truncate", "bytes"]),
       st.binary(min_size=1, max_size=8))
def test_fuzz_study_structure(raw, how, junk):
    _read_study(_mutate(raw, how, junk))


FIELDS = ["case_number", "letter_date", "deadline", "documents", "counsel_name", "id",
          "extra", ""]
cells = st.one_of(st.text(max_size=40), st.sampled_from([
    "2026-12-21", "21.12.2026", "2026-02-30", "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)",
    "{{ 9**(9**9) }}", "<script>alert(1)</script>", "a" * 5000, "[\"x\", \"y\"]", "\x00",
    "\r", "\ufeff"]))
rows = st.lists(st.dictionaries(st.sampled_from(FIELDS), st.one_of(cells, scalars, trees),
                                max_size=6), max_size=6)


def _csv(data: list[dict]) -> bytes:
    fields = sorted({key for row in data for key in row}) or ["case_number"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    for row in data:
        writer.writerow({k: v if isinstance(v, str) else json.dumps(v, default=str)
                         for k, v in row.items()})
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def _jsonl(data: list[dict]) -> bytes:
    return "".join(json.dumps(row, default=str) + "\n" for row in data).encode(
        "utf-8", "surrogatepass")


batch_input = st.tuples(
    st.sampled_from(["csv", "jsonl"]),
    st.one_of(rows, st.binary(max_size=300)),
    st.sampled_from(["as-is", "bom", "crlf", "truncate", "bytes"]),
    st.binary(min_size=1, max_size=8))


@FUZZ
@given(batch_input)
def test_fuzz_batch_input(case):
    suffix, data, how, junk = case
    raw = data if isinstance(data, bytes) else (_csv if suffix == "csv" else _jsonl)(data)
    tmp = Path(tempfile.mkdtemp(prefix="letterkit-fuzz-"))
    try:
        project = make_project(tmp)
        source = project / f"cases.{suffix}"
        source.write_bytes(_mutate(raw, how, junk))
        outcome = run_command(project, ("batch", "demo-letter", "--lang", "fi", "--data",
                                        source.name, "--format", "md", "--out", "out",
                                        "--workers", "1"))
        assert_well_behaved([outcome])
    finally:
        shutil.rmtree(tmp)
