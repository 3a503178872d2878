"""Kind ``morphology``: features of words from the analyser (Voikko for Finnish).

Features: ``passive`` (a finite passive verb; in English be + past participle), ``minen``
(-minen nouns, counted per sentence), ``participle_attribute`` (a participle before a noun:
"hakijan toimittamat asiakirjat"), ``abbreviation`` (not in ``allow`` and not explained in
brackets at first use) and ``grammar`` (Voikko's grammar checker, Finnish only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.lint.matching import word_keys

# Voikko's "Välimerkki puuttuu virkkeen lopusta" (corevoikko grammar/error.cpp).
MISSING_FULL_STOP = 9
_URL_OR_PLACEHOLDER = re.compile(r"https?://|www\.|\S+@\S+|\{\{|\[[^\]]*\]|\bX\b")


def _label_like(text: str) -> bool:
    """A heading, label, address line, URL or placeholder line: six words or fewer, or a
    line with a URL or a placeholder. Such lines need no final full stop."""
    return len(text.split()) <= 6 or bool(_URL_OR_PLACEHOLDER.search(text))


FEATURES = ("passive", "minen", "participle_attribute", "abbreviation", "grammar")
_BRACKETED = re.compile(r"\(\s*$")
# "Kansaneläkelaitos (Kela)" explains; "(JulkL 24.1 §:n 23 kohta)" only cites.
_CLOSED = re.compile(r"(?::\w+)?\s*\)")


def _ma_infinitive(ctx: LintContext, word) -> bool:
    """Finnish "(pyydämme sinua) toimittamaan", "toimittamalla": MA-infinitive forms, far
    more common than the agent participle's cases they are spelled like."""
    return ctx.lang == "fi" and word.text.lower().endswith(
        ("maan", "mään", "massa", "mässä", "masta", "mästä", "malla", "mällä", "matta",
         "mättä"))


class Morphology(Rule):
    """Flags words by what the analyser says about them."""

    kind = "morphology"
    options = {
        "feature": (True, ", ".join(FEATURES)),
        "min": (False, "number: how many in one sentence before it is flagged (default 1)"),
        "unless_nearby": (False, "list: base forms (e.g. the authority's name, 'me') whose "
                                 "presence in the same or the previous sentence cancels"),
        "participles": (False, "list: participle types for participle_attribute (default "
                               "agent, present_passive, past_passive)"),
        "allow": (False, "list: words never flagged (known abbreviations such as Kela, EU; "
                         "adjectival participles such as 'married' for passive)"),
        "ignore_errors": (False, "list: Voikko grammar error codes to skip (grammar)"),
        "forms": (False, "regular expression (abbreviation): only words written like this "
                         "count, whatever the analyser says (law abbreviations: 'JulkL', "
                         "'HL:n'); an ending after a colon is allowed"),
        "not_before": (False, "regular expression (abbreviation): text right after the word "
                              "that cancels ('PL 10, 00099': a post office box)"),
    }
    tunable = ("min",)

    def configure(self, options: dict[str, Any]) -> None:
        self.feature = options["feature"]
        if self.feature not in FEATURES:
            raise self.spec.error(f"unknown feature {self.feature!r}; use "
                                  f"{', '.join(FEATURES)}", "feature")
        self.number(options, "min", 1)
        self.nearby = {w.lower() for w in self.string_list(options, "unless_nearby")}
        self.participles = set(self.string_list(options, "participles")) or {
            "agent", "present_passive", "past_passive"}
        self.allow = {w.lower() for w in self.string_list(options, "allow")}
        ignore = options.get("ignore_errors", [])
        if not isinstance(ignore, list) or not all(isinstance(i, int) for i in ignore):
            raise self.spec.error("ignore_errors must be a list of numbers", "ignore_errors")
        self.ignore_errors = set(ignore)

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        return getattr(self, "_" + self.feature)(ctx)

    def _passive(self, ctx: LintContext) -> Iterable[Hit]:
        previous_named = False
        for sentence in ctx.sentences:
            named = bool(self.nearby) and any(self.nearby & word_keys(w) for w in sentence.words)
            if named or previous_named:
                previous_named = named
                continue
            previous_named = named
            if not any(w.is_passive for w in sentence.words):
                continue
            previous = None
            for word in sentence.words:
                if (word.is_passive and word.text.lower() not in self.allow
                        and (word.participle is None or ctx.lang == "en"
                             or self._perfect_passive(ctx, word, previous))
                        and not self._infinitive_reading(ctx, word, previous)):
                    yield Hit(word.start, word.end, word.text)
                previous = word

    @staticmethod
    def _perfect_passive(ctx: LintContext, word, previous) -> bool:
        """Finnish "on käsitelty", "ei ole tehty": olla + past passive participle is the
        perfect passive; the participle alone ("käsitelty hakemus") is an attribute."""
        return (ctx.lang == "fi" and word.participle == "past_passive"
                and previous is not None and previous.lemma.lower() == "olla")

    @staticmethod
    def _infinitive_reading(ctx: LintContext, word, previous) -> bool:
        """Finnish "korjata" is a passive only after "ei" ("ei korjata"); elsewhere it is the
        infinitive ("voit korjata") or, as "lähetä", an imperative. Both equal the base form."""
        if ctx.lang != "fi" or word.participle is not None \
                or word.text.lower() != word.lemma.lower():
            return False
        return previous is None or previous.lemma.lower() not in {"ei", "eikä", "älä"}

    def _minen(self, ctx: LintContext) -> Iterable[Hit]:
        least = self.option(ctx, "min", 2)
        for sentence in ctx.sentences:
            forms = [w for w in sentence.words if w.is_minen]
            if len(forms) >= least:
                yield Hit(forms[0].start, forms[-1].end,
                          ", ".join(w.text for w in forms), values={"count": len(forms)})

    def _participle_attribute(self, ctx: LintContext) -> Iterable[Hit]:
        for sentence in ctx.sentences:
            words = sentence.words
            for word, following in zip(words, words[1:], strict=False):
                if (word.participle in self.participles and following.pos == "noun"
                        and word.text.lower() not in self.allow
                        and not _ma_infinitive(ctx, word)):
                    yield Hit(word.start, following.end,
                              ctx.text[word.start:following.end])

    def _abbreviation(self, ctx: LintContext) -> Iterable[Hit]:
        seen: set[str] = set()
        forms = self.spec.options.get("forms")
        forms = re.compile(rf"(?:{forms})(?::\w+)?") if forms else None
        not_before = self.spec.options.get("not_before")
        not_before = re.compile(not_before) if not_before else None
        for word in ctx.words:
            key = word.text.lower()
            if forms is not None:
                if not forms.fullmatch(word.text):
                    continue
                if not_before is not None and not_before.match(ctx.text, word.end):
                    continue
                key = key.split(":")[0]
            elif not word.is_abbreviation or key in self.allow or key.rstrip(".") in self.allow:
                continue
            if key in seen or ctx.from_variable(word.start, word.end):
                continue
            before = ctx.text[max(0, word.start - 2):word.start]
            if (len(word.text.rstrip(".")) == 1 and before[-1:].isdigit()) \
                    or before.endswith(("§:", ":")):
                continue  # the letter of "26a §" and the ending of "§:t", "EU:n": not words
            seen.add(key)
            if _BRACKETED.search(ctx.text[max(0, word.start - 3):word.start]) \
                    and _CLOSED.match(ctx.text, word.end):
                continue  # "Kansaneläkelaitos (Kela)": explained where it is first used
            yield Hit(word.start, word.end, word.text)

    def _grammar(self, ctx: LintContext) -> Iterable[Hit]:
        if ctx.lang != "fi":
            return
        from letterkit.text import finnish

        voikko = finnish.voikko()
        if voikko is None:
            return
        from letterkit.text.lexicon import shared_cache

        # Voikko's grammar check is the slowest step of a Finnish lint (about 1 ms a
        # sentence): its findings are kept per sentence text, in the analysis store too.
        memo = shared_cache("voikko-grammar")
        for sentence in ctx.sentences:
            unit = ctx.unit_of(sentence)
            if unit.kind != "paragraph":
                continue  # headings and list items need no final full stop
            text = sentence.text
            errors = memo.get(text)
            if errors is None:
                errors = tuple((e.errorCode, e.startPos, e.errorLen, tuple(e.suggestions[:3]),
                                e.shortDescription) for e in voikko.grammarErrors(text, "fi"))
                if len(memo) > 50_000:
                    dict.clear(memo)
                memo[text] = errors
            for code, position, length, suggestions, problem in errors:
                if code in self.ignore_errors:
                    continue
                if code == MISSING_FULL_STOP and _label_like(text):
                    continue
                start = sentence.start + position
                end = start + length
                if ctx.from_variable(start, end):
                    continue
                yield Hit(start, end, ctx.text[start:end], ", ".join(suggestions),
                          values={"problem": problem})
