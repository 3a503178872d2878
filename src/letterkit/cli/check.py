"""letterkit check [PATH]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letterkit.errors import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    Unreadable,
)
from letterkit.project import find_project


@click.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def command(path: Path | None) -> None:
    """Check the letter catalogue (default: letters/) or one letter's folder.

    Checks the schema of letter.yaml and the samples, that every language has a template,
    that templates use exactly the declared variables, that sections match in every
    language, and that every sample renders in every language. One line per problem;
    exit 0 when clean, 1 when problems are found, 2 when PATH cannot be used.
    """
    from letterkit.check import check_catalog

    project = find_project(path)
    target = path if path is not None else project.letters_dir
    result = check_catalog(target, project.kinds, project)
    for problem in result.problems:
        click.echo(str(problem))
    letters = len(result.catalog.letters)
    summary = (f"{letters} letter{'s' if letters != 1 else ''}, {result.renders} renders: "
               + ("no problems" if result.ok else f"{len(result.problems)} problem"
                  + ("s" if len(result.problems) != 1 else "")))
    click.echo(summary, err=True)
    if result.catalog.unreadable or any(isinstance(p, Unreadable) for p in result.problems):
        # listed above; some content (a letter, sample or partial) was not checked at all
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)

