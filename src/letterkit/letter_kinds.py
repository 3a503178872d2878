"""The letter kinds of ``linting/config.yaml`` (``kinds``), read through the shared field
reader so that every wrong field of every kind is reported at its line.

``letterkit new`` scaffolds from a kind, ``check`` accepts only the kinds listed, lint reads
a kind's sections and rule overrides, and the docs site prints its title, headline and
section headings in every language.
"""

from __future__ import annotations

from typing import Any

from letterkit import LANGUAGES
from letterkit.errors import Problem
from letterkit.yamlio import Fields, Located

KIND_FIELDS = {
    "title": "the kind's name in each language, e.g. {fi: Kuuleminen, sv: Hörande, en: Hearing}",
    "headline": "the scaffold's first heading in each language",
    "description": "when a letter of this kind is sent",
    "consequence_section": "the section that says what happens if the reader does not act",
    "rules": "rule overrides by code, e.g. {STR004: {require: [phone-number]}}",
    "sections": "the sections a letter of this kind has, in order",
}
REQUIRED_KIND_FIELDS = ("title", "sections")
SECTION_FIELDS = ("id", "heading", "include")


def kind_problems(config: Located) -> list[Problem]:
    """Every problem of ``kinds`` in *config*, at its line."""
    from letterkit.catalog.schema import ID_RE

    problems: list[Problem] = []
    fields = Fields(config, problems)
    kinds = fields.mapping("kinds", "'kinds' must map each letter kind to its settings")
    for kind, spec in kinds.items():
        if not isinstance(kind, str) or not ID_RE.match(kind):
            fields.add(f"letter kind {kind!r} must be kebab-case, e.g. supplement-request",
                       "kinds", kind)
        if not isinstance(spec, dict):
            fields.add(f"kind {kind!r} must be a mapping with: " + ", ".join(KIND_FIELDS),
                       "kinds", kind)
            continue
        _read_kind(fields.sub("kinds", kind), kind)
    return problems


def _read_kind(fields: Fields, kind: Any) -> None:
    fields.unknown(KIND_FIELDS, f"in kind {kind!r}")
    fields.missing(REQUIRED_KIND_FIELDS, KIND_FIELDS)
    _per_language(fields, "title")
    _per_language(fields, "headline")
    fields.text("description")
    fields.mapping("rules", f"'rules' of kind {kind!r} must map rule codes to their "
                            "settings, e.g. {STR004: {require: [phone-number]}}")
    ids = _sections(fields)
    consequence = fields.text("consequence_section")
    if consequence and ids and consequence not in ids:
        fields.add(f"consequence_section {consequence!r} is not a section of kind {kind!r}; "
                   f"use one of {', '.join(ids)}", "consequence_section")


def _per_language(fields: Fields, key: str) -> None:
    """A mapping of every language to a non-blank text."""
    if key not in fields:
        return
    value = fields.get(key)
    if not isinstance(value, dict):
        fields.add(f"{key} must give a text in each language: {', '.join(LANGUAGES)}", key)
        return
    sub = fields.sub(key)
    sub.unknown(LANGUAGES, f"in {key} (a language)")
    sub.missing(LANGUAGES)
    for lang in LANGUAGES:
        sub.text(lang)


def _sections(fields: Fields) -> list[str]:
    """The section ids, each section checked."""
    from letterkit.catalog.schema import ID_RE

    ids: list[str] = []
    for index, section in enumerate(fields.sequence(
            "sections", "sections must be a list of {id, heading, include}", non_empty=True)):
        if not isinstance(section, dict):
            fields.add("each section is {id: ..., heading: {fi: ..., sv: ..., en: ...}}",
                       "sections", index)
            continue
        sub = fields.sub("sections", index)
        sub.unknown(SECTION_FIELDS, "in a section")
        sub.missing(("id", "heading"))
        ident = sub.get("id")
        if ident is None:
            pass  # reported as missing
        elif not isinstance(ident, str) or not ID_RE.match(ident):
            sub.add(f"section id {ident!r} must be kebab-case, e.g. what-we-need", "id")
        elif ident in ids:
            sub.add(f"section {ident!r} is listed twice", "id")
        else:
            ids.append(ident)
        _per_language(sub, "heading")
        sub.text("include")
    return ids
