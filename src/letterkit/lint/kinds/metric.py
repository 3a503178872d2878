"""Kind ``metric``: a readability measure of a section or of the whole body, against a target."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.text.measures import MEASURES, counted, measure


class Metric(Rule):
    """Flags a section (at its heading) or the body (at its first heading) over ``max``.

    Message slots: ``{measure}`` (its label), ``{value}``, ``{max}``.
    """

    kind = "metric"
    options = {
        "measure": (True, "a measure of letterkit.text.measures for this language, e.g. lix"),
        "max": (False, "number: the highest value that passes (default: the readability target "
                       "for this measure in linting/config.yaml)"),
        "scope": (False, "section (default), body, or all (the body and every section)"),
        "min_words": (False, "number: skip texts shorter than this (default 20)"),
    }
    tunable = ("max", "min_words")

    def configure(self, options: dict[str, Any]) -> None:
        name = options["measure"]
        if name not in MEASURES or self.spec.lang not in MEASURES[name].langs:
            valid = ", ".join(n for n, m in MEASURES.items() if self.spec.lang in m.langs)
            raise self.spec.error(f"unknown measure {name!r} for {self.spec.lang}; use {valid}",
                                  "measure")
        self.measure = MEASURES[name]
        if "max" in options:
            self.number(options, "max")
        else:
            self.readability_target(name)  # fail now, not at the first letter, when missing
        self.scope = options.get("scope", "section")
        if self.scope not in ("section", "body", "all"):
            raise self.spec.error("scope must be section, body or all", "scope")

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        limit = self.option(ctx, "max")
        if limit is None:
            limit = self.readability_target(self.measure.name)
        min_words = self.option(ctx, "min_words", 20)
        body = [(ctx.body_start, len(ctx.text), ctx.body_start)]
        if self.scope == "body" or not ctx.sections:
            spans = body
        else:
            spans = [(s.start, s.end, s.start) for s in ctx.sections]
            if self.scope == "all":
                spans = body + spans
        for start, end, anchor in spans:
            # The sentences the measures count: no headings, labels or address lines.
            sentences = counted(ctx.doc, [s for s in ctx.sentences if start <= s.start < end])
            if sum(len(s.words) for s in sentences) < min_words:
                continue
            value = measure(ctx.doc, sentences).get(self.measure.name)
            # Compared as shown (two decimals), as ``letterkit readability`` does.
            if value is None or round(value, 2) <= limit:
                continue
            line_end = ctx.text.find("\n", anchor)
            line_end = len(ctx.text) if line_end < 0 else line_end
            yield Hit(anchor, line_end, ctx.text[anchor:line_end].strip(),
                      values={"measure": self.measure.label, "value": shown_over(value, limit),
                              "max": limit})


def shown_over(value: float, limit: float) -> str:
    """*value* with one decimal, or as many more as it takes to show it is over *limit*:
    7.04 against a target of 7 prints "7.04", never "7.0"."""
    for digits in (1, 2):
        if round(value, digits) > limit:
            return f"{value:.{digits}f}"
    return f"{value:.2f}"
