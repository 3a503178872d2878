"""Load ``glossary/*.yaml`` and validate it, reporting every problem as ``path:line:col``.

A broken term base is unusable input (exit code 2): nothing is linted against it until the
files are fixed. The one problem that also has a lint code is a concept id used by two files
(TRM005), because it is the one a merge of two branches silently creates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letterkit.errors import EXIT_BAD_INPUT, LetterkitError, Location, Problem
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
    SOURCE_FIELDS,
    Concept,
    Deprecated,
    Examples,
    Glossary,
    LanguageEntry,
    Source,
)
from letterkit.glossary.sources import SOURCES_FILE
from letterkit.model.finding import Finding, Severity
from letterkit.yamlio import Located, load_yaml

# Problems of the term base's own files (the checks of letters are lint rules in linting/).
FILE_PROBLEMS = {"TRM000": "invalid-glossary-file", "TRM005": "duplicate-concept-id"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class GlossaryProblem(Problem):
    """A problem in a glossary file; ``code`` is set for problems that are lint rules too."""

    code: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} ({self.code})" if self.code else text

    def to_finding(self) -> Finding:
        code = self.code or "TRM000"
        name = FILE_PROBLEMS.get(code, FILE_PROBLEMS["TRM000"])
        severity = Severity.ERROR
        loc = self.location
        return Finding(
            code=code, name=name, severity=severity, message=self.message, path=loc.path,
            line=loc.line or 1, column=loc.col or 1, end_line=loc.line or 1,
            end_column=(loc.col or 1) + 1,
        )


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

    glossary.phrases = read_phrases(path / PHRASES_DIR, _Reader, problems, glossary.concepts)
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


class _Reader:
    def __init__(self, located: Located, problems: list[GlossaryProblem]):
        self.located = located
        self.problems = problems
        self.count = 0

    def add(self, message: str, *keys: Any) -> None:
        self.count += 1
        self.problems.append(GlossaryProblem(self.located.location(*keys), message))

    def unknown_fields(self, data: dict, allowed: dict[str, str], *keys: Any) -> None:
        for key in data:
            if key not in allowed:
                self.add(
                    f"unknown field {key!r}; the fields here are: " + ", ".join(allowed),
                    *keys, key,
                )

    def text(self, data: dict, key: str, *keys: Any, required: bool = True) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                where = ".".join(str(k) for k in keys) or "the file"
                self.add(f"missing {key!r} in {where}: {_describe(key)}", *keys)
            return ""
        if not isinstance(value, str):
            self.add(f"{key!r} must be text, not {type(value).__name__}", *keys, key)
            return ""
        return " ".join(value.split())

    def text_list(self, data: dict, key: str, *keys: Any) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.add(f"{key!r} must be a list of texts", *keys, key)
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{key!r} item {i + 1} must be non-empty text", *keys, key, i)
            else:
                out.append(" ".join(item.split()))
        return tuple(out)


def _describe(key: str) -> str:
    for table in (CONCEPT_FIELDS, LANGUAGE_FIELDS, DEPRECATED_FIELDS, SOURCE_FIELDS):
        if key in table:
            return table[key]
    return ""


def read_concept(file: Path, problems: list[GlossaryProblem]) -> Concept | None:
    """Read one concept file, appending its problems; None when it cannot be used at all."""
    try:
        located = load_yaml(file)
    except LetterkitError as exc:
        problems.append(GlossaryProblem(exc.location or Location(str(file)), exc.message))
        return None
    data = located.data
    reader = _Reader(located, problems)
    if not isinstance(data, dict):
        reader.add("expected a mapping with the fields: " + ", ".join(CONCEPT_FIELDS))
        return None
    if data.get("type") == "phrase":
        reader.add("a phrase belongs in glossary/phrases/, not beside the concepts", "type")
        return None
    reader.unknown_fields(data, CONCEPT_FIELDS)
    concept_id = reader.text(data, "id")
    if concept_id and not ID_RE.match(concept_id):
        reader.add(f"concept id {concept_id!r} must be kebab-case, e.g. residence-permit-card",
                   "id")
    domain = reader.text(data, "domain")
    if domain and domain not in DOMAINS:
        reader.add(f"unknown domain {domain!r}; use one of: " + ", ".join(DOMAINS), "domain")
    languages: dict[str, LanguageEntry] = {}
    for lang in LANGS:
        if lang not in data:
            reader.add(f"missing language {lang!r}: every concept needs fi, sv and en terms")
            continue
        entry = _read_language(reader, data[lang], lang)
        if entry is not None:
            languages[lang] = entry
    source = read_source(reader, data.get("source"))
    examples = _read_examples(reader, data.get("examples"))
    if reader.count:
        return None
    return Concept(
        id=concept_id, domain=domain, languages=languages, source=source, examples=examples,
        path=file,
        locations={k: Location(located.path, *v) for k, v in located.positions.items()},
    )


def _read_language(reader: _Reader, data: Any, lang: str) -> LanguageEntry | None:
    if not isinstance(data, dict):
        reader.add(f"{lang!r} must be a mapping with the fields: " + ", ".join(LANGUAGE_FIELDS),
                   lang)
        return None
    reader.unknown_fields(data, LANGUAGE_FIELDS, lang)
    preferred = reader.text(data, "preferred", lang)
    admitted = reader.text_list(data, "admitted", lang)
    deprecated = []
    raw = data.get("deprecated") or []
    if not isinstance(raw, list):
        reader.add("'deprecated' must be a list of {term, reason}", lang, "deprecated")
        raw = []
    for i, item in enumerate(raw):
        keys = (lang, "deprecated", i)
        if not isinstance(item, dict):
            reader.add("each deprecated form is {term: ..., reason: ...}", *keys)
            continue
        reader.unknown_fields(item, DEPRECATED_FIELDS, *keys)
        term = reader.text(item, "term", *keys)
        reason = reader.text(item, "reason", *keys)
        if term and reason:
            deprecated.append(Deprecated(term, reason))
    explanation = reader.text(data, "explanation", lang)
    requires = data.get("requires_explanation", False)
    if not isinstance(requires, bool):
        reader.add("'requires_explanation' must be true or false", lang, "requires_explanation")
        requires = False
    notes = reader.text(data, "notes", lang, required=False)
    gender = data.get("gender", "")
    if gender and gender not in GENDERS.get(lang, ()):
        allowed = GENDERS.get(lang)
        reader.add(f"'gender' must be {' or '.join(allowed)}" if allowed else
                   f"'gender' is for Swedish nouns (en, ett); {lang} terms have none",
                   lang, "gender")
        gender = ""
    number = data.get("number", "")
    if number and number not in NUMBERS:
        reader.add("'number' must be singular or plural", lang, "number")
        number = ""
    part_of_speech = reader.text(data, "part_of_speech", lang, required=False) or "noun"
    if part_of_speech not in PARTS_OF_SPEECH:
        reader.add(f"unknown part_of_speech {part_of_speech!r}; use one of: "
                   + ", ".join(PARTS_OF_SPEECH) + " (or leave it out for a noun)",
                   lang, "part_of_speech")
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
                       "keep it in one list", lang, *keys)
        else:
            seen[key] = status
    return LanguageEntry(preferred, admitted, tuple(deprecated), explanation, requires, notes,
                         gender, number, part_of_speech=part_of_speech)


def read_source(reader: _Reader, raw: Any) -> tuple[Source, ...]:
    if raw is None or raw == []:
        reader.add("missing 'source': say where the terms were checked (url and what was "
                   "checked), or that they could not be checked")
        return ()
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        reader.add("'source' must be a list of {url, checked}", "source")
        return ()
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(Source("", " ".join(item.split())))
            continue
        if not isinstance(item, dict):
            reader.add("each source is {url: ..., checked: ...}", "source", i)
            continue
        reader.unknown_fields(item, SOURCE_FIELDS, "source", i)
        url = reader.text(item, "url", "source", i, required=False)
        checked = reader.text(item, "checked", "source", i)
        if url and not url.startswith(("http://", "https://")):
            reader.add(f"source url {url!r} must start with https://", "source", i, "url")
        out.append(Source(url, checked))
    return tuple(out)


def _read_examples(reader: _Reader, raw: Any) -> dict[str, Examples]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        reader.add("'examples' must map fi, sv and en to {flag: [...], pass: [...]}", "examples")
        return {}
    reader.unknown_fields(raw, {lang: "examples in " + lang for lang in LANGS}, "examples")
    out = {}
    for lang in LANGS:
        if lang not in raw:
            continue
        item = raw[lang]
        if not isinstance(item, dict):
            reader.add("examples of a language are {flag: [...], pass: [...]}", "examples", lang)
            continue
        reader.unknown_fields(item, EXAMPLE_FIELDS, "examples", lang)
        out[lang] = Examples(
            reader.text_list(item, "flag", "examples", lang),
            reader.text_list(item, "pass", "examples", lang),
        )
    return out
