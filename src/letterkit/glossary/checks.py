"""The glossary's lint rules, compiled from the term base (nobody writes them by hand).

| code   | name                 | severity | what it finds                                       |
|--------|----------------------|----------|-----------------------------------------------------|
| TRM001 | deprecated-term      | error    | a deprecated term; suggests the preferred one       |
| TRM002 | mixed-terms          | warning  | two acceptable terms of one concept in one letter   |
| TRM003 | missing-in-language  | warning  | a concept one language version uses, another lacks  |
| TRM004 | unexplained-term     | warning  | a requires_explanation term with no explanation     |
| TRM005 | duplicate-concept-id | error    | two glossary files with the same concept id         |
| TRM000 | invalid-glossary-file| error    | any other problem in a glossary file (lint use)     |

The functions work on text (or analysed text) and return :class:`TermIssue` objects with
character offsets into that text; :meth:`TermIssue.to_finding` turns one into a
:class:`letterkit.model.Finding` once the caller has mapped the offsets to a file position
(for a rendered letter: ``RenderedLetter.locate(offset)``).

Explanation convention (TRM004). A term counts as explained in a letter when, at any of its
occurrences,

1. the same sentence goes on, after the term, with an explanation marker: an opening
   parenthesis right after the term, or one of
   fi "eli", "toisin sanoen", "tarkoittaa"/"tarkoitetaan" (any form of *tarkoittaa*);
   sv "det vill säga", "dvs.", "alltså", "som betyder", "betyder", "innebär", "menas",
   "avses"; en "which means", "this means", "that means", "it means", "meaning", "that is",
   "i.e.", "in other words", "refers to"; or
2. the same sentence names it: fi "jota/joita/tätä/häntä kutsutaan", "kutsutaan nimellä";
   sv "kallas för", "som/den/det/hen kallas"; en "is called"/"are called" (bare "kutsutaan" and
   "kallas" do not count: they also mean "is invited"/"is summoned"); or
3. the next sentence contains any of the markers above (it goes on to explain the term); or
4. the next sentence starts (within its first three words) with the head of the term alone
   (the last part of a compound, the last word of a multi-word term), i.e. it goes on to
   say what the thing is or what happens there: "Kutsumme sinut turvapaikkapuhutteluun.
   Puhuttelussa kerrot, miksi haet turvapaikkaa." / "... biometric identifiers. The
   identifiers are your photo and fingerprints." Repeating the whole term does not count; or
5. the term is followed by a definition, in the same sentence or at the start of the next:
   a copula (fi "on/ovat", sv "är", en "is/are/means") within two words, then a predicate
   noun (fi: a nominative noun or adjective that is not a participle, per Voikko; sv/en: an
   article or possessive such as "en", "din", "a", "your"). "Avustaja on juristi, joka
   auttaa sinua." counts; "Avustajasi on Aino Virtanen.", "... on rekisteröity." and
   "... are stored" do not.

So "Saat täydennyspyynnön eli kirjeen, jossa pyydämme lisää tietoja." and "Du får en begäran
om komplettering. Det betyder att vi behöver fler uppgifter." explain the term; a bare
"Vastaa täydennyspyyntöön." does not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from letterkit.glossary.language import Analysed, analyse, as_analysed
from letterkit.glossary.loader import Glossary
from letterkit.glossary.matcher import TermHit, find_terms
from letterkit.model.finding import Finding, Severity

RULES: dict[str, tuple[str, Severity]] = {
    "TRM000": ("invalid-glossary-file", Severity.ERROR),
    "TRM001": ("deprecated-term", Severity.ERROR),
    "TRM002": ("mixed-terms", Severity.WARNING),
    "TRM003": ("missing-in-language", Severity.WARNING),
    "TRM004": ("unexplained-term", Severity.WARNING),
    "TRM005": ("duplicate-concept-id", Severity.ERROR),
}

# Explanation markers per language: phrases (lower-case surface words in a row) and lemmas.
EXPLAIN_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "fi": (("eli",), ("toisin", "sanoen"), ("joka", "tarkoittaa"), ("mikä", "tarkoittaa")),
    "sv": (("det", "vill", "säga"), ("dvs",), ("alltså",), ("som", "betyder"), ("betyder",),
           ("innebär",), ("menas",), ("avses",)),
    "en": (("which", "means"), ("this", "means"), ("that", "means"), ("it", "means"),
           ("meaning",), ("that", "is"), ("i", "e"), ("in", "other", "words"),
           ("refers", "to"), ("means", "that")),
}
EXPLAIN_LEMMAS: dict[str, frozenset[str]] = {
    "fi": frozenset({"tarkoittaa"}),
    "sv": frozenset({"betyda", "innebära"}),
    "en": frozenset(),
}
# "Kutsua" and "kallas" also mean "invite"/"be summoned" ("sinut kutsutaan puhutteluun",
# "du kallas till hörande"), so only their naming phrases count.
NAMING_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "fi": (("jota", "kutsutaan"), ("joita", "kutsutaan"), ("tätä", "kutsutaan"),
           ("häntä", "kutsutaan"), ("kutsutaan", "nimellä")),
    "sv": (("kallas", "för"), ("som", "kallas"), ("den", "kallas"), ("det", "kallas"),
           ("hen", "kallas")),
    "en": (("is", "called"), ("are", "called")),
}


@dataclass(frozen=True)
class TermIssue:
    """What a glossary rule found in one language version, with offsets into its text.

    ``start``/``end`` are character offsets into the analysed text; for TRM003 (a concept
    missing from this version) they are 0, i.e. the beginning of the letter.
    """

    code: str
    message: str
    lang: str
    start: int
    end: int
    concept_id: str
    found: str = ""
    suggestion: str = ""
    samples: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return RULES[self.code][0]

    @property
    def severity(self) -> Severity:
        return RULES[self.code][1]

    def to_finding(self, path: str, line: int, column: int, end_line: int | None = None,
                   end_column: int | None = None, url: str = "") -> Finding:
        """The issue as a Finding at a file position the caller has computed."""
        return Finding(
            code=self.code, name=self.name, severity=self.severity, message=self.message,
            path=path, line=line, column=column,
            end_line=end_line if end_line is not None else line,
            end_column=end_column if end_column is not None else column + len(self.found),
            lang=self.lang, suggestion=self.suggestion, url=url, found=self.found,
            samples=self.samples,
        )


def _doc(text: str | Analysed | Any, lang: str) -> Analysed:
    """A string, an Analysed or a :class:`letterkit.text.Document` as an Analysed."""
    return as_analysed(text, lang)


def _words_lower(doc: Analysed, start: int, end: int) -> list:
    return [w for w in doc.words if w.start >= start and w.end <= end]


def _has_phrase(words: list, phrases: Iterable[tuple[str, ...]]) -> bool:
    low = [w.text.lower() for w in words]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(low) - n + 1):
            if tuple(low[i:i + n]) == phrase:
                return True
    return False


def _has_lemma(words: list, lemmas: frozenset[str]) -> bool:
    return any(w.lemmas & lemmas for w in words)


def is_explained(doc: Analysed, hit: TermHit) -> bool:
    """Whether the occurrence *hit* is explained, by the convention in the module docstring."""
    lang = doc.lang
    phrases, lemmas = EXPLAIN_PHRASES.get(lang, ()), EXPLAIN_LEMMAS.get(lang, frozenset())
    index = doc.sentence_index(hit.start)
    sentence = doc.sentences[index] if doc.sentences else None
    s_start, s_end = (sentence.start, sentence.end) if sentence else (0, len(doc.text))
    after = doc.text[hit.end:s_end]
    if after.lstrip().startswith("(") and len(after) - len(after.lstrip()) <= 1:
        return True
    rest = _words_lower(doc, hit.end, s_end)
    if _has_phrase(rest, phrases) or _has_lemma(rest, lemmas) or _defines(rest, lang):
        return True
    whole = _words_lower(doc, s_start, s_end)
    if _has_phrase(whole, NAMING_PHRASES.get(lang, ())):
        return True
    if index + 1 < len(doc.sentences):
        nxt = doc.sentences[index + 1]
        words = _words_lower(doc, nxt.start, nxt.end)
        if _has_phrase(words, phrases) or _has_lemma(words, lemmas):
            return True
        if _starts_with_head(words[:3], hit.term, lang):
            return True
        for k, word in enumerate(words[:3]):
            if word.lemmas & _term_lemmas(hit.term, lang) and _defines(words[k + 1:], lang):
                return True
    return False


COPULAS = {"fi": {"on", "ovat"}, "sv": {"är"}, "en": {"is", "are", "means"}}
# After the copula a definition starts with an article or possessive in sv/en ("is a
# lawyer", "är en jurist"), which "are stored" / "är registrerad" do not.
DEFINITION_STARTS = {
    "sv": {"en", "ett", "den", "det", "de", "din", "ditt", "dina"},
    "en": {"a", "an", "the", "your", "someone", "somebody", "something"},
}
_NOMINAL = {"nimisana", "laatusana", "nimisana_laatusana", "asemosana", "lukusana"}


def _defines(words: list, lang: str) -> bool:
    """Whether *words* (what follows a term) start a definition: a copula within the next
    two words, then a predicate noun ("Avustaja on juristi, joka ...", "Biträdet är en
    jurist", "Legal counsel is a lawyer"). "Avustajasi on Aino Virtanen", "on rekisteröity"
    and "are stored" are not definitions."""
    for k, word in enumerate(words[:2]):
        if word.text.lower() not in COPULAS.get(lang, ()):
            continue
        following = words[k + 1] if k + 1 < len(words) else None
        if following is None or not following.text[:1].islower():
            return False
        if lang == "fi":
            return _fi_predicate_noun(following.text)
        return following.text.lower() in DEFINITION_STARTS.get(lang, ())
    return False


def _fi_predicate_noun(word: str) -> bool:
    """A noun or adjective in the nominative that is not a participle ("juristi", not
    "rekisteröity" or "mukana")."""
    from letterkit.glossary.language import _voikko

    voikko = _voikko()
    if voikko is None:
        return True
    return any(a.get("CLASS") in _NOMINAL and a.get("SIJAMUOTO") == "nimento"
               and not a.get("PARTICIPLE") for a in voikko.analyze(word))


def _term_lemmas(term: str, lang: str) -> frozenset[str]:
    words = analyse(term, lang).words
    return words[-1].lemmas if words else frozenset()


def _starts_with_head(words: list, term: str, lang: str) -> bool:
    """Whether *words* (the start of a sentence) refer back to *term* by its head alone:
    "turvapaikkapuhuttelu" -> "Puhuttelussa ...", "biometric identifiers" -> "The
    identifiers ...". Repeating the whole term does not count."""
    term_words = analyse(term, lang).words
    if not term_words:
        return False
    last = term_words[-1]
    if len(term_words) > 1:
        before = term_words[-2].lemmas
        for k, word in enumerate(words):
            if word.lemmas & last.lemmas and not (k and words[k - 1].lemmas & before):
                return True
        return False
    heads = {alt[-1] for alt in last.parts if len(alt) > 1}
    for word in words:
        if word.lemmas & last.lemmas:
            continue  # the whole term again
        if any(_contains(alt, t_alt) for alt in word.parts for t_alt in last.parts):
            continue
        if word.lemmas & heads or any(alt and alt[-1] in heads for alt in word.parts):
            return True
    return False


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


def _quote(term: str) -> str:
    return f"“{term}”"


def check_hits(doc: Analysed, hits: list[TermHit], glossary: Glossary) -> list[TermIssue]:
    """TRM001, TRM002 and TRM004 over the term occurrences *hits* of *doc*."""
    lang = doc.lang
    issues: list[TermIssue] = []
    by_concept: dict[str, list[TermHit]] = {}
    for hit in hits:
        by_concept.setdefault(hit.concept_id, []).append(hit)
        if hit.status == "deprecated":
            preferred = glossary.term(hit.concept_id, lang)
            issues.append(TermIssue(
                "TRM001",
                f"avoid {_quote(hit.found)} ({hit.term}): {hit.reason} "
                f"Use {_quote(preferred)}.",
                lang, hit.start, hit.end, hit.concept_id, hit.found, preferred))
    for concept_id, concept_hits in by_concept.items():
        entry = glossary.get(concept_id).entry(lang)
        usable = [h for h in concept_hits if h.status != "deprecated"]
        used = list(dict.fromkeys(h.term for h in usable))
        if len(used) > 1:
            others = [t for t in used if t != entry.preferred] or used[1:]
            for term in others:
                first = next(h for h in usable if h.term == term)
                rest = ", ".join(_quote(t) for t in used if t != term)
                issues.append(TermIssue(
                    "TRM002",
                    f"{_quote(first.found)} and {rest} name the same thing in this letter; "
                    f"readers may think they differ. Use {_quote(entry.preferred)} throughout.",
                    lang, first.start, first.end, concept_id, first.found, entry.preferred))
        # Deprecated uses get TRM001 only; the explanation is asked for the right term.
        if (entry.requires_explanation and usable
                and not any(is_explained(doc, h) for h in usable)):
            first = usable[0]
            issues.append(TermIssue(
                "TRM004",
                f"explain {_quote(first.found)} the first time you use it: most readers do "
                f"not know it. For example: {entry.explanation}",
                lang, first.start, first.end, concept_id, first.found, entry.explanation))
    issues.sort(key=lambda i: (i.start, i.code))
    return issues


def check_text(text: str | Analysed, lang: str, glossary: Glossary) -> list[TermIssue]:
    """TRM001, TRM002 and TRM004 in one language version of a letter."""
    doc = _doc(text, lang)
    return check_hits(doc, find_terms(doc, lang, glossary), glossary)


def concepts_used(text: str | Analysed, lang: str, glossary: Glossary) -> dict[str, TermHit]:
    """The concepts *text* mentions, each with its first occurrence."""
    out: dict[str, TermHit] = {}
    for hit in find_terms(_doc(text, lang), lang, glossary):
        out.setdefault(hit.concept_id, hit)
    return out


def check_parity(texts: Mapping[str, str | Analysed], glossary: Glossary) -> list[TermIssue]:
    """TRM003: a concept used in some language versions of one letter but not in another.

    *texts* maps each language to its version of the same letter rendered with the same
    sample. The issue is reported on the version that lacks the concept, at offset 0.
    """
    used = {lang: concepts_used(text, lang, glossary) for lang, text in texts.items()}
    issues = []
    all_ids = sorted({cid for hits in used.values() for cid in hits})
    for cid in all_ids:
        present = [lang for lang in texts if cid in used[lang]]
        for lang in texts:
            if cid in used[lang]:
                continue
            concept = glossary.get(cid)
            preferred = concept.preferred(lang)
            elsewhere = ", ".join(f"{other} {_quote(used[other][cid].found)}" for other in present)
            issues.append(TermIssue(
                "TRM003",
                f"this version never mentions {_quote(preferred)} ({cid}), but the other "
                f"versions do ({elsewhere}); say the same thing in every language",
                lang, 0, 0, cid, "", preferred))
    return issues


def check_letter(texts: Mapping[str, str | Analysed], glossary: Glossary
                 ) -> dict[str, list[TermIssue]]:
    """All text-level glossary checks on every language version of one letter."""
    docs = {lang: _doc(text, lang) for lang, text in texts.items()}
    out = {lang: check_text(doc, lang, glossary) for lang, doc in docs.items()}
    for issue in check_parity(docs, glossary):
        out[issue.lang].append(issue)
    return out


def issues_to_findings(issues: Iterable[TermIssue],
                       locate: Callable[[int], tuple[str, int, int]],
                       text: str = "") -> list[Finding]:
    """Turn issues into Findings, with *locate(offset) -> (path, line, column)*.

    *text* (the analysed text) lets a multi-line match get its true end position.
    """
    findings = []
    for issue in issues:
        path, line, col = locate(issue.start)
        if issue.end > issue.start:
            _, end_line, end_col = locate(issue.end)
            if end_line < line or (end_line == line and end_col <= col):
                end_line, end_col = line, col + (issue.end - issue.start)
        else:
            end_line, end_col = line, col + 1
        findings.append(issue.to_finding(path, line, col, end_line, end_col))
    return findings


def text_findings(text: str, lang: str, glossary: Glossary, path: str = "<text>"
                  ) -> list[Finding]:
    """Check a plain text file (not a template): offsets become its own lines and columns."""

    def locate(offset: int) -> tuple[str, int, int]:
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return path, line, col

    return issues_to_findings(check_text(text, lang, glossary), locate, text)
