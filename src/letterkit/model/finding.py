"""A finding: one thing a rule noticed in a text, anchored to a file position."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "suggestion": 1}[self.value]


@dataclass(frozen=True)
class Finding:
    """What a rule found, where, and what to do instead.

    ``line``/``column`` are 1-based positions in ``path`` (a template, a Markdown file, a
    glossary file); ``end_line``/``end_column`` close the span (exclusive column).
    """

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    lang: str = ""
    suggestion: str = ""
    url: str = ""
    found: str = ""
    samples: tuple[str, ...] = field(default=())
    concept: str = ""  # the term base's concept id, for term rules

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "suggestion": self.suggestion,
            "url": self.url,
            "lang": self.lang,
            "found": self.found,
            "samples": list(self.samples),
        } | ({"concept": self.concept} if self.concept else {})
