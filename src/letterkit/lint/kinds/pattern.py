"""Kind ``pattern``: a regular expression over each sentence, with exceptions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import partial
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.lint.safe_regex import SECONDS, SafePattern, compile_safe
from letterkit.lint.spec import RuleSpec

_ANCHOR = re.compile(r"(?<![\[\\])\^|(?<!\\)\$|\\A|\\Z")


def _timed_out(spec: RuleSpec, key: str) -> Exception:
    return spec.error(f"{key} took more than {SECONDS:g} s on one text and was stopped; it "
                      "probably nests repeats like (a+)+: write it without a repeat inside a "
                      "repeat", key)


class Pattern(Rule):
    """Flags text matching ``pattern`` in a sentence, unless ``unless`` matches there too."""

    kind = "pattern"
    options = {
        "pattern": (True, "regular expression (Python syntax); the whole match is flagged"),
        "ignorecase": (False, "true or false (default true)"),
        "unless": (False, "regular expression: a match anywhere in the same sentence cancels"),
        "exceptions": (False, "list: matched texts never flagged (compared in lower case)"),
        "suggestion": (False, "text shown as {suggestion}"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        flags = re.IGNORECASE if options.get("ignorecase", True) else 0
        self.regex = self._compile(options["pattern"], "pattern", flags)
        self.unless = self._compile(options["unless"], "unless", flags) \
            if "unless" in options else None
        self.exceptions = {e.lower() for e in self.string_list(options, "exceptions")}
        self.suggestion = str(options.get("suggestion", ""))
        self.anchored = bool(_ANCHOR.search(options["pattern"]))

    def _compile(self, source: Any, key: str, flags: int) -> SafePattern:
        if not isinstance(source, str) or not source:
            raise self.spec.error(f"{key} must be a regular expression", key)
        return compile_safe(
            source, flags,
            on_error=lambda why: self.spec.error(f"{key} does not compile: {why}", key),
            on_timeout=partial(_timed_out, self.spec, key))

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        spans = ctx.sentence_spans
        if self.anchored:  # ^ and $ mean the sentence's start and end: one sentence at a time
            matches = ((begin, end, m) for begin, end in spans
                       for m in self.regex.finditer(ctx.text[begin:end]))
            for begin, end, match in matches:
                yield from self._hit(ctx, begin, end, begin + match.start(),
                                     begin + match.end(), match.group(0))
            return
        # One pass over the whole text is much faster than one per sentence; a match counts
        # when it lies inside one sentence.
        begins = [begin for begin, _ in spans]
        if not spans:
            return
        for match in self.regex.finditer(ctx.text, spans[0][0], spans[-1][1]):
            index = bisect.bisect_right(begins, match.start()) - 1
            if index < 0:
                continue
            begin, end = spans[index]
            if match.end() > end:
                continue
            yield from self._hit(ctx, begin, end, match.start(), match.end(), match.group(0))

    def _hit(self, ctx: LintContext, begin: int, end: int, start: int, stop: int, found: str
             ) -> Iterable[Hit]:
        if not found or found.lower() in self.exceptions or ctx.from_variable(start, stop):
            return
        if self.unless is not None and self.unless.search(ctx.text, begin, end):
            return
        yield Hit(start, stop, found, self.suggestion)

