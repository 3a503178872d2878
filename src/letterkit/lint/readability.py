"""Lint's readability verdicts, for ``letterkit readability``.

The readability targets live in ``linting/config.yaml``; the lint rules that check them
(kind ``metric``, and kind ``limit`` on sentence length for ``longest_sentence``) read them
from there. ``letterkit readability`` takes its verdicts from those same rules, run on the
same rendered text, so the two commands cannot disagree on what passes: a target is missed
where lint has a finding, and the finding's severity decides the exit code in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds import Rule
from letterkit.lint.rules import RuleSet


def rules_by_measure(ruleset: RuleSet, lang: str) -> dict[str, Rule]:
    """The rule that checks each readability measure of *lang* (``longest_sentence`` is the
    sentence-length limit)."""
    found: dict[str, Rule] = {}
    for rule in ruleset.for_lang(lang):
        if rule.kind == "metric":
            found.setdefault(rule.measure.name, rule)
        elif rule.kind == "limit" and rule.measure == "sentence_words":
            found.setdefault("longest_sentence", rule)
    return found


@dataclass
class Verdicts:
    """Where the readability rules found something in one rendered text."""

    ctx: LintContext
    rules: dict[str, Rule]
    hits: dict[str, list[Hit]] = field(default_factory=dict)  # measure -> hits

    def target(self, measure: str, start: int, end: int, value: float | None,
               fallback: float) -> dict[str, Any]:
        """The verdict on *measure* for the text from *start* to *end* (the body or one
        section), in the shape of ``text.report.check_targets``."""
        rule = self.rules.get(measure)
        if rule is None:  # no lint rule checks it: compare the figure, but it gates nothing
            ok = value is None or value <= fallback
            return {"measure": measure, "value": value, "target": fallback, "ok": ok,
                    "kind": "max", "rule": None, "severity": None}
        limit = rule.option(self.ctx, "max")
        if limit is None:
            limit = rule.readability_target(measure)
        if rule.kind == "metric":  # a metric finding sits at the start of what it measured
            missed = any(h.start == start for h in self.hits.get(measure, []))
        else:
            missed = any(start <= h.start < end for h in self.hits.get(measure, []))
        return {"measure": measure, "value": value, "target": limit, "ok": not missed,
                "kind": "max", "rule": rule.code, "severity": rule.spec.severity.value}

    @property
    def errors(self) -> int:
        return sum(len(hits) for measure, hits in self.hits.items()
                   if self.rules[measure].spec.severity.value == "error")


def verdicts(ctx: LintContext, ruleset: RuleSet) -> Verdicts:
    rules = rules_by_measure(ruleset, ctx.lang)
    result = Verdicts(ctx, rules)
    for measure, rule in rules.items():
        if ruleset.selected(rule.code):
            result.hits[measure] = list(rule.check(ctx))
    return result
