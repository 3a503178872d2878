"""``letterkit check``: is every letter of the catalogue complete and consistent?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.catalog import Catalog, load_catalog
from letterkit.errors import LetterkitError, Location, Problem
from letterkit.model.letter import Letter
from letterkit.project import project_of
from letterkit.render import render_letter
from letterkit.templates.introspect import TemplateInfo, analyse


@dataclass
class CheckResult:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    renders: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_catalog(path: Path, kinds: dict[str, Any] | None = None, project: Any = None,
                  allowed: Callable[[], set[str]] | None = None) -> CheckResult:
    """Check every letter under *path* (rendered with *project*, default the project each
    letter is in); raises LetterkitError if *path* is unusable.

    *allowed* gives the texts the personal-data rules allow (default: the ``allow`` lists of
    the project's personal-data rules, the authority's own numbers); it is called only when
    a sample holds something that looks like personal data."""
    catalog = load_catalog(path, kinds, project)
    result = CheckResult(catalog, list(catalog.problems))
    result.problems.extend(_layout_problems(catalog))
    for letter in catalog.letters.values():
        result.renders += check_letter(letter, result.problems, allowed)
    result.problems.sort(key=lambda p: (p.location.path, p.location.line, p.location.col))
    return result


def _layout_problems(catalog: Catalog) -> list[Problem]:
    """The print layout's problems, in the languages the letters are written in: no .docx
    or PDF can be made from a broken one (reported as unreadable, exit 2)."""
    from letterkit.render.layout import layout_problems

    langs = sorted({lang for letter in catalog.letters.values() for lang in letter.languages})
    return layout_problems(catalog.root, langs)


def check_letter(letter: Letter, problems: list[Problem],
                 allowed: Callable[[], set[str]] | None = None) -> int:
    """Add the letter's template problems to *problems*; return how many renders passed."""
    infos: dict[str, TemplateInfo] = {}
    for lang in letter.languages:
        path = letter.template_path(lang)
        if not path.is_file():
            continue  # reported while loading
        env = project_of(letter).environment(lang, letters_root=letter.path.parent)
        try:
            infos[lang] = analyse(env, path, letter.path.parent)
        except LetterkitError as exc:
            problems.append(exc.problem)
    renderable = []
    _check_unused_variables(letter, infos, problems)
    _check_deadlines(letter, problems)
    _check_personal_data(letter, problems, allowed)
    for lang, info in infos.items():
        _check_undeclared_variables(letter, info, problems)
        _check_sections(letter, lang, info, problems)
        if not any(name not in letter.variables for name in info.variables):
            renderable.append(lang)  # else each sample would repeat the same problem
    renders = 0
    for lang in renderable:
        for sample in letter.samples.values():
            if sample.problems:
                continue  # already reported where the sample was read
            try:
                render_letter(letter, lang, sample)
            except LetterkitError as exc:
                problems.append(Problem(exc.location or Location(str(sample.path)),
                                        f"{exc.message} [sample {sample.name}, {lang}]"))
            else:
                renders += 1
    return renders


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _check_personal_data(letter: Letter, problems: list[Problem],
                         allowed: Callable[[], set[str]] | None) -> None:
    """Samples hold invented values only: an identity code with a valid check character, a
    real-looking e-mail address, phone number or IBAN is an error, at its line (PII001 flags
    the same in templates)."""
    from letterkit.personal_data import find_personal_data

    for sample in letter.samples.values():
        lines: list[str] | None = None
        for name, value in sample.raw_values.items():
            for text in _strings(value):
                for found in find_personal_data(text):
                    if found.found in (allowed() if allowed is not None
                                       else personal_data_allowed(project_of(letter))):
                        continue
                    where = sample.locations.get(name) or Location(str(sample.path))
                    if lines is None:
                        try:
                            lines = sample.path.read_text(encoding="utf-8").splitlines()
                        except (OSError, UnicodeDecodeError):
                            lines = []
                    line = next((n for n, row in enumerate(lines, start=1)
                                 if n >= where.line and found.found in row), where.line)
                    problems.append(Problem(Location(where.path, line), (
                        f"sample value {name!r} holds what looks like a real {found.what} "
                        f"({found.found}); samples must hold invented data only: use an "
                        "example address (example.com), a number that is not in use, or a "
                        "made-up code without a valid check character [PII001]")))


def personal_data_allowed(project: Any) -> set[str]:
    """What the project's personal-data rules (PII001) allow, e.g. the authority's own
    service numbers; loaded once per project."""
    allowed = getattr(project, "_personal_data_allowed", None)
    if allowed is None:
        try:
            rules = project.rules().rules
        except LetterkitError:  # broken rule files are lint's to report
            rules = []
        allowed = {text for rule in rules if rule.kind == "personal-data"
                   for text in getattr(rule, "allow", ())}
        project._personal_data_allowed = allowed
    return allowed


def _check_deadlines(letter: Letter, problems: list[Problem]) -> None:
    """Every value of a ``deadline: true`` variable, in every sample, falls on a working day
    (a time limit that ends on a Saturday or a holiday moves to the next working day by law,
    150/1930 s. 5, so a letter that states such a day states the wrong one)."""
    from letterkit import workdays

    for variable in letter.variables.values():
        if not variable.deadline:
            continue
        for sample in letter.samples.values():
            message = workdays.deadline_problem(variable.name, sample.values.get(variable.name))
            if message is None:
                continue
            where = sample.locations.get(variable.name) or Location(str(sample.path))
            problems.append(Problem(where, f"{message} [sample {sample.name}]"))


def _check_undeclared_variables(letter: Letter, info: TemplateInfo,
                                problems: list[Problem]) -> None:
    for name, location in info.variables.items():
        if name not in letter.variables:
            problems.append(Problem(location, (
                f"uses undeclared variable {name!r}; declare it under variables in "
                f"{letter.id}/letter.yaml or fix the name")))


def _check_unused_variables(letter: Letter, infos: dict[str, TemplateInfo],
                            problems: list[Problem]) -> None:
    for name, variable in letter.variables.items():
        unused = [f"{lang}.md.j2" for lang, info in infos.items() if name not in info.variables]
        if unused:
            where = unused[0] if len(unused) == 1 else ", ".join(unused[:-1]) + " and " + unused[-1]
            problems.append(Problem(
                variable.location or letter.location("variables"),
                f"variable {name!r} is declared but not used in {where} (or the partials they "
                "include); use it there or remove it"))


def _check_sections(letter: Letter, lang: str, info: TemplateInfo,
                    problems: list[Problem]) -> None:
    found = [section for section, _ in info.sections]
    where = {section: location for section, location in info.sections}
    template = Location(str(letter.template_path(lang)))
    for section in letter.sections:
        if section not in found:
            problems.append(Problem(template, (
                f"section {section!r} is missing; add a heading ending in {{#{section}}}, "
                f"e.g. '## ... {{#{section}}}'")))
    for section in found:
        if section not in letter.sections:
            problems.append(Problem(where[section], (
                f"section {section!r} is not in sections of letter.yaml; add it there "
                "or fix the id")))
        elif found.count(section) > 1:
            problems.append(Problem(where[section], f"section {section!r} appears twice"))
    common = [section for section in found if section in letter.sections]
    expected = [section for section in letter.sections if section in found]
    if common != expected and len(set(common)) == len(common):
        first_wrong = next(a for a, b in zip(common, expected, strict=True) if a != b)
        problems.append(Problem(where[first_wrong], (
            f"sections are in a different order than in letter.yaml; expected "
            f"{', '.join(expected)}")))
