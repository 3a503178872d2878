"""``letterkit new``: a new letter folder with every language, ready for ``letterkit check``.

Everything the scaffold writes comes from ``linting/config.yaml``: the sections and headline
of the letter kind, the shared partials to include, and the types and invented example values
of the variables they use. The new letter passes ``check`` at once; ``lint`` then points at
the empty sections that the writer has to fill.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from letterkit import LANGUAGES
from letterkit.catalog import ID_RE
from letterkit.errors import LetterkitError, Location
from letterkit.project import Project
from letterkit.templates.introspect import analyse

GUIDANCE = {
    "fi": "Kirjoita tähän. Tärkein asia ensin, lyhyet virkkeet, puhuttele lukijaa sinuna.",
    "sv": "Skriv här. Det viktigaste först, korta meningar, tilltala läsaren med du.",
    "en": "Write here. Most important first, short sentences, speak to the reader as you.",
}
OPENING = {
    "fi": "Kerro tässä yhdellä tai kahdella virkkeellä, mitä pyydämme ja mihin mennessä.",
    "sv": "Säg här med en eller två meningar vad vi ber om och när.",
    "en": "Say here in one or two sentences what we ask for and by when.",
}


def scaffold_letter(project: Project, letter_id: str, kind: str, *,
                    audience: str = "applicant", owner: str = "Letter team") -> Path:
    """Create ``letters/<letter_id>/``; return its path. Raises LetterkitError on bad input."""
    if not ID_RE.match(letter_id):
        raise LetterkitError(f"letter id {letter_id!r} must be kebab-case, e.g. "
                             "supplement-request-studies")
    kinds = project.kinds
    if kind not in kinds:
        raise LetterkitError(f"unknown kind {kind!r}; kinds in linting/config.yaml: "
                             f"{', '.join(sorted(kinds)) or 'none'}",
                             project.config.location("kinds"))
    spec = kinds[kind] or {}
    settings = project.config.data.get("scaffold", {}) or {}
    folder = project.letters_dir / letter_id
    if folder.exists():
        raise LetterkitError("already exists; choose another id or edit that letter",
                             Location(str(folder)))
    shared = project.letters_dir / "_shared"
    sections = spec.get("sections", [])
    (folder / "samples").mkdir(parents=True)
    for lang in LANGUAGES:
        (folder / f"{lang}.md.j2").write_text(
            _template(lang, spec, sections, settings, shared), encoding="utf-8")
    used: dict[str, Any] = {}
    for lang in LANGUAGES:
        env = project.environment(lang)
        info = analyse(env, folder / f"{lang}.md.j2", project.letters_dir)
        used.update(dict.fromkeys(info.variables))
    known = settings.get("variables", {}) or {}
    variables = {}
    example_values = {}
    for name in used:
        var = dict(known.get(name) or {"type": "text", "description": "Used by a shared partial.",
                                        "example": "Esimerkki"})
        example_values[name] = var.pop("example", "Esimerkki")
        variables[name] = var
    title = spec.get("title", {})
    meta = {
        "id": letter_id, "kind": kind, "audience": audience, "version": 1, "status": "draft",
        "owner": owner, "languages": list(LANGUAGES),
        "title": {lang: title.get(lang, letter_id) for lang in LANGUAGES},
        "description": spec.get("description", "").strip() or f"A {kind} letter.",
        "variables": variables,
        "sections": [section["id"] for section in sections],
    }
    (folder / "letter.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    sample = {"description": "Invented example values. Replace them with a realistic case.",
              "values": example_values}
    (folder / "samples" / "default.yaml").write_text(
        yaml.safe_dump(sample, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return folder


def _template(lang: str, spec: dict, sections: list[dict], settings: dict, shared: Path) -> str:
    def include(name: str | None) -> str | None:
        if name and (shared / lang / name).is_file():
            return f'{{% include "{name}" %}}'
        return None

    parts: list[str] = []
    if head := include(settings.get("letterhead")):
        parts.append(head)
    headline = (spec.get("headline") or {}).get(lang) or (spec.get("title") or {}).get(lang, "")
    parts.append(f"# {headline}")
    parts.append(f"{{# {OPENING[lang]} #}}")
    for section in sections:
        heading = (section.get("heading") or {}).get(lang, section["id"])
        parts.append(f"## {heading} {{#{section['id']}}}")
        parts.append(include(section.get("include")) or f"{{# {GUIDANCE[lang]} #}}")
    if foot := include(settings.get("footer")):
        parts.append(foot)
    return "\n\n".join(parts) + "\n"
