"""Errors a user can cause, each pointing at a file and a line.

Exit codes follow the convention of the whole toolkit: 0 clean, 1 problems found in the
content, 2 unusable input (a file that cannot be read or parsed, a bad option).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


def display_path(path: str | Path | None) -> str:
    """Return *path* relative to the working directory when it lies below it."""
    if path is None:
        return "<input>"
    try:
        cwd = os.getcwd()
    except OSError:
        return str(path)
    return _relative(str(path), cwd)


@functools.lru_cache(maxsize=4096)  # a report names the same few files many times
def _relative(path: str, cwd: str) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path(cwd).resolve()))
    except (ValueError, OSError, RuntimeError):  # outside, or a symbolic link loop
        return str(p)


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column (0 means unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        text = display_path(self.path)
        if self.line:
            text += f":{self.line}"
            if self.col:
                text += f":{self.col}"
        return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, reported as ``path:line:col: message``."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class Unreadable(Problem):
    """A file that should have been read and could not be: the commands that skip it exit 2."""


class LetterkitError(Exception):
    """An error caused by input, shown to the user as one line with its location."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, location: Location | None = None):
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    @property
    def problem(self) -> Problem:
        return Problem(self.location or Location("<input>"), self.message)

    @property
    def unreadable(self) -> Unreadable:
        return Unreadable(self.location or Location("<input>"), self.message)


class UnreadableError(LetterkitError):
    """A file that had to be read and could not be (missing, not text, a folder): the
    commands that meet it exit 2, never "no problems"."""

    @property
    def problem(self) -> Problem:
        return self.unreadable


class ContentError(LetterkitError):
    """A problem in letters, samples or data that ``check`` reports and continues past."""

    exit_code = EXIT_PROBLEMS


class ProblemsError(LetterkitError):
    """Several problems that make the input unusable, reported together (one line each)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.message, first.location)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
