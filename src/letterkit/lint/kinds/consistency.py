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
        "configured_by": ("", "'address': the letter's audience fixes the group "
                              "(linting/config.yaml audiences.<audience>.address.<lang>); "
                              "every word of another group is flagged, also when the letter "
                              "uses only that group"),
        "configured_message": ("", "the message when the letter keeps to one group but not "
                                   "the configured one; slots {found}, {suggestion} (the "
                                   "configured group), {audience}"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        groups = options["either"]
        if not isinstance(groups, dict) or len(groups) < 2:
            raise self.spec.error("either must name at least two groups", "either")
        self.not_after = {str(form).lower() for form in options.get("not_after") or []}
        self.configured_by = str(options.get("configured_by") or "")
        if self.configured_by not in ("", "address"):
            raise self.spec.error("configured_by must be 'address' (the audience's form of "
                                  "address in linting/config.yaml)", "configured_by")
        self.configured_message = str(options.get("configured_message") or "")
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

    def _group_of(self, word, by_features: bool = True) -> str | None:
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
        configured = self._configured(ctx)
        if configured is not None:
            yield from self._against(configured, used, ctx)
            return
        if len(used) < 2:
            return
        majority = max(used, key=lambda name: len(used[name]))
        for name, words in used.items():
            if name == majority:
                continue
            for word in words:
                yield Hit(word.start, word.end, word.text, majority,
                          values={"group": name, "majority": majority})

    def _configured(self, ctx: LintContext) -> str | None:
        """The group the letter's audience fixes, or None (then the majority decides)."""
        if self.configured_by != "address":
            return None
        audience = ctx.settings.get("audience")
        if not audience:
            return None
        form = audience["address"]
        if form not in self.groups:
            from letterkit.errors import LetterkitError

            raise LetterkitError(
                f"the form of address {form!r} for audience {audience['name']!r} is not one "
                f"that {self.code} knows in this language; use one of: "
                + ", ".join(self.groups), audience["where"])
        return form

    def _against(self, configured: str, used: dict[str, list], ctx: LintContext
                 ) -> Iterable[Hit]:
        """Flag every word outside the configured group."""
        audience = ctx.settings["audience"]["name"]
        mixed = configured in used
        for name, words in used.items():
            if name == configured:
                continue
            values: dict[str, Any] = {"group": name, "majority": configured,
                                      "audience": audience}
            if not mixed and self.configured_message:
                values["message_template"] = self.configured_message
            for word in words:
                yield Hit(word.start, word.end, word.text, configured, values=values)
