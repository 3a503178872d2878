"""Run rules over texts and letters; map what they find to template lines.

Every check is a rule of a kind (the term base's too: kind ``term``), run here. A letter is
linted once per language and sample, on the rendered text; the language versions of one
sample see each other (``LintContext.versions``). A letter that does not load, a template
that does not compile and a sample that does not render stop the lint with every problem
(ProblemsError, exit 2): the linter never reports clean on text it could not read.

Each hit is mapped through the render's source map to the template ``path:line:col`` that
produced it, and hits found with several samples become one finding that lists the samples.
A hit that lies wholly in a variable's value (a real-looking e-mail address in a sample, a
deprecated term in a value) points at the sample file and line of that value, which is where
the writer fixes it; ``ignore_samples`` leaves such findings out (``letterkit lint
--ignore-samples``).
"""

from __future__ import annotations

import bisect
import os
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location, Problem, ProblemsError
from letterkit.lint.context import Hit, LintContext
from letterkit.lint.links import finding_url
from letterkit.lint.rules import RuleSet
from letterkit.model.finding import Finding, Severity

if TYPE_CHECKING:  # letters need the renderer (Jinja); a text file does not
    from letterkit.catalog import Catalog
    from letterkit.glossary.model import Glossary
    from letterkit.lint.kinds import Rule
    from letterkit.model.letter import Letter
    from letterkit.project import Project
    from letterkit.render import RenderedLetter

UNUSED_SUPPRESSION = ("LKT001", "unused-suppression")
# Wall-clock seconds for linting one file (a letter with all its languages and samples, or
# one text file); LETTERKIT_LINT_SECONDS changes it. Checked between rules: a file over it
# is reported (exit 2) and the other files are still linted.
LINT_SECONDS = 60.0
_budget = threading.local()


class LintBudgetExceeded(LetterkitError):
    """Linting one file took longer than its budget."""


def lint_seconds() -> float:
    try:
        return float(os.environ.get("LETTERKIT_LINT_SECONDS", "") or LINT_SECONDS)
    except ValueError:
        return LINT_SECONDS


@contextmanager
def lint_budget(where: Location, seconds: float | None = None):
    """Give the lint of one file (*where*) a wall-clock budget; nested budgets keep the
    outer one."""
    if getattr(_budget, "deadline", None) is not None:
        yield
        return
    seconds = lint_seconds() if seconds is None else seconds
    _budget.deadline, _budget.seconds, _budget.where = time.monotonic() + seconds, seconds, where
    try:
        yield
    finally:
        _budget.deadline = None


def _check_lint_budget() -> None:
    deadline = getattr(_budget, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise LintBudgetExceeded(
            f"linting this file took longer than {_budget.seconds:g} s and was stopped, so its "
            "findings are incomplete; split the text into smaller files, or allow more time "
            "with LETTERKIT_LINT_SECONDS", _budget.where)
SUPPRESSION_HELP = "README.md#suppressing-a-finding"


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class LintHit:
    """What a rule found in one rendered text: offsets for marking the text, the rule kind
    (for colours) and the finding at the template line."""

    kind: str
    start: int
    end: int
    finding: Finding


def message_for(rule: Rule, hit: Hit) -> str:
    slots = _Slots(found=hit.found, suggestion=hit.suggestion, **hit.values)
    # A rule may word a hit with another of its messages (consistency: configured_message).
    template = hit.values.get("message_template") or rule.spec.message
    try:
        return template.format_map(slots)
    except (ValueError, IndexError):
        return template


def kind_settings(project: Project | None, letter_kind: str | None,
                  audience: str | None = None) -> dict[str, Any]:
    """Rule overrides from linting/config.yaml: ``rules`` for all, ``audiences.<a>.rules`` per
    audience (e.g. the address form), ``kinds.<k>.rules`` per kind."""
    if project is None:
        return {}
    config = project.config.data
    settings: dict[str, Any] = dict(config.get("rules", {}) or {})
    audiences = config.get("audiences") or {}
    if audience and isinstance(audiences.get(audience), dict):
        settings.update(audiences[audience].get("rules", {}) or {})
    if letter_kind:
        spec = project.kinds.get(letter_kind, {}) or {}
        settings.update(spec.get("rules", {}) or {})
        if spec.get("consequence_section"):
            settings["consequence_section"] = spec["consequence_section"]
    return settings


def expected_sections(project: Project | None, letter_kind: str | None) -> tuple[str, ...]:
    if project is None or not letter_kind:
        return ()
    spec = project.kinds.get(letter_kind, {}) or {}
    return tuple(s["id"] for s in spec.get("sections", []) if isinstance(s, dict) and "id" in s)


def run_rules(ctx: LintContext, rules: list[Rule]) -> list[tuple[Rule, Hit]]:
    hits = []
    for rule in rules:
        _check_lint_budget()
        hits.extend((rule, hit) for hit in rule.check(ctx))
    hits.sort(key=lambda item: (item[1].start, item[0].code))
    return hits


def context_for(rendered: RenderedLetter, project: Project | None) -> LintContext:
    starts, marks = rendered.source_map.starts, rendered.source_map.marks
    spans = [(start, starts[i + 1] if i + 1 < len(starts) else len(rendered.markdown))
             for i, (start, mark) in enumerate(zip(starts, marks, strict=True))
             if mark.variable is not None]
    kind = rendered.letter.kind
    from letterkit.lint.audiences import audience_settings

    settings = kind_settings(project, kind, getattr(rendered.letter, "audience", None))
    audience = audience_settings(project, rendered.letter.audience, rendered.lang)
    if audience is not None:
        settings["audience"] = audience
    return LintContext(
        text=rendered.markdown, lang=rendered.lang, body_start=rendered.body_start,
        letter_kind=kind, sections_expected=expected_sections(project, kind),
        variable_spans=spans, settings=settings,
        terms=project.glossary if project is not None else None,
    )


def lint_rendered(rendered: RenderedLetter, project: Project,
                  ruleset: RuleSet | None = None) -> list[LintHit]:
    """Lint one rendered letter; each hit carries its finding at the template position.

    Without a rule set, the project's rules are used."""
    if ruleset is None:
        ruleset = project.rules()
    return _hits(rendered, context_for(rendered, project), ruleset)


def _hits(rendered: RenderedLetter, ctx: LintContext, ruleset: RuleSet,
          ignore_samples: bool = False) -> list[LintHit]:
    samples = (rendered.sample_name,) if rendered.sample_name else ()
    result = []
    for rule, hit in run_rules(ctx, ruleset.for_lang(rendered.lang)):
        where = sample_span(rendered, hit.start, hit.end)
        if where is not None and ignore_samples:
            continue
        finding = _finding(rule, hit, *(where or template_span(rendered, hit.start, hit.end)),
                           rendered.lang, samples, ruleset.site_url)
        result.append(LintHit(rule.kind, hit.start, hit.end, finding))
    return result


def sample_span(rendered: RenderedLetter, begin: int, stop: int
                ) -> tuple[str, int, int, int, int] | None:
    """The sample file and line of the value that ``markdown[begin:stop]`` lies in, when
    all of it came from one variable's value: the writer fixes that in the sample, not in
    the template. None for text the template wrote."""
    if not rendered.sample_name:
        return None
    sample = rendered.letter.samples.get(rendered.sample_name)
    starts, marks = rendered.source_map.starts, rendered.source_map.marks
    index = bisect.bisect_right(starts, begin) - 1
    if sample is None or index < 0 or marks[index].variable is None:
        return None
    end = starts[index + 1] if index + 1 < len(starts) else len(rendered.markdown)
    if stop > end:
        return None
    name = re.split(r"[.\[|( ]", marks[index].variable.strip(), maxsplit=1)[0]
    location = sample.locations.get(name)
    if location is None:
        return None
    line = location.line or 1
    col = location.col or 1
    return str(sample.path), line, col, line, col + 1


def template_span(rendered: RenderedLetter, begin: int, stop: int
                  ) -> tuple[str, int, int, int, int]:
    """Template path, line, column, end line and end column of ``markdown[begin:stop]``."""
    start = rendered.locate(begin)
    if start is None:
        path = str(rendered.letter.template_path(rendered.lang))
        return path, 1, 1, 1, 2
    end = rendered.locate(max(begin, stop - 1))
    if end is None or end.path != start.path or end.line < start.line or (
            end.line == start.line and end.col < start.col):
        return start.path, start.line, start.col, start.line, start.col + 1
    end_col = end.col + (2 if end.variable is not None else 1)
    return start.path, start.line, start.col, end.line, end_col


def _finding(rule: Rule, hit: Hit, path: str, line: int, col: int, end_line: int,
             end_col: int, lang: str, samples: tuple[str, ...] = (), site_url: str = ""
             ) -> Finding:
    spec = rule.spec
    # A rule may lower (never raise) the severity of one finding: a consistency guess made
    # without a configured audience.
    severity = spec.severity
    if "severity" in hit.values and Severity(hit.values["severity"]).rank < severity.rank:
        severity = Severity(hit.values["severity"])
    return Finding(code=spec.code, name=spec.name, severity=severity,
                   message=message_for(rule, hit), path=path, line=line, column=col,
                   end_line=end_line, end_column=end_col, lang=lang,
                   suggestion=hit.suggestion,
                   url=finding_url(site_url, spec.name, lang, spec.link), found=hit.found,
                   samples=samples, concept=str(hit.values.get("concept", "")))


def lint_text(text: str, lang: str, ruleset: RuleSet, *, path: str = "<text>",
              markdown: bool = True, project: Project | None = None,
              terms: Glossary | None = None) -> list[Finding]:
    """Lint a Markdown or plain text (an e-mail draft, a web page) in one language.

    The term rules use *terms*, else the project's term base."""
    if terms is None and project is not None:
        terms = project.glossary
    ctx = LintContext(text=text, lang=lang, markdown=markdown,
                      settings=kind_settings(project, None), terms=terms)
    line_starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            line_starts.append(index + 1)

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    findings = []
    with lint_budget(Location(path)):
        hits = run_rules(ctx, ruleset.for_lang(lang))
    for rule, hit in hits:
        line, col = position(hit.start)
        end_line, end_col = position(max(hit.start, hit.end - 1))
        findings.append(_finding(rule, hit, path, line, col, end_line, end_col + 1, lang,
                                 site_url=ruleset.site_url))
    return sort_findings(findings)


def lint_letter(letter: Letter, ruleset: RuleSet, project: Project | None = None, *,
                strict: bool = True, ignore_samples: bool = False) -> list[Finding]:
    """Lint every language and sample of *letter*; findings deduplicated, suppressions applied.

    Raises ProblemsError when a template does not compile or a sample does not load or
    render: the messages ``letterkit check`` gives, one per problem. With ``strict=False``
    (``letterkit diff``, which compares what can be compared) those are skipped.
    """
    where = letter.location("id")
    try:
        with lint_budget(where):
            return _lint_letter(letter, ruleset, project, strict, ignore_samples)
    except LintBudgetExceeded as exc:
        raise ProblemsError([exc.unreadable]) from None


def _lint_letter(letter: Letter, ruleset: RuleSet, project: Project | None,
                 strict: bool, ignore_samples: bool) -> list[Finding]:
    from letterkit.project import project_of
    from letterkit.render import render_letter
    from letterkit.templates.introspect import analyse

    renders_with = project or project_of(letter)  # its templates environment
    merged: dict[tuple, Finding] = {}
    templates: set[Path] = set()
    problems: list[Problem] = []
    for lang in letter.languages:
        templates.add(letter.template_path(lang))
        try:
            env = renders_with.environment(lang, letters_root=letter.path.parent)
            info = analyse(env, letter.template_path(lang), letter.path.parent)
        except LetterkitError as exc:
            problems.append(exc.problem)
            continue
        templates.update(letter.path.parent / "_shared" / lang / name for name, _ in info.includes)
    samples = list(letter.samples.values())
    for sample in samples:
        problems.extend(sample.problems)
    if problems and strict:
        raise ProblemsError(problems)
    for sample in samples:
        if sample.problems:
            continue
        rendered_versions: dict[str, RenderedLetter] = {}
        for lang in letter.languages:
            try:
                rendered_versions[lang] = render_letter(letter, lang, sample,
                                                        project=renders_with)
            except LetterkitError as exc:
                problems.append(Problem(exc.location or Location(str(sample.path)),
                                        f"{exc.message} [sample {sample.name}, {lang}]"))
        contexts = {lang: context_for(r, project) for lang, r in rendered_versions.items()}
        for lang, ctx in contexts.items():
            ctx.versions = {other: c for other, c in contexts.items() if other != lang}
            for hit in _hits(rendered_versions[lang], ctx, ruleset, ignore_samples):
                _merge(merged, hit.finding)
    if problems and strict:
        raise ProblemsError(problems)
    return apply_suppressions(list(merged.values()), templates, ruleset)


def _merge(merged: dict[tuple, Finding], finding: Finding) -> None:
    key = (finding.code, finding.path, finding.line, finding.column, finding.end_line,
           finding.end_column, finding.lang)
    existing = merged.get(key)
    if existing is None:
        merged[key] = finding
    else:
        samples = tuple(dict.fromkeys(existing.samples + finding.samples))
        merged[key] = replace(existing, samples=samples)


def apply_suppressions(findings: list[Finding], templates: set[Path], ruleset: RuleSet
                       ) -> list[Finding]:
    from letterkit.lint.suppress import Suppression, read_suppressions

    suppressions: dict[str, list[Suppression]] = {}
    for path in sorted(templates):
        found = read_suppressions(path, ruleset.known_codes)
        if found:
            suppressions[str(path)] = found
    kept = []
    for finding in findings:
        silenced = False
        for suppression in suppressions.get(finding.path, ()):
            if suppression.target_line == finding.line and finding.code in suppression.codes:
                suppression.used.add(finding.code)
                silenced = True
        if not silenced:
            kept.append(finding)
    for items in suppressions.values():
        for suppression in items:
            for code in sorted(suppression.codes - suppression.used):
                location = suppression.location
                kept.append(Finding(
                    code=UNUSED_SUPPRESSION[0], name=UNUSED_SUPPRESSION[1],
                    severity=Severity.WARNING,
                    message=f"this suppression of {code} silences nothing on line "
                            f"{suppression.target_line}; remove it",
                    path=location.path, line=location.line, column=location.col,
                    end_line=location.line, end_column=location.col + 1,
                    url=finding_url(ruleset.site_url, UNUSED_SUPPRESSION[1], LANGUAGES[0],
                                    SUPPRESSION_HELP), found=code))
    return kept


def lint_catalog(catalog: Catalog, ruleset: RuleSet, project: Project | None = None,
                 problems: list[Problem] | None = None, *,
                 ignore_samples: bool = False) -> list[Finding]:
    """Lint every letter; a finding in a shared partial is reported once.

    Raises ProblemsError with every problem of every letter that cannot be linted; with a
    *problems* list, adds them there instead and returns the findings of the others."""
    merged: dict[tuple, Finding] = {}
    collect = problems
    problems = list(catalog.problems)
    for letter in catalog.letters.values():
        try:
            findings = lint_letter(letter, ruleset, project, ignore_samples=ignore_samples)
        except ProblemsError as exc:
            problems.extend(exc.problems)
            continue
        for finding in findings:
            _merge(merged, finding)
    if problems and collect is None:
        raise ProblemsError(problems)
    if collect is not None:
        collect.extend(problems)
    return sort_findings(merged.values())


def sort_findings(findings) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code))
