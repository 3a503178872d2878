"""``letterkit glossary``: check letters against the term base, look terms up, exchange it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click

from letterkit.cli.common import write_output
from letterkit.errors import EXIT_BAD_INPUT, EXIT_PROBLEMS, display_path
from letterkit.glossary import (
    LANGS,
    Glossary,
    check_letter,
    load_glossary,
    lookup,
    phrasebook,
)
from letterkit.model.finding import Finding, Severity


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
@GLOSSARY_OPTION
def validate_cmd(glossary_dir: Path | None) -> None:
    """Check the glossary files; exit 2 with path:line for each problem."""
    glossary = _load(glossary_dir)
    verified = sum(1 for c in glossary if c.verified)
    click.echo(f"{len(glossary)} concepts OK ({verified} with a checked source page)")


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
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@GLOSSARY_OPTION
def export_cmd(fmt: str, output: Path | None, glossary_dir: Path | None) -> None:
    """Export the term base as TBX-Basic (for CAT tools) or CSV (one row per term)."""
    from letterkit.glossary.exchange import export_csv, export_tbx

    glossary = _load(glossary_dir)
    text = export_tbx(glossary) if fmt == "tbx" else export_csv(glossary)
    write_output(text, output, f"wrote {len(glossary)} concepts to {output}")


@command.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The folder to write the concept files into.")
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default=None,
              help="Default: from the file name (.tbx/.xml or .csv).")
@click.option("--force", is_flag=True, help="Replace concept files that differ.")
def import_cmd(file: Path, output: Path, fmt: str | None, force: bool) -> None:
    """Import a TBX or CSV file into one YAML file per concept."""
    from letterkit.glossary.exchange import import_file, write_glossary

    glossary = import_file(file, fmt)
    written = write_glossary(glossary, output, force=force)
    click.echo(f"wrote {len(written)} concept files to {output}", err=True)


@command.command("check")
@click.argument("letters_dir", required=False, type=click.Path(path_type=Path))
@click.option("--sample", "samples", multiple=True,
              help="Only these samples (default: every sample of every letter).")
@click.option("--format", "fmt", type=click.Choice(["line", "json"]), default="line",
              show_default=True)
@GLOSSARY_OPTION
def check_cmd(letters_dir: Path | None, samples: tuple[str, ...], fmt: str,
              glossary_dir: Path | None) -> None:
    """Render every letter's samples and check the terms (TRM001-TRM004).

    Prints ``path:line:col: TRMnnn [severity] message``; exits 1 on error-level findings.
    """
    from letterkit.catalog import load_catalog
    from letterkit.project import find_project

    project = find_project(letters_dir)
    glossary = load_glossary(glossary_dir or project.glossary_dir)
    catalog = load_catalog(letters_dir or project.letters_dir, project.kinds)
    if catalog.problems:
        for problem in catalog.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    findings = check_catalog(catalog, glossary, samples)
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    click.echo(f"{len(findings)} glossary findings ({errors} errors) in "
               f"{len(catalog.letters)} letters", err=True)
    if errors:
        raise SystemExit(EXIT_PROBLEMS)


def check_catalog(catalog, glossary: Glossary, only_samples: tuple[str, ...] = ()
                  ) -> list[Finding]:
    """Glossary findings for every letter and sample of *catalog*, merged across samples."""
    merged: dict[tuple, Finding] = {}
    for letter in catalog.letters.values():
        names = [n for n in sorted(letter.samples) if not only_samples or n in only_samples]
        for sample in names or [None]:
            for finding in check_rendered_letter(letter, glossary, sample):
                key = (finding.path, finding.line, finding.column, finding.code,
                       finding.message)
                old = merged.get(key)
                if old is None:
                    merged[key] = finding
                elif sample and sample not in old.samples:
                    merged[key] = replace(old, samples=(*old.samples, sample))
    return sorted(merged.values(), key=lambda f: (f.path, f.line, f.column, f.code))


def check_rendered_letter(letter, glossary: Glossary, sample: str | None) -> list[Finding]:
    """Render *letter* in each of its languages with *sample* and check the terms.

    Only the body is checked (from the first level-1 heading): the letterhead is shared text.
    """
    from letterkit.lint.runner import template_span
    from letterkit.render import render_letter

    rendered = {lang: render_letter(letter, lang, sample) for lang in letter.languages}
    texts = {}
    for lang, r in rendered.items():
        start = r.body_start
        head = "".join(c if c == "\n" else " " for c in r.markdown[:start])
        texts[lang] = head + r.markdown[start:]
    issues = check_letter(texts, glossary)
    findings = []
    for lang, lang_issues in issues.items():
        r = rendered[lang]
        template = display_path(letter.template_path(lang))
        for issue in lang_issues:
            if issue.code == "TRM003":  # a concept missing from this version: its first line
                path, line, col, end_line, end_col = template, 1, 1, 1, 2
            else:
                path, line, col, end_line, end_col = template_span(r, issue.start, issue.end)
                path = display_path(path)
            finding = issue.to_finding(path, line, col, end_line, end_col)
            if sample:
                finding = replace(finding, samples=(sample,))
            findings.append(finding)
    return findings
