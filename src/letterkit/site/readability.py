"""The readability page's tables, in the page's language, from the one place the measures
are defined (``letterkit.text.measures.MEASURES``) and the targets are set
(``linting/config.yaml`` ``readability.targets``).

A hand-written readability page puts ``<!-- letterkit:measures -->`` or
``<!-- letterkit:targets -->`` where a table belongs; ``docs/hooks.py`` replaces them.
"""

from __future__ import annotations

import math

from letterkit.project import Project
from letterkit.site.common import LANGUAGE_NAMES, number, words

MEASURES_MARK = "<!-- letterkit:measures -->"
TARGETS_MARK = "<!-- letterkit:targets -->"
BELOW = "below {value}"
ABOVE = "{value} or more"
INFORMATIVE = "shown, no bands"
NO_TARGETS = "No readability targets are set in linting/config.yaml."




def measures_table(lang: str) -> str:
    """Every measure with its languages and bands, labels in *lang*."""
    from letterkit.text.measures import HEADLINE, MEASURES

    _ = words(lang)
    names = LANGUAGE_NAMES[lang]
    lines = [f"| {_('Measure')} | {_('Languages')} | {_('Bands')} |", "|---|---|---|"]
    for measure in MEASURES.values():
        langs = ", ".join(names[c] + (f" (**{_('headline')}**)" if HEADLINE.get(c) == measure.name
                                      else "") for c in measure.langs)
        bands = []
        previous = 0.0
        for band in measure.bands:
            if math.isinf(band.upto):
                limit = _(ABOVE).format(value=number(previous, lang))
            else:
                limit = _(BELOW).format(value=number(band.upto, lang))
            previous = band.upto
            bands.append(f"{_(band.label)}: {limit}")
        lines.append(f"| {_(measure.label)} `{measure.name}` | {langs} | "
                     f"{'; '.join(bands) or _(INFORMATIVE)} |")
    return "\n".join(lines)


def targets_list(lang: str, project: Project) -> str:
    """The targets of every language, as set in ``linting/config.yaml``."""
    from letterkit.text.measures import MEASURES

    _ = words(lang)
    names = LANGUAGE_NAMES[lang]
    targets = (project.config.data.get("readability") or {}).get("targets") or {}
    lines = []
    for code, values in targets.items():
        if not isinstance(values, dict) or code not in names:
            continue
        parts = [f"{_(MEASURES[k].label) if k in MEASURES else k} ≤ {number(v, lang)}"
                 for k, v in values.items()]
        lines.append(f"- {names[code]}: {', '.join(parts)}")
    return "\n".join(lines) or _(NO_TARGETS)


def fill(markdown: str, lang: str, project: Project) -> str:
    """*markdown* with the readability marks replaced by their tables."""
    if MEASURES_MARK in markdown:
        markdown = markdown.replace(MEASURES_MARK, measures_table(lang))
    if TARGETS_MARK in markdown:
        markdown = markdown.replace(TARGETS_MARK, targets_list(lang, project))
    return markdown
