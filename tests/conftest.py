"""Shared fixtures: a copy of the small test catalogue and a CLI runner that sees exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/catalog (letters/ of a small project)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "catalog", project / "letters")
    shutil.copytree(REPO / "linting", project / "linting")
    # No term base unless a test adds one (the shipped one would add TRM findings).
    (project / "pyproject.toml").write_text("[tool.letterkit]\nglossaries = []\n",
                                            encoding="utf-8")
    return project / "letters"


@dataclass
class Result:
    exit_code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line.strip()]


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``letterkit ARGS`` in-process from a folder; return exit code, stdout and stderr."""
    from letterkit.cli import main

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:  # pragma: no cover - main always exits
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The documentation site built once per test run from a copy of the content
    (``mkdocs build --strict``); the built site's folder."""
    pytest.importorskip("mkdocs")
    repo = Path(__file__).resolve().parent.parent
    work = tmp_path_factory.mktemp("site")
    for name in ("docs", "letters", "linting", "glossary", "guides", "training"):
        shutil.copytree(repo / name, work / name, ignore=shutil.ignore_patterns("generated"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(repo / name, work / name)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(work / "out")],
        cwd=work, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "out"
