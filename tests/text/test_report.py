"""Figures for documents and sections, and targets."""

from letterkit.text import analyze
from letterkit.text.report import check_targets, figures, sections, targets_from_config

LETTER = """Maahanmuuttovirasto\\
PL 10

# Lähetä meille asiakirjat {#main}

Tarvitsemme lisää tietoja.

## Mitä tarvitsemme {#what-we-need}

- passin kopio
- valokuva

## Miten lähetät ne {#how}

Lähetä asiakirjat Enter Finland -palvelussa. Se on nopein tapa.
"""


def test_sections_follow_level_two_headings():
    doc = analyze(LETTER, "fi")
    found = sections(doc, LETTER.index("# Lähetä"))
    assert [(s.id, s.heading) for s in found] == [
        ("what-we-need", "Mitä tarvitsemme"), ("how", "Miten lähetät ne")]
    words = [figures(doc, doc.sentences_between(s.start, s.end))["words"] for s in found]
    # Headings and list items that are labels ("passin kopio") are not sentences: the first
    # section has none, the second two sentences of 5 and 4 words.
    assert words == [0, 5 + 4]


def test_figures_shape():
    doc = analyze(LETTER, "fi")
    f = figures(doc)
    assert set(f) == {"words", "sentences", "measures", "difficulty"}
    assert f["difficulty"]["measure"] == "fi_index"
    assert f["difficulty"]["band"]


def test_targets():
    checks = check_targets({"fi_index": 9.0, "wiio": 6.0, "flesch_reading_ease": 50.0},
                           {"fi_index": 8, "wiio": 7, "flesch_reading_ease": 60, "nope": 1})
    assert [(c["measure"], c["ok"], c["kind"]) for c in checks] == [
        ("fi_index", False, "max"), ("wiio", True, "max"), ("flesch_reading_ease", False, "min")]


def test_targets_from_config_with_defaults():
    assert targets_from_config({"readability": {"targets": {"sv": {"lix": 35}}}}, "sv") == {
        "lix": 35.0}
    assert targets_from_config({}, "en")["fk_grade"] == 8.0
