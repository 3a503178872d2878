"""Kinds ``existence`` and ``substitution``: words and phrases to avoid, by base form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.lint.matching import PhraseMatcher, compile_phrase


class _PhraseRule(Rule):
    def _matcher(self, entries: dict[str, str], options: dict[str, Any]) -> PhraseMatcher:
        match = options.get("match", "lemma")
        if match not in ("lemma", "surface"):
            raise self.spec.error("match must be lemma (any inflected form) or surface "
                                  "(exactly as written)", "match")
        max_gap = int(self.number(options, "max_gap", 0))
        phrases = []
        for text, payload in entries.items():
            try:
                phrases.append(compile_phrase(text, self.spec.lang, payload,
                                              lemma=match == "lemma"))
            except ValueError as exc:
                raise self.spec.error(str(exc), self.list_key) from None
        return PhraseMatcher(phrases, lemma=match == "lemma", max_gap=max_gap)

    list_key = ""

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        for sentence in ctx.sentences:
            for phrase, first, last in self.matcher.find(sentence):
                if ctx.from_variable(first.start, last.end):
                    continue  # a value from the case system, not the writer's words
                yield Hit(first.start, last.end, ctx.text[first.start:last.end], phrase.payload)


class Existence(_PhraseRule):
    """Flags words or phrases that should not appear, in any inflected form."""

    kind = "existence"
    list_key = "tokens"
    options = {
        "tokens": (True, "list: words or phrases to flag, matched by base form"),
        "match": (False, "lemma (default: any inflected form) or surface (exact words)"),
        "max_gap": (False, "number: words allowed between the words of a phrase (default 0)"),
        "suggestion": (False, "text: advice shown as {suggestion}"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        tokens = self.string_list(options, "tokens")
        suggestion = str(options.get("suggestion", ""))
        self.matcher = self._matcher(dict.fromkeys(tokens, suggestion), options)


class Substitution(_PhraseRule):
    """Flags words or phrases that have a plainer alternative, and suggests it."""

    kind = "substitution"
    list_key = "swap"
    options = {
        "swap": (True, "mapping: phrase to avoid -> what to write instead"),
        "match": (False, "lemma (default) or surface"),
        "max_gap": (False, "number: words allowed between the words of a phrase (default 0)"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        swap = options["swap"]
        if not isinstance(swap, dict) or not swap or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise self.spec.error("swap must map each phrase to its replacement", "swap")
        self.matcher = self._matcher(swap, options)
