"""letterkit lint [PATH...] [--lang L] [--format text|json|sarif|github]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letterkit import LANGUAGES
from letterkit.errors import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    LetterkitError,
    Location,
    ProblemsError,
    display_path,
)

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
@click.option("--verbose", "-v", is_flag=True, help="Say which rule packs and term bases are used.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=False,
              help="Worker processes for many .md/.txt files (default: one per CPU; 1: none).")
@click.option("--ignore-samples", is_flag=True,
              help="Leave out findings in sample values (reported at the sample file's line).")
def command(paths: tuple[Path, ...], lang: str | None, fmt: str, select: tuple[str, ...],
            ignore: tuple[str, ...], list_rules: bool, verbose: bool = False,
            jobs: int = 0, ignore_samples: bool = False) -> None:
    """Check letters (default: letters/) or .md/.txt files against the plain-language rules
    and the term base.

    Findings point at the template line that produced the text, with the samples that
    produced it; a finding in a sample's value points at the sample file's line
    (--ignore-samples leaves those out). Exit 0 with no error-level finding, 1 with some, 2
    on bad input (a broken rule file, glossary file, letter or template: every problem is
    listed).
    """
    from letterkit.project import find_project

    project = find_project(paths[0] if paths else None)
    if lang and not list_rules:
        _start_dictionary(project, paths, lang)
    if verbose:
        for pack in project.rule_packs:
            click.echo(f"rule pack: {_describe(pack)}", err=True)
        for folder in project.term_bases:
            click.echo(f"term base: {_describe(folder)}", err=True)
    ruleset = _load(project, paths, lang, select, ignore, letters=not list_rules)
    if list_rules:
        for rule in sorted(ruleset.rules, key=lambda r: (r.code, r.spec.lang)):
            spec = rule.spec
            click.echo(f"{spec.code} {spec.lang} {spec.severity.value:<10} {spec.name} "
                       f"({spec.kind})")
        return
    run(project, ruleset, paths, lang, fmt, jobs, ignore_samples=ignore_samples)


def _start_dictionary(project, paths: tuple[Path, ...], lang: str) -> None:
    """Read the spelling dictionary of *lang* in a thread while the rules load (40-80 ms of
    C that does not hold the interpreter), if the text files have words the analysis store
    has not seen: only those need a dictionary. Finnish (Voikko) has nothing to preload, and
    many files are linted by worker processes that read their own."""
    from letterkit import hunspell
    from letterkit.lint.parallel import MIN_FILES

    files = [p for p in paths if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()]
    if lang not in hunspell.BY_LANGUAGE or not files or len(files) >= MIN_FILES:
        return
    store = project.cache_dir / "analyses.sqlite3" if project.caching else None

    def needed(lang: str) -> bool:
        if store is None or not store.is_file():
            return True
        from letterkit.text.store import has_unseen_words

        texts = []
        for path in files:
            try:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue  # the lint reports it
        return has_unseen_words(store, lang, texts)

    hunspell.preload([lang], needed)


def run(project, ruleset, paths: tuple[Path, ...], lang: str | None, fmt: str,
        jobs: int = 0, *, ignore_samples: bool = False) -> None:
    """Lint *paths* with *ruleset*, print the report and exit (shared with the
    ``letterkit glossary check`` alias)."""
    from letterkit.cli.common import analysis_cache
    from letterkit.lint.runner import sort_findings
    from letterkit.report import report

    skipped: list = []  # files that could not be linted (over the time budget, unreadable)
    with analysis_cache(project):
        findings = _lint_paths(paths, lang, ruleset, project, jobs=jobs,
                               ignore_samples=ignore_samples, skipped=skipped)
    findings = sort_findings(findings)
    from letterkit.lint.links import finding_url

    rules_meta = {r.code: {"name": r.spec.name, "description": r.spec.description,
                           "url": finding_url(ruleset.site_url, r.spec.name, r.spec.lang,
                                              r.spec.link),
                           "severity": r.spec.severity.value}
                  for r in ruleset.rules}
    click.echo(report(findings, fmt, rules=rules_meta), nl=False)
    errors = sum(1 for f in findings if f.severity.value == "error")
    for problem in skipped:
        click.echo(str(problem), err=True)
    if fmt == "text":
        summary = (f"{len(findings)} finding{'s' if len(findings) != 1 else ''}, "
                   f"{errors} at error level")
        if skipped:  # never "0 findings" over files that were not linted
            summary = (f"{len(skipped)} problem{'s' if len(skipped) != 1 else ''} stopped the "
                       "lint (listed above)" + (f"; the other files: {summary}"
                                                if findings else ""))
        click.echo(summary, err=True)
    if skipped:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_PROBLEMS if errors else EXIT_OK)


def _describe(folder: Path) -> str:
    from letterkit.packs import BUILTIN

    if folder.resolve().is_relative_to(BUILTIN.resolve()) or folder.is_relative_to(BUILTIN):
        return f"builtin ({folder})"
    return display_path(folder)


def _load(project, paths, lang, select, ignore, letters: bool = True):
    """The rule set; ProblemsError with every problem of the rule packs, the term base and
    the letters to lint when anything cannot be read."""
    from letterkit.lint.rules import RuleSet

    problems = project.problems()
    if problems and letters:
        try:  # also name what is wrong in the letters and templates, in the same run
            _lint_paths(paths, lang, RuleSet(), project, with_terms=False)
        except ProblemsError as exc:
            problems.extend(exc.problems)
        except LetterkitError as exc:
            problems.append(exc.problem)
    if problems:
        raise ProblemsError(problems)
    ruleset = project.rules(select, ignore)
    if not ruleset.known_codes:
        packs = ", ".join(_describe(p) for p in project.rule_packs) or "none"
        raise LetterkitError(f"no lint rules could be loaded (rule packs: {packs}); add rule "
                             "files to linting/<lang>/ or keep \"builtin\" in [tool.letterkit] "
                             "packs", Location(str(project.root)))
    return ruleset


def _letter_targets(paths: tuple[Path, ...], letters_dir: Path) -> list[Path]:
    """Turn files inside letters/ (what pre-commit passes) into the letters they belong to;
    a shared partial means every letter. Other paths stay as they are."""
    letters_root = letters_dir.resolve()
    targets: dict[Path, None] = {}  # in order, each once (a list check is quadratic)
    for path in paths:
        if path.suffix.lower() not in TEXT_SUFFIXES and path.is_file():
            resolved = path.resolve()
            if resolved.is_relative_to(letters_root):
                parts = resolved.relative_to(letters_root).parts
                path = letters_dir if parts[0].startswith("_") else letters_dir / parts[0]
        targets[path] = None
    if letters_dir in targets:  # the whole catalogue covers every single letter
        return [t for t in targets if t == letters_dir
                or not t.resolve().is_relative_to(letters_root)]
    return list(targets)


def _is_guide(path: Path, project) -> bool:
    from letterkit.guides import is_guide_dir

    return is_guide_dir(path) or path.resolve() == project.guides_dir.resolve()


def _lint_paths(paths, lang, ruleset, project, with_terms: bool = True, jobs: int = 1,
                ignore_samples: bool = False, skipped: list | None = None) -> list:
    """The findings of every path; with a *skipped* list, a file that cannot be linted (or
    is over its time budget) adds its problems there and the others are still linted (else
    ProblemsError or LetterkitError)."""
    # Only what a text file needs is imported up front: letters need the renderer (Jinja).
    from letterkit.lint import parallel

    if not with_terms:  # the term base is broken: read the letters without it
        from letterkit.project import Project

        project = Project(project.root, {**project.settings, "glossaries": []})

    findings = []
    texts: list[Path] = []  # consecutive text files, linted together (in parallel when many)

    def lint_texts() -> None:
        if texts:
            terms = project.glossary  # once for all files, not checked per file
            findings.extend(parallel.lint_files(texts, lang, ruleset, project, terms,
                                                jobs or parallel.default_jobs(), skipped))
            texts.clear()

    for path in _letter_targets(paths, project.letters_dir) or (project.letters_dir,):
        if path.suffix.lower() in TEXT_SUFFIXES and not path.is_dir():
            if lang is None:
                raise LetterkitError("give the language of the file with --lang fi, sv or en",
                                     Location(str(path)))
            if path.exists() or path.is_symlink():
                texts.append(path)
                continue
        lint_texts()
        from letterkit.training import is_exercise_file, is_training_dir, lint_training

        if is_training_dir(path) or is_exercise_file(path):  # staff exercises (training/)
            findings.extend(lint_training(path, ruleset, project))
        elif path.is_dir() and _is_guide(path, project):
            from letterkit.guides import is_guide_dir, lint_guide, list_guides, load_guide

            for folder in [path] if is_guide_dir(path) else list_guides(path):
                findings.extend(lint_guide(load_guide(folder), ruleset, project))
        elif path.is_dir():
            from letterkit.catalog import load_catalog
            from letterkit.lint.runner import lint_catalog

            catalog = load_catalog(path, project.kinds, project)
            findings.extend(lint_catalog(catalog, ruleset, project, problems=skipped,
                                         ignore_samples=ignore_samples))
        elif not path.exists():
            from letterkit.catalog import is_letter_dir, load_catalog
            from letterkit.lint.runner import lint_catalog

            letter_dir = project.letters_dir / str(path)
            if is_letter_dir(letter_dir):
                findings.extend(lint_catalog(load_catalog(letter_dir, project.kinds, project),
                                             ruleset, project, problems=skipped,
                                             ignore_samples=ignore_samples))
            else:
                raise LetterkitError("no such file, folder or letter", Location(str(path)))
        else:
            raise LetterkitError("expected a letter folder, the letters folder, or a .md or "
                                 ".txt file", Location(str(path)))
    lint_texts()
    return findings
