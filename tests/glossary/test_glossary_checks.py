"""TRM001-TRM004 in Finnish, Swedish and English, and the explanation convention."""

from __future__ import annotations

import pytest
from termcheck import TERM_RULES, check_parity, check_text

from letterkit.glossary import find_terms
from letterkit.model.finding import Severity
from letterkit.text import analyze
from letterkit.text.explanation import is_explained


def codes(text, lang, glossary, concept=None):
    return [(i.code, i.found) for i in check_text(text, lang, glossary)
            if concept is None or i.concept == concept]


# -- TRM001 deprecated term ----------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "found", "suggestion"), [
    ("fi", "Vastaa lisäselvityspyyntöön pian.", "lisäselvityspyyntöön", "täydennyspyyntö"),
    ("fi", "Sponsorisi ei voi hakea lupaa puolestasi.", "Sponsorisi", "perheenkokoaja"),
    ("sv", "Besök närmaste tjänsteställe.", "tjänsteställe", "serviceställe"),
    ("sv", "Du kallas till en asylintervju.", "asylintervju", "asylsamtal"),
    ("en", "Pay the application fee first.", "application fee", "processing fee"),
    ("en", "You will receive a supplement request.", "supplement request",
     "request for additional information"),
])
def test_trm001_deprecated_term(glossary, lang, text, found, suggestion):
    issues = [i for i in check_text(text, lang, glossary) if i.code == "TRM001"]
    assert [(i.found, i.suggestion) for i in issues] == [(found, suggestion)]
    issue = issues[0]
    assert issue.severity is Severity.ERROR and issue.name == "deprecated-term"
    assert issue.found == found
    assert suggestion in issue.message and issue.suggestion == suggestion


# -- TRM002 mixed terms ----------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "found"), [
    ("fi", "Sinulla pitää olla turvattu toimeentulo. Toimeentuloedellytys täyttyy palkasta.",
     "turvattu toimeentulo"),
    ("sv", "Svara på begäran om komplettering. Svara också på begäran om tilläggsuppgifter.",
     "begäran om tilläggsuppgifter"),
    ("en", "Reply within the time limit. If you miss the deadline, we decide anyway.",
     "time limit"),
])
def test_trm002_two_terms_of_one_concept(glossary, lang, text, found):
    issues = [i for i in check_text(text, lang, glossary) if i.code == "TRM002"]
    assert [i.found for i in issues] == [found]
    assert issues[0].severity is Severity.WARNING


@pytest.mark.parametrize(("lang", "text"), [
    ("fi", "Toimeentuloedellytys eli riittävät tulot koskee sinua. Toimeentuloedellytys on "
           "tiukka."),
    ("sv", "Svara på begäran om komplettering. Begäran om komplettering kom i dag."),
    ("en", "The deadline is 7 December. Do not miss the deadline."),
])
def test_trm002_one_term_used_twice_is_fine(glossary, lang, text):
    assert not [i for i in check_text(text, lang, glossary) if i.code == "TRM002"]


# -- TRM003 parity ----------------------------------------------------------------------------

def test_trm003_concept_missing_from_one_language(glossary):
    texts = {
        "fi": "Saat päätöksen Enter Finlandiin.",
        "sv": "Du får beslutet i Enter Finland.",
        "en": "You will receive the decision.",
    }
    assert check_parity(texts, glossary) == [("en", "enter-finland", 0)]


@pytest.mark.parametrize("missing", ["fi", "sv", "en"])
def test_trm003_in_each_language(glossary, missing):
    texts = {
        "fi": "Käy palvelupisteessä.",
        "sv": "Besök ett serviceställe.",
        "en": "Visit a service point.",
    }
    texts[missing] = {"fi": "Käy toimistolla.", "sv": "Besök kontoret.",
                      "en": "Visit the office."}[missing]
    assert [(lang, concept) for lang, concept, _ in check_parity(texts, glossary)] == [
        (missing, "service-point")]


def test_trm003_deprecated_term_still_counts_as_the_concept(glossary):
    texts = {"fi": "Käy toimipisteessä.", "sv": "Besök ett serviceställe.",
             "en": "Visit a service point."}
    assert check_parity(texts, glossary) == []


# -- TRM004 explanation -----------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fi", "Vastaa täydennyspyyntöön viimeistään 7.12.2026."),
    ("fi", "Sinut kutsutaan turvapaikkapuhutteluun."),
    ("sv", "Anknytningspersonen fyller i blanketten."),
    ("sv", "Du kallas till hörande."),
    ("fi", "Avustajasi on Aino Virtanen."),
    ("sv", "Ditt biträde är Aino Virtanen."),
    ("fi", "Avustaja on mukana puhuttelussa."),
    ("en", "Biometric identifiers are stored on the card."),
    ("en", "The sponsor fills in the form."),
    ("en", "You are invited to a hearing. At the hearing, you can explain your situation."),
    ("fi", "Kutsumme sinut turvapaikkapuhutteluun. Turvapaikkapuhuttelu kestää tunnin."),
])
def test_trm004_unexplained(glossary, lang, text):
    issues = [i for i in check_text(text, lang, glossary) if i.code == "TRM004"]
    assert len(issues) == 1
    assert issues[0].suggestion  # the glossary's plain explanation


@pytest.mark.parametrize(("lang", "text"), [
    # a marker after the term in the same sentence
    ("fi", "Saat täydennyspyynnön eli kirjeen, jossa pyydämme lisää tietoja."),
    ("fi", "Perheenkokoaja tarkoittaa Suomessa asuvaa perheenjäsentäsi."),
    ("sv", "Anknytningspersonen, det vill säga din familjemedlem i Finland, fyller i den."),
    ("sv", "Besvärsanvisningen betyder anvisningen om hur du överklagar."),
    ("en", "Your family member in Finland is called a sponsor."),
    ("en", "The sponsor, which means your family member in Finland, fills in the form."),
    # a parenthesis right after the term
    ("fi", "Perheenkokoaja (Suomessa asuva perheenjäsenesi) täyttää lomakkeen."),
    ("sv", "Anknytningspersonen (din familjemedlem i Finland) fyller i blanketten."),
    ("en", "The sponsor (your family member in Finland) fills in the form."),
    # the next sentence explains
    ("fi", "Vastaa täydennyspyyntöön. Se tarkoittaa kirjettä, jossa pyydämme tietoja."),
    ("sv", "Du kallas till hörande. Det betyder att du får berätta din syn."),
    ("en", "Contact the sponsor. This means your family member who lives in Finland."),
    # the next sentence starts with the term's head word
    ("fi", "Kutsumme sinut turvapaikkapuhutteluun. Puhuttelussa kerrot, miksi haet turvapaikkaa."),
    ("sv", "Biometriska kännetecken sparas i kortet. Kännetecknen är bild och fingeravtryck."),
    ("en", "We store biometric identifiers. The identifiers are your photo and fingerprints."),
    # a definition with a copula, in the same or the next sentence
    ("fi", "Voit käyttää avustajaa. Avustaja on juristi, joka auttaa sinua."),
    ("sv", "Du kan anlita ett biträde. Biträdet är en jurist som hjälper dig."),
    ("en", "Contact your sponsor. The sponsor is your family member in Finland."),
    ("fi", "Perheenkokoaja on perheenjäsenesi, joka asuu Suomessa."),
])
def test_trm004_explained(glossary, lang, text):
    assert not [i for i in check_text(text, lang, glossary) if i.code == "TRM004"], text


def test_trm004_is_reported_once_at_the_first_use(glossary):
    text = "Perheenkokoaja täyttää lomakkeen. Perheenkokoaja allekirjoittaa sen."
    [issue] = [i for i in check_text(text, "fi", glossary) if i.code == "TRM004"]
    assert (issue.line, issue.column) == (1, 1)


def test_one_explained_use_is_enough(glossary):
    text = ("Perheenkokoaja täyttää lomakkeen. Perheenkokoaja eli Suomessa asuva perheenjäsenesi "
            "allekirjoittaa sen.")
    assert not [i for i in check_text(text, "fi", glossary) if i.code == "TRM004"]


def test_is_explained_per_occurrence(glossary):
    doc = analyze("Perheenkokoaja täyttää lomakkeen. Lähetä se meille. Perheenkokoaja eli "
                  "perheenjäsenesi auttaa.", "fi")
    first, second = [h for h in find_terms(doc, "fi", glossary)
                     if h.concept_id == "sponsor"]
    assert not is_explained(doc, first.start, first.end, first.term)
    assert is_explained(doc, second.start, second.end, second.term)


# -- letters and findings ---------------------------------------------------------------------

def test_findings_have_positions_and_name_the_concept(glossary):
    text = "Hei.\nVastaa lisäselvityspyyntöön."
    [finding] = check_text(text, "fi", glossary)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 8, 2, 28)
    assert finding.code == "TRM001" and finding.lang == "fi"
    assert finding.suggestion == "täydennyspyyntö"
    assert finding.found == "lisäselvityspyyntöön"
    assert finding.concept == "supplement-request"
    assert finding.as_dict()["concept"] == "supplement-request"
    assert finding.url.startswith("https://")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_term_rules_speak_the_language_of_the_letter(lang):
    messages = {TERM_RULES.by_code(code, lang).spec.message
                for code in ("TRM001", "TRM002", "TRM003", "TRM004")}
    marker = {"fi": "Käytä", "sv": "Skriv", "en": "Use"}[lang]
    assert any(marker in m for m in messages)
    assert {r.spec.name for r in TERM_RULES.for_lang(lang)} == {
        "deprecated-term", "mixed-terms", "missing-in-language", "unexplained-term"}


def test_a_text_layer_document_is_used_as_it_is(glossary):
    doc = analyze("Vastaa lisäselvityspyyntöön.\n\nKäy palvelupisteessä.", "fi")
    assert {h.concept_id for h in find_terms(doc, "fi", glossary)} == {
        "supplement-request", "service-point"}
    assert [(i.code, i.found) for i in check_text(doc.text, "fi", glossary)] == [
        ("TRM001", "lisäselvityspyyntöön")]
