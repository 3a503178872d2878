"""Kind ``limit``: a count that must not exceed a maximum (sentence length, compound parts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule

MEASURES = ("sentence_words", "compound_parts", "word_letters")


class Limit(Rule):
    """Flags a sentence or word whose count is over ``max``: ``{count}`` and ``{max}`` slots."""

    kind = "limit"
    options = {
        "measure": (True, "sentence_words, compound_parts (Finnish, from Voikko) or word_letters"),
        "max": (False, "number: the largest count that passes (sentence_words default: the "
                       "longest_sentence readability target in linting/config.yaml)"),
        "allow": (False, "list: words never flagged (word measures)"),
    }
    tunable = ("max",)

    def configure(self, options: dict[str, Any]) -> None:
        if options["measure"] not in MEASURES:
            raise self.spec.error(f"unknown measure {options['measure']!r}; use "
                                  f"{', '.join(MEASURES)}", "measure")
        self.measure = options["measure"]
        if "max" in options:
            self.number(options, "max")
        elif self.measure == "sentence_words":
            self.readability_target("longest_sentence")  # fail now when it is missing
        else:
            raise self.spec.error(f"kind 'limit' needs the field 'max' for {self.measure}", "max")
        self.allow = {w.lower() for w in self.string_list(options, "allow")}

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        limit = self.option(ctx, "max")
        if limit is None:
            limit = self.readability_target("longest_sentence")
        if self.measure == "sentence_words":
            for sentence in ctx.sentences:
                count = sum(1 for w in sentence.words if w.kind in ("word", "number"))
                if count > limit:
                    yield Hit(sentence.start, sentence.end, sentence.text,
                              values={"count": count, "max": limit})
            return
        for word in ctx.words:
            if word.kind != "word" or word.text.lower() in self.allow:
                continue
            if ctx.from_variable(word.start, word.end):
                continue
            count = len(word.compound_parts) if self.measure == "compound_parts" else word.letters
            if count > limit:
                yield Hit(word.start, word.end, word.text, values={"count": count, "max": limit})
