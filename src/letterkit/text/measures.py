"""Readability measures: formulas, sources and bands in one place.

The CLI, the preview app and the docs site all read ``MEASURES``. ``measure(doc)`` computes
every measure of the document's language; ``HEADLINE`` names the one figure per language that
summarises difficulty (higher is harder for all three). Flesch figures are English only: their
constants were fitted to English and give nonsense for Finnish and Swedish.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Document, Sentence


@dataclass(frozen=True)
class Band:
    upto: float  # the band covers values below this (math.inf for the last band)
    label: str


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    langs: tuple[str, ...]
    formula: str
    source: str
    bands: tuple[Band, ...] = ()
    higher_is_harder: bool = True
    unit: str = ""

    def band(self, value: float | None) -> str | None:
        if value is None or not self.bands:
            return None
        for b in self.bands:
            if value < b.upto:
                return b.label
        return self.bands[-1].label


INF = math.inf
_LIX_BANDS = (
    Band(30, "very easy"), Band(40, "easy"), Band(50, "medium"), Band(60, "hard"),
    Band(INF, "very hard"),
)
_GRADE_BANDS = (
    Band(6.5, "very easy (primary school)"), Band(9.5, "easy (lower secondary school)"),
    Band(12.5, "fairly hard (upper secondary school)"), Band(INF, "hard (beyond school)"),
)
_SENTENCE_BANDS = (
    Band(10.5, "very short"), Band(15.5, "short"), Band(20.5, "medium"), Band(25.5, "long"),
    Band(INF, "very long"),
)

# Finnish index weights, chosen in docs/readability.en.md from the measurements it describes.
FI_INDEX_SENTENCE_WEIGHT = 0.5
FI_INDEX_WORD_WEIGHT = 0.1

MEASURES: dict[str, Measure] = {m.name: m for m in (
    Measure(
        "fi_index", "Finnish readability index (letterkit)", ("fi",),
        f"{FI_INDEX_SENTENCE_WEIGHT} × words per sentence + {FI_INDEX_WORD_WEIGHT} × percentage "
        "of words whose base form has four or more syllables (Wiio's long words)",
        "letterkit, docs/readability.en.md: sentence length weighted as the strongest separator of "
        "easy and standard Finnish; word difficulty as in Wiio (1968) with Voikko base forms",
        _GRADE_BANDS, unit="grade",
    ),
    Measure(
        "wiio", "Wiio's simple formula", ("fi",),
        "2.7 + 30 × words whose base form has four or more syllables / words",
        "O. A. Wiio, Viestinnän perusteet (1989); implemented as corevoikko "
        "tools/pylib/voikkostatistics.py (base-form syllables from Voikko)",
        _GRADE_BANDS, unit="grade",
    ),
    Measure(
        "lix", "LIX", ("fi", "sv", "en"),
        "words / sentences + 100 × words of more than six letters / words",
        "C.-H. Björnsson, Läsbarhet (1968); bands from lix.se",
        _LIX_BANDS,
    ),
    Measure(
        "ovix", "OVIX (word variation)", ("sv",),
        "log(words) / log(2 − log(different words) / log(words)); undefined when every word is "
        "different",
        "Hultman & Westman (1977); Språkbanken Sparv readability module",
    ),
    Measure(
        "fk_grade", "Flesch–Kincaid grade", ("en",),
        "0.39 × words / sentences + 11.8 × syllables / words − 15.59",
        "Kincaid et al. (1975), US Navy research branch report 8-75",
        _GRADE_BANDS, unit="grade",
    ),
    Measure(
        "flesch_reading_ease", "Flesch Reading Ease", ("en",),
        "206.835 − 1.015 × words / sentences − 84.6 × syllables / words",
        "R. Flesch, A new readability yardstick (1948)",
        (Band(30, "very difficult"), Band(50, "difficult"), Band(60, "fairly difficult"),
         Band(70, "standard"), Band(80, "fairly easy"), Band(90, "easy"),
         Band(INF, "very easy")),
        higher_is_harder=False,
    ),
    Measure(
        "smog", "SMOG grade", ("en",),
        "1.043 × √(words of three or more syllables × 30 / sentences) + 3.1291",
        "G. H. McLaughlin, SMOG grading (1969); meant for samples of 30 sentences",
        _GRADE_BANDS, unit="grade",
    ),
    Measure(
        "words_per_sentence", "Mean sentence length", ("fi", "sv", "en"),
        "words / sentences",
        "GOV.UK content design (split sentences over 25 words); Kotus Virkakielitesti Q15",
        _SENTENCE_BANDS, unit="words",
    ),
    Measure(
        "longest_sentence", "Longest sentence", ("fi", "sv", "en"),
        "words in the longest sentence",
        "GOV.UK content design: no sentence over 25 words",
        (Band(25.5, "within 25 words"), Band(35.5, "long"), Band(INF, "very long")),
        unit="words",
    ),
    Measure(
        "long_compounds", "Long compounds", ("fi",),
        "100 × words of three or more compound parts (Voikko STRUCTURE) / words",
        "Kotus (long compounds and -minen derivations in selkokieli research)", unit="%",
    ),
    Measure(
        "minen_rate", "-minen forms", ("fi",),
        "100 × -minen forms (Voikko MOOD=MINEN-infinitive) / words",
        "Kotus, haitallisen tiivis ilmaisu; Virkakielitesti Q18", unit="per 100 words",
    ),
    Measure(
        "passive_rate", "Sentences with a passive", ("fi",),
        "100 × sentences with a passive verb (Voikko PERSON=4; the connegative only after "
        "'ei') or a past passive participle / sentences",
        "Kotus Virkakielitesti Q6 (name who acts)", unit="%",
    ),
)}

HEADLINE = {"fi": "fi_index", "sv": "lix", "en": "fk_grade"}

# A list item counts as a sentence only when it is written as one ("1. Log in at
# enterfinland.fi."); "your marriage certificate" is a label, not a sentence.
_WRITTEN_AS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


def counted(doc: Document, sentences: Sequence[Sentence] | None = None) -> list[Sentence]:
    """The sentences the averages count: what the reader reads as sentences.

    Headings, separate lines (addresses, signature blocks, table rows) and list items that do
    not end like a sentence are left out: counted as sentences they make every average look
    shorter and easier than the prose the reader actually reads. Every measure, the lint
    metric rules and ``letterkit readability`` use this one choice.
    """
    chosen = doc.sentences if sentences is None else sentences
    out = []
    for s in chosen:
        if not s.words:
            continue
        unit = doc.units[s.unit]
        if unit.kind == "paragraph" or (
                unit.kind == "list_item"
                and _WRITTEN_AS_SENTENCE.search(doc.text[unit.start:unit.end])):
            out.append(s)
    return out


def names_for(lang: str) -> list[str]:
    return [n for n, m in MEASURES.items() if lang in m.langs]


@dataclass
class Counts:
    sentences: int = 0
    words: int = 0
    long_words: int = 0  # more than six letters (LIX)
    wiio_long: int = 0  # base form of four or more syllables
    syllables: int = 0
    polysyllables: int = 0
    compounds: int = 0
    minen: int = 0
    passive_sentences: int = 0

    def __sub__(self, other: Counts) -> Counts:
        return Counts(*(a - b for a, b in zip(vars(self).values(), vars(other).values(),
                                              strict=True)))


def count(sentences: Sequence[Sentence]) -> Counts:
    c = Counts()
    sentence_count = words = long_words = wiio_long = syllables = polysyllables = 0
    compounds = minen = passive_sentences = 0
    for s in sentences:
        if not s.words:
            continue
        sentence_count += 1
        passive = False
        for w in s.words:
            info = w.info
            words += 1
            text = w.text
            if (len(text) if text.isalpha() else sum(map(str.isalpha, text))) > 6:
                long_words += 1  # w.letters, inlined: this loop runs for every word
            syl = info.syllables
            syllables += syl
            if syl >= 3:
                polysyllables += 1
                if syl >= 4 and w.kind == "word":
                    wiio_long += 1
            if len(info.compound_parts) >= 3:
                compounds += 1
            if info.is_minen:
                minen += 1
            if not passive and (info.is_passive if w.passive is None else w.passive):
                passive = True
        if passive:
            passive_sentences += 1
    c.sentences, c.words, c.long_words, c.wiio_long = sentence_count, words, long_words, wiio_long
    c.syllables, c.polysyllables, c.compounds, c.minen = syllables, polysyllables, compounds, minen
    c.passive_sentences = passive_sentences
    return c


def formulas(c: Counts, lang: str) -> dict[str, float | None]:
    """The count-based measures of ``lang`` (not longest_sentence or ovix)."""
    if c.words == 0 or c.sentences == 0:
        return {}
    wps = c.words / c.sentences
    out: dict[str, float | None] = {
        "words_per_sentence": wps,
        "lix": wps + 100 * c.long_words / c.words,
    }
    if lang == "fi":
        out["fi_index"] = (FI_INDEX_SENTENCE_WEIGHT * wps
                           + FI_INDEX_WORD_WEIGHT * 100 * c.wiio_long / c.words)
        out["wiio"] = 2.7 + 30 * c.wiio_long / c.words
        out["long_compounds"] = 100 * c.compounds / c.words
        out["minen_rate"] = 100 * c.minen / c.words
        out["passive_rate"] = 100 * c.passive_sentences / c.sentences
    elif lang == "en":
        spw = c.syllables / c.words
        out["fk_grade"] = 0.39 * wps + 11.8 * spw - 15.59
        out["flesch_reading_ease"] = 206.835 - 1.015 * wps - 84.6 * spw
        out["smog"] = 1.043 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291
    return out


def ovix(sentences: Sequence[Sentence]) -> float | None:
    forms = [w.text.lower() for s in sentences for w in s.words]
    tokens, types = len(forms), len(set(forms))
    if tokens < 2 or types == tokens:
        return None
    denominator = math.log(2 - math.log(types) / math.log(tokens))
    return math.log(tokens) / denominator if denominator else None


def measure(doc: Document, sentences: Sequence[Sentence] | None = None) -> dict[str, float | None]:
    """Every measure of ``doc.lang`` over ``sentences`` (default: the whole document), counting
    only the sentences that :func:`counted` keeps.

    A measure is None when it is undefined (no words; OVIX when every word is different).
    """
    chosen = counted(doc, sentences)
    values = formulas(count(chosen), doc.lang)
    result: dict[str, float | None] = {}
    for name in names_for(doc.lang):
        if name == "longest_sentence":
            result[name] = float(max((len(s.words) for s in chosen), default=0)) if chosen else None
        elif name == "ovix":
            result[name] = ovix(chosen)
        else:
            result[name] = values.get(name)
    return result


def headline(doc: Document, sentences: Sequence[Sentence] | None = None
             ) -> tuple[str, float | None]:
    name = HEADLINE[doc.lang]
    return name, measure(doc, sentences)[name]


def pulling_up(
    doc: Document, name: str | None = None, sentences: Sequence[Sentence] | None = None,
    top: int = 3,
) -> list[tuple[Sentence, float]]:
    """Sentences whose removal would lower measure ``name`` most, with that drop.

    Leave-one-out on the counts: the drop is exactly how much the figure would improve if the
    sentence were deleted, so long sentences and sentences full of hard words come first.
    """
    name = name or HEADLINE[doc.lang]
    chosen = counted(doc, sentences)
    if len(chosen) < 2:
        return []
    total = count(chosen)
    base = formulas(total, doc.lang).get(name)
    if base is None:
        return []
    sign = 1 if MEASURES[name].higher_is_harder else -1
    drops = []
    for s in chosen:
        rest = formulas(total - count([s]), doc.lang).get(name)
        if rest is not None:
            drops.append((s, sign * (base - rest)))
    drops.sort(key=lambda item: -item[1])
    return [(s, d) for s, d in drops[:top] if d > 0]
