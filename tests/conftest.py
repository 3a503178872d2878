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


@pytest.fixture(scope="session")
def site_server(site):
    """The built site served over HTTP on 127.0.0.1 (the search runs in a web worker, which a
    browser does not start from file://); its base address."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium through Playwright (never a downloaded browser), headless. One per
    test module: a test that starts Playwright itself must not run inside this one's loop."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield browser
        browser.close()
