"""letterkit diff against a real git repository."""

import subprocess
from pathlib import Path

import pytest


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(catalog_dir: Path) -> Path:
    root = catalog_dir.parent
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def test_no_change(run_cli, repo):
    result = run_cli("diff", cwd=repo)
    assert result.exit_code == 0 and "No letter changed since HEAD." in result.out


def test_text_change_without_version_bump_fails(run_cli, repo):
    template = repo / "letters" / "demo-letter" / "en.md.j2"
    template.write_text(template.read_text().replace(
        "We need {{ documents | join_list }} from you.",
        "It is required that the documents {{ documents | join_list }} are submitted by you."),
        encoding="utf-8")
    result = run_cli("diff", cwd=repo)
    assert result.exit_code == 1
    assert "demo-letter: version 1 -> 1" in result.out
    assert "en fk_grade:" in result.out
    assert "bump version in letters/demo-letter/letter.yaml" in result.out
    meta = repo / "letters" / "demo-letter" / "letter.yaml"
    meta.write_text(meta.read_text().replace("version: 1", "version: 2"), encoding="utf-8")
    result = run_cli("diff", cwd=repo)
    assert result.exit_code == 0 and "version 1 -> 2" in result.out


def test_placeholder_changes_are_breaking(run_cli, repo):
    meta = repo / "letters" / "demo-letter" / "letter.yaml"
    meta.write_text(meta.read_text().replace(
        "  counsel_name: {type: text, required: false}\n", "").replace("version: 1", "version: 2"),
        encoding="utf-8")
    for lang in ("fi", "sv", "en"):
        template = repo / "letters" / "demo-letter" / f"{lang}.md.j2"
        text = template.read_text()
        start, end = text.index("{% if counsel_name %}"), text.index("{% endif %}") + 12
        template.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cli("diff", cwd=repo)
    assert result.exit_code == 0, result.out
    assert "variable removed: counsel_name (text)" in result.out
    assert "BREAKING" in result.out


def test_bad_base_is_a_clear_error(run_cli, repo):
    result = run_cli("diff", "--base", "no-such-branch", cwd=repo)
    assert result.exit_code == 2 and result.err.startswith("git rev-parse")
