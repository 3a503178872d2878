"""Kind ``consistency``: one letter, one choice (sinä or te, du or ni)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
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
        "unconfigured_severity": ("", "error, warning or suggestion: the severity of a finding "
                                      "when no audience fixes the group and the majority of "
                                      "the letter's words decides (a guess); default the "
                                      "rule's severity"),
        "unanimous": (False, "true or false (default false): a word matched only by its "
                             "features counts when every reading of it has them ('saa' is "
                             "also the 3rd person, 'eroa' the noun 'ero', 'tilanne' the noun "
                             "'tilanne'), or when it opens its sentence (an imperative: "
                             "'Lähetä …'); Finnish, whose forms are often ambiguous"),
        "skip_quoted": (False, "true or false (default false): words inside quotation marks "
                               "(dialogue, a quoted form) are not counted"),
        "group_address": (False, "regular expression: when it matches, the text addresses a "
                                 "group ('te miehet', 'hyvät ihmiset'), where the plural is "
                                 "right; the text is not checked"),
        "plural_after": (False, "regular expression: a sentence where it matches addresses "
                                "the reader and someone else ('sinä ja puolisosi', 'sinun ja "
                                "puolisosi'); the words of the last group of either (the "
                                "plural) are not counted there, nor in the next sentence, "
                                "which goes on about both ('Kutsumme sinut ja puolisosi "
                                "puhutteluun. Kysymme yhteisestä elämästänne.')"),
        "negation_reach": (False, "number: words after a not_after word, in the same clause "
                                  "(up to a comma), that are not counted by features "
                                  "(default 2): 'ei tätä lomaketta tule täyttää'"),
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
        self.unconfigured_severity = str(options.get("unconfigured_severity") or "")
        if self.unconfigured_severity not in ("", "error", "warning", "suggestion"):
            raise self.spec.error("unconfigured_severity must be error, warning or suggestion",
                                  "unconfigured_severity")
        self.unanimous = bool(options.get("unanimous", False))
        self.skip_quoted = bool(options.get("skip_quoted", False))
        self.group_address = re.compile(options["group_address"], re.IGNORECASE) \
            if options.get("group_address") else None
        self.plural_after = re.compile(options["plural_after"], re.IGNORECASE) \
            if options.get("plural_after") else None
        self.reach = int(self.number(options, "negation_reach", 2))
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

    def _after_negation(self, ctx: LintContext, words: list, index: int) -> bool:
        """True when one of the ``negation_reach`` words before *index*, in the same
        sentence and clause, is in ``not_after``."""
        word = words[index]
        previous = []
        for other in reversed(words[max(0, index - 2 * self.reach - 2):index]):
            if other.sentence != word.sentence or "," in ctx.text[other.end:word.start]:
                break
            if other.kind == "word":
                previous.append(other)
            if len(previous) == self.reach:
                break
        return any(w.text.lower() in self.not_after for w in previous)

    def _group_of(self, word, by_features: bool = True, lang: str = "",
                  opens: bool = False) -> str | None:
        text = word.text.lower()
        lemma = word.lemma.lower()
        for name, (lemmas, forms, features) in self.groups.items():
            if lemma in lemmas or text in forms:
                return name
            for feature in (features if by_features else ()):
                if all(str(getattr(word, key) or "") == value for key, value in feature.items()) \
                        and (not self.unanimous or opens or _unanimous(word.text, lang, feature)):
                    return name
        return None

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        members: dict[str, list] = {name: [] for name in self.groups}
        if self.group_address is not None and self.group_address.search(ctx.text):
            return
        shared = set()  # sentences about the reader and someone else: plural is right there
        if self.plural_after is not None:
            shared = {index + step for index, s in enumerate(ctx.sentences)
                      if self.plural_after.search(s.text) for step in (0, 1)
                      if index + step < len(ctx.sentences)}
        words = list(ctx.words)
        opening = {s.words[0].start for s in ctx.sentences if s.words}
        quoted = [m.span() for m in _QUOTED.finditer(ctx.text)] if self.skip_quoted else []
        for index, word in enumerate(words):
            if quoted and any(a < word.start and word.end < b for a, b in quoted):
                continue
            group = self._group_of(word, not (self.not_after
                                              and self._after_negation(ctx, words, index)),
                                   ctx.lang, word.start in opening)
            if group is not None and shared and group == list(self.groups)[-1] \
                    and word.sentence in shared_ids(ctx, shared):
                continue
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
                values = {"group": name, "majority": majority}
                if self.unconfigured_severity:
                    values["severity"] = self.unconfigured_severity
                yield Hit(word.start, word.end, word.text, majority, values=values)

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


_QUOTED = re.compile(r'["“”„»«][^"“”„»«\n]{1,400}?["“”„»«]')
_KEYS = {"person": "PERSON", "number": "NUMBER", "possessive": "POSSESSIVE"}
_VALUES = {"singular": "sg", "plural": "pl"}


@lru_cache(maxsize=20_000)
def _readings(form: str, lang: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Every reading of *form* as (feature, value) pairs; empty when none is known."""
    if lang != "fi":
        return ()
    from letterkit.text import finnish

    v = finnish.voikko()
    if v is None:
        return ()
    return tuple(tuple((key, _VALUES.get(str(a.get(name)), str(a.get(name) or "")))
                       for key, name in _KEYS.items())
                 for a in v.analyze(form.replace("\u00ad", "")))


def shared_ids(ctx: LintContext, indexes: set[int]) -> set[int]:
    """The ``Word.sentence`` numbers of the body sentences at *indexes*."""
    return {ctx.sentences[i].words[0].sentence for i in indexes if ctx.sentences[i].words}


def _unanimous(form: str, lang: str, feature: dict[str, str]) -> bool:
    readings = _readings(form, lang)
    if not readings:
        return True  # no analyser: the word's own features are all there is
    return all(all(dict(r).get(key) == value for key, value in feature.items())
               for r in readings)
