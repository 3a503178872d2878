"""Kind ``pattern``: a regular expression over each sentence, with exceptions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule


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

    def _compile(self, source: Any, key: str, flags: int) -> re.Pattern:
        if not isinstance(source, str) or not source:
            raise self.spec.error(f"{key} must be a regular expression", key)
        try:
            return re.compile(source, flags)
        except re.error as exc:
            raise self.spec.error(f"{key} does not compile: {exc}", key) from None

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        previous_end = 0
        for sentence in ctx.sentences:
            begin = _lead_start(ctx.text, sentence.start, previous_end)
            previous_end = sentence.end
            text = ctx.text[begin:sentence.end]
            if self.unless is not None and self.unless.search(text):
                continue
            for match in self.regex.finditer(text):
                found = match.group(0)
                if not found or found.lower() in self.exceptions:
                    continue
                start = begin + match.start()
                end = begin + match.end()
                if ctx.from_variable(start, end):
                    continue
                yield Hit(start, end, found, self.suggestion)


_MARKERS = "#*>-+|\n"


def _lead_start(text: str, start: int, floor: int) -> int:
    """Where a sentence really begins: a sentence starts at its first word, so a leading
    symbol ("§ 22 says", "“Quoted”") would be invisible to a pattern. Walk back over symbols
    and spaces on the same line, stopping at Markdown markers (#, -, *, >) and the previous
    sentence."""
    begin = start
    i = start - 1
    while i >= floor and text[i] not in _MARKERS and not text[i].isalnum():
        if not text[i].isspace():
            begin = i
        i -= 1
    return begin
