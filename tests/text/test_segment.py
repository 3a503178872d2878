"""Units, sentences and tokens with offsets in Finnish, Swedish and English."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letterkit.text import analyze


def sentence_texts(text, lang, markdown=True):
    return [s.text for s in analyze(text, lang, markdown=markdown).sentences]


def word_texts(text, lang, markdown=True):
    return [w.text for w in analyze(text, lang, markdown=markdown).words]


@pytest.mark.parametrize("lang, text, expected", [
    ("fi", "Lähetä asiakirjat, esim. tiliote. Kiitos.",
     ["Lähetä asiakirjat, esim. tiliote.", "Kiitos."]),
    ("fi", "Tarvitsemme mm. passin. Hakemus on n. 3 kk jonossa.",
     ["Tarvitsemme mm. passin.", "Hakemus on n. 3 kk jonossa."]),
    ("fi", "Lähetä ne viimeistään 7.12.2026. Soita klo 9.00 jälkeen.",
     ["Lähetä ne viimeistään 7.12.2026.", "Soita klo 9.00 jälkeen."]),
    ("fi", "Asianumero on OLE/2026/048213. Mainitse se aina.",
     ["Asianumero on OLE/2026/048213.", "Mainitse se aina."]),
    ("fi", "Kirjoita osoitteeseen kirjaamo@migri.fi. Katso myös https://migri.fi/ohjeet. Kiitos!",
     ["Kirjoita osoitteeseen kirjaamo@migri.fi.", "Katso myös https://migri.fi/ohjeet.",
      "Kiitos!"]),
    ("fi", "Päätös tehdään 7.12. mennessä. Vastaa jne. Sitten odota.",
     ["Päätös tehdään 7.12. mennessä.", "Vastaa jne.", "Sitten odota."]),
    ("sv", "Skicka t.ex. en kopia av passet. Vi behöver bl.a. ditt intyg.",
     ["Skicka t.ex. en kopia av passet.", "Vi behöver bl.a. ditt intyg."]),
    ("sv", "Intervjun är 7.12.2026 kl. 9.00. Ta med passet.",
     ["Intervjun är 7.12.2026 kl. 9.00.", "Ta med passet."]),
    ("en", "Bring a document, e.g. a passport. Other papers, i.e. copies, are fine.",
     ["Bring a document, e.g. a passport.", "Other papers, i.e. copies, are fine."]),
    ("en", "Write to Dr. Smith at info@migri.fi. Visit www.migri.fi today. Done?",
     ["Write to Dr. Smith at info@migri.fi.", "Visit www.migri.fi today.", "Done?"]),
    ("en", "Case no. 12 is open. Say no. We will wait.",
     ["Case no. 12 is open.", "Say no.", "We will wait."]),
    ("en", "He said: \"Send it.\" Then he left.", ["He said: \"Send it.\"", "Then he left."]),
])
def test_sentence_boundaries(lang, text, expected):
    assert sentence_texts(text, lang) == expected


def test_tokens_keep_dates_times_codes_urls_and_emails_whole():
    words = analyze("Soita klo 9.00 tai kirjoita info@migri.fi: OLE/2026/048213, 7.12.2026, "
                    "https://enterfinland.fi/eServices ja 1 234,50 euroa.", "fi").words
    kinds = {w.text: w.kind for w in words}
    assert kinds["9.00"] == "number"
    assert kinds["info@migri.fi"] == "email"
    assert kinds["OLE/2026/048213"] == "code"
    assert kinds["7.12.2026"] == "number"
    assert kinds["https://enterfinland.fi/eServices"] == "url"
    assert kinds["1 234,50"] == "number"


def test_abbreviation_keeps_its_full_stop_and_is_flagged():
    words = analyze("Tuo esim. passi.", "fi").words
    assert [w.text for w in words] == ["Tuo", "esim.", "passi"]
    assert words[1].is_abbreviation


def test_offsets_point_into_the_original_markdown():
    text = "# Otsikko {#head}\n\n- **Tärkeä** [linkki](https://migri.fi/a) tässä\n"
    doc = analyze(text, "fi")
    for w in doc.words:
        assert text[w.start:w.end] == w.text
    assert [w.text for w in doc.words] == ["Otsikko", "Tärkeä", "linkki", "tässä"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_markdown_markup_is_not_counted(lang):
    text = ("# Heading {#top}\n\n## Part two {#two}\n\n1. first item\n2. second **item**\n\n"
            "Text with a [link](https://example.com/long/path \"title\") and `code`.\\\n"
            "Next line  \nLast line\n\n<!-- a comment. With words. -->\n\n---\n\n> quoted text\n")
    words = word_texts(text, lang)
    assert words == ["Heading", "Part", "two", "first", "item", "second", "item", "Text",
                     "with", "a", "link", "and", "code", "Next", "line", "Last", "line",
                     "quoted", "text"]


def test_markdown_units():
    text = ("Sender Oy\\\nKatu 1\n\n# Lähetä asiakirjat {#main}\n\nKappale yksi. Toinen lause.\n"
            "Jatkuu.\n\n## Mitä tarvitaan {#what}\n\n- passi\n- kuva\n  jatkoa\n")
    doc = analyze(text, "fi")
    kinds = [(u.kind, u.level, text[u.start:u.end]) for u in doc.units]
    assert kinds == [
        ("line", 0, "Sender Oy\\"),
        ("line", 0, "Katu 1"),
        ("heading", 1, "# Lähetä asiakirjat {#main}"),
        ("paragraph", 0, "Kappale yksi. Toinen lause.\nJatkuu."),
        ("heading", 2, "## Mitä tarvitaan {#what}"),
        ("list_item", 0, "- passi"),
        ("list_item", 0, "- kuva\n  jatkoa"),
    ]
    # headings and list items without a full stop are sentences of their own
    assert [s.text for s in doc.sentences][2:] == [
        "Lähetä asiakirjat", "Kappale yksi.", "Toinen lause.", "Jatkuu.", "Mitä tarvitaan",
        "passi", "kuva\n  jatkoa"]
    assert [s.unit for s in doc.sentences][-2:] == [5, 6]


def test_plain_text_lines_without_punctuation_are_units():
    text = ("Classroom supplies\nBring the following:\n• A tablet\n• A pen\nThe paperwork you\n"
            "sent us when you applied.\n\nNew paragraph here.")
    doc = analyze(text, "en", markdown=False)
    assert [s.text for s in doc.sentences] == [
        "Classroom supplies", "Bring the following:", "A tablet", "A pen",
        "The paperwork you\nsent us when you applied.", "New paragraph here."]
    assert [u.kind for u in doc.units] == ["line", "paragraph", "list_item", "list_item",
                                           "paragraph", "paragraph"]


def test_setext_heading_and_table_rows():
    text = "Otsikko\n=======\n\n| Asiakirja | Määrä |\n|---|---|\n| passi | 1 |\n"
    doc = analyze(text, "fi")
    assert [(u.kind, u.level) for u in doc.units] == [("heading", 1), ("line", 0), ("line", 0)]
    assert [w.text for w in doc.words] == ["Otsikko", "Asiakirja", "Määrä", "passi", "1"]


def test_empty_and_markup_only_input():
    assert analyze("", "fi").sentences == []
    assert analyze("---\n\n<!-- x -->\n", "sv").words == []


def test_unsupported_language():
    with pytest.raises(ValueError):
        analyze("Hei", "de")


def test_one_very_long_sentence():
    doc = analyze(" ".join(["sana"] * 5000) + ".", "fi")
    assert len(doc.sentences) == 1 and len(doc.words) == 5000


def test_sentences_between():
    text = "# A {#a}\n\nYksi lause.\n\n## B {#b}\n\nToinen lause. Kolmas.\n"
    doc = analyze(text, "fi")
    start = text.index("## B")
    assert [s.text for s in doc.sentences_between(start, len(text))] == [
        "B", "Toinen lause.", "Kolmas."]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aäö Ab1.!?#-*_[]()<>{}|\\`:/@\n\t ") + ["\u00a0",
                                                                                    "é", "ж"])),
       st.sampled_from(["fi", "sv", "en"]), st.booleans())
def test_any_text_gives_consistent_offsets(text, lang, markdown):
    doc = analyze(text, lang, markdown=markdown)
    for s in doc.sentences:
        assert s.text == text[s.start:s.end]
        assert s.words and s.start <= s.words[0].start and s.words[-1].end <= s.end
        for w in s.words:
            assert text[w.start:w.end] == w.text
    for u in doc.units:
        assert 0 <= u.start < u.end <= len(text)
