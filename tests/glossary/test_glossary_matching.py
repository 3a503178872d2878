"""Matching terms in inflected forms, inside compounds and as multi-word phrases (real Voikko)."""

from __future__ import annotations

import pytest

from letterkit.glossary import find_terms, load_glossary
from letterkit.text import analyze
from letterkit.text.finnish import available


def found(text, lang, glossary):
    return {(h.concept_id, text[h.start:h.end]) for h in find_terms(text, lang, glossary)}


def concepts(text, lang, glossary):
    return {h.concept_id for h in find_terms(text, lang, glossary)}


def test_voikko_is_used_for_finnish():
    assert available()


def test_compound_parts_from_voikko():
    [word] = analyze("oleskelulupahakemuksesi", "fi").words
    assert word.compound_parts == ("oleskelu", "lupa", "hakemus")
    [word] = analyze("hallinto-oikeuteen", "fi").words
    assert word.compound_parts == ("hallinto", "oikeus")
    [word] = analyze("talo", "fi").words
    assert word.compound_parts == ()


class TestFinnish:
    def test_compound_contains_both_concepts(self, glossary):
        text = "Oleskelulupahakemuksesi on käsittelyssä."
        assert found(text, "fi", glossary) == {
            ("residence-permit", "Oleskelulupahakemuksesi"),
            ("application", "Oleskelulupahakemuksesi"),
        }

    @pytest.mark.parametrize("word", ["oleskelulupa", "oleskeluluvan", "oleskelulupaa",
                                      "oleskeluluvasta", "oleskelulupasi", "oleskeluluvallesi"])
    def test_inflected_forms(self, glossary, word):
        assert "residence-permit" in concepts(f"Tämä koskee sanaa {word}.", "fi", glossary)

    def test_the_card_is_not_the_permit(self, glossary):
        assert concepts("Saat oleskelulupakorttisi postitse.", "fi", glossary) == {
            "residence-permit-card"}

    def test_multi_word_term_in_any_inflection(self, glossary):
        assert "official-translation" in concepts(
            "Lähetä asiakirjan viralliset käännökset.", "fi", glossary)
        assert "permanent-residence-permit" in concepts(
            "Haet pysyvää oleskelulupaa.", "fi", glossary)
        # the inner "oleskelulupa" belongs to the longer match
        assert "residence-permit" not in concepts("Haet pysyvää oleskelulupaa.", "fi", glossary)

    def test_minen_noun_matches_its_verb(self, glossary):
        assert "legalisation" in concepts("Laillista asiakirja.", "fi", glossary)
        assert "legalisation" in concepts("Asiakirjan laillistaminen kestää.", "fi", glossary)

    def test_names_voikko_does_not_know(self, glossary):
        assert "enter-finland" in concepts("Vastaa Enter Finlandissa.", "fi", glossary)
        assert "enter-finland" in concepts("Vastaa Enter Finland -palvelussa.", "fi", glossary)

    def test_unknown_compound(self, glossary):
        hits = find_terms("Päätämme maastapoistamisesta.", "fi", glossary)
        assert [(h.concept_id, h.status) for h in hits] == [
            ("removal-from-country", "deprecated")]

    def test_offsets_point_at_the_word(self, glossary):
        text = "Saat täydennyspyynnön pian."
        [hit] = find_terms(text, "fi", glossary)
        assert (hit.start, hit.end, hit.found) == (5, 21, "täydennyspyynnön")

    def test_unrelated_words_are_not_matched(self, glossary):
        assert concepts("Sää on tänään kaunis ja aurinkoinen.", "fi", glossary) == set()


class TestSwedish:
    @pytest.mark.parametrize("word", ["uppehållstillstånd", "uppehållstillståndet",
                                      "uppehållstillstånden"])
    def test_inflected_forms(self, glossary, word):
        assert "residence-permit" in concepts(f"Det gäller {word}.", "sv", glossary)

    def test_compound_split_against_the_glossary(self, glossary):
        assert concepts("Din uppehållstillståndsansökan behandlas.", "sv", glossary) == {
            "residence-permit", "application"}

    def test_the_card_is_not_the_permit(self, glossary):
        assert concepts("Du får uppehållstillståndskortet per post.", "sv", glossary) == {
            "residence-permit-card"}

    def test_multi_word_head_inflects(self, glossary):
        assert "supplement-request" in concepts(
            "Svara på begäran om kompletteringen.", "sv", glossary)
        assert "supplement-request" in concepts(
            "Du får två begäranden om komplettering.", "sv", glossary)

    def test_definite_forms(self, glossary):
        assert "asylum-interview" in concepts("Asylsamtalet tar tre timmar.", "sv", glossary)
        assert "sponsor" in concepts("Anknytningspersonen fyller i blanketten.", "sv", glossary)


class TestEnglish:
    def test_plural_and_multi_word(self, glossary):
        text = "Both requests for additional information reached you."
        assert found(text, "en", glossary) == {
            ("supplement-request", "requests for additional information")}

    def test_longest_match_wins(self, glossary):
        assert concepts("Your residence permit card is ready.", "en", glossary) == {
            "residence-permit-card"}
        assert concepts("You hold a permanent residence permit.", "en", glossary) == {
            "permanent-residence-permit"}

    def test_apostrophes(self, glossary):
        assert "aliens-passport" in concepts("Apply for an alien’s passport.", "en", glossary)
        assert "aliens-passport" in concepts("Apply for an alien's passport.", "en", glossary)


def test_sentences_and_words_have_offsets():
    doc = analyze("Hei. Tämä on testi!\n\n- Kohta yksi", "fi")
    assert [doc.text[s.start:s.end].strip("- ") for s in doc.sentences] == [
        "Hei.", "Tämä on testi!", "Kohta yksi"]
    for word in doc.words:
        assert doc.text[word.start:word.end] == word.text


class TestWordsThatAreNotTheConcept:
    """A letter's closing "we look forward to hearing from you" is not about a hearing."""

    def test_a_not_in_phrase_cancels_the_concept_inside_it(self, glossary):
        assert "hearing" not in concepts("We look forward to hearing from you.", "en", glossary)
        assert "hearing" not in concepts("Thank you. We hope hearing about it helps.", "en",
                                         glossary)
        assert "hearing" in concepts("You are invited to a hearing.", "en", glossary)
        # only inside the phrase: the same sentence's real hearing is still found
        assert found("Before the hearing, we look forward to hearing from you.", "en",
                     glossary) == {("hearing", "hearing")}

    def test_a_swedish_participle_noun_does_not_match_its_verb(self, glossary):
        assert "hearing" not in concepts("Vi ser fram emot att höra av dig.", "sv", glossary)
        assert "hearing" not in concepts("Vi vill höra din åsikt.", "sv", glossary)
        assert "hearing" in concepts("Du kallas till hörande.", "sv", glossary)
        assert "hearing" in concepts("Vid hörandet får du berätta.", "sv", glossary)

    def test_not_in_is_read_and_checked(self, glossary_copy):
        from letterkit.errors import LetterkitError

        path = glossary_copy / "hearing.yaml"
        text = path.read_text(encoding="utf-8")
        assert "not_in: [hearing from, hearing about]" in text
        path.write_text(text.replace("not_in: [hearing from, hearing about]", "not_in: 5"),
                        encoding="utf-8")
        with pytest.raises(LetterkitError) as error:
            load_glossary(glossary_copy)
        assert "hearing.yaml" in str(error.value) and "not_in" in str(error.value)
