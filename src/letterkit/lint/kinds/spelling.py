"""Kind ``spelling``: Voikko for Finnish, hunspell (libhunspell) for Swedish and English.

Values of variables are not checked (names and addresses come from the case system), nor
are numbers, URLs, e-mail addresses, capitalised words inside a sentence (names) or words in
the project's word list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.text import spelling

MAX_SUGGESTED = 50
MAX_FULL_SEARCHES = 3  # per text


class Spelling(Rule):
    kind = "spelling"
    options = {
        "words": (False, "file name (next to the rule) of the project word list, one per line"),
        "allow": (False, "list: more accepted words"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        allowed = set(self.string_list(options, "allow"))
        if "words" in options:
            path = Path(self.spec.path).parent / str(options["words"])
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise self.spec.error(f"cannot read the word list {path.name}: {exc}",
                                      "words") from None
            allowed.update(line.strip() for line in lines
                           if line.strip() and not line.startswith("#"))
        self.allowed = {w.lower() for w in allowed}

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        seen: set[str] = set()
        searched = [0]
        for sentence in ctx.sentences:
            yield from self._check_words(ctx, sentence.words, seen, searched)

    def _check_words(self, ctx: LintContext, words, seen: set[str], searched: list[int]
                     ) -> Iterable[Hit]:
        for position, word in enumerate(words):
            if word.kind != "word" or word.is_known is not False:
                continue  # most words: known to the dictionary, or not words at all
            text = word.text
            key = text.lower()
            if (key in self.allowed or key in seen or any(c.isdigit() for c in text)
                    or ctx.text[max(0, word.start - 1):word.start] == ":"
                    or ctx.from_variable(word.start, word.end)):
                continue
            if position and text[:1].isupper():
                continue  # a capital inside a sentence: a name the dictionary cannot know
            if self._known_parts(text, ctx.lang):
                continue
            seen.add(key)
            suggestions = self._suggestions(text, ctx.lang, len(seen), searched)
            yield Hit(word.start, word.end, text, ", ".join(suggestions))

    @staticmethod
    def _suggestions(text: str, lang: str, nth: int, searched: list[int]) -> tuple[str, ...]:
        """The quick one-letter search first (a few ms); the dictionary's full search (20-80
        ms, kept in the analysis store) only for a word in lower case it finds nothing for,
        and for the first few such words of a text. A capitalised word here starts a sentence
        and is most often a name, for which the full search finds nothing useful."""
        if nth > MAX_SUGGESTED:
            return ()  # a long document gets suggestions for its first unknown words only
        found = spelling.near_forms(text, lang, limit=3)
        if found or text[:1].isupper() or searched[0] >= MAX_FULL_SEARCHES:
            return found
        searched[0] += 1
        return spelling.suggest(text, lang, limit=3)

    def _known_parts(self, text: str, lang: str) -> bool:
        """Hunspell dictionaries list few hyphenated compounds ("multi-tribal", "up-to-date"):
        such a word is right when each part is (Voikko checks Finnish compounds itself)."""
        if lang == "fi" or "-" not in text.strip("-"):
            return False
        parts = [p for p in text.split("-") if p]
        return all(p.lower() in self.allowed or spelling.is_known(p, lang) for p in parts)
