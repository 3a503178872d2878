"""Look-ups for the CLI, the preview app and the docs site: find a concept, list a phrasebook."""

from __future__ import annotations

from dataclasses import dataclass

from letterkit.glossary.matcher import find_terms
from letterkit.glossary.model import LANGS, Concept, Glossary

# Finnish and Swedish put å, ä, ö after z (and ü with y); a plain code-point sort does not.
_COLLATE = str.maketrans({"å": "{", "ä": "|", "ö": "}", "ü": "y"})


def sort_key(term: str, lang: str) -> str:
    """Alphabetical order for *lang* (fi and sv: ... x y z å ä ö)."""
    low = term.casefold()
    return low.translate(_COLLATE) if lang in ("fi", "sv") else low


@dataclass(frozen=True)
class Match:
    """A concept found by :func:`lookup`, with how it was found."""

    concept: Concept
    lang: str
    term: str
    status: str
    exact: bool


def lookup(query: str, glossary: Glossary, lang: str | None = None) -> list[Match]:
    """Find concepts by a concept id or by any term in any inflected form.

    With *lang* only that language is searched. Whole-word matches come before matches
    inside compounds; each concept is listed once.
    """
    query = query.strip()
    if not query:
        return []
    results: dict[str, Match] = {}
    if query in glossary:
        concept = glossary.get(query)
        lang0 = lang or "fi"
        results[query] = Match(concept, lang0, concept.preferred(lang0), "id", True)
    for code in ([lang] if lang else LANGS):
        for hit in find_terms(query, code, glossary):
            exact = not hit.partial and hit.start == 0 and hit.end == len(query)
            old = results.get(hit.concept_id)
            if old is None or (exact and not old.exact):
                results[hit.concept_id] = Match(glossary.get(hit.concept_id), code, hit.term,
                                                hit.status, exact)
    return sorted(results.values(), key=lambda m: (not m.exact, m.concept.id))


@dataclass(frozen=True)
class PhrasebookEntry:
    """One line of a staff phrasebook: the word to use and how to explain it."""

    concept_id: str
    domain: str
    term: str
    explanation: str
    requires_explanation: bool
    admitted: tuple[str, ...]
    avoid: tuple[tuple[str, str], ...]
    notes: str

    def as_dict(self) -> dict:
        return {
            "concept_id": self.concept_id, "domain": self.domain, "term": self.term,
            "explanation": self.explanation,
            "requires_explanation": self.requires_explanation,
            "admitted": list(self.admitted),
            "avoid": [{"term": t, "reason": r} for t, r in self.avoid], "notes": self.notes,
        }


def phrasebook(lang: str, glossary: Glossary, domain: str | None = None
               ) -> list[PhrasebookEntry]:
    """The phrasebook of *lang*: every concept's preferred term and plain explanation,
    in alphabetical order of the term (optionally only one *domain*)."""
    entries = []
    for concept in glossary:
        if domain and concept.domain != domain:
            continue
        entry = concept.languages.get(lang)
        if entry is None:
            continue
        entries.append(PhrasebookEntry(
            concept.id, concept.domain, entry.preferred, entry.explanation,
            entry.requires_explanation, entry.admitted,
            tuple((d.term, d.reason) for d in entry.deprecated), entry.notes))
    entries.sort(key=lambda e: sort_key(e.term, lang))
    return entries
