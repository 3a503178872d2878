"""Kind ``structure``: what a letter of its kind must have: its sections, present, non-empty
and in order, and the content its readers need.

The sections of each letter kind are listed in ``linting/config.yaml`` (``kinds``), and so is
the content each kind must state (``kinds.<kind>.rules.<code>.require``: ids of the rule's
``requirements``, whose wording per language lives in the rule file). Texts that are not
letters (a Markdown file linted on its own) are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from letterkit.errors import LetterkitError
from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule

CHECKS = ("required-sections", "non-empty-sections", "deadline-consequence", "required-content")
REQUIREMENT_FIELDS = {"what", "says", "when", "section", "fail", "pass"}


@dataclass(frozen=True)
class Requirement:
    """Content a letter must state: ``says`` must match somewhere in the body, but only
    when ``when`` (if given) matches there too."""

    id: str
    what: str
    says: tuple[re.Pattern, ...]
    when: tuple[re.Pattern, ...] = ()
    section: str | None = None
    fail: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()

    def applies(self, text: str) -> bool:
        return not self.when or any(p.search(text) for p in self.when)

    def met(self, text: str) -> bool:
        return any(p.search(text) for p in self.says)


class Structure(Rule):
    """Message slots: ``{section}`` (the section id) and ``{found}``."""

    kind = "structure"
    options = {
        "check": (True, ", ".join(CHECKS)),
        "example_kind": (False, "the letter kind the examples are checked as"),
        "requirements": (False, "required-content: id -> {what, says, when, section, fail, pass}"
                                "; says and when are regular expressions (or lists of them, any "
                                "one matching), case-insensitive, over the body of the letter "
                                "with every run of white space as one space"),
        "require": (False, "required-content: the requirement ids every letter must meet; "
                           "linting/config.yaml sets them per kind (kinds.<kind>.rules)"),
    }
    tunable = ("require",)

    def configure(self, options: dict[str, Any]) -> None:
        if options["check"] not in CHECKS:
            raise self.spec.error(f"unknown check {options['check']!r}; use {', '.join(CHECKS)}",
                                  "check")
        self.check_name = options["check"]
        self.requirements: dict[str, Requirement] = {}
        if self.check_name == "required-content":
            self.requirements = self._requirements(options.get("requirements"))
            self._known(self.string_list(options, "require"), "require")

    def _requirements(self, value: Any) -> dict[str, Requirement]:
        if not isinstance(value, dict) or not value:
            raise self.spec.error("requirements must map each id to {what, says, ...}",
                                  "requirements")
        found = {}
        for rid, item in value.items():
            where = ("requirements", rid)
            if not isinstance(item, dict) or "what" not in item or "says" not in item:
                raise self.spec.error(f"requirement {rid!r} needs 'what' and 'says'", *where)
            unknown = set(item) - REQUIREMENT_FIELDS
            if unknown:
                raise self.spec.error(f"requirement {rid!r}: unknown field "
                                      f"{sorted(unknown)[0]!r}; its fields: "
                                      f"{', '.join(sorted(REQUIREMENT_FIELDS))}", *where)
            for key in ("fail", "pass"):
                texts = item.get(key)
                if not isinstance(texts, list) or not texts or \
                        not all(isinstance(t, str) and t.strip() for t in texts):
                    raise self.spec.error(f"requirement {rid!r} needs a non-empty {key!r} list "
                                          "of example texts (a test runs them)", *where)
            found[rid] = Requirement(
                rid, str(item["what"]), self._patterns(item["says"], rid, "says"),
                self._patterns(item.get("when", []), rid, "when"), item.get("section"),
                tuple(item["fail"]), tuple(item["pass"]))
        return found

    def _patterns(self, value: Any, rid: str, key: str) -> tuple[re.Pattern, ...]:
        sources = [value] if isinstance(value, str) else value
        if not isinstance(sources, list) or not all(isinstance(v, str) and v for v in sources):
            raise self.spec.error(f"requirement {rid!r}: {key} must be a regular expression "
                                  "or a list of them", "requirements", rid)
        try:
            return tuple(re.compile(v, re.IGNORECASE) for v in sources)
        except re.error as exc:
            raise self.spec.error(f"requirement {rid!r}: {key} does not compile: {exc}",
                                  "requirements", rid) from None

    def _known(self, ids: Any, where: str) -> list[str]:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise LetterkitError(f"{self.code} {where} must be a list of requirement ids")
        unknown = [i for i in ids if i not in self.requirements]
        if unknown:
            raise LetterkitError(
                f"{self.code} ({self.spec.lang}) {where}: no requirement {unknown[0]!r} in "
                f"{self.spec.path}; its requirements: {', '.join(self.requirements)}")
        return ids

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

    def _required_content(self, ctx: LintContext) -> Iterable[Hit]:
        required = self._known(self.option(ctx, "require", []),
                               f"require for {ctx.letter_kind} (linting/config.yaml)")
        # One space for every run of white space: a line break in the Markdown is a space.
        body = " ".join(ctx.text[ctx.body_start:].split())
        anchor = self._anchor(ctx)
        for rid in required:
            requirement = self.requirements[rid]
            if not requirement.applies(body) or requirement.met(body):
                continue
            hit = anchor
            for section in ctx.sections:
                if section.id == requirement.section:
                    line_end = ctx.text.find("\n", section.start)
                    hit = Hit(section.start, line_end if line_end > 0 else section.end,
                              section.heading)
            yield Hit(hit.start, hit.end, hit.found,
                      values={"what": requirement.what, "requirement": rid})
