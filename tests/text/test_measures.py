"""Known values of every measure, computed by hand on short texts."""

import math

import pytest

from letterkit.text import analyze
from letterkit.text.measures import (
    HEADLINE,
    MEASURES,
    counted,
    headline,
    measure,
    names_for,
    pulling_up,
)


def test_finnish_measures_by_hand():
    # Hakemus(ha-ke-mus) on(olla) kesken | Lähetä(lähettää) oleskelulupahakemus nyt
    # 6 words, 2 sentences; > 6 letters: Hakemus, oleskelulupahakemus;
    # base form of 4+ syllables: oleskelulupahakemus (o-les-ke-lu-lu-pa-ha-ke-mus);
    # 3+ compound parts: oleskelu|lupa|hakemus.
    m = measure(analyze("Hakemus on kesken. Lähetä oleskelulupahakemus nyt.", "fi"))
    assert m["words_per_sentence"] == pytest.approx(3)
    assert m["longest_sentence"] == 3
    assert m["lix"] == pytest.approx(3 + 100 * 2 / 6)
    assert m["wiio"] == pytest.approx(2.7 + 30 * 1 / 6)
    assert m["fi_index"] == pytest.approx(0.5 * 3 + 0.1 * 100 * 1 / 6)
    assert m["long_compounds"] == pytest.approx(100 / 6)
    assert m["minen_rate"] == 0
    assert m["passive_rate"] == 0


def test_finnish_minen_and_passive_by_hand():
    # Hakemus käsitellään | Hakemisen jälkeen päätös tehdään: 6 words, both sentences passive,
    # one -minen form (Hakemisen).
    m = measure(analyze("Hakemus käsitellään. Hakemisen jälkeen päätös tehdään.", "fi"))
    assert m["minen_rate"] == pytest.approx(100 / 6)
    assert m["passive_rate"] == pytest.approx(100)
    assert m["longest_sentence"] == 4


def test_wiio_counts_base_forms_not_inflected_forms():
    # "matkustettiin" is long, but its base form matkus-taa has 3 syllables: not a long word.
    m = measure(analyze("Matkustettiin.", "fi"))
    assert m["wiio"] == pytest.approx(2.7)


def test_swedish_measures_by_hand():
    # Vi behöver ditt pass | Skicka det senast i morgon: 9 words, 2 sentences,
    # > 6 letters: behöver (7). Every word is different: OVIX undefined.
    m = measure(analyze("Vi behöver ditt pass. Skicka det senast i morgon.", "sv"))
    assert m["lix"] == pytest.approx(4.5 + 100 / 9)
    assert m["words_per_sentence"] == pytest.approx(4.5)
    assert m["longest_sentence"] == 5
    assert m["ovix"] is None
    assert "flesch_reading_ease" not in m and "fk_grade" not in m


def test_ovix_by_hand():
    # det, är, det: 3 tokens, 2 types (case-insensitive)
    m = measure(analyze("Det är det.", "sv"))
    expected = math.log(3) / math.log(2 - math.log(2) / math.log(3))
    assert m["ovix"] == pytest.approx(expected)


def test_english_measures_by_hand():
    # The application was approved | You can travel: 7 words, 2 sentences.
    # Syllables (CMUdict): the 1, ap-pli-ca-tion 4, was 1, ap-proved 2, you 1, can 1, tra-vel 2
    # = 12; three or more: application; > 6 letters: application, approved.
    m = measure(analyze("The application was approved. You can travel.", "en"))
    wps, spw = 3.5, 12 / 7
    assert m["fk_grade"] == pytest.approx(0.39 * wps + 11.8 * spw - 15.59)
    assert m["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * wps - 84.6 * spw)
    assert m["smog"] == pytest.approx(1.043 * math.sqrt(1 * 30 / 2) + 3.1291)
    assert m["lix"] == pytest.approx(3.5 + 100 * 2 / 7)
    assert m["longest_sentence"] == 4


def test_no_flesch_for_finnish_or_swedish():
    for lang in ("fi", "sv"):
        assert not {"fk_grade", "flesch_reading_ease", "smog"} & set(names_for(lang))


def test_undefined_without_words():
    m = measure(analyze("", "fi"))
    assert all(v is None for v in m.values())


def test_every_measure_is_documented():
    for name, m in MEASURES.items():
        assert m.name == name and m.label and m.formula and m.source and m.langs
    assert HEADLINE == {"fi": "fi_index", "sv": "lix", "en": "fk_grade"}
    for lang, name in HEADLINE.items():
        assert lang in MEASURES[name].langs and MEASURES[name].higher_is_harder


@pytest.mark.parametrize("value, band", [(29.9, "very easy"), (30, "easy"), (45, "medium"),
                                         (55, "hard"), (75, "very hard")])
def test_lix_bands(value, band):
    assert MEASURES["lix"].band(value) == band


def test_flesch_reading_ease_bands_run_the_other_way():
    m = MEASURES["flesch_reading_ease"]
    assert not m.higher_is_harder
    assert m.band(95) == "very easy" and m.band(10) == "very difficult"


def test_headline_and_the_sentences_that_pull_it_up():
    text = ("Lähetä passi. Tuo kuva. Oleskelulupahakemuksen käsittelyaikaan vaikuttavat "
            "monenlaiset hakemuskohtaiset seikat, joiden selvittäminen edellyttää lisätietoja. "
            "Soita meille.")
    doc = analyze(text, "fi")
    name, value = headline(doc)
    assert name == "fi_index" and value > 0
    worst = pulling_up(doc)
    assert worst[0][0].text.startswith("Oleskelulupahakemuksen")
    rest = [s for s in doc.sentences if s is not worst[0][0]]
    assert value - measure(doc, rest)["fi_index"] == pytest.approx(worst[0][1])


def test_measure_on_part_of_a_document():
    doc = analyze("# Otsikko\n\nLyhyt lause.\n\n## Osa {#osa}\n\nToinen lyhyt lause tässä.\n",
                  "fi")
    part = doc.sentences_between(doc.text.index("## Osa"), len(doc.text))
    # The heading "Osa" is in the part but is not a sentence: only the 4-word sentence counts.
    assert measure(doc, part)["words_per_sentence"] == pytest.approx(4)
    assert measure(doc)["words_per_sentence"] == pytest.approx((2 + 4) / 2)


def test_only_what_is_read_as_sentences_counts():
    # A heading, list items that are labels, a list item written as a sentence, an address
    # block with hard line breaks and a paragraph: only the last two are sentences.
    text = ("# Send us the missing documents\n\n"
            "- your marriage certificate\n"
            "- all pages of your spouse's passport\n"
            "- Log in at enterfinland.fi.\n\n"
            "Finnish Immigration Service\\\nPO Box 10\\\n00086 Maahanmuuttovirasto\\\nFINLAND\n\n"
            "We need these documents to decide on your application.\n")
    doc = analyze(text, "en")
    kept = [s.text for s in counted(doc)]
    assert kept == ["Log in at enterfinland.fi.",
                    "We need these documents to decide on your application."]
    m = measure(doc)
    assert m["words_per_sentence"] == pytest.approx((4 + 9) / 2)
    assert m["longest_sentence"] == 9
    # Before, the heading, labels and address lines made the average look much shorter.
    assert len(doc.sentences) > len(kept) + 4
    assert sum(len(s.words) for s in doc.sentences) / len(doc.sentences) <= 4


def test_docs_explain_every_measure():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "readability.en.md").read_text("utf-8")
    for name in MEASURES:
        assert f"`{name}`" in docs, name
