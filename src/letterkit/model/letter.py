"""Letter, Variable and Sample: what ``letters/<id>/`` holds, validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.errors import Location

VARIABLE_TYPES = ("text", "date", "datetime", "list", "number", "money", "bool", "choice")
STATUSES = ("draft", "language-review", "panel-testing", "approved")


@dataclass(frozen=True)
class Variable:
    """A value a letter needs from the system that fills it in."""

    name: str
    type: str
    required: bool = True
    description: str = ""
    choices: tuple[str, ...] = ()
    items: str = "text"
    location: Location | None = None
    deadline: bool = False  # a time limit the letter states: must fall on a working day


class PerLanguage(dict):
    """A sample value written separately for each language: ``{fi: ..., sv: ..., en: ...}``.

    Free text that a case handler writes (the documents missing from an application) is
    written in the letter's language, so a sample gives it once per language.
    """

    def for_lang(self, lang: str):
        return self[lang]


@dataclass(frozen=True)
class Sample:
    """Invented data for one case, used by the preview, the tests and the docs."""

    name: str
    path: Path
    description: str
    values: dict[str, Any]
    raw_values: dict[str, Any] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    problems: tuple = ()  # Problems found in this sample; rendering it reports the first


@dataclass(frozen=True)
class Review:
    date: Any
    by: str
    status: str
    note: str = ""


@dataclass
class Letter:
    """One letter: metadata, its templates per language and its samples."""

    id: str
    path: Path
    kind: str
    audience: str
    version: int
    status: str
    owner: str
    languages: tuple[str, ...]
    title: dict[str, str]
    description: str
    variables: dict[str, Variable]
    sections: tuple[str, ...]
    review: tuple[Review, ...] = ()
    samples: dict[str, Sample] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    # The Project the letter was loaded for (its templates environment and term base);
    # set by the loader when it is given one, else found once on first render.
    project: Any = field(default=None, repr=False, compare=False)

    @property
    def metadata_path(self) -> Path:
        return self.path / "letter.yaml"

    def template_path(self, lang: str) -> Path:
        return self.path / f"{lang}.md.j2"

    def template_name(self, lang: str) -> str:
        """The name of the language's template for the Jinja loader rooted at ``letters/``."""
        return f"{self.id}/{lang}.md.j2"

    def location(self, key: str) -> Location:
        return self.locations.get(key, Location(str(self.metadata_path)))
