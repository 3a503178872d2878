"""Without Voikko, Finnish still gets figures, and every output says which are approximate."""

import pytest

from letterkit.text import analyze, finnish
from letterkit.text.measures import measure
from letterkit.text.syllables import finnish as finnish_syllables


@pytest.fixture
def no_voikko(monkeypatch):
    monkeypatch.setattr(finnish, "_available", False)
    yield


def test_fallback_marks_figures_approximate(no_voikko):
    doc = analyze("Hakemus käsitellään. Hakemisen jälkeen päätös tehdään.", "fi")
    assert {"wiio", "fi_index", "lemma", "syllables", "passive_rate"} <= doc.approximate
    m = measure(doc)
    assert m["fi_index"] is not None and m["wiio"] is not None
    w = {x.text: x for x in doc.words}
    assert w["käsitellään"].is_passive and w["Hakemisen"].is_minen


def test_no_approximation_with_voikko():
    assert analyze("Hakemus on kesken.", "fi").approximate == frozenset()
    assert analyze("The form is ready.", "en").approximate == frozenset()


@pytest.mark.parametrize("word, count", [
    ("hakemus", 3), ("oleskelulupa", 6), ("maa", 1), ("tietoa", 3), ("koira", 2),
    ("hauis", 2), ("vapaus", 3), ("liian", 2), ("tietää", 2), ("suomi", 2), ("ruokaa", 2),
    ("yö", 1), ("työ", 1), ("riita", 2), ("kauan", 2),
])
def test_rule_based_finnish_syllables(word, count):
    assert finnish_syllables(word) == count
