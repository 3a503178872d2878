"""What a rule sees: the analysed text, and for a letter its sections and template map."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from letterkit.text import analyze
from letterkit.text.model import Document, Sentence, Word

if TYPE_CHECKING:
    from letterkit.glossary.matcher import TermHit
    from letterkit.glossary.model import Glossary

_SECTION = re.compile(r"^#{2}[ \t]+(.*?)[ \t]*\{#([A-Za-z0-9_-]+)\}[ \t]*$", re.MULTILINE)


@dataclass
class Section:
    id: str
    heading: str
    start: int  # offset of the heading line
    end: int  # offset where the next level-2 heading (or the text) ends


@dataclass(frozen=True)
class Hit:
    """A place a rule found something: offsets into the analysed text."""

    start: int
    end: int
    found: str
    suggestion: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # extra message slots


@dataclass
class LintContext:
    """One text to lint: a rendered letter in one language, or a Markdown/text file."""

    text: str
    lang: str
    markdown: bool = True
    body_start: int = 0
    letter_kind: str | None = None
    sections_expected: tuple[str, ...] = ()
    variable_spans: list[tuple[int, int]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)  # thresholds for this letter kind
    terms: Glossary | None = None  # the term base, for the term rules
    # The other language versions of the same letter and sample (for the term base's
    # "missing in a language" rule); empty for a text linted on its own.
    versions: dict[str, LintContext] = field(default_factory=dict)
    example_run: bool = False  # a rule file's own example: rules may supply example context

    @cached_property
    def doc(self) -> Document:
        return analyze(self.text, self.lang, markdown=self.markdown)

    @cached_property
    def term_hits(self) -> list[TermHit]:
        """The term base's terms in the body, found once for all term rules."""
        if self.terms is None:
            return []
        from letterkit.glossary.matcher import matcher

        hits = matcher(self.terms, self.lang).find(self.doc)
        return [h for h in hits if h.start >= self.body_start]

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of the body (after the letterhead), with at least one word."""
        return [s for s in self.doc.sentences if s.start >= self.body_start and s.words]

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """(begin, end) of each body sentence, begin moved back over leading symbols on its
        line ("§ 22 says", "“Quoted”"): patterns see them, Markdown markers stay out."""
        spans = []
        previous_end = self.body_start
        for sentence in self.sentences:
            spans.append((_lead_start(self.text, sentence.start, previous_end), sentence.end))
            previous_end = sentence.end
        return spans

    @cached_property
    def _phrase_keys(self) -> dict[bool, list]:
        return {}

    def phrase_keys(self, lemma: bool = True) -> list:
        """Each body sentence's word match keys (text and base forms, or the text only
        without *lemma*) and their union, computed once and shared by the phrase rules."""
        keys = self._phrase_keys.get(lemma)
        if keys is None:
            from letterkit.lint.matching import sentence_keys

            keys = self._phrase_keys[lemma] = sentence_keys(self.sentences, lemma)
        return keys

    @cached_property
    def words(self) -> list[Word]:
        return [w for s in self.sentences for w in s.words]

    @cached_property
    def sections(self) -> list[Section]:
        found = [(m.start(), m.group(2), m.group(1)) for m in _SECTION.finditer(self.text)
                 if m.start() >= self.body_start]
        result = []
        for index, (start, section_id, heading) in enumerate(found):
            end = found[index + 1][0] if index + 1 < len(found) else len(self.text)
            result.append(Section(section_id, heading, start, end))
        return result

    def from_variable(self, start: int, end: int) -> bool:
        """True when the text at ``[start, end)`` came from a placeholder's value."""
        return any(s <= start and end <= e for s, e in self.variable_spans)

    def unit_of(self, sentence: Sentence):
        return self.doc.units[sentence.unit]


_MARKERS = "#*>-+|\n"


def _lead_start(text: str, start: int, floor: int) -> int:
    """Walk back from a sentence's first word over symbols and spaces on the same line,
    stopping at Markdown markers (#, -, *, >) and the previous sentence."""
    begin = start
    i = start - 1
    while i >= floor and text[i] not in _MARKERS and not text[i].isalnum():
        if not text[i].isspace():
            begin = i
        i -= 1
    return begin
