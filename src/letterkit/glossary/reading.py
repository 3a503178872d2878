"""The field reader of the term base's files (concepts, phrases): ``yamlio.Fields`` with
GlossaryProblems, and the value conventions of those files (white space collapsed, one text
counting as a list of one, the shared ``source`` list).

``loader`` (concepts) and ``phrases`` both import this module; neither imports the other's.
"""

from __future__ import annotations

from dataclasses import dataclass

from letterkit.errors import Problem
from letterkit.glossary.model import (
    CONCEPT_FIELDS,
    DEPRECATED_FIELDS,
    LANGUAGE_FIELDS,
    SOURCE_FIELDS,
    Source,
)
from letterkit.model.finding import Finding, Severity
from letterkit.yamlio import Fields, Located

# Problems of the term base's own files (the checks of letters are lint rules in linting/).
FILE_PROBLEMS = {"TRM000": "invalid-glossary-file", "TRM005": "duplicate-concept-id"}


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


def fields(located: Located, problems: list) -> Fields:
    """The shared field reader (``yamlio.Fields``) over a term-base file: its problems are
    GlossaryProblems, collected in *problems*."""
    return Fields(located, problems, problem_type=GlossaryProblem)


def text(reader: Fields, key: str, *, required: bool = True) -> str:
    """The text at *key* with its white space collapsed; a missing or empty one is a problem
    when *required* (located at the mapping that lacks it)."""
    if not required:
        return " ".join(reader.text(key, required=False).split())
    return " ".join(reader.required_text(key, _describe(key)).split())


def texts(reader: Fields, key: str) -> tuple[str, ...]:
    """A list of texts at *key* (one text alone counts as a list of one)."""
    value = reader.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        reader.add(f"{key!r} must be a list of texts", key)
        return ()
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            reader.add(f"{key!r} item {i + 1} must be non-empty text", key, i)
        else:
            out.append(" ".join(item.split()))
    return tuple(out)


def _describe(key: str) -> str:
    for table in (CONCEPT_FIELDS, LANGUAGE_FIELDS, DEPRECATED_FIELDS, SOURCE_FIELDS):
        if key in table:
            return table[key]
    return ""


def read_source(reader: Fields) -> tuple[Source, ...]:
    """The ``source`` list of the file *reader* reads (concepts and phrases)."""
    raw = reader.get("source")
    if raw is None or raw == []:
        reader.add("missing 'source': say where the terms were checked (url and what was "
                   "checked), or that they could not be checked")
        return ()
    if isinstance(raw, dict):
        items = [reader.sub("source")]
    elif isinstance(raw, list):
        items = [reader.sub("source", i) for i in range(len(raw))]
    else:
        reader.add("'source' must be a list of {url, checked}", "source")
        return ()
    out = []
    for item in items:
        value = item.located.data
        for key in item.at:
            value = value[key]
        if isinstance(value, str):
            out.append(Source("", " ".join(value.split())))
            continue
        if not item.is_mapping:
            item.add("each source is {url: ..., checked: ...}")
            continue
        item.unknown(SOURCE_FIELDS)
        url = text(item, "url", required=False)
        checked = text(item, "checked")
        if url and not url.startswith(("http://", "https://")):
            item.add(f"source url {url!r} must start with https://", "url")
        out.append(Source(url, checked))
    return tuple(out)
