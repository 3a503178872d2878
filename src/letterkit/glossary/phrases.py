"""Plain phrases for customer service: how to say where an application is, in fi, sv and en.

A phrase is a term-base entry of its own type, one file per phrase in ``glossary/phrases/``::

    type: phrase
    id: application-received
    stage: received                  # one of STAGES
    concepts: [application]          # optional: concepts of the term base the phrase uses
    fi:
      say: Hakemuksesi on tullut meille. ...   # what staff say on the phone or at a desk
      avoid: Hakemuksenne on vireillä.         # optional: the officialese it replaces
      notes: ...                               # optional: for staff
    sv: {...}
    en: {...}
    source: [{url: ..., checked: ...}]  # where the facts were checked
    review: ...                          # facts that could not be checked

The loader (``letterkit.glossary.loader.read_glossary``) reads them with the concepts and
reports every problem as ``path:line:col`` (exit 2), like the concepts' own problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location
from letterkit.glossary.model import LANGS, Source
from letterkit.glossary.reading import GlossaryProblem, fields, read_source, text, texts

PHRASES_DIR = "phrases"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The stages of an application, in the order a customer goes through them, with their names
# in each language (headings of the phrasebook's customer-service section).
STAGES: dict[str, dict[str, str]] = {
    "received": {"fi": "Hakemus on saapunut", "sv": "Ansökan har kommit in",
                 "en": "The application has arrived"},
    "waiting": {"fi": "Hakemus odottaa käsittelyä", "sv": "Ansökan väntar på behandling",
                "en": "Waiting for processing"},
    "in-processing": {"fi": "Hakemus on käsittelyssä", "sv": "Ansökan behandlas",
                      "en": "The application is being processed"},
    "supplement-requested": {"fi": "Olemme pyytäneet lisätietoja",
                             "sv": "Vi har bett om komplettering",
                             "en": "We have asked for more information"},
    "interview": {"fi": "Puhuttelu", "sv": "Intervju", "en": "Interview"},
    "decision": {"fi": "Päätös on tehty", "sv": "Beslutet är fattat",
                 "en": "The decision has been made"},
    "appeal": {"fi": "Valittaminen päätöksestä", "sv": "Överklagande",
               "en": "Appealing the decision"},
}

PHRASE_FIELDS = {
    "type": "always 'phrase'",
    "id": "the phrase id, kebab-case, the same as the file name",
    "stage": "the stage of the application: " + ", ".join(STAGES),
    "concepts": "concept ids of the term base that the phrase uses (a list)",
    "fi": "the Finnish phrase", "sv": "the Finland-Swedish phrase", "en": "the English phrase",
    "source": "where the facts in the phrase were checked: a list of {url, checked}",
    "review": "facts in the phrase that could not be checked, for a reviewer",
}
PHRASE_LANGUAGE_FIELDS = {
    "say": "what staff say to the customer, in one to three short sentences",
    "avoid": "the officialese the phrase replaces (optional)",
    "notes": "notes for staff (optional)",
}


@dataclass(frozen=True)
class PhraseText:
    """A phrase in one language."""

    say: str
    avoid: str = ""
    notes: str = ""


@dataclass
class Phrase:
    """What to say to a customer at one stage of an application, in every language."""

    id: str
    stage: str
    languages: dict[str, PhraseText]
    concepts: tuple[str, ...] = ()
    source: tuple[Source, ...] = ()
    review: str = ""
    path: Path | None = None
    locations: dict[tuple, Location] = field(default_factory=dict)

    def location(self, *keys: Any) -> Location:
        key_path = tuple(keys)
        while key_path:
            if key_path in self.locations:
                return self.locations[key_path]
            key_path = key_path[:-1]
        return self.locations.get((), Location(str(self.path) if self.path else "<phrase>", 1))


def by_stage(phrases: dict[str, Phrase]) -> list[tuple[str, list[Phrase]]]:
    """The phrases grouped by stage, stages in the order of STAGES, phrases by id."""
    out = []
    for stage in STAGES:
        group = sorted((p for p in phrases.values() if p.stage == stage), key=lambda p: p.id)
        if group:
            out.append((stage, group))
    return out


def read_phrases(folder: Path, problems: list, concept_ids) -> dict[str, Phrase]:
    """Read ``folder/*.yaml`` (``glossary/phrases/``); append a problem for everything wrong.

    The files are read with the term base's field reader (shared messages); *concept_ids* are
    the ids of the concepts, to check ``concepts:``.
    """
    from letterkit.yamlio import load_yaml

    phrases: dict[str, Phrase] = {}
    if not folder.is_dir():
        return phrases
    for file in sorted(p for p in folder.iterdir()
                       if p.suffix in (".yaml", ".yml") and p.is_file()):
        try:
            located = load_yaml(file)
        except LetterkitError as exc:
            problems.append(GlossaryProblem(exc.location or Location(str(file)), exc.message))
            continue
        reader = fields(located, problems)
        phrase = _read_phrase(file, reader, concept_ids)
        if phrase is None:
            continue
        if phrase.id in phrases:
            reader.add(f"duplicate phrase id {phrase.id!r}: {phrases[phrase.id].location('id')} "
                       "uses it too; give each phrase its own id", "id")
            continue
        phrases[phrase.id] = phrase
    return phrases


def _read_phrase(file: Path, reader, concept_ids) -> Phrase | None:
    if not reader.is_mapping:
        reader.add("expected a mapping with the fields: " + ", ".join(PHRASE_FIELDS))
        return None
    reader.unknown(PHRASE_FIELDS)
    kind = reader.get("type")
    if kind != "phrase":
        reader.add("a file in glossary/phrases/ starts with 'type: phrase'"
                   + (f", not {kind!r}" if kind is not None else ""), "type")
    phrase_id = text(reader, "id")
    if phrase_id and not ID_RE.match(phrase_id):
        reader.add(f"phrase id {phrase_id!r} must be kebab-case, e.g. application-received",
                   "id")
    elif phrase_id and phrase_id != file.stem:
        reader.add(f"phrase id {phrase_id!r} must be the file name ({file.stem}.yaml)", "id")
    stage = reader.get("stage")
    if stage is None or stage == "":
        reader.add("missing 'stage': the stage of the application, one of: "
                   + ", ".join(STAGES))
    elif stage not in STAGES:
        reader.add(f"unknown stage {stage!r}; use one of: " + ", ".join(STAGES), "stage")
    concepts = texts(reader, "concepts")
    for i, concept_id in enumerate(concepts):
        if concept_id not in concept_ids:
            reader.add(f"unknown concept {concept_id!r}: no glossary/{concept_id}.yaml; use a "
                       "concept id of the term base", "concepts", i)
    languages: dict[str, PhraseText] = {}
    for lang in LANGS:
        if lang not in reader:
            reader.add(f"missing language {lang!r}: every phrase needs fi, sv and en, each "
                       "with 'say'")
            continue
        item = reader.sub(lang)
        if not item.is_mapping:
            item.add(f"{lang!r} must be a mapping with the fields: "
                     + ", ".join(PHRASE_LANGUAGE_FIELDS))
            continue
        item.unknown(PHRASE_LANGUAGE_FIELDS)
        say = text(item, "say", required=False)
        if not say:
            item.add(f"missing 'say' in {lang}: {PHRASE_LANGUAGE_FIELDS['say']}")
        languages[lang] = PhraseText(say, text(item, "avoid", required=False),
                                     text(item, "notes", required=False))
    # Unlike a concept, a phrase may go without sources when its review says why.
    source = read_source(reader) if reader.get("source") is not None else ()
    review = text(reader, "review", required=False)
    if not source and not review:
        reader.add("say where the facts were checked ('source': [{url, checked}]) or what "
                   "could not be checked ('review')")
    if not reader.ok:
        return None
    located = reader.located
    return Phrase(phrase_id, stage, languages, concepts, source, review, file,
                  {k: Location(located.path, *v) for k, v in located.positions.items()})
