"""The print layout (letters/_shared/layout.yaml and <lang>/layout.yaml): every problem of
both files at its line, from `check`, `render --format docx` and `batch --format docx`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from letterkit.errors import ProblemsError
from letterkit.render.layout import layout_problems, load_layout

REPO = Path(__file__).resolve().parent.parent

BROKEN_BASE = """\
logo: missing.png
font: 12
page: 5
address_field: {left_mm: "x", top_mm: 0, width_mm: 85, height_mm: 40, depth_mm: 3}
grid: {tab_mm: 22.86, body_tab: 0, header_tab: 5}
slots:
  recipient: recipient_name
  date: Letter-Date
  refrence: case_number
colour: blue
review:
  - just a note
"""

BROKEN_FI = """\
sender: 3
labels: {date: Päivämäärä, page: 7, header: Otsikko}
footer: [Maahanmuuttovirasto, {phone: 1}]
"""

BASE_EXPECTED = [
    (1, "logo 'missing.png': no such file"),
    (2, "font must be text, got 12"),
    (3, "page must be a mapping with: width_mm"),
    (4, "left_mm must be a number above 0, got 'x'"),
    (4, "top_mm must be a number above 0, got 0"),
    (4, "unknown field 'depth_mm' in address_field"),
    (5, "body_tab must be a whole number from 1 up, got 0"),
    (7, "slot 'recipient' must be a list of the variables"),
    (8, "slot 'date' must be the variable that holds the letter's date"),
    (9, "unknown field 'refrence' in slots"),
    (10, "unknown field 'colour' in the layout"),
    (12, "each review entry is {date: ..., by: ..., status: ..., note: ...}"),
]
FI_EXPECTED = [
    (1, "sender must be a list of texts"),
    (2, "missing field 'reference'"),
    (2, "page must be text, got 7"),
    (2, "unknown field 'header' in labels"),
    (3, "footer must be a list of texts"),
]


@pytest.fixture
def shared(catalog_dir: Path) -> Path:
    """The test catalogue with the project's real layout files."""
    shared = catalog_dir / "_shared"
    for name in ("layout.yaml", "fi/layout.yaml", "sv/layout.yaml", "en/layout.yaml"):
        shutil.copy(REPO / "letters" / "_shared" / name, shared / name)
    return shared


def _break(shared: Path) -> None:
    (shared / "layout.yaml").write_text(BROKEN_BASE, encoding="utf-8")
    (shared / "fi" / "layout.yaml").write_text(BROKEN_FI, encoding="utf-8")


def _assert_reported(lines: list[str], path: str, expected: list[tuple[int, str]]) -> None:
    for line, message in expected:
        assert any(f"{path}:{line}:" in row and message in row for row in lines), \
            (line, message, lines)


def test_project_layout_has_no_problem():
    root = REPO / "letters"
    assert layout_problems(root, ["fi", "sv", "en"]) == []
    layout = load_layout(root, "sv")
    assert layout.labels["reference"] == "Ärendenummer" and layout.grid["header_tab"] == 5
    assert layout.slots["recipient"] == ["recipient_name", "recipient_address"]


def test_every_problem_of_both_files_at_its_line(shared):
    _break(shared)
    problems = layout_problems(shared.parent, ["fi", "sv", "en"])
    lines = [str(p) for p in problems]
    _assert_reported(lines, "_shared/layout.yaml", BASE_EXPECTED)
    _assert_reported(lines, "_shared/fi/layout.yaml", FI_EXPECTED)
    assert len(problems) == len(BASE_EXPECTED) + len(FI_EXPECTED), lines
    with pytest.raises(ProblemsError) as raised:
        load_layout(shared.parent, "fi")
    assert len(raised.value.problems) == len(problems)


@pytest.mark.parametrize(("text", "message"), [
    ("logo: ../../pyproject.toml\n", "must be a file below letters/_shared/"),
    ("page: {width_mm: .nan}\n", "width_mm must be a number above 0"),
    ("- a list\n", "expected a mapping of layout fields"),
])
def test_logo_outside_shared_and_odd_values(shared, text, message):
    (shared / "layout.yaml").write_text(text, encoding="utf-8")
    lines = [str(p) for p in layout_problems(shared.parent, ["fi"])]
    assert len(lines) == 1 and message in lines[0] and ":1:" in lines[0], lines


def test_logo_below_shared_is_kept(shared):
    (shared / "logo.png").write_bytes(b"\x89PNG")
    text = (shared / "layout.yaml").read_text(encoding="utf-8")
    (shared / "layout.yaml").write_text(text.replace("logo: null", "logo: logo.png"),
                                        encoding="utf-8")
    assert layout_problems(shared.parent, ["fi"]) == []
    assert load_layout(shared.parent, "fi").logo == shared / "logo.png"


def test_missing_language_layout_is_reported(shared):
    (shared / "sv" / "layout.yaml").unlink()
    lines = [str(p) for p in layout_problems(shared.parent, ["fi", "sv"])]
    assert len(lines) == 1 and "_shared/sv/layout.yaml: file not found" in lines[0]


def test_check_reports_the_layout_and_exits_2(run_cli, shared):
    project = shared.parent.parent
    assert run_cli("check", cwd=project).exit_code == 0
    _break(shared)
    result = run_cli("check", cwd=project)
    assert result.exit_code == 2, result.out + result.err
    assert "Traceback" not in result.out + result.err
    _assert_reported(result.lines, "letters/_shared/layout.yaml", BASE_EXPECTED)
    _assert_reported(result.lines, "letters/_shared/fi/layout.yaml", FI_EXPECTED)


def test_render_docx_reports_every_problem(run_cli, shared, tmp_path):
    _break(shared)
    result = run_cli("render", "demo-letter", "--lang", "fi", "--format", "docx", "--output",
                     str(tmp_path / "x.docx"), cwd=shared.parent.parent)
    assert result.exit_code == 2 and "Traceback" not in result.err
    lines = result.err.splitlines()
    _assert_reported(lines, "letters/_shared/layout.yaml", BASE_EXPECTED)
    _assert_reported(lines, "letters/_shared/fi/layout.yaml", FI_EXPECTED)
    assert not (tmp_path / "x.docx").exists()


def test_batch_docx_reports_the_layout_once(run_cli, shared, tmp_path):
    _break(shared)
    data = tmp_path / "cases.jsonl"
    record = {"case_number": "OLE/2026/000001", "letter_date": "2026-11-23",
              "deadline": "2026-12-07", "documents": ["passport copy"]}
    data.write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    result = run_cli("batch", "demo-letter", "--lang", "fi", "--data", str(data), "--format",
                     "docx", "--out", str(tmp_path / "out"), cwd=shared.parent.parent)
    assert result.exit_code == 2 and "Traceback" not in result.err
    lines = result.err.splitlines()
    _assert_reported(lines, "letters/_shared/layout.yaml", BASE_EXPECTED)
    assert sum("font must be text" in line for line in lines) == 1
    assert not (tmp_path / "out").exists()
