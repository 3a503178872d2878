"""``letterkit glossary``: validate the term base, look terms up, exchange it.

``letterkit glossary check`` is an alias of ``letterkit lint --select TRM``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from letterkit.cli.common import write_output
from letterkit.errors import EXIT_PROBLEMS, display_path
from letterkit.glossary import LANGS, Glossary, load_glossary, lookup, phrasebook


def _glossary_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from letterkit.project import find_project

    return find_project().glossary_dir


def _load(option: Path | None) -> Glossary:
    return load_glossary(_glossary_dir(option))


GLOSSARY_OPTION = click.option(
    "--glossary", "glossary_dir", type=click.Path(path_type=Path), default=None,
    help="The term base folder (default: the project's glossary/).")


@click.group("glossary")
def command() -> None:
    """The term base: one concept per file in glossary/, its words in fi, sv and en."""


@command.command("validate")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a source is outside the allow-list (glossary/sources.yaml).")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list, with path:line, every source note that a term is not verified.")
@GLOSSARY_OPTION
def validate_cmd(strict: bool, verbose: bool, glossary_dir: Path | None) -> None:
    """Check the glossary files; exit 2 with path:line for each problem. Warn, with
    path:line, about every source outside the allow-list of source domains in
    glossary/sources.yaml."""
    from letterkit.glossary.sources import load_allowlist, source_warnings, unverified

    folder = _glossary_dir(glossary_dir)
    glossary = load_glossary(folder)
    allowlist = load_allowlist(folder)
    warnings = source_warnings(glossary, allowlist) if allowlist else []
    for warning in warnings:
        click.echo(str(warning), err=True)
    verified = sum(1 for c in glossary if c.verified)
    notes = unverified(glossary)
    if verbose:
        for location, note in notes:
            click.echo(f"{location}: not verified: {note}")
    line = (f"{len(glossary)} concepts OK ({verified} with a checked source page; "
            f"{len(notes)} source notes say something is not verified), "
            f"{len(glossary.phrases)} customer-service phrases OK")
    if allowlist is None:
        line += f"; no {display_path(folder / 'sources.yaml')}, so sources were not checked"
    elif warnings:
        count = f"{len(warnings)} source{'s' if len(warnings) > 1 else ''}"
        line += f"; {count} outside {display_path(allowlist.path)}"
    else:
        line += f"; every source url is on {display_path(allowlist.path)}"
    click.echo(line)
    if strict and warnings:
        raise SystemExit(EXIT_PROBLEMS)


@command.command("show")
@click.argument("term")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Search one language only.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@GLOSSARY_OPTION
def show_cmd(term: str, lang: str | None, as_json: bool, glossary_dir: Path | None) -> None:
    """Find a concept by any of its terms, in any language and inflected form."""
    glossary = _load(glossary_dir)
    matches = lookup(term, glossary, lang)
    if not matches:
        click.echo(f"no concept found for {term!r}", err=True)
        raise SystemExit(EXIT_PROBLEMS)
    if as_json:
        click.echo(json.dumps([m.concept.to_data() for m in matches], ensure_ascii=False,
                              indent=2))
        return
    for i, match in enumerate(matches):
        if i:
            click.echo("")
        concept = match.concept
        how = "" if match.exact else " (inside a longer word)"
        click.echo(f"{concept.id} [{concept.domain}]: found as {match.lang} "
                   f"“{match.term}” ({match.status}){how}")
        for code in LANGS:
            entry = concept.languages[code]
            line = f"  {code}: {entry.preferred}"
            if entry.admitted:
                line += "; also: " + ", ".join(entry.admitted)
            if entry.deprecated:
                line += "; avoid: " + ", ".join(d.term for d in entry.deprecated)
            if entry.requires_explanation:
                line += "  (explain it in letters)"
            click.echo(line)
            click.echo(f"      {entry.explanation}")
        click.echo(f"  source: {'checked' if concept.verified else 'not verified'} "
                   f"({display_path(concept.path) if concept.path else ''})")


@command.command("phrasebook")
@click.argument("lang", type=click.Choice(LANGS))
@click.option("--domain", default=None, help="Only one subject field.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@GLOSSARY_OPTION
def phrasebook_cmd(lang: str, domain: str | None, as_json: bool, glossary_dir: Path | None
                   ) -> None:
    """The staff phrasebook: each preferred term and how to explain it."""
    entries = phrasebook(lang, _load(glossary_dir), domain)
    if as_json:
        click.echo(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    for entry in entries:
        click.echo(f"{entry.term}: {entry.explanation}")


@command.command("export")
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx-basic", "csv"]), default="tbx",
              show_default=True,
              help="tbx: TBX v3 (ISO 30042:2019, <tbx> root); tbx-basic: TBX 2008 TBX-Basic "
                   "(<martif> root), which translate-toolkit and most CAT tools read; csv: one "
                   "row per term.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@GLOSSARY_OPTION
def export_cmd(fmt: str, output: Path | None, glossary_dir: Path | None) -> None:
    """Export the term base as TBX-Basic (v3 or 2008, for CAT tools) or CSV (one row per
    term)."""
    from letterkit.glossary.exchange import export

    glossary = _load(glossary_dir)
    text = export(glossary, fmt)
    write_output(text, output, f"wrote {len(glossary)} concepts to {output}")


@command.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The folder to write the concept files into.")
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default=None,
              help="Default: from the file name (.tbx/.xml or .csv). tbx reads TBX v3 and "
                   "TBX 2008 (martif) alike.")
@click.option("--force", is_flag=True, help="Replace concept files that differ.")
def import_cmd(file: Path, output: Path, fmt: str | None, force: bool) -> None:
    """Import a TBX or CSV file into one YAML file per concept."""
    from letterkit.glossary.exchange import import_file, write_glossary

    glossary = import_file(file, fmt)
    written = write_glossary(glossary, output, force=force)
    click.echo(f"wrote {len(written)} concept files to {output}", err=True)


@command.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "line", "json", "sarif", "github"]),
              help="As letterkit lint (line is text).")
@GLOSSARY_OPTION
def check_cmd(paths: tuple[Path, ...], fmt: str, glossary_dir: Path | None) -> None:
    """Check letters against the term base: the same as ``letterkit lint --select TRM``
    (with --glossary, against that term base alone)."""
    from letterkit.cli.lint import _load, run
    from letterkit.project import Project, find_project

    project = find_project(paths[0] if paths else None)
    if glossary_dir is not None:
        project = Project(project.root, {**project.settings,
                                         "glossaries": [str(glossary_dir.resolve())]})
    ruleset = _load(project, paths, None, ("TRM",), ())
    run(project, ruleset, paths, None, "text" if fmt == "line" else fmt)
