"""Find, load and validate letters and their samples.

Every problem found while loading is collected with its ``path:line:col`` so that
``letterkit check`` can report all of them at once; callers that need one letter use
:func:`load_letter`, which raises on the first problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location, Problem, Unreadable
from letterkit.model.letter import (
    STATUSES,
    VARIABLE_TYPES,
    Letter,
    PerLanguage,
    Review,
    Sample,
    Variable,
)
from letterkit.values import ValueProblem, coerce
from letterkit.yamlio import MAX_TEMPLATE_BYTES, Located, load_yaml, read_text

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

LETTER_FIELDS = {
    "id": "the letter's id, the same as its folder name",
    "kind": "the letter kind, e.g. supplement-request",
    "audience": "who reads it, e.g. applicant",
    "version": "an integer, bumped whenever any text changes",
    "status": "one of " + ", ".join(STATUSES),
    "owner": "the team that owns the letter",
    "languages": "the languages, e.g. [fi, sv, en]",
    "title": "the title in each language",
    "description": "when the letter is sent and to whom",
    "variables": "the values the letter needs",
    "sections": "the ordered section ids",
    "review": "the review history",
}
REQUIRED_LETTER_FIELDS = ("id", "kind", "audience", "version", "status", "owner", "languages",
                          "title", "variables", "sections")
VARIABLE_FIELDS = ("type", "required", "description", "choices", "items", "deadline")
SAMPLE_FIELDS = ("description", "values")
REVIEW_FIELDS = ("date", "by", "status", "note")


@dataclass
class Catalog:
    """All letters found under a folder, and what was wrong with them."""

    root: Path
    letters: dict[str, Letter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def shared_dir(self) -> Path:
        return self.root / "_shared"

    @property
    def unreadable(self) -> list[Problem]:
        """The letters, samples and templates that could not be read at all."""
        return [p for p in self.problems if isinstance(p, Unreadable)]


class _Collector:
    """Collects problems for one file; keeps the location helper short at call sites."""

    def __init__(self, located: Located, problems: list[Problem]):
        self.located = located
        self.problems = problems

    def add(self, message: str, *keys: Any) -> None:
        self.problems.append(Problem(self.located.location(*keys), message))

    def add_unreadable(self, message: str, *keys: Any) -> None:
        self.problems.append(Unreadable(self.located.location(*keys), message))


def is_letter_dir(path: Path) -> bool:
    return (path / "letter.yaml").is_file()


def letter_dirs(root: Path) -> list[Path]:
    """Letter folders directly under *root*, skipping ``_shared`` and hidden folders."""
    return sorted(
        child for child in root.iterdir()
        if child.is_dir() and not child.name.startswith(("_", "."))
    )


def load_catalog(path: Path, kinds: dict[str, Any] | None = None) -> Catalog:
    """Load every letter under *path* (a ``letters/`` folder or one letter's folder).

    Raises LetterkitError when *path* is not usable at all.
    """
    path = Path(path)
    if not path.exists():
        raise LetterkitError("no such file or folder", Location(str(path)))
    if not path.is_dir():
        raise LetterkitError("expected the letters folder or a letter's folder",
                             Location(str(path)))
    if is_letter_dir(path):
        catalog = Catalog(path.parent)
        folders = [path]
    else:
        catalog = Catalog(path)
        folders = letter_dirs(path)
        if not folders:
            raise LetterkitError(
                "no letters here: expected folders with a letter.yaml in them",
                Location(str(path)),
            )
    for folder in folders:
        letter = read_letter(folder, catalog.problems, kinds)
        if letter is not None:
            catalog.letters[letter.id] = letter
    return catalog


def load_letter(path: Path, kinds: dict[str, Any] | None = None) -> Letter:
    """Load one letter; raise LetterkitError on the first problem outside its samples.

    A sample's own problems are kept on the sample and reported when it is rendered, so
    one broken sample does not stop the others.
    """
    problems: list[Problem] = []
    letter = read_letter(Path(path), problems, kinds)
    sample_problems = {p for s in (letter.samples.values() if letter else ()) for p in s.problems}
    for problem in problems:
        if problem not in sample_problems:
            raise LetterkitError(problem.message, problem.location)
    assert letter is not None
    return letter


def read_letter(folder: Path, problems: list[Problem],
                kinds: dict[str, Any] | None = None) -> Letter | None:
    """Read ``folder/letter.yaml`` and its samples, adding what is wrong to *problems*.

    Returns None only when the metadata is too broken to use at all.
    """
    meta_path = folder / "letter.yaml"
    if not meta_path.is_file():
        problems.append(Unreadable(
            Location(str(meta_path)),
            "letter.yaml is missing; every letter folder needs one (see `letterkit new`)",
        ))
        return None
    try:
        located = load_yaml(meta_path)
    except LetterkitError as exc:
        problems.append(exc.unreadable)
        return None
    data = located.data
    report = _Collector(located, problems)
    if not isinstance(data, dict):
        report.add_unreadable("expected the letter's fields (id: ..., kind: ...), not "
                   + ("an empty file" if data is None else type(data).__name__))
        return None

    for key in data:
        if key not in LETTER_FIELDS:
            report.add(f"unknown field {key!r}; valid fields: {', '.join(LETTER_FIELDS)}", key)
    for key in REQUIRED_LETTER_FIELDS:
        if key not in data:
            report.add(f"missing field {key!r}: {LETTER_FIELDS[key]}")

    letter_id = _string(data, "id", report, default=folder.name)
    if letter_id != folder.name:
        report.add(f"id {letter_id!r} differs from the folder name {folder.name!r}; "
                   "make them the same", "id")
        letter_id = folder.name
    if not ID_RE.match(letter_id):
        report.add(f"id {letter_id!r} must be kebab-case: lowercase letters, digits and hyphens",
                   "id")

    kind = _string(data, "kind", report)
    if kinds is not None and kind and kind not in kinds:
        known = ", ".join(sorted(kinds)) or "none defined"
        report.add(f"unknown kind {kind!r}; kinds in linting/config.yaml: {known}", "kind")

    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        report.add(f"version must be a whole number from 1 up, got {version!r}", "version")
        version = 1

    status = _string(data, "status", report, default="draft")
    if status and status not in STATUSES:
        report.add(f"unknown status {status!r}; use one of {', '.join(STATUSES)}", "status")

    languages = _languages(data, report)
    title = _title(data, languages, report)
    variables = _variables(data, located, report)
    sections = _sections(data, report)
    review = _review(data, report)

    letter = Letter(
        id=letter_id,
        path=folder,
        kind=kind,
        audience=_string(data, "audience", report),
        version=version,
        status=status,
        owner=_string(data, "owner", report),
        languages=languages,
        title=title,
        description=_string(data, "description", report, required=False),
        variables=variables,
        sections=sections,
        review=review,
        locations={str(key[0]): located.location(*key) for key in located.positions if key},
    )
    for lang in languages:
        template = letter.template_path(lang)
        if template.exists() or template.is_symlink():
            try:
                read_text(template, limit=MAX_TEMPLATE_BYTES)
            except LetterkitError as exc:
                problems.append(exc.unreadable)
        else:
            problems.append(Unreadable(
                located.location("languages"),
                f"language {lang!r} is declared but {lang}.md.j2 is missing in {folder.name}/; "
                f"add the template or remove {lang!r} from languages",
            ))
    for extra in sorted(folder.glob("*.md.j2")):
        lang = extra.name.split(".")[0]
        if lang not in languages:
            problems.append(Problem(
                Location(str(extra)),
                f"template for {lang!r} but {lang!r} is not in languages of letter.yaml",
            ))
    letter.samples = read_samples(letter, problems)
    return letter


def _string(data: dict, key: str, report: _Collector, *, default: str = "",
            required: bool = True) -> str:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or (required and not value.strip()):
        report.add(f"{key} must be text, got {value!r}", key)
        return default
    return value


def _languages(data: dict, report: _Collector) -> tuple[str, ...]:
    value = data.get("languages")
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        report.add("languages must be a list such as [fi, sv, en]", "languages")
        return ()
    result: list[str] = []
    for index, lang in enumerate(value):
        if lang not in LANGUAGES:
            report.add(f"unknown language {lang!r}; letterkit supports {', '.join(LANGUAGES)}",
                       "languages", index)
        elif lang in result:
            report.add(f"language {lang!r} is listed twice", "languages", index)
        else:
            result.append(lang)
    return tuple(result)


def _title(data: dict, languages: tuple[str, ...], report: _Collector) -> dict[str, str]:
    value = data.get("title")
    if value is None:
        return {}
    if not isinstance(value, dict):
        report.add("title must give the title per language, e.g. fi: ..., sv: ..., en: ...",
                   "title")
        return {}
    for lang in languages:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            report.add(f"title has no {lang!r} text; add '{lang}: ...' under title", "title")
    for lang in value:
        if lang not in languages:
            report.add(f"title for {lang!r}, which is not in languages", "title", lang)
    return {k: v for k, v in value.items() if isinstance(v, str)}


def _variables(data: dict, located: Located, report: _Collector) -> dict[str, Variable]:
    value = data.get("variables")
    if value is None:
        return {}
    if not isinstance(value, dict):
        report.add("variables must map each name to its type, e.g. 'deadline: {type: date}'",
                   "variables")
        return {}
    result: dict[str, Variable] = {}
    for name, spec in value.items():
        where = ("variables", name)
        if not isinstance(name, str) or not NAME_RE.match(name):
            report.add(f"variable name {name!r} must be snake_case: a lowercase letter, then "
                       "lowercase letters, digits or _", *where)
            continue
        if isinstance(spec, str):
            spec = {"type": spec}
        if not isinstance(spec, dict):
            report.add(f"variable {name!r} needs a type, e.g. '{name}: {{type: text}}'", *where)
            continue
        for key in spec:
            if key not in VARIABLE_FIELDS:
                report.add(f"unknown field {key!r} of variable {name!r}; valid fields: "
                           f"{', '.join(VARIABLE_FIELDS)}", *where, key)
        vtype = spec.get("type")
        if vtype not in VARIABLE_TYPES:
            report.add(f"variable {name!r} has unknown type {vtype!r}; valid types: "
                       f"{', '.join(VARIABLE_TYPES)}", *where, "type")
            # Keep the name declared so that templates and samples are not blamed for it.
            result[name] = Variable(name=name, type="unknown", location=located.location(*where))
            continue
        required = spec.get("required", True)
        if not isinstance(required, bool):
            report.add(f"required must be true or false, got {required!r}", *where, "required")
            required = True
        choices = spec.get("choices", [])
        if vtype == "choice" and (not isinstance(choices, list) or not choices
                                  or not all(isinstance(c, str) for c in choices)):
            report.add(f"choice variable {name!r} needs 'choices: [a, b, ...]'", *where)
            choices = []
        elif vtype != "choice" and "choices" in spec:
            report.add(f"choices only apply to type choice, not {vtype}", *where, "choices")
        items = spec.get("items", "text")
        if vtype == "list" and items not in VARIABLE_TYPES or items in ("list", "choice"):
            report.add(f"list items must be one of text, date, datetime, number, money, bool; "
                       f"got {items!r}", *where, "items")
            items = "text"
        description = spec.get("description", "")
        if not isinstance(description, str):
            report.add("description must be text", *where, "description")
            description = ""
        deadline = spec.get("deadline", False)
        if not isinstance(deadline, bool):
            report.add(f"deadline must be true or false, got {deadline!r}", *where, "deadline")
            deadline = False
        elif deadline and vtype not in ("date", "datetime"):
            report.add(f"only a date or datetime can be a deadline, not {vtype}", *where,
                       "deadline")
            deadline = False
        result[name] = Variable(
            name=name, type=vtype, required=required, description=description,
            choices=tuple(choices), items=items, location=located.location(*where),
            deadline=deadline,
        )
    return result


def _sections(data: dict, report: _Collector) -> tuple[str, ...]:
    value = data.get("sections")
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        report.add("sections must list the section ids in order, e.g. [what-we-need, why]",
                   "sections")
        return ()
    seen: list[str] = []
    for index, section in enumerate(value):
        if not isinstance(section, str) or not ID_RE.match(section):
            report.add(f"section id {section!r} must be kebab-case", "sections", index)
        elif section in seen:
            report.add(f"section {section!r} is listed twice", "sections", index)
        else:
            seen.append(section)
    return tuple(seen)


def _review(data: dict, report: _Collector) -> tuple[Review, ...]:
    value = data.get("review")
    if value is None:
        return ()
    if not isinstance(value, list):
        report.add("review must be a list of {date, by, status, note}", "review")
        return ()
    result = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            report.add("each review entry is {date: ..., by: ..., status: ..., note: ...}",
                       "review", index)
            continue
        for key in entry:
            if key not in REVIEW_FIELDS:
                report.add(f"unknown field {key!r} in review; valid fields: "
                           f"{', '.join(REVIEW_FIELDS)}", "review", index, key)
        result.append(Review(entry.get("date"), str(entry.get("by", "")),
                             str(entry.get("status", "")), str(entry.get("note", ""))))
    return tuple(result)


def read_samples(letter: Letter, problems: list[Problem]) -> dict[str, Sample]:
    folder = letter.path / "samples"
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not paths:
        problems.append(Problem(
            Location(str(folder)),
            "no samples: add samples/default.yaml with invented values for every variable",
        ))
        return {}
    samples: dict[str, Sample] = {}
    for path in paths:
        sample = read_sample(letter, path, problems)
        if sample is not None:
            samples[sample.name] = sample
    if "default" not in samples and not any(p.stem == "default" for p in paths):
        problems.append(Problem(Location(str(folder)),
                                "no samples/default.yaml; render and preview use it by default"))
    return samples


def read_sample(letter: Letter, path: Path, problems: list[Problem]) -> Sample | None:
    try:
        located = load_yaml(path)
    except LetterkitError as exc:
        problems.append(exc.unreadable)
        return None
    own: list[Problem] = []
    report = _Collector(located, own)
    data = located.data
    if not isinstance(data, dict):
        what = "is empty" if data is None else f"is a {type(data).__name__}, not a mapping"
        report.add_unreadable(f"the sample {what}: expected 'description: ...' and 'values:' with one "
                   "key per variable")
        problems.extend(own)  # recorded, so that no command passes over a sample it skipped
        return None
    for key in data:
        if key not in SAMPLE_FIELDS:
            report.add(f"unknown field {key!r}; a sample has {', '.join(SAMPLE_FIELDS)}", key)
    raw = data.get("values") or {}
    if not isinstance(raw, dict):
        report.add("values must map variable names to values", "values")
        raw = {}
    description = data.get("description", "")
    values = coerce_values(letter, raw, report)
    problems.extend(own)
    return Sample(
        name=path.stem, path=path, description=str(description or ""), values=values,
        raw_values=raw, locations={name: located.location("values", name) for name in raw},
        problems=tuple(own),
    )


def _per_language(letter: Letter, variable: Variable, value: dict[str, Any],
                  report: _Collector) -> PerLanguage:
    """A value given per language, e.g. ``documents: {fi: [...], sv: [...], en: [...]}``."""
    name = variable.name
    result = PerLanguage()
    for lang in value:
        if lang not in letter.languages:
            report.add(f"{name}: {lang!r} is not a language of this letter; a value given per "
                       f"language has the keys {', '.join(letter.languages)}", "values", name, lang)
    for lang in letter.languages:
        if lang not in value:
            report.add(f"{name}: no {lang!r} value; a value given per language needs one for "
                       f"each of {', '.join(letter.languages)}", "values", name)
            continue
        try:
            result[lang] = coerce(variable, value[lang])
        except ValueProblem as exc:
            report.add(f"{name} ({variable.type}, {lang}): {exc}", "values", name, lang)
    return result


def coerce_values(letter: Letter, raw: dict[str, Any], report: _Collector) -> dict[str, Any]:
    """Check raw sample values against the letter's variables; return the typed values."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        variable = letter.variables.get(name)
        if variable is None:
            report.add(f"{name!r} is not a variable of {letter.id}; declared: "
                       f"{', '.join(sorted(letter.variables)) or 'none'}", "values", name)
            continue
        if value is None and not variable.required:
            continue
        if isinstance(value, dict):
            values[name] = _per_language(letter, variable, value, report)
            continue
        try:
            values[name] = coerce(variable, value)
        except ValueProblem as exc:
            report.add(f"{name} ({variable.type}): {exc}", "values", name)
    for name, variable in letter.variables.items():
        if variable.required and name not in raw:
            report.add(f"missing required value {name!r} ({variable.type}); add it under values, "
                       "or mark the variable 'required: false' in letter.yaml", "values")
    return values
