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
        for sentence in ctx.sentences:
            text = sentence.text
            if self.unless is not None and self.unless.search(text):
                continue
            for match in self.regex.finditer(text):
                found = match.group(0)
                if not found or found.lower() in self.exceptions:
                    continue
                start = sentence.start + match.start()
                end = sentence.start + match.end()
                if ctx.from_variable(start, end):
                    continue
                yield Hit(start, end, found, self.suggestion)
