"""Finding letter folders and loading them: :class:`Catalog`, :func:`load_catalog`,
:func:`load_letter`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.catalog.schema import read_letter
from letterkit.errors import LetterkitError, Location, Problem, Unreadable
from letterkit.model.letter import Letter


@dataclass
class Catalog:
    """All letters found under a folder, and what was wrong with them."""

    root: Path
    letters: dict[str, Letter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def shared_dir(self) -> Path:
        return self.root / "_shared"

    @property
    def unreadable(self) -> list[Problem]:
        """The letters, samples and templates that could not be read at all."""
        return [p for p in self.problems if isinstance(p, Unreadable)]


def is_letter_dir(path: Path) -> bool:
    return (path / "letter.yaml").is_file()


def letter_dirs(root: Path) -> list[Path]:
    """Letter folders directly under *root*, skipping ``_shared`` and hidden folders."""
    return sorted(
        child for child in root.iterdir()
        if child.is_dir() and not child.name.startswith(("_", "."))
    )


def load_catalog(path: Path, kinds: dict[str, Any] | None = None, project: Any = None
                 ) -> Catalog:
    """Load every letter under *path* (a ``letters/`` folder or one letter's folder).

    The letters render with *project*'s templates environment and term base (without one,
    the project a letter is in is found when it is first rendered). Raises LetterkitError
    when *path* is not usable at all.
    """
    path = Path(path)
    if not path.exists():
        raise LetterkitError("no such file or folder", Location(str(path)))
    if not path.is_dir():
        raise LetterkitError("expected the letters folder or a letter's folder",
                             Location(str(path)))
    if is_letter_dir(path):
        catalog = Catalog(path.parent)
        folders = [path]
    else:
        catalog = Catalog(path)
        folders = letter_dirs(path)
        if not folders:
            raise LetterkitError(
                "no letters here: expected folders with a letter.yaml in them",
                Location(str(path)),
            )
    for folder in folders:
        letter = read_letter(folder, catalog.problems, kinds)
        if letter is not None:
            letter.project = project
            catalog.letters[letter.id] = letter
    return catalog


def load_letter(path: Path, kinds: dict[str, Any] | None = None, project: Any = None
                ) -> Letter:
    """Load one letter; raise LetterkitError on the first problem outside its samples.

    A sample's own problems are kept on the sample and reported when it is rendered, so
    one broken sample does not stop the others.
    """
    problems: list[Problem] = []
    letter = read_letter(Path(path), problems, kinds)
    sample_problems = {p for s in (letter.samples.values() if letter else ()) for p in s.problems}
    for problem in problems:
        if problem not in sample_problems:
            raise LetterkitError(problem.message, problem.location)
    assert letter is not None
    letter.project = project
    return letter
