"""letterkit build [PATH] [--out DIR]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letterkit.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEMS
from letterkit.project import find_project


@click.command("build")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_dir", default=Path("build/letters"), show_default=True,
              type=click.Path(path_type=Path), help="Folder for the HTML files.")
def command(path: Path | None, out_dir: Path) -> None:
    """Render every letter, language and sample to HTML, with an index page."""
    from letterkit.build import build_catalog
    from letterkit.catalog import load_catalog

    project = find_project(path)
    catalog = load_catalog(path if path is not None else project.letters_dir, project.kinds,
                           project)
    result = build_catalog(catalog, out_dir)
    for problem in result.problems:
        click.echo(str(problem))
    click.echo(f"Rendered {len(result.files)} pages to {out_dir}/ "
               f"({len(catalog.letters)} letters, every language and sample).")
    click.echo(f"Open {result.index.resolve().as_uri()}")
    from letterkit.cli.common import report_unreadable

    if report_unreadable([catalog]):
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_OK if not result.problems else EXIT_PROBLEMS)
