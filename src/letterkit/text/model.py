"""The objects of the language layer: a Document of Units, Sentences and Words.

Offsets (start, end) always index the string given to ``analyze``, so a lint rule or the preview
app can point at exactly the characters a word or sentence came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNIT_KINDS = ("heading", "paragraph", "list_item", "line")
TOKEN_KINDS = ("word", "number", "url", "email", "code")


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the analyser says about one word form; shared by every occurrence of the form."""

    lemma: str
    lemmas: tuple[str, ...] = ()
    pos: str | None = None
    is_passive: bool = False
    passive_connegative: bool = False  # fi "(ei) korjata": passive only after a negation verb
    is_minen: bool = False
    participle: str | None = None
    is_abbreviation: bool = False
    person: str | None = None
    number: str | None = None
    possessive: str | None = None
    compound_parts: tuple[str, ...] = ()
    syllables: int = 1
    is_known: bool | None = None


class Word:
    """One token with its offsets; linguistic attributes come from a cached WordInfo.

    kind: word, number, url, email or code (case numbers). person: "1", "2", "3" or None;
    number: "sg", "pl" or None; possessive: Voikko's "2s", "2p"...; compound_parts: the base
    forms of a compound's parts, () for a word that is not a compound; syllables: of the base
    form in Finnish (Wiio), of the word in English; is_known: spelling, None without a dictionary.
    """

    __slots__ = ("text", "start", "end", "kind", "info", "sentence", "passive")

    def __init__(self, text: str, start: int, end: int, kind: str, info: WordInfo, sentence=0):
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.info = info
        self.sentence = sentence
        self.passive: bool | None = None  # set where passive depends on context (English)

    @property
    def is_passive(self) -> bool:
        return self.info.is_passive if self.passive is None else self.passive

    lemma = property(lambda self: self.info.lemma)
    lemmas = property(lambda self: self.info.lemmas)
    pos = property(lambda self: self.info.pos)
    is_minen = property(lambda self: self.info.is_minen)
    participle = property(lambda self: self.info.participle)
    is_abbreviation = property(lambda self: self.info.is_abbreviation)
    person = property(lambda self: self.info.person)
    number = property(lambda self: self.info.number)
    possessive = property(lambda self: self.info.possessive)
    compound_parts = property(lambda self: self.info.compound_parts)
    syllables = property(lambda self: self.info.syllables)
    is_known = property(lambda self: self.info.is_known)

    @property
    def letters(self) -> int:
        text = self.text
        return len(text) if text.isalpha() else sum(map(str.isalpha, text))

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.start}, {self.end}, lemma={self.lemma!r})"


@dataclass(slots=True)
class Unit:
    """A block read on its own: a heading, a paragraph, a list item or a separate line."""

    kind: str
    start: int
    end: int
    level: int = 0


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    unit: int
    words: list[Word] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    text: str
    lang: str
    units: list[Unit]
    sentences: list[Sentence]
    approximate: frozenset[str] = frozenset()
    markdown: bool = True

    @property
    def words(self) -> list[Word]:
        return [w for s in self.sentences for w in s.words]

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        """Sentences that begin inside ``[start, end)`` (a section, the body of a letter)."""
        return [s for s in self.sentences if start <= s.start < end]
