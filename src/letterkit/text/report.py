"""Readability figures as plain data: for a document, its sections, and against targets.

Shared by ``letterkit readability``, the preview app and the docs site, so all three show the
same numbers with the same rounding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .measures import HEADLINE, MEASURES, counted, measure, pulling_up
from .model import Document, Sentence

DEFAULT_TARGETS = {
    "fi": {"fi_index": 7.0, "longest_sentence": 25},
    "sv": {"lix": 40.0, "longest_sentence": 25},
    "en": {"fk_grade": 8.0, "longest_sentence": 25},
}
_SECTION_ID = re.compile(r"\{#([\w-]+)[^}]*\}\s*$")


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def figures(doc: Document, sentences: Sequence[Sentence] | None = None) -> dict[str, Any]:
    """``{"words", "sentences", "measures", "difficulty"}`` for the chosen sentences; words and
    sentences are those the measures count (no headings, labels or address lines)."""
    chosen = counted(doc, sentences)
    values = measure(doc, chosen)
    name = HEADLINE[doc.lang]
    value = values.get(name)
    return {
        "words": sum(len(s.words) for s in chosen),
        "sentences": len(chosen),
        "measures": {k: rounded(v, 2) for k, v in values.items()},
        "difficulty": {"measure": name, "value": rounded(value, 2),
                       "band": MEASURES[name].band(value)},
    }


@dataclass
class Section:
    id: str
    heading: str
    start: int
    end: int


def sections(doc: Document, start: int = 0) -> list[Section]:
    """Level-2 headings (``## Heading {#id}``) after ``start``, each up to the next one."""
    found: list[Section] = []
    heads = [u for u in doc.units if u.kind == "heading" and u.level <= 2 and u.start >= start]
    for i, unit in enumerate(heads):
        if unit.level != 2:
            continue
        raw = doc.text[unit.start:unit.end]
        m = _SECTION_ID.search(raw)
        heading = _SECTION_ID.sub("", raw).lstrip("#").strip()
        end = heads[i + 1].start if i + 1 < len(heads) else len(doc.text)
        found.append(Section(m.group(1) if m else _slug(heading), heading, unit.start, end))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "section"


def check_targets(values: Mapping[str, float | None], targets: Mapping[str, float]
                  ) -> list[dict[str, Any]]:
    """Each target with the value and whether it is met (a ceiling, or a floor for measures
    where higher is easier)."""
    out = []
    for name, limit in targets.items():
        if name not in MEASURES:
            continue
        value = values.get(name)
        # Judged on the value as shown (two decimals), as lint REA001 does: a value shown as
        # 7.0 never fails a target of 7.
        if value is None:
            ok = True
        elif MEASURES[name].higher_is_harder:
            ok = round(value, 2) <= limit
        else:
            ok = round(value, 2) >= limit
        out.append({"measure": name, "value": rounded(value, 2), "target": limit, "ok": ok,
                    "kind": "max" if MEASURES[name].higher_is_harder else "min"})
    return out


def offenders(doc: Document, sentences: Sequence[Sentence], name: str | None = None, top: int = 3
              ) -> list[tuple[Sentence, float]]:
    """The sentences that pull measure ``name`` (default: the headline) up the most."""
    return pulling_up(doc, name, sentences, top)


def targets_from_config(config: Mapping[str, Any] | None, lang: str) -> dict[str, float]:
    """``readability: targets: {lang: {measure: limit}}`` from linting/config.yaml."""
    block = (config or {}).get("readability") or {}
    targets = (block.get("targets") or {}).get(lang)
    if not isinstance(targets, Mapping):
        return dict(DEFAULT_TARGETS[lang])
    return {k: float(v) for k, v in targets.items() if isinstance(v, int | float)}
