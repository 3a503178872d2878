"""libhunspell through ctypes: dictionaries found, words checked and suggested, preloading."""

from __future__ import annotations

import threading

import pytest

from letterkit import hunspell

pytestmark = pytest.mark.skipif(not hunspell.available() or hunspell.find("en_GB") is None,
                                reason="libhunspell or the en_GB dictionary is not installed")


def test_checks_and_suggests_in_british_english():
    d = hunspell.open_dictionary(hunspell.BY_LANGUAGE["en"])
    assert d.tag == "en_GB"
    assert d.check("colour") and d.check("organise")
    assert not d.check("recieved")
    assert "received" in d.suggest("recieved")


def test_swedish_letters_outside_ascii():
    if hunspell.find("sv_FI") is None and hunspell.find("sv_SE") is None:
        pytest.skip("no Swedish dictionary")
    d = hunspell.open_dictionary(hunspell.BY_LANGUAGE["sv"])
    assert d.check("ansökan") and d.check("uppehållstillstånd")
    assert "behandlingen" in d.suggest("behandligen")


def test_words_it_cannot_hold_are_unknown_not_errors():
    d = hunspell.open_dictionary(("en_GB",))
    assert not d.check("")
    assert not d.check("a\x00b")
    assert d.suggest("") == []
    assert not d.check("\U0001F600")  # not in the dictionary's character set either way


def test_a_dictionary_that_is_not_installed_is_none(tmp_path, monkeypatch):
    monkeypatch.setenv("DICPATH", str(tmp_path))
    assert hunspell.open_dictionary(("xx_XX",)) is None


def test_dicpath_comes_first(tmp_path, monkeypatch):
    (tmp_path / "en_GB.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "en_GB.dic").write_text("1\nzyxxon\n", encoding="utf-8")
    monkeypatch.setenv("DICPATH", str(tmp_path))
    d = hunspell.open_dictionary(("en_GB",))
    assert d.check("zyxxon") and not d.check("colour")


def test_a_preloaded_dictionary_goes_to_one_thread_only(monkeypatch):
    monkeypatch.setattr(hunspell, "_preloading", {})
    hunspell.preload(["en", "fi", "en"])  # fi has no hunspell dictionary: nothing started
    assert set(hunspell._preloading) == {"en"}
    first = hunspell.take_preloaded("en")
    assert first is not False and first.check("colour")
    assert hunspell.take_preloaded("en") is False  # taken: a second thread reads its own
    assert hunspell.take_preloaded("sv") is False  # never preloaded


def test_spelling_uses_the_preloaded_dictionary_in_the_first_thread(monkeypatch):
    from letterkit.text import spelling

    monkeypatch.setattr(hunspell, "_preloading", {})
    hunspell.preload(["en"])
    results = {}

    def ask(name):
        spelling._local.__dict__.clear()
        results[name] = (spelling._dictionary("en"), spelling.is_known("colour", "en"))

    threads = [threading.Thread(target=ask, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (da, ka), (db, kb) = results["a"], results["b"]
    assert ka and kb
    assert da is not db  # one took the preloaded handle, the other read its own
    assert hunspell._preloading["en"][1] == [False]


def test_lint_reads_the_dictionary_ahead_only_for_words_it_has_not_seen(tmp_path, monkeypatch,
                                                                       run_cli):
    from letterkit.text import lexicon, spelling, store

    draft = tmp_path / "draft.md"
    draft.write_text("We have recieved your application, Oluwaseun.\n", encoding="utf-8")
    monkeypatch.setenv("LETTERKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)

    def lint():
        monkeypatch.setattr(hunspell, "_preloading", {})
        monkeypatch.setattr(lexicon, "_caches", {})
        monkeypatch.setattr(spelling, "_local", threading.local())
        result = run_cli("lint", str(draft), "--lang", "en")
        thread, box = hunspell._preloading["en"]
        thread.join()
        return result, box

    first, box = lint()
    assert "recieved" in first.out and box == [False]  # read ahead, then taken by the lint
    assert not store.has_unseen_words(tmp_path / "cache" / "analyses.sqlite3", "en",
                                      [draft.read_text(encoding="utf-8")])
    second, box = lint()
    assert second.out == first.out and box == []  # every word stored: nothing read
