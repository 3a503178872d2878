"""letterkit lint [PATH...] [--lang L] [--format text|json|sarif|github]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letterkit import LANGUAGES
from letterkit.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEMS, LetterkitError, Location

TEXT_SUFFIXES = (".md", ".markdown", ".txt")


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--lang", "-l", type=click.Choice(LANGUAGES),
              help="Language of .md and .txt files (letters know their languages).")
@click.option("--format", "-f", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json", "sarif", "github"]))
@click.option("--select", multiple=True, help="Only rules whose code starts with this.")
@click.option("--ignore", multiple=True, help="Skip rules whose code starts with this.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
def command(paths: tuple[Path, ...], lang: str | None, fmt: str, select: tuple[str, ...],
            ignore: tuple[str, ...], list_rules: bool) -> None:
    """Check letters (default: letters/) or .md/.txt files against the plain-language rules.

    Findings point at the template line that produced the text, with the samples that
    produced it. Exit 0 with no error-level finding, 1 with some, 2 on bad input.
    """
    from letterkit.cli.common import analysis_cache
    from letterkit.lint import load_rules, sort_findings
    from letterkit.lint.rules import selection
    from letterkit.project import find_project
    from letterkit.report import report

    project = find_project(paths[0] if paths else None)
    config_select, config_ignore = selection(project.settings)
    ruleset = load_rules(project.linting_dir, select=select or config_select,
                         ignore=ignore + config_ignore)
    if list_rules:
        for rule in sorted(ruleset.rules, key=lambda r: (r.code, r.spec.lang)):
            spec = rule.spec
            click.echo(f"{spec.code} {spec.lang} {spec.severity.value:<10} {spec.name} "
                       f"({spec.kind})")
        return
    catalogs: list = []
    with analysis_cache(project):
        findings = _lint_paths(paths, lang, ruleset, project, catalogs)
    findings = sort_findings(findings)
    rules_meta = {r.code: {"name": r.spec.name, "description": r.spec.description,
                           "url": r.spec.link, "severity": r.spec.severity.value}
                  for r in ruleset.rules}
    click.echo(report(findings, fmt, rules=rules_meta), nl=False)
    errors = sum(1 for f in findings if f.severity.value == "error")
    if fmt == "text":
        click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}, "
                   f"{errors} at error level", err=True)
    from letterkit.cli.common import report_unreadable

    if report_unreadable(catalogs):  # their findings are missing from the count above
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_PROBLEMS if errors else EXIT_OK)


def _letter_targets(paths: tuple[Path, ...], letters_dir: Path) -> list[Path]:
    """Turn files inside letters/ (what pre-commit passes) into the letters they belong to;
    a shared partial means every letter. Other paths stay as they are."""
    letters_root = letters_dir.resolve()
    targets: list[Path] = []
    for path in paths:
        resolved = path.resolve()
        if path.is_file() and path.suffix.lower() not in TEXT_SUFFIXES \
                and resolved.is_relative_to(letters_root):
            parts = resolved.relative_to(letters_root).parts
            target = letters_dir if parts[0].startswith("_") else letters_dir / parts[0]
        else:
            target = path
        if target not in targets:
            targets.append(target)
    if letters_dir in targets:  # the whole catalogue covers every single letter
        targets = [t for t in targets if t == letters_dir
                   or not t.resolve().is_relative_to(letters_root)]
    return targets


def _lint_paths(paths, lang, ruleset, project, catalogs: list) -> list:
    from letterkit.catalog import is_letter_dir, load_catalog
    from letterkit.lint import lint_catalog, lint_text
    from letterkit.yamlio import read_text

    findings = []
    for path in _letter_targets(paths, project.letters_dir) or (project.letters_dir,):
        if path.is_dir():
            catalog = load_catalog(path, project.kinds)
            catalogs.append(catalog)
            findings.extend(lint_catalog(catalog, ruleset, project))
        elif path.suffix.lower() in TEXT_SUFFIXES:
            if lang is None:
                raise LetterkitError("give the language of the file with --lang fi, sv or en",
                                     Location(str(path)))
            text = read_text(path)
            if "\x00" in text:
                raise LetterkitError("this is not a text file", Location(str(path)))
            findings.extend(lint_text(text, lang, ruleset, path=str(path),
                                      markdown=path.suffix.lower() != ".txt", project=project))
        elif not path.exists():
            letter_dir = project.letters_dir / str(path)
            if is_letter_dir(letter_dir):
                catalog = load_catalog(letter_dir, project.kinds)
                catalogs.append(catalog)
                findings.extend(lint_catalog(catalog, ruleset, project))
            else:
                raise LetterkitError("no such file, folder or letter", Location(str(path)))
        else:
            raise LetterkitError("expected a letter folder, the letters folder, or a .md or "
                                 ".txt file", Location(str(path)))
    return findings
