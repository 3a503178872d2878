"""The fields of ``letter.yaml``: what each means, and reading one letter's folder.

:func:`read_letter` reads ``letter.yaml`` through the shared field reader
(:class:`letterkit.yamlio.Fields`), collecting every problem with its line, checks that each
language has its template, and reads the samples (:mod:`letterkit.catalog.samples`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from letterkit import LANGUAGES
from letterkit.catalog.samples import read_samples
from letterkit.errors import LetterkitError, Location, Problem, Unreadable
from letterkit.model.letter import STATUSES, VARIABLE_TYPES, Letter, Review, Variable
from letterkit.yamlio import MAX_TEMPLATE_BYTES, Fields, Located, load_yaml, read_text

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
REVIEW_FIELDS = ("date", "by", "status", "note")


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
    fields = Fields(located, problems)
    if not fields.is_mapping:
        data = located.data
        fields.add_unreadable("expected the letter's fields (id: ..., kind: ...), not "
                              + ("an empty file" if data is None else type(data).__name__))
        return None

    fields.unknown(LETTER_FIELDS)
    fields.missing(REQUIRED_LETTER_FIELDS, LETTER_FIELDS)

    letter_id = fields.text("id", default=folder.name)
    if letter_id != folder.name:
        fields.add(f"id {letter_id!r} differs from the folder name {folder.name!r}; "
                   "make them the same", "id")
        letter_id = folder.name
    if not ID_RE.match(letter_id):
        fields.add(f"id {letter_id!r} must be kebab-case: lowercase letters, digits and "
                   "hyphens", "id")

    kind = fields.text("kind")
    if kinds is not None and kind and kind not in kinds:
        known = ", ".join(sorted(kinds)) or "none defined"
        fields.add(f"unknown kind {kind!r}; kinds in linting/config.yaml: {known}", "kind")

    version = fields.integer("version", 1, minimum=1)
    status = fields.text("status", default="draft")
    if status and status not in STATUSES:
        fields.add(f"unknown status {status!r}; use one of {', '.join(STATUSES)}", "status")

    languages = _languages(fields)
    letter = Letter(
        id=letter_id,
        path=folder,
        kind=kind,
        audience=fields.text("audience"),
        version=version,
        status=status,
        owner=fields.text("owner"),
        languages=languages,
        title=_title(fields, languages),
        description=fields.text("description", required=False),
        variables=_variables(fields, located),
        sections=_sections(fields),
        review=read_review(fields),
        locations={str(key[0]): located.location(*key) for key in located.positions if key},
    )
    _check_templates(letter, located, problems)
    letter.samples = read_samples(letter, problems)
    return letter


def _check_templates(letter: Letter, located: Located, problems: list[Problem]) -> None:
    """Each language has a readable template, and each template a language."""
    folder = letter.path
    for lang in letter.languages:
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
        if lang not in letter.languages:
            problems.append(Problem(
                Location(str(extra)),
                f"template for {lang!r} but {lang!r} is not in languages of letter.yaml",
            ))


def _languages(fields: Fields) -> tuple[str, ...]:
    value = fields.sequence("languages", "languages must be a list such as [fi, sv, en]",
                            non_empty=True)
    result: list[str] = []
    for index, lang in enumerate(value):
        if lang not in LANGUAGES:
            fields.add(f"unknown language {lang!r}; letterkit supports {', '.join(LANGUAGES)}",
                       "languages", index)
        elif lang in result:
            fields.add(f"language {lang!r} is listed twice", "languages", index)
        else:
            result.append(lang)
    return tuple(result)


def _title(fields: Fields, languages: tuple[str, ...]) -> dict[str, str]:
    value = fields.get("title")
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.add("title must give the title per language, e.g. fi: ..., sv: ..., en: ...",
                   "title")
        return {}
    for lang in languages:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            fields.add(f"title has no {lang!r} text; add '{lang}: ...' under title", "title")
    for lang in value:
        if lang not in languages:
            fields.add(f"title for {lang!r}, which is not in languages", "title", lang)
    return {k: v for k, v in value.items() if isinstance(v, str)}


def _variables(fields: Fields, located: Located) -> dict[str, Variable]:
    value = fields.mapping("variables", "variables must map each name to its type, e.g. "
                                        "'deadline: {type: date}'")
    result: dict[str, Variable] = {}
    for name, spec in value.items():
        where = ("variables", name)
        if not isinstance(name, str) or not NAME_RE.match(name):
            fields.add(f"variable name {name!r} must be snake_case: a lowercase letter, then "
                       "lowercase letters, digits or _", *where)
            continue
        if isinstance(spec, str):
            spec = {"type": spec}
            var = fields.sub(*where, data=spec)
        elif isinstance(spec, dict):
            var = fields.sub(*where)
        else:
            fields.add(f"variable {name!r} needs a type, e.g. '{name}: {{type: text}}'", *where)
            continue
        var.unknown(VARIABLE_FIELDS, f"of variable {name!r}")
        vtype = spec.get("type")
        if vtype not in VARIABLE_TYPES:
            var.add(f"variable {name!r} has unknown type {vtype!r}; valid types: "
                    f"{', '.join(VARIABLE_TYPES)}", "type")
            # Keep the name declared so that templates and samples are not blamed for it.
            result[name] = Variable(name=name, type="unknown", location=located.location(*where))
            continue
        required = var.boolean("required", True)
        choices = spec.get("choices", [])
        if vtype == "choice" and (not isinstance(choices, list) or not choices
                                  or not all(isinstance(c, str) for c in choices)):
            var.add(f"choice variable {name!r} needs 'choices: [a, b, ...]'")
            choices = []
        elif vtype != "choice" and "choices" in spec:
            var.add(f"choices only apply to type choice, not {vtype}", "choices")
        items = spec.get("items", "text")
        if vtype == "list" and items not in VARIABLE_TYPES or items in ("list", "choice"):
            var.add(f"list items must be one of text, date, datetime, number, money, bool; "
                    f"got {items!r}", "items")
            items = "text"
        description = spec.get("description", "")
        if not isinstance(description, str):
            var.add("description must be text", "description")
            description = ""
        deadline = var.boolean("deadline", False)
        if deadline and vtype not in ("date", "datetime"):
            var.add(f"only a date or datetime can be a deadline, not {vtype}", "deadline")
            deadline = False
        result[name] = Variable(
            name=name, type=vtype, required=required, description=description,
            choices=tuple(choices), items=items, location=located.location(*where),
            deadline=deadline,
        )
    return result


def _sections(fields: Fields) -> tuple[str, ...]:
    value = fields.sequence("sections", "sections must list the section ids in order, e.g. "
                                        "[what-we-need, why]", non_empty=True)
    seen: list[str] = []
    for index, section in enumerate(value):
        if not isinstance(section, str) or not ID_RE.match(section):
            fields.add(f"section id {section!r} must be kebab-case", "sections", index)
        elif section in seen:
            fields.add(f"section {section!r} is listed twice", "sections", index)
        else:
            seen.append(section)
    return tuple(seen)


def read_review(fields: Fields) -> tuple[Review, ...]:
    """The ``review`` list of {date, by, status, note} of a letter or a shared file."""
    value = fields.sequence("review", "review must be a list of {date, by, status, note}")
    result = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            fields.add("each review entry is {date: ..., by: ..., status: ..., note: ...}",
                       "review", index)
            continue
        fields.sub("review", index).unknown(REVIEW_FIELDS, "in review")
        result.append(Review(entry.get("date"), str(entry.get("by", "")),
                             str(entry.get("status", "")), str(entry.get("note", ""))))
    return tuple(result)
