"""letterkit new LETTER --kind KIND"""

from __future__ import annotations

import click

from letterkit.project import find_project


@click.command("new")
@click.argument("letter")
@click.option("--kind", "-k", required=True, help="Letter kind from linting/config.yaml.")
@click.option("--audience", default="applicant", show_default=True, help="Who reads it.")
@click.option("--owner", default="Letter team", show_default=True, help="The owning team.")
def command(letter: str, kind: str, audience: str, owner: str) -> None:
    """Create letters/LETTER/ with fi, sv and en templates, metadata and a sample."""
    from letterkit.errors import display_path
    from letterkit.scaffold import scaffold_letter

    project = find_project()
    folder = scaffold_letter(project, letter, kind, audience=audience, owner=owner)
    click.echo(f"Created {display_path(folder)}/ with letter.yaml, fi.md.j2, sv.md.j2, en.md.j2 "
               "and samples/default.yaml.")
    click.echo(f"Next: write the sections, then run `letterkit check {display_path(folder)}`.")
