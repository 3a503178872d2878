"""Kind ``consistency``: one letter, one choice (sinä or te, du or ni)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule

FEATURE_KEYS = ("person", "number", "possessive")


class Consistency(Rule):
    """When words of two or more groups appear in one text, flags the rarer groups' words."""

    kind = "consistency"
    options = {
        "either": (True, "mapping: group name -> {lemmas: [...], features: {person, number, "
                         "possessive}, forms: [...]}; a word belongs to a group when its base "
                         "form is in lemmas, its text in forms, or all its features match"),
        "not_after": ([], "list: word forms (e.g. Finnish negation verbs 'ei', 'eikä') after "
                          "which a word matched only by its features is not counted: "
                          "the connegative 'ei tapahdu' looks like the imperative 'tapahdu'"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        groups = options["either"]
        if not isinstance(groups, dict) or len(groups) < 2:
            raise self.spec.error("either must name at least two groups", "either")
        self.not_after = {str(form).lower() for form in options.get("not_after") or []}
        self.groups: dict[str, tuple[set[str], set[str], list[dict[str, str]]]] = {}
        for name, spec in groups.items():
            if not isinstance(spec, dict):
                raise self.spec.error(f"group {name!r} needs lemmas, forms or features",
                                      "either", name)
            lemmas = {w.lower() for w in spec.get("lemmas", [])}
            forms = {w.lower() for w in spec.get("forms", [])}
            features = spec.get("features", [])
            if isinstance(features, dict):
                features = [features]
            for feature in features:
                unknown = set(feature) - set(FEATURE_KEYS)
                if unknown:
                    raise self.spec.error(f"unknown features {sorted(unknown)}; use "
                                          f"{', '.join(FEATURE_KEYS)}", "either", name)
            if not lemmas and not forms and not features:
                raise self.spec.error(f"group {name!r} needs lemmas, forms or features",
                                      "either", name)
            self.groups[name] = (lemmas, forms, [{k: str(v) for k, v in f.items()}
                                                 for f in features])

    def _after_negation(self, words: list, index: int) -> bool:
        """True when one of the two words before *index* is in ``not_after``."""
        previous = [w for w in words[max(0, index - 4):index] if w.kind == "word"][-2:]
        return any(w.text.lower() in self.not_after for w in previous)

    def __getstate__(self) -> dict[str, Any]:  # the memo stays with the process
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}

    def _group_of(self, word, by_features: bool = True) -> str | None:
        """The group of *word*; kept per form, analysis and context passive (all it reads)."""
        memo = self.__dict__.setdefault("_memo", {})
        info = word.info
        slot = (word.text, id(info), word.passive, by_features)
        hit = memo.get(slot)
        if hit is not None and hit[0] is info:
            return hit[1]
        group = self._group_uncached(word, by_features)
        if len(memo) > 100_000:
            memo.clear()
        memo[slot] = (info, group)
        return group

    def _group_uncached(self, word, by_features: bool) -> str | None:
        text = word.text.lower()
        lemma = word.lemma.lower()
        for name, (lemmas, forms, features) in self.groups.items():
            if lemma in lemmas or text in forms:
                return name
            for feature in (features if by_features else ()):
                if all(str(getattr(word, key) or "") == value for key, value in feature.items()):
                    return name
        return None

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        members: dict[str, list] = {name: [] for name in self.groups}
        words = list(ctx.words)
        for index, word in enumerate(words):
            group = self._group_of(word, not (self.not_after
                                              and self._after_negation(words, index)))
            if group is not None and not ctx.from_variable(word.start, word.end):
                members[group].append(word)
        used = {name: words for name, words in members.items() if words}
        if len(used) < 2:
            return
        majority = max(used, key=lambda name: len(used[name]))
        for name, words in used.items():
            if name == majority:
                continue
            for word in words:
                yield Hit(word.start, word.end, word.text, majority,
                          values={"group": name, "majority": majority})
