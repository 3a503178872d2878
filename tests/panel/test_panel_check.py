"""Broken study files, and broken studies in the answer store, as a user meets them on the
command line: every problem, one located line each, exit 2, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from letterkit.panel.store import open_store
from letterkit.site.panel import figures_from_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "studies" / "panel-2026-12.yaml"


def _broken(text: str) -> str:
    """The example study with four mistakes (two of them the same answer index)."""
    return (text.replace("answer: 1", "answer: 9")
            .replace("type: highlighter", "type: highlight", 1)
            .replace("letter: asylum-interview-invitation", "letter: asylum-interview", 1))


def test_panel_check_lists_every_problem_of_every_study_file(run_cli, tmp_path):
    folder = tmp_path / "studies"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "a-broken.yaml").write_text(_broken(text), encoding="utf-8")
    (folder / "b-same-id.yaml").write_text(text, encoding="utf-8")
    (folder / "c-other.yaml").write_text(text.replace("id: panel-2026-12", "id: other", 1)
                                         .replace("sample: default", "sample: nope", 1),
                                         encoding="utf-8")
    result = run_cli("panel", "check", str(folder), str(EXAMPLE), cwd=REPO)
    assert result.exit_code == 2 and result.out == ""
    lines = result.err.splitlines()
    broken, other = folder / "a-broken.yaml", folder / "c-other.yaml"
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{broken}:31:9", f"{broken}:42:9", f"{broken}:65:9", f"{broken}:88:5",
        f"{other}:26:5", "studies/panel-2026-12.yaml:7:1"], lines
    assert "unknown task type 'highlight'; use one of read, highlighter" in lines[0]
    assert "answer must be the index (0-3) of the right option" in lines[1]
    assert "no letter 'asylum-interview' in letters/; letters: " in lines[3]
    assert "letter 'supplement-request-family-ties' has no sample 'nope'; its samples: " \
        "default, " in lines[4]
    assert lines[5].endswith(f"id 'panel-2026-12' is also the id of {folder / 'b-same-id.yaml'}"
                             "; give each study its own")
    assert "Traceback" not in result.err


def test_panel_check_passes_the_example_and_explains_outside_a_project(run_cli, tmp_path):
    result = run_cli("panel", "check", cwd=REPO)
    assert result.exit_code == 0 and result.err == "1 study ok\n", result.err
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = run_cli("panel", "check", cwd=outside)
    assert result.exit_code == 2
    assert result.err == (".: no studies/ folder here: give the study files' paths, or run "
                          "this in the project (see studies/README.md)\n")
    (outside / "study.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("panel", "check", "study.yaml")
    assert result.exit_code == 2
    assert result.err == ("study.yaml:24:1: no letters/ folder to look its letters up in; "
                          "check the study in the project whose letters it names\n")
    result = run_cli("panel", "check", "missing.yaml")
    assert (result.exit_code, result.err) == (2, "missing.yaml: file not found\n")


def test_a_stored_study_changed_in_the_database_is_reported_not_a_traceback(
        run_cli, tmp_path, study, pins):
    db = tmp_path / "panel.sqlite"
    store = open_store(f"sqlite:///{db}")
    store.add_study(study, pins)
    with sqlite3.connect(db) as conn:
        conn.execute("update lk_studies set source = ?",
                     (_broken(EXAMPLE.read_text(encoding="utf-8")),))
    url = f"sqlite:///{db}"
    result = run_cli("panel", "--database", url, "export", cwd=tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.err
    where = "<study panel-2026-12 as kept in the answer store>"
    assert [line.split(": ", 1)[0] for line in result.err.splitlines()] == [
        f"{where}:31:9", f"{where}:42:9", f"{where}:65:9"], result.err
    result = run_cli("panel", "--database", url, "info", cwd=tmp_path)
    assert result.exit_code == 0 and "panel-2026-12: 0 participants" in result.out
    # the docs site's rule pages say why the panel's figures are missing
    figures = figures_from_store(open_store(url))
    assert figures.error.startswith(f"{where}:31:9: unknown task type 'highlight'")
    assert figures.error.endswith("(and 2 more)")
