"""Letters of one shape (render.shapes) come out byte for byte as when each is done in full.

The batch benchmark's records, then the same with values holding Markdown, HTML, Jinja
syntax, line breaks, list numbers and entities, rendered with the shape plans and with no
plans at all: the HTML, plain text and Markdown must be the same bytes, and the plans must
actually have been used.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letterkit.batch import Record, validate
from letterkit.catalog import load_letter
from letterkit.project import project_of
from letterkit.render import render_letter, shapes
from letterkit.render.formats import render_format

REPO = Path(__file__).resolve().parents[1]
LETTER = REPO / "letters" / "asylum-interview-invitation"
FORMATS = ("html", "text", "md")
HOSTILE = ["**lihava**", "<script>alert(1)</script>", "{{ recipient_name }}", "{% if x %}",
           "rivi\ntoinen", "12. joulukuuta", "1) ensin", "# otsikko", "&amp;", "&#123;", "AT&T",
           "<https://x.fi>", "[a]: https://x.fi", "{#id}", "- viiva", "> lainaus", "a  b",
           " alku", "loppu ", "7", "0295 000 000", "9.00–15.00", "١٢٣. x", "x²", "\ue100",
           "\ue000\ue100\ue001", "a\\b", "Åsa Öberg", "e\u0301", "TUR/2026/000001"]


def _benchmark_records(count: int, tmp_path: Path) -> list[dict]:
    spec = importlib.util.spec_from_file_location("batch_bench", REPO / "benchmarks" / "batch.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("batch_bench", bench)  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    path = bench.cases(tmp_path / "cases.jsonl", count)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def letter():
    return load_letter(LETTER)


def _registry(letter, lang="fi"):
    return project_of(letter).environment(lang, letters_root=letter.path.parent).mark_registry


def _outputs(letter, records: list[dict], lang="fi") -> list[bytes]:
    out = []
    for number, raw in enumerate(records, start=1):
        values, problems = validate(letter, Record(number, number, str(number), raw), "x", lang)
        if problems:
            out.append(b"problem")
            continue
        try:
            rendered = render_letter(letter, lang, values)
        except Exception as exc:  # noqa: BLE001 - a refused value must be refused both ways
            out.append(repr(exc).encode())
            continue
        out.extend(render_format(rendered, fmt) for fmt in FORMATS)
    return out


def _without_plans(letter, records, monkeypatch, lang="fi") -> list[bytes]:
    with monkeypatch.context() as patch:
        patch.setattr(shapes, "_make_plan", lambda *args: None)
        _registry(letter, lang).shapes.clear()
        return _outputs(letter, records, lang)


def _with_plans(letter, records, lang="fi") -> tuple[list[bytes], int]:
    registry = _registry(letter, lang)
    registry.shapes.clear()
    out = _outputs(letter, records, lang)
    return out, sum(getattr(plan, "uses", 0) for plan in registry.shapes.values())


def test_batch_records_byte_identical(letter, tmp_path, monkeypatch):
    records = _benchmark_records(60, tmp_path)
    planned, uses = _with_plans(letter, records)
    assert uses >= 50  # all but the first two letters of each of the two shapes
    assert planned == _without_plans(letter, records, monkeypatch)


@pytest.mark.parametrize("field", ["recipient_name", "case_number", "contact_phone",
                                   "contact_hours", "handler_name", "signer_title"])
def test_values_with_markup_render_as_before(letter, tmp_path, monkeypatch, field):
    records = _benchmark_records(3 + len(HOSTILE), tmp_path)
    for record, value in zip(records[3:], HOSTILE, strict=True):
        record[field] = value
    planned, _ = _with_plans(letter, records)
    assert planned == _without_plans(letter, records, monkeypatch)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(HOSTILE) | st.text(
    alphabet="aZ19 .#&;<>{}*_[]()-+:/\\`|!\n", min_size=1, max_size=10), min_size=4,
    max_size=4), min_size=2, max_size=6), st.sampled_from(["fi", "sv", "en"]))
def test_letters_of_one_shape_with_any_values(letter, tmp_path_factory, values, lang):
    """Plain letters first (so a plan exists and is verified), then hostile ones."""
    base = _benchmark_records(4, tmp_path_factory.mktemp("cases"))
    records = base[:]
    for number, (name, case, phone, hours) in enumerate(values):
        record = dict(base[number % 3])
        record.update(recipient_name=name, case_number=case, contact_phone=phone,
                      contact_hours=hours, recipient_address=[name, hours + " " + case])
        records.append(record)
    patch = pytest.MonkeyPatch()
    try:
        expected = _without_plans(letter, records, patch, lang)
    finally:
        patch.undo()
    assert _with_plans(letter, records, lang)[0] == expected


def test_preview_does_not_use_plans(letter):
    registry = project_of(letter).environment(
        "fi", preview=True, letters_root=letter.path.parent).mark_registry
    render_letter(letter, "fi", "default", preview=True)
    assert not registry.shapes


def test_a_value_of_other_digits_at_a_line_start(letter, tmp_path, monkeypatch):
    """"١٢" starts a line as it is, "١٢. x" would be a list: it is escaped, so a plan made
    from the first must not serve the second."""
    records = _benchmark_records(3, tmp_path)
    for record, name in zip(records, ["١٢", "١٣", "١٢. Esimerkki"], strict=True):
        record["recipient_name"] = name
    planned, _ = _with_plans(letter, records)
    assert planned == _without_plans(letter, records, monkeypatch)


def _direct(values: list[str]) -> tuple[list, list]:
    """Outputs of a one-line template "x\\n{{ v }} loppu" with each value, both ways."""
    from letterkit.render import _escape_block_starts_from_values as escape
    from letterkit.render.structure import skeleton
    from letterkit.templates.sourcemap import Mark, MarkRegistry, strip_marks

    registry = MarkRegistry()
    source = "x\n{{ v }} loppu"
    text, value, tail = (registry.add(Mark("t", source, 0)),
                         registry.add(Mark("t", source, 2, "v")),
                         registry.add(Mark("t", source, 9)))
    planned, full = [], []
    for item in values:
        output = f"{text}x\n{value}{item}{tail} loppu"
        markdown, source_map = shapes.strip_and_plan(output, registry, escape)
        planned.append((markdown, source_map.starts, skeleton(markdown, source_map)))
        markdown, source_map = strip_marks(output, registry)
        markdown = escape(markdown, source_map)
        full.append((markdown, source_map.starts, skeleton(markdown, source_map)))
    return planned, full


@pytest.mark.parametrize("values", [["١٢", "١٣", "١٢. x"], ["Aino", "Åke", "Li 2"],
                                    ["7 x", "8 y", "9. z"]])
def test_plans_of_a_value_at_a_line_start(values):
    planned, full = _direct(values)
    assert planned == full
