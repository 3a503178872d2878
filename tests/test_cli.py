"""The letterkit command as a user types it."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from letterkit import __version__

REPO = Path(__file__).resolve().parent.parent


def test_version(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0 and __version__ in result.out


def test_render_formats_and_output_file(run_cli, catalog_dir, tmp_path):
    project = catalog_dir.parent
    md = run_cli("render", "demo-letter", "--lang", "fi", cwd=project)
    assert md.exit_code == 0 and "## Mitä tarvitsemme {#what-we-need}" in md.out
    text = run_cli("render", "demo-letter", "--lang", "en", "--format", "text", cwd=project)
    assert "What we need\n------------" in text.out and "{#" not in text.out
    target = tmp_path / "out" / "letter.html"
    html = run_cli("render", "demo-letter", "-l", "sv", "-s", "with-counsel", "-f", "html",
                   "-o", str(target), cwd=project)
    assert html.exit_code == 0 and html.out == ""
    assert '<html lang="sv">' in target.read_text(encoding="utf-8")


def test_render_unknown_letter_sample_and_language(run_cli, catalog_dir):
    project = catalog_dir.parent
    result = run_cli("render", "no-such", "--lang", "fi", cwd=project)
    assert result.exit_code == 2 and "no letter 'no-such'; letters: demo-letter" in result.err
    result = run_cli("render", "demo-letter", "--lang", "fi", "--sample", "nope", cwd=project)
    assert result.exit_code == 2
    assert "has no sample 'nope'; samples: default, with-counsel" in result.err
    result = run_cli("render", "demo-letter", "--lang", "de", cwd=project)
    assert result.exit_code == 2 and "'de' is not one of" in result.err


def test_render_preview_shows_missing_value(run_cli, catalog_dir):
    sample = catalog_dir / "demo-letter" / "samples" / "default.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("  deadline: 2026-12-07\n", ""),
                      encoding="utf-8")
    project = catalog_dir.parent
    strict = run_cli("render", "demo-letter", "--lang", "fi", cwd=project)
    assert strict.exit_code == 2 and "missing required value 'deadline'" in strict.err
    preview = run_cli("render", "demo-letter", "--lang", "fi", "--preview", "-f", "html",
                      cwd=project)
    assert preview.exit_code == 0
    assert '<mark class="lk-missing" title="No value for deadline">((deadline))</mark>' \
        in preview.out


def test_new_letter_passes_check(run_cli, catalog_dir):
    project = catalog_dir.parent
    shutil.copytree(REPO / "letters" / "_shared", catalog_dir / "_shared", dirs_exist_ok=True)
    result = run_cli("new", "interview-invitation-family", "--kind", "interview-invitation",
                     cwd=project)
    assert result.exit_code == 0, result.err
    folder = catalog_dir / "interview-invitation-family"
    meta = yaml.safe_load((folder / "letter.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == "interview-invitation" and meta["languages"] == ["fi", "sv", "en"]
    assert meta["variables"]["interview_at"]["type"] == "datetime"
    assert run_cli("check", str(folder)).exit_code == 0
    rendered = run_cli("render", "interview-invitation-family", "--lang", "fi", cwd=project)
    assert "# Tule puhutteluun keskiviikkona 9. joulukuuta 2026 klo 9.00" in rendered.out
    again = run_cli("new", "interview-invitation-family", "--kind", "interview-invitation",
                    cwd=project)
    assert again.exit_code == 2 and "already exists" in again.err
    bad = run_cli("new", "Bad Name", "--kind", "interview-invitation", cwd=project)
    assert bad.exit_code == 2 and "kebab-case" in bad.err
    unknown = run_cli("new", "x", "--kind", "love-letter", cwd=project)
    assert unknown.exit_code == 2 and "unknown kind 'love-letter'" in unknown.err


def test_build_writes_every_page_and_an_index(run_cli, catalog_dir, tmp_path):
    out = tmp_path / "site"
    result = run_cli("build", "--out", str(out), cwd=catalog_dir.parent)
    assert result.exit_code == 0, result.out
    assert "Rendered 6 pages" in result.out and "index.html" in result.out
    pages = sorted(p.name for p in (out / "demo-letter").iterdir())
    assert pages == [f"{s}.{lang}.html" for s in ("default", "with-counsel")
                     for lang in ("en", "fi", "sv")]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="demo-letter/with-counsel.sv.html"' in index


def test_console_script_runs_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "letterkit", "check", str(tmp_path / "x")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr
