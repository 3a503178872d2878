"""Helpers shared by the subcommands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from letterkit.errors import LetterkitError, Location

if TYPE_CHECKING:
    from letterkit.model.letter import Letter


def resolve_letter(name: str) -> Letter:
    """Load a letter given by id (looked up in the project's letters/) or by folder path."""
    from letterkit.catalog import is_letter_dir, load_letter
    from letterkit.project import find_project

    as_path = Path(name)
    project = find_project(as_path if as_path.exists() else None)
    if as_path.is_dir() and is_letter_dir(as_path):
        folder = as_path
    else:
        folder = project.letters_dir / name
        if not is_letter_dir(folder):
            known = []
            if project.letters_dir.is_dir():
                known = sorted(p.name for p in project.letters_dir.iterdir()
                               if is_letter_dir(p))
            raise LetterkitError(
                f"no letter {name!r}; letters: {', '.join(known) or 'none'}",
                Location(str(project.letters_dir)))
    return load_letter(folder, project.kinds, project)


def write_output(text: str, output: Path | None, done: str | None = None) -> None:
    """Print *text*, or write it to *output* and say so (*done*, default "wrote FILE")."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LetterkitError(f"cannot write: {exc.strerror}", Location(str(output))) from None
    click.echo(done or f"wrote {output}", err=True)


def write_binary(data: bytes, output: Path | None) -> None:
    """Write *data* (a .docx, a PDF) to *output*, or to standard output when it is a pipe."""
    import sys

    if output is None:
        if sys.stdout.isatty():
            raise LetterkitError("refusing to write a binary file to the terminal; give -o FILE")
        sys.stdout.buffer.write(data)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        raise LetterkitError(f"cannot write: {exc.strerror}", Location(str(output))) from None
    click.echo(f"wrote {output}", err=True)


@contextmanager
def analysis_cache(project) -> Iterator[None]:
    """Look word analyses up in ``analyses.sqlite3`` in the project's cache folder
    (``var/cache``; ``LETTERKIT_NO_CACHE=1`` turns it off); a cache that cannot be used is
    skipped. At the end, what was compiled on first use is saved to the compiled cache."""
    from letterkit.text import store

    if not project.caching:
        yield
        return
    opened = store.AnalysisStore.open(project.cache_dir / "analyses.sqlite3")
    try:
        yield
    finally:
        if opened is not None:
            opened.close()
        project.save_compiled()


def report_unreadable(catalogs) -> bool:
    """Print each letter, sample or template that could not be read; True when there was one.

    A command that passed over such a file must not report success over what it skipped.
    """
    unreadable = [problem for catalog in catalogs for problem in catalog.unreadable]
    for problem in unreadable:
        click.echo(f"{problem} (not read)", err=True)
    return bool(unreadable)
