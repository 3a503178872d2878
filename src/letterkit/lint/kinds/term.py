"""Kind ``term``: the term base (``glossary/``) as lint rules.

The rules come from the concepts: nobody lists the words in the rule file. ``check`` is one of

- ``deprecated``: a deprecated term; suggests the preferred one. Slots: ``{found}``,
  ``{term}`` (the deprecated term as listed), ``{reason}``, ``{suggestion}`` (the preferred
  term) and ``{concept}`` (the concept id).
- ``mixed``: two acceptable terms of one concept in one text, reported on each term other
  than the preferred one. Slots: ``{found}``, ``{others}`` (the other terms used),
  ``{suggestion}`` (the preferred term), ``{concept}``.
- ``missing``: a concept that another language version of the same letter (same sample)
  mentions and this one does not; reported on the main heading. Slots: ``{suggestion}`` (the
  preferred term in this language), ``{elsewhere}`` (the other versions' words), ``{concept}``.
- ``unexplained``: a term the glossary marks ``requires_explanation`` used without an
  explanation (the convention is in :mod:`letterkit.text.explanation`); reported once, on the
  first use. Slots: ``{found}``, ``{suggestion}`` (the glossary's explanation), ``{concept}``.

The text's term occurrences are found once per text (``LintContext.term_hits``) and shared by
the four rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.text.explanation import is_explained

CHECKS = ("deprecated", "mixed", "missing", "unexplained")


def _quote(term: str, lang: str) -> str:
    # Finnish and Swedish use the same closing mark on both sides.
    return f"”{term}”" if lang in ("fi", "sv") else f"“{term}”"


class Term(Rule):
    """Message slots per check: see the module documentation."""

    kind = "term"
    options = {
        "check": (True, ", ".join(CHECKS)),
        "example_versions": (False, "for ``missing``: the other language versions the "
                                    "examples are compared with, e.g. {sv: \"...\"}"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        if options["check"] not in CHECKS:
            raise self.spec.error(f"unknown check {options['check']!r}; use {', '.join(CHECKS)}",
                                  "check")
        versions = options.get("example_versions", {})
        if not isinstance(versions, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in versions.items()):
            raise self.spec.error("example_versions must map a language to a text",
                                  "example_versions")
        self.check_name = options["check"]

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        if ctx.terms is None:
            return ()
        return getattr(self, "_" + self.check_name)(ctx)

    def _deprecated(self, ctx: LintContext) -> Iterable[Hit]:
        for hit in ctx.term_hits:
            if hit.status == "deprecated":
                preferred = ctx.terms.term(hit.concept_id, ctx.lang)
                yield Hit(hit.start, hit.end, hit.found, preferred,
                          {"concept": hit.concept_id, "term": hit.term, "reason": hit.reason})

    def _mixed(self, ctx: LintContext) -> Iterable[Hit]:
        for concept_id, hits in _by_concept(ctx).items():
            entry = ctx.terms.get(concept_id).entry(ctx.lang)
            usable = [h for h in hits if h.status != "deprecated"]
            used = list(dict.fromkeys(h.term for h in usable))
            if len(used) < 2:
                continue
            for term in [t for t in used if t != entry.preferred] or used[1:]:
                first = next(h for h in usable if h.term == term)
                others = ", ".join(_quote(t, ctx.lang) for t in used if t != term)
                yield Hit(first.start, first.end, first.found, entry.preferred,
                          {"concept": concept_id, "others": others})

    def _unexplained(self, ctx: LintContext) -> Iterable[Hit]:
        doc = ctx.doc
        for concept_id, hits in _by_concept(ctx).items():
            entry = ctx.terms.get(concept_id).entry(ctx.lang)
            # Deprecated uses get the deprecated-term rule; the explanation is asked for the
            # right term.
            usable = [h for h in hits if h.status != "deprecated"]
            if not entry.requires_explanation or not usable:
                continue
            if any(is_explained(doc, h.start, h.end, h.term) for h in usable):
                continue
            first = usable[0]
            yield Hit(first.start, first.end, first.found, entry.explanation,
                      {"concept": concept_id})

    def _missing(self, ctx: LintContext) -> Iterable[Hit]:
        versions = ctx.versions
        if not versions and ctx.example_run:
            versions = {lang: LintContext(text=text, lang=lang, terms=ctx.terms)
                        for lang, text in self.spec.options.get("example_versions", {}).items()}
        if not versions:
            return
        here = {h.concept_id for h in ctx.term_hits}
        elsewhere: dict[str, list[str]] = {}
        for lang, other in sorted(versions.items()):
            firsts: dict[str, str] = {}
            for h in other.term_hits:
                firsts.setdefault(h.concept_id, h.found)
            for concept_id, found in firsts.items():
                if concept_id not in here:
                    elsewhere.setdefault(concept_id, []).append(f"{lang} {_quote(found, ctx.lang)}")
        anchor = ctx.body_start
        line_end = ctx.text.find("\n", anchor)
        end = len(ctx.text) if line_end < 0 else line_end
        for concept_id in sorted(elsewhere):
            concept = ctx.terms.get(concept_id)
            if ctx.lang not in concept.languages:
                continue
            yield Hit(anchor, max(end, anchor + 1), "", concept.preferred(ctx.lang),
                      {"concept": concept_id, "elsewhere": ", ".join(elsewhere[concept_id])})


def _by_concept(ctx: LintContext) -> dict[str, list]:
    out: dict[str, list] = {}
    for hit in ctx.term_hits:
        out.setdefault(hit.concept_id, []).append(hit)
    return out
