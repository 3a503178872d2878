"""letterkit diff [--base REF]"""

from __future__ import annotations

import sys

import click

from letterkit.errors import EXIT_OK, EXIT_PROBLEMS


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


@click.command("diff")
@click.option("--base", default="HEAD", show_default=True,
              help="The git revision to compare with, e.g. origin/main in a pull request.")
def command(base: str) -> None:
    """Show what changed in each letter since BASE: readability, findings, variables.

    Fails (exit 1) when a letter's text changed but its version in letter.yaml did not.
    """
    from letterkit.diff import diff_against
    from letterkit.lint import load_rules
    from letterkit.lint.rules import selection
    from letterkit.project import find_project

    project = find_project()
    select, ignore = selection(project.settings)
    ruleset = load_rules(project.linting_dir, select=select, ignore=ignore)
    diffs = diff_against(project, base, ruleset)
    failed = False
    if not diffs:
        click.echo(f"No letter changed since {base}.")
    for d in diffs:
        if d.status != "changed":
            version = d.new_version if d.status == "added" else d.old_version
            click.echo(f"{d.letter_id}: {d.status} (version {version})")
            continue
        click.echo(f"{d.letter_id}: version {d.old_version} -> {d.new_version}"
                   + ("" if d.text_changed else " (metadata or samples only)"))
        for lang, (before, after, name) in d.readability.items():
            click.echo(f"  {lang} {name}: {_figure(before)} -> {_figure(after)}")
        for line in d.findings_added:
            click.echo(f"  + {line}")
        for line in d.findings_removed:
            click.echo(f"  - {line}")
        for variable in d.variables_added:
            click.echo(f"  variable added: {variable}")
        for variable in d.variables_removed:
            click.echo(f"  variable removed: {variable}")
        if d.breaking:
            click.echo("  BREAKING: the systems that fill in this letter must change too")
        if d.version_not_bumped:
            failed = True
            click.echo(f"  error: the text changed but version is still {d.new_version}; "
                       f"bump version in letters/{d.letter_id}/letter.yaml")
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)
