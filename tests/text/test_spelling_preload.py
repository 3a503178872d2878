"""A spelling dictionary loaded ahead in a background thread is taken over by the first
thread that asks for it; a preload that is not needed loads nothing."""

from __future__ import annotations

import threading

import pytest

from letterkit.text import spelling


@pytest.fixture(autouse=True)
def _fresh():
    spelling._preloads.clear()
    spelling._local.__dict__.clear()
    yield
    spelling._preloads.clear()
    spelling._local.__dict__.clear()


def test_the_preloaded_dictionary_is_taken_over(monkeypatch):
    if spelling.dictionary_name("en") is None:
        pytest.skip("no English hunspell dictionary")
    spelling._local.__dict__.clear()
    loaded_in = []
    real = spelling._load

    def load(lang):
        loaded_in.append(threading.current_thread().name)
        return real(lang)

    monkeypatch.setattr(spelling, "_load", load)
    spelling.preload("en")
    assert spelling.is_known("received", "en") is True
    assert spelling.is_known("recieved", "en") is False
    assert loaded_in == ["letterkit-en-dictionary"]  # not loaded again in this thread
    assert "en" not in spelling._preloads


def test_a_preload_that_is_not_needed_loads_nothing(monkeypatch):
    loaded_in = []
    real = spelling._load

    def load(lang):
        loaded_in.append(threading.current_thread().name)
        return real(lang)

    monkeypatch.setattr(spelling, "_load", load)
    spelling.preload("en", needed=lambda: False)
    spelling.is_known("received", "en")
    assert loaded_in == [threading.current_thread().name]


def test_a_failing_guess_costs_nothing_but_the_head_start():
    def needed():
        raise RuntimeError("cannot tell")

    spelling.preload("en", needed)
    assert spelling.is_known("received", "en") in (True, None)


def test_finnish_is_not_preloaded():
    spelling.preload("fi")
    assert "fi" not in spelling._preloads
