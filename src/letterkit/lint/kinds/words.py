"""Kinds ``existence`` and ``substitution``: words and phrases to avoid, by base form."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.lint.matching import PhraseMatcher, compile_phrase

_HAS_WORD = re.compile(r"\w")
FIXED_PHRASES = "fixed-phrases.txt"


class _PhraseRule(Rule):
    """Phrases are analysed (base forms) the first time the rule runs, not when it is loaded:
    a Finnish lint need not load the Swedish and English dictionaries."""

    list_key = ""

    def _prepare(self, entries: dict[str, str], options: dict[str, Any]) -> None:
        match = options.get("match", "lemma")
        if match not in ("lemma", "surface"):
            raise self.spec.error("match must be lemma (any inflected form) or surface "
                                  "(exactly as written)", "match")
        self.max_gap = int(self.number(options, "max_gap", 0))
        self.not_after = {w.lower() for w in self.string_list(options, "not_after")}
        ending = options.get("not_ending")
        try:
            self.not_ending = re.compile(str(ending) + r"\Z", re.IGNORECASE) if ending else None
        except re.error as exc:
            raise self.spec.error(f"not_ending is not a regular expression: {exc}",
                                  "not_ending") from exc
        for text in entries:
            if not _HAS_WORD.search(text):
                raise self.spec.error(f"{text!r} has no words", self.list_key)
        self.entries = entries
        self.by_lemma = match == "lemma"
        self._compiled: PhraseMatcher | None = None
        self._fixed: PhraseMatcher | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:  # the compiled rule cache keeps the matcher
        return {k: v for k, v in self.__dict__.items() if k != "_lock"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def matcher(self) -> PhraseMatcher:
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    phrases = [compile_phrase(text, self.spec.lang, payload, lemma=self.by_lemma)
                               for text, payload in self.entries.items()]
                    self._compiled = PhraseMatcher(phrases, lemma=self.by_lemma,
                                                   max_gap=self.max_gap)
        return self._compiled

    @property
    def fixed(self) -> PhraseMatcher:
        """The fixed phrases of ``fixed-phrases.txt`` beside the rule file (one a line, #
        comments): set terms whose words are not to be changed one by one ("clinically
        extremely vulnerable")."""
        if self._fixed is None:
            with self._lock:
                if self._fixed is None:
                    path = Path(self.spec.path).parent / FIXED_PHRASES
                    lines = path.read_text(encoding="utf-8").splitlines() \
                        if path.is_file() else []
                    phrases = [compile_phrase(line.strip(), self.spec.lang)
                               for line in lines
                               if line.strip() and not line.lstrip().startswith("#")]
                    self._fixed = PhraseMatcher(phrases)
        return self._fixed

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        # Terms of the term base and fixed phrases shield their words: "extremely" in
        # "clinically extremely vulnerable" is part of a set term, not a filler word.
        # (Both are looked up only in a sentence where a phrase of the rule was found.)
        shields: list[tuple[int, int]] | None = None
        seen: set[tuple[int, int]] = set()  # "extremely" and "Extremely" are one finding
        for sentence in ctx.sentences:
            words = sentence.words
            sentence_shields = None
            for phrase, first, last in self.matcher.find(sentence, ctx.word_keys):
                if ctx.from_variable(first.start, last.end):
                    continue  # a value from the case system, not the writer's words
                if sentence_shields is None:
                    if shields is None:
                        shields = [h.span for h in ctx.term_hits]
                    sentence_shields = shields + [(a.start, b.end) for _, a, b in
                                                  self.fixed.find(sentence)]
                if any(s <= first.start and last.end <= e for s, e in sentence_shields):
                    continue
                if self.not_after:
                    index = words.index(first)
                    if index and words[index - 1].text.lower() in self.not_after:
                        continue  # "med avseende på": the noun, not the preposition
                if self.not_ending is not None and any(
                        w.info.pos in ("noun", "adj") and self.not_ending.search(w.text)
                        for w in words[words.index(first):words.index(last) + 1]):
                    continue  # "tekemään päätökseen": the noun is not the verb's object
                if (first.start, last.end) in seen:
                    continue
                seen.add((first.start, last.end))
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
        "not_after": (False, "list: words after which a match is not flagged"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        tokens = self.string_list(options, "tokens")
        suggestion = str(options.get("suggestion", ""))
        self._prepare(dict.fromkeys(tokens, suggestion), options)


class Substitution(_PhraseRule):
    """Flags words or phrases that have a plainer alternative, and suggests it."""

    kind = "substitution"
    list_key = "swap"
    options = {
        "swap": (True, "mapping: phrase to avoid -> what to write instead"),
        "match": (False, "lemma (default) or surface"),
        "max_gap": (False, "number: words allowed between the words of a phrase (default 0)"),
        "not_after": (False, "list: words after which a match is not flagged (the noun "
                             "'avseende' in 'med avseende på', not the preposition)"),
        "not_ending": (False, "regular expression: a match is not flagged when one of its "
                              "nouns or adjectives ends so (Finnish local cases: the noun "
                              "'päätökseen' in 'viraston tekemään päätökseen' is not the "
                              "object of 'tehdä')"),
        "unverified": (False, "list: phrases of swap not yet checked against the source the "
                              "rule cites (still flagged; a language expert checks them)"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        swap = options["swap"]
        if not isinstance(swap, dict) or not swap or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise self.spec.error("swap must map each phrase to its replacement", "swap")
        unknown = [p for p in self.string_list(options, "unverified") if p not in swap]
        if unknown:
            raise self.spec.error(f"unverified lists {', '.join(map(repr, unknown))}, which "
                                  "swap does not have; list phrases of swap", "unverified")
        self._prepare(swap, options)
