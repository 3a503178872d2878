"""The lint's fast paths find what the plain way finds (issue 14, corpus speed).

Each shortcut is checked against a plain reference on real official text (benchmarks/data):
the phrase matcher against trying every phrase at every word, the term matcher's memo against
looking the candidates up afresh, the analysis memo against ``lexicon.info``, the counts
against summing word properties, and a parallel lint against a serial one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letterkit.errors import LetterkitError
from letterkit.glossary.matcher import analysed_words, matcher
from letterkit.lint import parallel
from letterkit.lint.context import LintContext
from letterkit.lint.kinds.words import _PhraseRule
from letterkit.project import Project
from letterkit.text import analyze, lexicon
from letterkit.text.measures import count
from letterkit.text.termwords import term_keys, words_keys

REPO = Path(__file__).resolve().parents[2]
OFFICIAL = REPO / "benchmarks" / "data" / "official"
PROJECT = Project(REPO)


def texts(lang: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((OFFICIAL / lang).glob("*.txt"))]


def reference_phrases(rule: _PhraseRule, sentence, keys) -> list[tuple[int, int, str]]:
    """Every phrase of the rule tried at every word, in the matcher's own terms."""
    matcher = rule.matcher
    words = sentence.words
    phrases = dict.fromkeys(p for group in matcher.index.values() for p, _ in group)
    found = []
    for i in range(len(words)):
        for phrase in phrases:
            if not keys[i] & phrase.tokens[0]:
                continue
            position = i
            for token in phrase.tokens[1:]:
                for step in range(1, matcher.max_gap + 2):
                    if position + step < len(keys) and keys[position + step] & token:
                        position += step
                        break
                else:
                    break
            else:
                found.append((words[i].start, words[position].end, phrase.text))
    return sorted(found)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_phrase_matcher_finds_what_trying_every_phrase_finds(lang):
    rules = [r for r in PROJECT.rules().for_lang(lang) if isinstance(r, _PhraseRule)]
    assert rules
    matched = 0
    for text in texts(lang):
        ctx = LintContext(text=text, lang=lang)
        for rule in rules:
            keys = ctx.phrase_keys(rule.matcher.lemma)
            got: dict[int, list] = {}
            for sentence, phrase, first, last in rule.matcher.find_all(ctx.sentences, keys):
                got.setdefault(id(sentence), []).append((first.start, last.end, phrase.text))
            for sentence, (sentence_keys, _) in zip(ctx.sentences, keys, strict=True):
                expected = reference_phrases(rule, sentence, sentence_keys)
                assert sorted(got.get(id(sentence), [])) == expected, (rule.code, sentence.text)
                matched += len(expected)
    assert matched > 5  # officialese: the test sees matches, not only sentences without any


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_term_matcher_memo_changes_nothing(lang):
    glossary = PROJECT.glossary
    compiled = matcher(glossary, lang)
    for text in texts(lang):
        doc = analyze(text, lang)
        words = analysed_words(doc)
        assert [k for _, _, k in words] == [term_keys(w, lang) for w in doc.words
                                            if w.kind == "word"]
        first = compiled.find(doc)
        compiled._starting.clear()
        assert compiled.find(doc) == first
        for _, _, keys in words:  # each memo entry is what a fresh look-up gives
            known = compiled._starting.get(id(keys))
            if known is not None:
                fresh = {id(f): f for key in compiled._keys(keys)
                         for f in compiled.index.get(key, ())}
                assert known == (keys, tuple(fresh.values()))


SWEDISH = ("Beslutet om uppehållstillstånd skickas till Migrationsverket. Du kan överklaga "
           "beslutet hos Förvaltningsrätten i Göteborg. Beslutet fattades av Anna Svensson.")


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_analysed_words_are_what_the_lexicon_says(lang):
    # Finnish: a capitalised word inside a sentence is looked up as a name first
    text = SWEDISH if lang == "sv" else "\n\n".join(texts(lang))
    doc = analyze(text, lang)
    assert doc.words
    for sentence in doc.sentences:
        for position, word in enumerate(sentence.words):
            assert word.info == lexicon.info(word.text, word.kind, lang, position == 0), word
    words = [w for s in doc.sentences for w in s.words]
    assert words_keys(words, lang) == [term_keys(w, lang) for w in words]


def test_the_counts_are_the_sums_of_the_words():
    doc = analyze("\n\n".join(texts("en")), "en")
    c = count(doc.sentences)
    words = doc.words
    assert c.words == len(words)
    assert c.sentences == sum(1 for s in doc.sentences if s.words)
    assert c.long_words == sum(1 for w in words if w.letters > 6)
    assert c.syllables == sum(w.syllables for w in words)
    assert c.polysyllables == sum(1 for w in words if w.syllables >= 3)
    assert c.wiio_long == sum(1 for w in words if w.syllables >= 4 and w.kind == "word")
    assert c.passive_sentences == sum(1 for s in doc.sentences
                                      if any(w.is_passive for w in s.words))
    assert c.passive_sentences > 0


def corpus(tmp_path: Path) -> list[Path]:
    """The official English texts as 26 files (.txt and .md), enough for worker processes."""
    files = []
    for source in sorted((OFFICIAL / "en").glob("*.txt")):
        for suffix in (".txt", ".md"):
            target = tmp_path / (source.stem + suffix)
            shutil.copyfile(source, target)
            files.append(target)
    assert len(files) >= parallel.MIN_FILES
    return files


def test_a_parallel_lint_gives_the_serial_findings_in_file_order(tmp_path):
    files = corpus(tmp_path)
    ruleset, terms = PROJECT.rules(), PROJECT.glossary
    serial = parallel.lint_files(files, "en", ruleset, PROJECT, terms, jobs=1)
    together = parallel.lint_files(files, "en", ruleset, PROJECT, terms, jobs=2)
    assert together == serial
    assert len({f.path for f in serial}) > len(files) // 2
    order = [str(p) for p in files]
    assert [order.index(f.path) for f in together] == sorted(order.index(f.path)
                                                             for f in together)


def test_a_file_that_cannot_be_read_stops_a_parallel_lint_or_is_skipped(tmp_path):
    files = corpus(tmp_path)
    broken = files[7]
    broken.write_bytes(b"\x00\x01binary")
    ruleset, terms = PROJECT.rules(), PROJECT.glossary
    with pytest.raises(LetterkitError) as exc:
        parallel.lint_files(files, "en", ruleset, PROJECT, terms, jobs=2)
    assert exc.value.location.path == str(broken)
    skipped: list = []
    found = parallel.lint_files(files, "en", ruleset, PROJECT, terms, jobs=2, skipped=skipped)
    assert [p.location.path for p in skipped] == [str(broken)]
    assert {f.path for f in found} <= {str(p) for p in files if p != broken}
    assert found


def test_the_files_are_split_into_ranges_of_about_the_same_size(tmp_path):
    sizes = [5000, 10, 10, 10, 4000, 10, 10, 10, 10, 3000, 10, 10] * 3
    files = []
    for number, size in enumerate(sizes):
        path = tmp_path / f"{number:02d}.md"
        path.write_text("x" * size, encoding="utf-8")
        files.append(path)
    tasks = parallel.split(files, jobs=2)
    assert tasks[0][0] == 0 and tasks[-1][1] == len(files)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(tasks, tasks[1:], strict=False))
    assert len(tasks) <= 2 * parallel.TASKS_PER_JOB
    heaviest = max(sum(sizes[i] for i in range(*t)) for t in tasks)
    assert heaviest <= 5000 + 10 * 12  # no range holds two of the long texts


def reference_sentences(masked, toks, unit_end):
    """Sentence grouping looking at every gap between tokens (what text.segment did)."""
    from letterkit.text.segment import _TERMINAL, _closing_len, _starts_sentence

    n = len(toks)
    first = 0
    for i in range(n):
        s, e, kind, cls = toks[i]
        gap_end = toks[i + 1][0] if i + 1 < n else unit_end
        gap = masked[e:gap_end]
        if i + 1 == n:
            yield toks[first][0], e + _closing_len(gap), first, n
            break
        nxt = toks[i + 1][0]
        t = _TERMINAL.search(gap)
        boundary = False
        if t is not None:
            if _starts_sentence(masked, nxt) or not masked[nxt].isalpha():
                boundary = not (gap[t.start()] == "." and kind == "word" and e - s == 1
                                and masked[s].isupper())
        elif cls == "final":
            boundary = masked[nxt].isupper()
        if boundary:
            end = e + (t.start() + _closing_len(gap[t.start():]) if t is not None else 0)
            yield toks[first][0], end, first, i + 1
            first = i + 1


def same_sentences(text: str, lang: str) -> None:
    from letterkit.text import markup, segment

    masked, units = markup.blocks(text, True)
    for unit in units:
        toks = segment.tokens(masked, unit.start, unit.end, lang)
        assert list(segment.sentences(masked, toks, unit.end)) == list(
            reference_sentences(masked, toks, unit.end)), masked[unit.start:unit.end]


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_sentences_end_where_looking_at_every_gap_ends_them(lang):
    import json

    if lang == "sv":
        lines = (REPO / "tests" / "text" / "data" / "easy_sv.jsonl").read_text(encoding="utf-8")
        samples = [json.loads(line)["text"] for line in lines.splitlines() if line.strip()]
    else:
        samples = texts(lang)
    assert samples
    for text in samples:
        same_sentences(text, lang)


PIECES = ["Hakemus", "on", "esim.", "e.g.", "A.", "B", "t.ex.", "klo", "9.00", "7.12.2026",
          "§", "1 234,50", "www.migri.fi", "a@b.fi", "OLE/2026/1", "”", "’", ")", "-", "…",
          ".", "..", "!", "?", ":", ";", ",", " ", "  ", "\n", "\n\n", "- ", "# ", "x"]


@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["fi", "sv", "en"]))
@settings(max_examples=300, deadline=None)
def test_sentences_agree_on_any_mix_of_words_and_punctuation(pieces, lang):
    same_sentences(" ".join(pieces), lang)
    same_sentences("".join(pieces), lang)


def test_english_passives_are_marked_as_checking_every_word_marks_them():
    import re

    from letterkit.text.analyze import _EN_BE, _EN_IRREGULAR, _EN_SKIP

    participle = re.compile(r"[a-z]{2,}(?:ed|en)$")
    doc = analyze("\n\n".join(texts("en")) + "\n\nIt WAS SENT. They were Told. It got paid.",
                  "en")
    marked = 0
    for sentence in doc.sentences:
        words = sentence.words
        for i, w in enumerate(words):
            low = w.text.lower()
            expected = None
            if low in _EN_IRREGULAR or (participle.match(low) and low.endswith("ed")):
                j = i - 1
                while j >= 0 and i - j <= 3 and words[j].text.lower() in _EN_SKIP:
                    j -= 1
                if j >= 0 and words[j].text.lower().replace("’", "'") in _EN_BE:
                    expected = True
            assert w.passive == expected, (w, sentence.text)
            marked += bool(expected)
    assert marked > 3


def test_the_worker_module_imports_no_rule_kinds():
    """``letterkit lint`` decides whether to read the spelling dictionary ahead (and starts
    reading it) before the rule kinds and the language layer are imported: the package's
    names are imported on first use."""
    import subprocess
    import sys

    code = ("import sys, letterkit.lint.parallel\n"
            "print(sorted(m for m in sys.modules if m.startswith(('letterkit.lint.',"
            " 'letterkit.text'))))\n"
            "from letterkit.lint import lint_text, RuleSet\n"
            "print(lint_text.__module__, RuleSet.__module__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "['letterkit.lint.parallel']"
    assert out[1] == "letterkit.lint.runner letterkit.lint.rules"
