"""The analysis store: per-word lookups in SQLite, bounded, shared by processes, never fatal."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from letterkit.text import analyze, lexicon, store
from letterkit.text.store import AnalysisStore


@pytest.fixture(autouse=True)
def _fresh_memory():
    lexicon._caches.clear()
    yield
    active = store.active_store()
    if active is not None:
        active.close()
    lexicon._caches.clear()


def rows(path: Path) -> int:
    return sqlite3.connect(path).execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def test_analyses_come_back_from_the_store_one_form_at_a_time(tmp_path):
    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path):
        first = [(w.lemma, w.is_known, w.syllables) for w in
                 analyze("We received your application yesterday.", "en").words]
    assert rows(path) >= 5
    lexicon._caches.clear()
    with AnalysisStore.open(path) as opened:
        assert opened.get("en", "received") is not None
        again = [(w.lemma, w.is_known, w.syllables) for w in
                 analyze("We received your application yesterday.", "en").words]
        assert opened.flush() == 0  # nothing new to write: every form was found
    assert again == first


def test_the_store_is_bounded(tmp_path):
    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path, limit=100) as opened:
        for n in range(250):
            opened.put("en", f"form{n}", ("x",))
        opened.flush()
        assert opened.count() == 100
        assert opened.get("en", "form249") == ("x",)
        assert opened.get("en", "form0") is None  # the oldest went first


@pytest.mark.parametrize("content", [b"not a database at all",
                                     b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_corrupt_store_is_replaced(tmp_path, content):
    path = tmp_path / "analyses.sqlite3"
    path.write_bytes(content)
    opened = AnalysisStore.open(path)
    assert opened is not None
    words = analyze("A short text.", "en").words
    opened.close()
    assert words
    assert rows(path) > 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_means_no_store(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert AnalysisStore.open(folder / "sub" / "analyses.sqlite3") is None
    finally:
        folder.chmod(0o700)


def test_a_read_only_store_is_read_and_not_written(tmp_path):
    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path) as opened:
        opened.put("en", "kept", ("x",))

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    readonly = AnalysisStore(db, path, 100, writable=False)
    assert readonly.get("en", "kept") == ("x",)
    readonly.put("en", "new", ("y",))
    assert readonly.flush() == 0



def test_a_store_of_another_version_is_emptied(tmp_path, monkeypatch):
    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path) as opened:
        opened.put("en", "old", ("x",))
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    with AnalysisStore.open(path) as opened:
        assert opened.get("en", "old") is None


WRITER = """
import sys
from letterkit.text.store import AnalysisStore
opened = AnalysisStore.open(sys.argv[1])
for round in range(20):
    for n in range(200):
        opened.put("en", f"{sys.argv[2]}-{round}-{n}", (sys.argv[2], n))
    opened.flush()
opened.close()
"""


def test_several_processes_share_one_store(tmp_path):
    path = tmp_path / "analyses.sqlite3"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"p{i}"], env=env,
                              stderr=subprocess.PIPE, text=True) for i in range(4)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    with AnalysisStore.open(path) as opened:
        # a write that could not get the lock in time is dropped; most get through
        assert opened.count() > 4 * 200
        assert opened.get("en", "p0-19-199") in (None, ("p0", 199))


def test_suggestions_are_kept_in_the_store(tmp_path):
    from letterkit.text import spelling

    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path):
        first = spelling.suggest("infomation", "en", limit=3)
    assert "information" in first
    with AnalysisStore.open(path) as opened:
        assert tuple(opened.get("suggest.en", "infomation"))[:3] == first
        assert spelling.suggest("infomation", "en", limit=3) == first


def test_a_reported_spelling_finding_carries_its_suggestion(tmp_path):
    from letterkit.lint import lint_text, load_rules

    rules = load_rules(Path(__file__).resolve().parents[2] / "linting", select=("SPL",))
    text = "We have recieved your letter.\n\nNeccessary papers are listed below.\n"
    found = {f.found: f.suggestion for f in lint_text(text, "en", rules)}
    assert "received" in found["recieved"].split(", ")
    assert found["Neccessary"].split(", ")[0] == "Necessary"  # sentence start: the quick search


def test_a_cache_folder_that_cannot_be_made_means_no_store(tmp_path):
    blocker = tmp_path / "var"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert AnalysisStore.open(blocker / "cache" / "analyses.sqlite3") is None
    assert analyze("Still analysed without a cache.", "en").words


def test_near_forms_of_a_one_letter_word():
    """A one-letter unknown word has the empty string among its one-letter edits; the
    dictionary must not be asked about it (hunspell has no answer for an empty word)."""
    from letterkit.text import spelling

    if spelling.dictionary_name("en") is None:
        pytest.skip("no English dictionary")
    assert isinstance(spelling._near_forms("ş", "en"), tuple)
    assert "" not in spelling._near_forms("q", "en")


def test_a_value_put_in_this_run_is_found_before_it_is_written(tmp_path):
    from letterkit.text.store import AnalysisStore

    store = AnalysisStore.open(tmp_path / "a.sqlite3")
    try:
        store.put("suggest.en", "recieve", ("receive",))
        assert store.get("suggest.en", "recieve") == ("receive",)
    finally:
        store.close()


LETTER = ("# Request for additional information\n\nDear Amara Okonkwo-Lindqvist,\n\nWe need "
          "your passport (see https://migri.fi/en/e-service) by 7.12.2026, e.g. a copy. "
          "You can't reply by e-mail to kirjaamo@example.fi.\n")


def test_a_text_whose_words_were_all_analysed_has_no_unseen_words(tmp_path):
    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path):
        analyze(LETTER, "en")
    assert not store.has_unseen_words(path, "en", [LETTER])
    assert store.has_unseen_words(path, "en", [LETTER + " Oluwaseun"])
    assert store.has_unseen_words(path, "sv", [LETTER])  # another language's analyses
    assert not store.has_unseen_words(path, "en", ["", "12.3.2026 OLE/2026/048213"])


def test_an_abbreviation_with_its_full_stop_counts_as_seen(tmp_path):
    # word_forms gives "kl" for "kl. 9", the analysis stores "kl.": the text has no new word
    # (a Swedish lint of a stored letter read the 80 ms dictionary for it)
    text = "Ring oss vardagar kl. 9–16 och fråga t.ex. om tolk.\n"
    path = tmp_path / "analyses.sqlite3"
    with AnalysisStore.open(path):
        analyze(text, "sv")
    assert not store.has_unseen_words(path, "sv", [text])
    assert store.has_unseen_words(path, "sv", [text + "Kl Zorblax"])


def test_word_forms_are_the_forms_the_analysis_stores():
    from letterkit.text.segment import word_forms

    analysed = {w.text for w in analyze(LETTER, "en").words if w.kind == "word"}
    assert word_forms(LETTER) == analysed


def test_a_store_that_cannot_be_read_lacks_every_word(tmp_path):
    missing = tmp_path / "none.sqlite3"
    assert store.has_unseen_words(missing, "en", ["a word"])
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    assert store.has_unseen_words(broken, "en", ["a word"])
