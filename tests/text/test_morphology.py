"""Word analysis: Voikko for Finnish, simplemma + hunspell for Swedish and English."""

import threading

from letterkit.text import analyze, lexicon
from letterkit.text.spelling import check_spelling, dictionary_name, is_known, suggest


def words(text, lang):
    return {w.text: w for w in analyze(text, lang).words}


def test_finnish_lemmas_classes_and_features():
    w = words("Hakemuksesi käsitellään. Lähetä oleskelulupahakemus ja maksettava summa. "
              "Hakemisen jälkeen toimitettu asiakirja tarvitsette te.", "fi")
    assert w["Hakemuksesi"].lemma == "hakemus"
    assert w["Hakemuksesi"].possessive == "2s"
    assert w["Hakemuksesi"].pos == "noun"
    assert w["käsitellään"].is_passive and w["käsitellään"].lemma == "käsitellä"
    assert w["Lähetä"].lemma == "lähettää" and not w["Lähetä"].is_passive
    assert w["Lähetä"].person == "2" and w["Lähetä"].number == "sg"
    assert w["oleskelulupahakemus"].compound_parts == ("oleskelu", "lupa", "hakemus")
    assert w["oleskelulupahakemus"].syllables == 9
    # present passive participles are often adjectives: reported, not counted as passive
    assert w["maksettava"].participle == "present_passive" and not w["maksettava"].is_passive
    assert w["toimitettu"].participle == "past_passive"
    assert w["Hakemisen"].is_minen and w["Hakemisen"].lemma == "hakea"
    assert w["tarvitsette"].person == "2" and w["tarvitsette"].number == "pl"
    assert "hakemus" in w["Hakemuksesi"].lemmas


def test_finnish_negative_passive_needs_ei():
    doc = analyze("Virhettä ei korjata. Haluan korjata sen. Sitä ei ole korjattu.", "fi")
    assert [w.text for w in doc.words if w.is_passive] == ["korjata", "korjattu"]
    assert doc.words[2].is_passive and not doc.words[4].is_passive


def test_swedish_names_ending_in_s_are_not_passive():
    w = words("Tuomas skickas hem. Det saknas ett papper.", "sv")
    assert w["skickas"].is_passive
    assert not w["Tuomas"].is_passive and not w["saknas"].is_passive


def test_finnish_syllables_are_of_the_base_form():
    w = words("Matkustettiin kauas.", "fi")
    # Korpela's example: the inflected form is long, the base form "matkustaa" is not
    assert w["Matkustettiin"].syllables == 3


def test_finnish_compound_parts_from_voikko_structure():
    w = words("Maahanmuuttovirastoon ja kansalaisuushakemuksen.", "fi")
    assert w["Maahanmuuttovirastoon"].compound_parts == ("maahan", "muutto", "virasto")
    assert w["Maahanmuuttovirastoon"].lemma == "maahanmuuttovirasto"
    assert w["kansalaisuushakemuksen"].compound_parts == ("kansalaisuus", "hakemus")
    assert w["kansalaisuushakemuksen"].lemma == "kansalaisuushakemus"
    assert w["ja"].compound_parts == ()  # not a compound


def test_finnish_abbreviations_and_proper_nouns():
    w = words("Soita klo 9.00 Helsinki-keskukseen tai EU:n numeroon. Tapasin Matin.", "fi")
    assert w["klo"].is_abbreviation and w["klo"].pos == "abbr"
    assert w["EU:n"].lemma == "EU"
    assert w["Matin"].lemma == "Matti" and w["Matin"].pos == "propn"


def test_finnish_spelling():
    w = words("Hakemuss on kesken.", "fi")
    assert w["Hakemuss"].is_known is False
    assert w["kesken"].is_known is True
    assert "hakemus" in [s.lower() for s in suggest("hakemuss", "fi")]
    bad = check_spelling(analyze("Tietjoa puuttuu 7.12.2026.", "fi").words, "fi")
    assert [m.word.text for m in bad] == ["Tietjoa"]
    assert dictionary_name("fi") == "voikko-fi"


def test_swedish_and_english_lemmas():
    sv = words("Ansökningar behöver handläggas. Du skickades hem.", "sv")
    assert sv["Ansökningar"].lemma == "ansökning"
    assert sv["behöver"].lemma == "behöva"
    assert sv["handläggas"].is_passive
    assert sv["Du"].person == "2" and sv["Du"].number == "sg"
    en = words("The children were processed. We sent it.", "en")
    assert en["children"].lemma == "child"
    assert en["processed"].is_passive
    assert not en["sent"].is_passive
    assert en["We"].person == "1"


def test_english_passive_needs_a_form_of_be():
    doc = analyze("Your application was not approved. We approved it. It is being sent.", "en")
    flagged = [w.text for w in doc.words if w.is_passive]
    assert flagged == ["approved", "sent"]


def test_swedish_deponents_are_not_passive():
    w = words("Det finns en blankett. Vi hoppas att du lyckas.", "sv")
    assert not w["finns"].is_passive and not w["hoppas"].is_passive


def test_english_syllables_from_cmudict_and_heuristic():
    w = words("Application approved. Travel to Brexitland quickly.", "en")
    assert w["Application"].syllables == 4
    assert w["approved"].syllables == 2
    assert w["Travel"].syllables == 2
    assert w["Brexitland"].syllables == 3  # not in CMUdict: spelling heuristic


def test_swedish_and_english_spelling():
    assert is_known("ansökan", "sv") and not is_known("ansöken", "sv")
    assert is_known("Uppehållstillstånd", "sv")
    assert is_known("colour", "en") and not is_known("infomation", "en")
    assert "information" in suggest("infomation", "en")
    assert dictionary_name("sv") in {"sv_FI", "sv_SE"}
    assert dictionary_name("en") == "en_GB"


def test_analyses_are_cached_per_form():
    a = analyze("Hakemus on kesken.", "fi").words[0]
    b = analyze("Uusi hakemus. Hakemus.", "fi").words[2]
    assert a.info is b.info


def test_threads_get_the_same_results():
    text = "Hakemuksesi käsitellään pian. Lähetä oleskelulupahakemus. " * 20
    expected = [(w.lemma, w.is_passive, w.compound_parts) for w in analyze(text, "fi").words]
    lexicon._caches.clear()
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append([(w.lemma, w.is_passive, w.compound_parts)
                                for w in analyze(text, "fi").words])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == expected for r in results) and len(results) == 30
