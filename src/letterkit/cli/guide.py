"""letterkit guide check|lint|render: the illustrated customer guides in guides/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letterkit import LANGUAGES
from letterkit.errors import EXIT_OK, EXIT_PROBLEMS, LetterkitError, Location


def _project_and_glossary():
    from letterkit.glossary import load_glossary
    from letterkit.project import find_project

    project = find_project()
    glossary = load_glossary(project.glossary_dir) if project.glossary_dir.is_dir() else None
    return project, glossary


def resolve_guides(names: tuple[str, ...], project) -> list:
    from letterkit.guides import is_guide_dir, list_guides, load_guide

    if not names:
        return [load_guide(p) for p in list_guides(project.guides_dir)]
    guides = []
    for name in names:
        path = Path(name)
        folder = path if is_guide_dir(path) else project.guides_dir / name
        if not is_guide_dir(folder):
            known = ", ".join(p.name for p in list_guides(project.guides_dir)) or "none"
            raise LetterkitError(f"no guide {name!r}; guides: {known}",
                                 Location(str(project.guides_dir)))
        guides.append(load_guide(folder))
    return guides


@click.group("guide")
def command() -> None:
    """Check, lint and render the illustrated customer guides (guides/<id>/guide.yaml)."""


@command.command("check")
@click.argument("guides", nargs=-1)
def check(guides: tuple[str, ...]) -> None:
    """Validate guides and draw every picture in every language (exit 2 on a problem)."""
    from letterkit.guides import check_guide

    project, glossary = _project_and_glossary()
    loaded = resolve_guides(guides, project)
    for guide in loaded:
        check_guide(guide, glossary)
    click.echo(f"{len(loaded)} guide{'s' if len(loaded) != 1 else ''} ok", err=True)


@command.command("render")
@click.argument("guide")
@click.option("--lang", "-l", type=click.Choice(LANGUAGES), required=True)
@click.option("--out", "-o", type=click.Path(path_type=Path), required=True)
def render(guide: str, lang: str, out: Path) -> None:
    """Write index.html and one SVG per step, printable on A4, into OUT."""
    from letterkit.guides import render_guide

    project, glossary = _project_and_glossary()
    (loaded,) = resolve_guides((guide,), project)
    written = render_guide(loaded, lang, out, glossary)
    click.echo(f"wrote {len(written)} files to {out}", err=True)


@command.command("lint")
@click.argument("guides", nargs=-1)
@click.option("--format", "-f", "fmt", default="text",
              type=click.Choice(["text", "json", "sarif", "github"]))
def lint(guides: tuple[str, ...], fmt: str) -> None:
    """The letters' language rules and term base on every step (same as letterkit lint)."""
    from letterkit.guides import lint_guide
    from letterkit.lint import load_rules, sort_findings
    from letterkit.lint.rules import selection
    from letterkit.report import report

    project, _glossary = _project_and_glossary()
    select, ignore = selection(project.settings)
    ruleset = load_rules(project.linting_dir, select=select, ignore=ignore)
    findings = sort_findings(f for g in resolve_guides(guides, project)
                             for f in lint_guide(g, ruleset, project))
    click.echo(report(findings, fmt), nl=False)
    errors = sum(1 for f in findings if f.severity.value == "error")
    sys.exit(EXIT_PROBLEMS if errors else EXIT_OK)


@command.command("video")
@click.argument("guides", nargs=-1)
@click.option("--lang", "-l", "langs", type=click.Choice(LANGUAGES), multiple=True,
              help="Language (repeatable; default: every language).")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="Folder (default: var/cache/videos/, where the site build finds it).")
@click.option("--format", "fmt", type=click.Choice(["webm", "mp4"]), default="webm",
              show_default=True)
def video(guides: tuple[str, ...], langs: tuple[str, ...], out: Path, fmt: str) -> None:
    """Narrated videos of GUIDES (default: every guide) with WebVTT captions (espeak-ng,
    rsvg-convert, ffmpeg). A video whose guide has not changed is not made again."""
    from letterkit.video import CACHE, cached_video, duration, make_video

    project, glossary = _project_and_glossary()
    out = out or project.root / CACHE
    for loaded in resolve_guides(guides, project):
        for lang in langs or LANGUAGES:
            if cached_video(loaded, lang, out, glossary, fmt) is not None:
                click.echo(f"{loaded.id} ({lang}): up to date", err=True)
                continue
            path, captions = make_video(loaded, lang, out, glossary, fmt)
            click.echo(f"wrote {path} ({duration(path):.1f} s) and {captions}", err=True)
