"""Run every catalogue command on a project and classify the outcome.

The property the fuzz tests check: each command ends with exit 0, 1 or 2 within a time
limit, and never with a Python traceback.
"""

from __future__ import annotations

import io
import shutil
import signal
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent.parent

COMMANDS = (
    ("check",),
    ("lint",),
    ("render", "demo-letter", "--lang", "fi"),
    ("readability",),
    ("build", "--out", "out"),
    ("glossary", "validate"),
)
SECONDS = 20


class Hang(Exception):
    pass


@dataclass
class Outcome:
    command: tuple[str, ...]
    exit_code: int | None  # None: traceback or hang
    output: str
    failure: str = ""  # "traceback" or "hang"


def make_project(root: Path, *, glossary: bool = False) -> Path:
    """A copy of the test catalogue with the real rules (and optionally the term base)."""
    project = root / "project"
    shutil.copytree(FIXTURES / "catalog", project / "letters")
    shutil.copytree(REPO / "linting", project / "linting")
    glossary_dir = project / "glossary"
    glossary_dir.mkdir()
    sources = sorted((REPO / "glossary").glob("*.yaml"))
    for path in sources if glossary else sources[:3]:
        shutil.copy(path, glossary_dir / path.name)
    (project / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    return project


def _alarm(signum, frame):  # noqa: ANN001
    raise Hang()


def run_command(project: Path, args: tuple[str, ...], seconds: int = SECONDS) -> Outcome:
    """Run ``letterkit ARGS`` in-process in *project*; a traceback or hang is a failure."""
    import os

    from letterkit.cli import main

    old_cwd = os.getcwd()
    os.chdir(project)
    out = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with redirect_stdout(out), redirect_stderr(out):
            main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
        return Outcome(args, code, out.getvalue())
    except Hang:
        return Outcome(args, None, out.getvalue(), "hang")
    except BaseException:  # noqa: BLE001 - that is what we look for
        return Outcome(args, None, out.getvalue() + traceback.format_exc(), "traceback")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(old_cwd)
    return Outcome(args, 0, out.getvalue())


def run_all(project: Path, commands=COMMANDS, seconds: int = SECONDS) -> list[Outcome]:
    return [run_command(project, args, seconds) for args in commands]


def assert_well_behaved(outcomes: list[Outcome], *, expect_bad_input: bool = False) -> None:
    for outcome in outcomes:
        name = " ".join(outcome.command)
        if outcome.failure:
            pytest.fail(f"letterkit {name}: {outcome.failure}\n{outcome.output[-3000:]}")
        assert outcome.exit_code in (0, 1, 2), (name, outcome.exit_code, outcome.output)
        if expect_bad_input:
            assert outcome.exit_code == 2, (name, outcome.output)
