"""Kind ``structure``: the sections a letter of its kind needs, present, non-empty, in order.

The sections of each letter kind are listed in ``linting/config.yaml`` (``kinds``); texts that
are not letters (a Markdown file linted on its own) are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule

CHECKS = ("required-sections", "non-empty-sections", "deadline-consequence")


class Structure(Rule):
    """Message slots: ``{section}`` (the section id) and ``{found}``."""

    kind = "structure"
    options = {
        "check": (True, ", ".join(CHECKS)),
        "example_kind": (False, "the letter kind the examples are checked as"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        if options["check"] not in CHECKS:
            raise self.spec.error(f"unknown check {options['check']!r}; use {', '.join(CHECKS)}",
                                  "check")
        self.check_name = options["check"]

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        if ctx.letter_kind is None:
            return ()
        return getattr(self, "_" + self.check_name.replace("-", "_"))(ctx)

    def _anchor(self, ctx: LintContext) -> Hit:
        line_end = ctx.text.find("\n", ctx.body_start)
        line_end = len(ctx.text) if line_end < 0 else line_end
        return Hit(ctx.body_start, line_end, ctx.text[ctx.body_start:line_end].strip())

    def _required_sections(self, ctx: LintContext) -> Iterable[Hit]:
        present = [s.id for s in ctx.sections]
        anchor = self._anchor(ctx)
        for section in ctx.sections_expected:
            if section not in present:
                yield Hit(anchor.start, anchor.end, anchor.found, values={"section": section})
        expected = [s for s in ctx.sections_expected if s in present]
        actual = [s for s in present if s in ctx.sections_expected]
        if expected != actual:
            first = next(a for a, b in zip(actual, expected, strict=False) if a != b)
            section = next(s for s in ctx.sections if s.id == first)
            yield Hit(section.start, section.start + len(section.heading),
                      section.heading, values={"section": first,
                                               "order": ", ".join(expected)})

    def _non_empty_sections(self, ctx: LintContext) -> Iterable[Hit]:
        for section in ctx.sections:
            has_words = any(section.start < s.start < section.end and
                            ctx.doc.units[s.unit].kind != "heading" for s in ctx.sentences)
            if not has_words:
                line_end = ctx.text.find("\n", section.start)
                yield Hit(section.start, line_end if line_end > 0 else section.end,
                          section.heading, values={"section": section.id})

    def _deadline_consequence(self, ctx: LintContext) -> Iterable[Hit]:
        section_id = ctx.settings.get("consequence_section")
        if not section_id:
            return
        for section in ctx.sections:
            if section.id == section_id:
                return
        anchor = self._anchor(ctx)
        yield Hit(anchor.start, anchor.end, anchor.found, values={"section": section_id})
