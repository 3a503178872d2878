"""The term base as plain data: a Concept holds one meaning and its words in fi, sv and en."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location

LANGS = ("fi", "sv", "en")
STATUSES = ("preferred", "admitted", "deprecated")
# Grammar of the preferred term, for agreement checks (lint GRM002): the Swedish noun's gender
# (en or ett) and, where it matters, the number a term is used in (singular or plural).
GENDERS = {"sv": ("en", "ett")}
NUMBERS = ("singular", "plural")
# The part-of-speech picklist of TBX-Basic; a language entry's terms share one (default noun).
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "other")

# The closed list of subject fields; a new one is added here and documented on the site.
DOMAINS = {
    "residence-permits": "residence permits: applying, extending, the card",
    "family": "family ties and family reunification",
    "asylum": "international protection and the asylum process",
    "citizenship": "Finnish citizenship",
    "documents": "identity, travel and civil-status documents, translation, legalisation",
    "general-process": "how any application is handled: fees, requests, decisions, appeals",
}

# Field names, each with what it holds: the loader's error messages list them.
CONCEPT_FIELDS = {
    "id": "the concept id, kebab-case, e.g. residence-permit",
    "domain": "the subject field: " + ", ".join(DOMAINS),
    "fi": "the Finnish terms",
    "sv": "the Finland-Swedish terms",
    "en": "the English terms",
    "source": "where the terms were checked: a list of {url, checked}",
    "examples": "per language, sentences that must be flagged (flag) and must not (pass)",
}
LANGUAGE_FIELDS = {
    "preferred": "the one term to use",
    "admitted": "other acceptable terms (a list)",
    "deprecated": "terms to avoid, each {term, reason}",
    "explanation": "one or two plain sentences a clerk would say to a customer",
    "requires_explanation": "true when most readers do not know the term",
    "notes": "notes for writers and translators",
    "gender": "Swedish only: the preferred noun's gender, en or ett (en ansökan, ett beslut)",
    "number": "singular or plural: the number the preferred term is used in, where it matters "
              "(biometric identifiers, family ties)",
    "part_of_speech": "the terms' part of speech when not a noun: " + ", ".join(PARTS_OF_SPEECH),
    "not_in": "phrases in which the words do not mean this concept (a list, e.g. 'hearing "
              "from' for a hearing): a term found inside one is not reported",
}
DEPRECATED_FIELDS = {"term": "the term to avoid", "reason": "why it is avoided"}
SOURCE_FIELDS = {"url": "the page that was checked", "checked": "what was checked there"}
EXAMPLE_FIELDS = {"flag": "sentences that must be flagged", "pass": "sentences that must not"}


@dataclass(frozen=True)
class Deprecated:
    """A form writers should not use, and why."""

    term: str
    reason: str


@dataclass(frozen=True)
class LanguageEntry:
    """One concept's words in one language."""

    preferred: str
    admitted: tuple[str, ...] = ()
    deprecated: tuple[Deprecated, ...] = ()
    explanation: str = ""
    requires_explanation: bool = False
    notes: str = ""
    gender: str = ""  # sv: "en" or "ett"; "" when not given
    number: str = ""  # "singular" or "plural"; "" when not given
    part_of_speech: str = "noun"
    not_in: tuple[str, ...] = ()

    def forms(self) -> list[tuple[str, str, str]]:
        """Return every term as ``(term, status, reason)``, preferred first."""
        out = [(self.preferred, "preferred", "")]
        out += [(term, "admitted", "") for term in self.admitted]
        out += [(d.term, "deprecated", d.reason) for d in self.deprecated]
        return out

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"preferred": self.preferred}
        if self.admitted:
            data["admitted"] = list(self.admitted)
        if self.deprecated:
            data["deprecated"] = [{"term": d.term, "reason": d.reason} for d in self.deprecated]
        data["explanation"] = self.explanation
        data["requires_explanation"] = self.requires_explanation
        if self.notes:
            data["notes"] = self.notes
        if self.gender:
            data["gender"] = self.gender
        if self.number:
            data["number"] = self.number
        if self.part_of_speech != "noun":
            data["part_of_speech"] = self.part_of_speech
        if self.not_in:
            data["not_in"] = list(self.not_in)
        return data


@dataclass(frozen=True)
class Source:
    """Where a concept's terms were checked (``url`` is empty when no page could be read)."""

    url: str = ""
    checked: str = ""

    def to_data(self) -> dict[str, str]:
        data = {}
        if self.url:
            data["url"] = self.url
        data["checked"] = self.checked
        return data


@dataclass(frozen=True)
class Examples:
    """Sentences of one language that the checks must flag and must leave alone."""

    flag: tuple[str, ...] = ()
    passing: tuple[str, ...] = ()

    def to_data(self) -> dict[str, list[str]]:
        return {"flag": list(self.flag), "pass": list(self.passing)}


@dataclass
class Concept:
    """One meaning with its preferred, admitted and deprecated terms in every language."""

    id: str
    domain: str
    languages: dict[str, LanguageEntry]
    source: tuple[Source, ...] = ()
    examples: dict[str, Examples] = field(default_factory=dict)
    path: Path | None = None
    locations: dict[tuple, Location] = field(default_factory=dict)

    def entry(self, lang: str) -> LanguageEntry:
        return self.languages[lang]

    def preferred(self, lang: str) -> str:
        return self.languages[lang].preferred

    def location(self, *keys: Any) -> Location:
        """The place in the concept's file of the value at *keys* (or its nearest parent)."""
        key_path = tuple(keys)
        while key_path:
            if key_path in self.locations:
                return self.locations[key_path]
            key_path = key_path[:-1]
        return self.locations.get((), Location(str(self.path) if self.path else "<glossary>", 1))

    @property
    def verified(self) -> bool:
        """True when at least one source names a page that was checked."""
        return any(s.url for s in self.source)

    def to_data(self) -> dict[str, Any]:
        """Return the concept as the YAML file holds it (field order fixed), for writing and
        for field-by-field comparison."""
        data: dict[str, Any] = {"id": self.id, "domain": self.domain}
        for lang in LANGS:
            if lang in self.languages:
                data[lang] = self.languages[lang].to_data()
        data["source"] = [s.to_data() for s in self.source]
        if self.examples:
            data["examples"] = {
                lang: self.examples[lang].to_data() for lang in LANGS if lang in self.examples
            }
        return data


@dataclass
class Glossary:
    """All concepts of a term base, by id."""

    path: Path | None
    concepts: dict[str, Concept] = field(default_factory=dict)
    # Customer-service phrases by id (glossary/phrases/, letterkit.glossary.phrases).
    phrases: dict[str, Any] = field(default_factory=dict)
    # The compiled term matchers, one per language, built on first use (glossary.matcher).
    matchers: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __iter__(self):
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def get(self, concept_id: str) -> Concept:
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise LetterkitError(f"no concept {concept_id!r} in the glossary") from None

    def term(self, concept_id: str, lang: str) -> str:
        """The preferred term of *concept_id* in *lang* (what ``{{ term("...") }}`` renders)."""
        concept = self.get(concept_id)
        if lang not in concept.languages:
            raise LetterkitError(f"concept {concept_id!r} has no {lang} terms")
        return concept.preferred(lang)

    def to_data(self) -> dict[str, dict[str, Any]]:
        return {cid: self.concepts[cid].to_data() for cid in sorted(self.concepts)}
