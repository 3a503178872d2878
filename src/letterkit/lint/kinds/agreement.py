"""Kind ``agreement``: a pronoun opening a sentence that does not agree with the subject of the
sentence before.

Narrow on purpose. The antecedent must be the subject of the previous sentence in the same
paragraph: a term of the term base (glossary/) at the very start of that sentence, after at
most a possessive, a determiner or an adjective ("Ditt asylsamtal", "The new card"), or, in
English, a person's full name there ("Amina Esimerkki sent ..."). What agrees comes from the
term base: ``gender`` (en/ett) and ``number`` (singular/plural) of the preferred term.

- Swedish: "Den" + verb after an ett-noun ("Asylsamtalet hålls på Migri. Den tar fyra
  timmar." → "Det tar") or after a plural term (→ "De"). "Det" is never flagged: it is also
  the expletive "det" ("Det betyder att ...").
- English: "They" after one person named by full name, and "They" after a singular term of
  a thing (→ "It"). Not after a term for people (``people``: singular they is the accepted
  pronoun for a person whose gender is not known: "Your family member ... They ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule

_SV_LEAD = {"din", "ditt", "dina", "er", "ert", "era", "vår", "vårt", "våra", "den", "det", "de",
            "en", "ett", "denna", "detta", "dessa", "hela", "själva", "samma"}
_EN_LEAD = {"the", "your", "our", "this", "that", "a", "an", "their", "his", "her", "its",
            "each", "every"}
_SV_MODALS = {"ska", "skall", "kan", "måste", "får", "bör", "skulle", "kunde", "kommer", "var",
              "tog", "hade", "blev", "fick", "gick", "kom", "gav", "såg", "låg", "stod"}
_SV_NOT_VERB = {"här", "där", "andra", "nya", "som", "över", "egna", "hela", "sista", "första"}
_EN_TITLE = {"mr", "mrs", "ms", "miss", "dr", "mx"}
_EN_NOT_NAME = {"the", "your", "our", "this", "that", "a", "an", "we", "you", "if", "when",
                "finnish", "immigration", "service", "enter", "finland", "migri", "kela",
                "on", "in", "at", "by", "for", "from", "monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "sunday"}
_CAPITALISED = re.compile(r"^[A-ZÅÄÖ][a-zåäöéü'’-]+$")


class Agreement(Rule):
    """Flags a sentence-initial pronoun that does not agree with the previous subject."""

    kind = "agreement"
    options = {
        "people": (False, "list: concept ids of the term base that name people or "
                          "organisations, which English 'they' may refer to"),
        "names": (False, "true or false (default true): English, also check 'they' after "
                         "a person's full name"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        if self.spec.lang not in ("sv", "en"):
            raise self.spec.error("agreement knows Swedish (en/ett) and English (they); "
                                  f"not {self.spec.lang!r}", "kind")
        self.people = set(self.string_list(options, "people"))
        self.names = bool(options.get("names", True))

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        sentences = ctx.sentences
        for prev, cur in zip(sentences, sentences[1:], strict=False):
            if prev.unit != cur.unit or len(cur.words) < 2:
                continue
            first = cur.words[0]
            if ctx.from_variable(first.start, first.end):
                continue
            if self.spec.lang == "sv":
                yield from self._swedish(ctx, prev, cur)
            else:
                yield from self._english(ctx, prev, cur)

    def _subject_term(self, ctx: LintContext, sentence, lead: set[str]):
        """The term-base hit that opens *sentence* (after lead words), or None."""
        words = sentence.words
        for hit in ctx.term_hits:
            if not (sentence.start <= hit.start < sentence.end):
                continue
            before = [w for w in words if w.end <= hit.start]
            if len(before) > 2:
                return None
            if all(w.text.lower() in lead or (i > 0 and w.text.lower().endswith(("a", "e")))
                   for i, w in enumerate(before)):
                return hit
            return None
        return None

    def _swedish(self, ctx: LintContext, prev, cur) -> Iterable[Hit]:
        first, second = cur.words[0], cur.words[1]
        if first.text != "Den" or not _sv_verb(second.text):
            return
        hit = self._subject_term(ctx, prev, _SV_LEAD)
        if hit is None or hit.status != "preferred" or ctx.terms is None:
            return
        entry = ctx.terms.get(hit.concept_id).languages.get("sv")
        if entry is None:
            return
        if entry.number == "plural":
            suggestion, why = "De", "står i plural"
        elif entry.gender == "ett":
            suggestion, why = "Det", "är ett ett-ord"
        else:
            return
        yield Hit(first.start, first.end, first.text, suggestion,
                  values={"antecedent": hit.found, "why": why})

    def _english(self, ctx: LintContext, prev, cur) -> Iterable[Hit]:
        first = cur.words[0]
        if first.text not in ("They", "They're", "They’re", "They'll", "They’ll"):
            return
        name = self._full_name(prev) if self.names else None
        if name is not None:
            yield Hit(first.start, first.end, first.text, "the person's name, he or she",
                      values={"antecedent": name, "why": "one person named in full"})
            return
        hit = self._subject_term(ctx, prev, _EN_LEAD)
        if hit is None or hit.concept_id in self.people or ctx.terms is None:
            return
        entry = ctx.terms.get(hit.concept_id).languages.get("en")
        if entry is None or entry.number == "plural":
            return
        found = hit.found.lower()
        if found != hit.term.lower() and found.endswith("s"):
            return  # "Your fingerprints are ..." is plural in the text
        yield Hit(first.start, first.end, first.text, "It",
                  values={"antecedent": hit.found, "why": "one thing"})

    @staticmethod
    def _full_name(sentence) -> str | None:
        """'Amina Esimerkki', 'Ms Esimerkki': two or more capitalised words opening the
        sentence, then a lower-case word; none of them a function word."""
        words = sentence.words
        names = []
        for word in words:
            if not _CAPITALISED.match(word.text):
                break
            names.append(word)
        if len(names) < 2 or len(names) == len(words) or len(names) > 4:
            return None
        if any(w.text.lower() in _EN_NOT_NAME for w in names):
            return None
        if names[0].text.lower() not in _EN_TITLE and any(
                w.is_known and w.text.lower() not in _EN_TITLE for w in names[:1]):
            return None  # "Send Amina ...": a known word opens the sentence
        following = words[len(names)]
        if following.text.lower() in ("and", "or", "&") or following.text[:1].isupper():
            return None
        text = sentence.text
        start = names[0].start - sentence.start
        end = names[-1].end - sentence.start
        if "," in text[start:end]:
            return None
        return text[start:end]


def _sv_verb(word: str) -> bool:
    """A finite verb after 'Den' ('Den tar', 'Den ska'), not a determiner's adjective ('Den nya
    tiden') or 'Den här'."""
    low = word.lower()
    if low in _SV_NOT_VERB or low.endswith(("ande", "ende")):
        return False
    return low in _SV_MODALS or (len(low) > 2 and low.endswith("r")) or low.endswith(
        ("ade", "de", "te", "as", "ns", "ls", "rs", "ts", "vs", "gs", "ks"))
