"""Load ``glossary/*.yaml`` and validate it, reporting every problem as ``path:line:col``.

A broken term base is unusable input (exit code 2): nothing is linted against it until the
files are fixed. The one problem that also has a lint code is a concept id used by two files
(TRM005), because it is the one a merge of two branches silently creates.
"""

from __future__ import annotations

import re
from pathlib import Path

from letterkit.errors import EXIT_BAD_INPUT, LetterkitError, Location
from letterkit.glossary.model import (
    CONCEPT_FIELDS,
    DEPRECATED_FIELDS,
    DOMAINS,
    EXAMPLE_FIELDS,
    GENDERS,
    LANGS,
    LANGUAGE_FIELDS,
    NUMBERS,
    PARTS_OF_SPEECH,
    Concept,
    Deprecated,
    Examples,
    Glossary,
    LanguageEntry,
)
from letterkit.glossary.reading import (  # noqa: F401 - GlossaryProblem is public here
    FILE_PROBLEMS,
    GlossaryProblem,
    fields,
    read_source,
    text,
    texts,
)
from letterkit.glossary.sources import SOURCES_FILE
from letterkit.model.finding import Finding
from letterkit.yamlio import Fields, load_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GlossaryError(LetterkitError):
    """The term base cannot be used; ``problems`` lists everything that is wrong."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: list[GlossaryProblem]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.message, first.location)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _norm(term: str) -> str:
    return " ".join(term.casefold().split())


def load_glossary(path: Path | str) -> Glossary:
    """Load and validate every ``*.yaml`` file in the folder *path*.

    Raises GlossaryError listing every problem when anything is wrong.
    """
    glossary, problems = read_glossary(path)
    if problems:
        raise GlossaryError(problems)
    return glossary


def read_glossary(path: Path | str) -> tuple[Glossary, list[GlossaryProblem]]:
    """Load what can be loaded from *path* and return it with the problems found."""
    path = Path(path)
    problems: list[GlossaryProblem] = []
    glossary = Glossary(path)
    if not path.is_dir():
        what = "no such folder" if not path.exists() else "expected the glossary folder"
        raise GlossaryError([GlossaryProblem(Location(str(path)), what)])
    # sources.yaml is the allow-list of source domains (glossary.sources), not a concept.
    files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
                   and p.name != SOURCES_FILE)
    if not files:
        raise GlossaryError([GlossaryProblem(
            Location(str(path)), "no concept files here: expected one <concept-id>.yaml each")])
    seen: dict[str, Concept] = {}
    for file in files:
        concept = read_concept(file, problems)
        if concept is None:
            continue
        if concept.id in seen:
            other = seen[concept.id]
            problems.append(GlossaryProblem(
                concept.location("id"),
                f"duplicate concept id {concept.id!r}: {other.location('id')} uses it too; "
                "give each concept its own id",
                "TRM005",
            ))
            continue
        seen[concept.id] = concept
        glossary.concepts[concept.id] = concept
    problems.extend(_cross_concept_problems(glossary))
    from letterkit.glossary.phrases import PHRASES_DIR, read_phrases

    glossary.phrases = read_phrases(path / PHRASES_DIR, problems, glossary.concepts)
    return glossary, problems


def glossary_findings(path: Path | str) -> list[Finding]:
    """Every problem of the term base at *path* as a lint Finding (TRM005, else TRM000)."""
    try:
        _, problems = read_glossary(path)
    except GlossaryError as exc:
        problems = exc.problems
    return [p.to_finding() for p in problems]


def _cross_concept_problems(glossary: Glossary) -> list[GlossaryProblem]:
    """A term may belong to one concept only, or the checks would contradict each other."""
    owner: dict[tuple[str, str], tuple[Concept, str]] = {}
    problems = []
    for concept in glossary:
        for lang, entry in concept.languages.items():
            for term, status, _ in entry.forms():
                key = (lang, _norm(term))
                if key in owner and owner[key][0] is not concept:
                    other, other_status = owner[key]
                    problems.append(GlossaryProblem(
                        concept.location(lang),
                        f"{lang} term {term!r} ({status}) is also a term of concept "
                        f"{other.id!r} ({other_status}, {other.location(lang)}); "
                        "a term may belong to one concept only",
                    ))
                else:
                    owner.setdefault(key, (concept, status))
    return problems


def read_concept(file: Path, problems: list[GlossaryProblem]) -> Concept | None:
    """Read one concept file, appending its problems; None when it cannot be used at all."""
    try:
        located = load_yaml(file)
    except LetterkitError as exc:
        problems.append(GlossaryProblem(exc.location or Location(str(file)), exc.message))
        return None
    reader = fields(located, problems)
    if not reader.is_mapping:
        reader.add("expected a mapping with the fields: " + ", ".join(CONCEPT_FIELDS))
        return None
    if reader.get("type") == "phrase":
        reader.add("a phrase belongs in glossary/phrases/, not beside the concepts", "type")
        return None
    reader.unknown(CONCEPT_FIELDS)
    concept_id = text(reader, "id")
    if concept_id and not ID_RE.match(concept_id):
        reader.add(f"concept id {concept_id!r} must be kebab-case, e.g. residence-permit-card",
                   "id")
    domain = text(reader, "domain")
    if domain and domain not in DOMAINS:
        reader.add(f"unknown domain {domain!r}; use one of: " + ", ".join(DOMAINS), "domain")
    languages: dict[str, LanguageEntry] = {}
    for lang in LANGS:
        if lang not in reader:
            reader.add(f"missing language {lang!r}: every concept needs fi, sv and en terms")
            continue
        entry = _read_language(reader.sub(lang), lang)
        if entry is not None:
            languages[lang] = entry
    source = read_source(reader)
    examples = _read_examples(reader)
    if not reader.ok:
        return None
    return Concept(
        id=concept_id, domain=domain, languages=languages, source=source, examples=examples,
        path=file,
        locations={k: Location(located.path, *v) for k, v in located.positions.items()},
    )


def _read_language(reader: Fields, lang: str) -> LanguageEntry | None:
    if not reader.is_mapping:
        reader.add(f"{lang!r} must be a mapping with the fields: " + ", ".join(LANGUAGE_FIELDS))
        return None
    reader.unknown(LANGUAGE_FIELDS)
    preferred = text(reader, "preferred")
    admitted = texts(reader, "admitted")
    deprecated = []
    raw = reader.get("deprecated") or []
    if not isinstance(raw, list):
        reader.add("'deprecated' must be a list of {term, reason}", "deprecated")
        raw = []
    for i in range(len(raw)):
        item = reader.sub("deprecated", i)
        if not item.is_mapping:
            item.add("each deprecated form is {term: ..., reason: ...}")
            continue
        item.unknown(DEPRECATED_FIELDS)
        term = text(item, "term")
        reason = text(item, "reason")
        if term and reason:
            deprecated.append(Deprecated(term, reason))
    explanation = text(reader, "explanation")
    requires = reader.get("requires_explanation", False)
    if not isinstance(requires, bool):
        reader.add("'requires_explanation' must be true or false", "requires_explanation")
        requires = False
    notes = text(reader, "notes", required=False)
    gender = reader.get("gender", "")
    if gender and gender not in GENDERS.get(lang, ()):
        allowed = GENDERS.get(lang)
        reader.add(f"'gender' must be {' or '.join(allowed)}" if allowed else
                   f"'gender' is for Swedish nouns (en, ett); {lang} terms have none",
                   "gender")
        gender = ""
    number = reader.get("number", "")
    if number and number not in NUMBERS:
        reader.add("'number' must be singular or plural", "number")
        number = ""
    part_of_speech = text(reader, "part_of_speech", required=False) or "noun"
    if part_of_speech not in PARTS_OF_SPEECH:
        reader.add(f"unknown part_of_speech {part_of_speech!r}; use one of: "
                   + ", ".join(PARTS_OF_SPEECH) + " (or leave it out for a noun)",
                   "part_of_speech")
    # A term may appear once per language, whatever its status.
    seen: dict[str, str] = {}
    forms = [(preferred, "preferred", ("preferred",))]
    forms += [(t, "admitted", ("admitted", i)) for i, t in enumerate(admitted)]
    forms += [(d.term, "deprecated", ("deprecated", i, "term")) for i, d in enumerate(deprecated)]
    for term, status, keys in forms:
        if not term:
            continue
        key = _norm(term)
        if key in seen:
            reader.add(f"{lang} term {term!r} is listed as both {seen[key]} and {status}; "
                       "keep it in one list", *keys)
        else:
            seen[key] = status
    return LanguageEntry(preferred, admitted, tuple(deprecated), explanation, requires, notes,
                         gender, number, part_of_speech=part_of_speech,
                         not_in=tuple(texts(reader, "not_in")))


def _read_examples(reader: Fields) -> dict[str, Examples]:
    if reader.get("examples") is None:
        return {}
    examples = reader.sub("examples")
    if not examples.is_mapping:
        reader.add("'examples' must map fi, sv and en to {flag: [...], pass: [...]}", "examples")
        return {}
    examples.unknown(LANGS)
    out = {}
    for lang in LANGS:
        if lang not in examples:
            continue
        item = examples.sub(lang)
        if not item.is_mapping:
            item.add("examples of a language are {flag: [...], pass: [...]}")
            continue
        item.unknown(EXAMPLE_FIELDS)
        out[lang] = Examples(texts(item, "flag"), texts(item, "pass"))
    return out
