"""The Swedish pack: inflected and particle forms are found by lemma or written form, plain
uses of the same words are not, and the pack is at least as large as the Finnish one."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterkit.lint import lint_text, load_rules
from letterkit.lint.rules import rule_files

REPO = Path(__file__).resolve().parents[2]
RULES = load_rules(REPO / "linting")


def codes(text: str) -> set[str]:
    return {f.code for f in lint_text(text, "sv", RULES)} - {"SPL001", "REA001", "STY001"}


@pytest.mark.parametrize(("text", "code"), [
    ("Handlingarna tillhandahölls av kommunen.", "WRD002"),       # past tense of tillhandahålla
    ("Du anmodas att skicka intyget.", "WRD002"),                 # s-form of anmoda
    ("Vi erhöll din ansökan i går.", "WRD002"),
    ("Det åligger dig att visa passet.", "WRD002"),
    ("Vi har tagit del av din ansökan.", "WRD014"),               # ta del av, supine
    ("Hon tog del av handlingarna.", "WRD014"),
    ("Vi mottog din ansökan den 3 november.", "WRD013"),          # motta -> ta emot
    ("Ifyll blanketten och skicka den.", "WRD013"),               # ifylla -> fylla i
    ("Du ska medtaga ditt pass.", "STY007"),                      # -taga
    ("Medtag ditt pass.", "STY007"),
    ("Beslutet torde bli klart i januari.", "STY006"),
    ("Du äger rätt att överklaga.", "STY006"),
    ("Beträffande intervjun ber vi dig ringa oss.", "WRD017"),
    ("Vi beslutar i enlighet med lagen.", "WRD017"),
    ("Därest du inte kan komma, ring oss.", "WRD018"),
    ("Vi skickar härmed beslutet.", "WRD010"),
    ("Skicka en kopia av densamma.", "WRD011"),
    ("Samtliga handlingar ska vara på svenska.", "WRD012"),
    ("Om handlingen ej är på svenska behöver vi en översättning.", "WRD016"),
    ("Ansökan ska lämnas in senast den 21 december.", "STY009"),
    ("Ansökan beräknas avgöras i mars.", "STY008"),
    ("Det är inte ovanligt att det tar sex månader.", "STY004"),
    ("Vi har fått Din ansökan.", "ADR003"),
    ("Tillståndet gäller fr.o.m. den 1 januari.", "ABR003"),
])
def test_officialese_is_found_in_its_inflected_form(text, code):
    assert code in codes(text)


@pytest.mark.parametrize("text", [
    "Det rör sig om två handlingar.",            # "rörande" is not the verb "röra"
    "Är det jämlikt att kvinnor tjänar mindre?",  # the adjective, not the old preposition
    "Berätta om du vill ha en tolk eller ej.",    # "eller ej" is accepted
    "Maka bosatt i samma hushåll (icke vårdnadshavare).",
    "Skicka en ifylld blankett till oss.",       # participle used as an adjective
    "Vi hoppas att du ska må bra.",              # the verb "må", not the modal
    "Platsen och tolken är desamma som i kallelsen.",
    "Vi kontaktar dig med detsamma.",
    "Din arbetsgivare har gjort ett övertagande av företaget.",
    "Det ska finnas en tolk på plats.",          # a deponent after a modal
    "Om du behöver en tolk, bokar vi en.",
    "Du kan läsa handlingarna i ärendet.",
])
def test_plain_uses_of_the_same_words_are_not_flagged(text):
    assert codes(text) <= {"STY002"}, codes(text)


def test_the_swedish_pack_has_at_least_as_many_rules_as_the_finnish():
    files = rule_files(REPO / "linting")
    count = {lang: sum(1 for lg, _ in files if lg == lang) for lang in ("fi", "sv")}
    assert count["sv"] >= count["fi"], count


def test_unverified_svarta_listan_entries_are_still_flagged_and_named_in_the_data():
    spec = next(r.spec for r in RULES.rules if r.spec.lang == "sv" and r.code == "WRD002")
    unverified = spec.options["unverified"]
    assert "översända" in unverified and "erhålla" not in unverified
    assert "WRD002" in codes("Vi översänder beslutet till dig.")


def test_an_unverified_entry_that_the_rule_does_not_list_is_a_clear_error(tmp_path):
    from letterkit.errors import LetterkitError, ProblemsError

    folder = tmp_path / "linting" / "sv"
    folder.mkdir(parents=True)
    (folder / "plain-words.yaml").write_text(
        "code: WRD002\nname: plain-words\nkind: substitution\nseverity: warning\n"
        "swap:\n  erhålla: få\nunverified: [översända]\n"
        "message: '{found} -> {suggestion}'\ndescription: Test.\nlink: https://example.org\n"
        "examples:\n  fail: ['Du erhåller beslutet.']\n  pass: ['Du får beslutet.']\n",
        encoding="utf-8")
    with pytest.raises((LetterkitError, ProblemsError)) as raised:
        load_rules(tmp_path / "linting")
    message = str(raised.value)
    assert "plain-words.yaml" in message and "'översända'" in message and "swap" in message
