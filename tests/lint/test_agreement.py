"""Agreement (GRM002) from the term base's gender and number, the glossary fields it reads,
and the address form per audience (ADR001 reads ``audiences.<a>.address``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letterkit.glossary import GlossaryError, load_glossary
from letterkit.lint import load_rules
from letterkit.lint.context import LintContext
from letterkit.project import find_project

REPO = Path(__file__).resolve().parents[2]
PROJECT = find_project(REPO)
RULES = load_rules(REPO / "linting")


def found(code: str, lang: str, text: str, settings: dict | None = None) -> list[tuple[str, str]]:
    rule = RULES.by_code(code, lang)
    ctx = LintContext(text=text, lang=lang, terms=PROJECT.glossary, settings=settings or {})
    return [(h.found, h.suggestion) for h in rule.check(ctx)]


def test_glossary_knows_gender_and_number():
    glossary = PROJECT.glossary
    assert glossary.get("asylum-interview").entry("sv").gender == "ett"
    assert glossary.get("application").entry("sv").gender == "en"
    assert glossary.get("biometrics").entry("sv").number == "plural"
    assert glossary.get("family-ties").entry("en").number == "plural"
    assert glossary.get("decision").to_data()["sv"]["gender"] == "ett"


@pytest.mark.parametrize(("text", "expected"), [
    ("Asylsamtalet hålls på Migrationsverket. Den tar ungefär fyra timmar.", [("Den", "Det")]),
    ("Ditt pass är klart. Den ska hämtas på servicestället.", [("Den", "Det")]),
    ("Biometriska kännetecken tas på servicestället. Den sparas i kortet.", [("Den", "De")]),
    # Agrees, the expletive "det", a determiner, another paragraph, not the subject:
    ("Asylsamtalet hålls på Migrationsverket. Det tar ungefär fyra timmar.", []),
    ("Ansökan är klar. Den ska vara framme senast den 21 december.", []),
    ("Beslutet kan bli negativt. Det betyder att du inte får tillstånd.", []),
    ("Beslutet gäller i ett år. Den nya tiden är måndag.", []),
    ("Asylsamtalet hålls på Migrationsverket.\n\nDen tar ungefär fyra timmar.", []),
    ("I asylsamtalet finns en tolk. Den tar ungefär fyra timmar.", []),
])
def test_swedish_pronoun_agrees_with_the_subject(text, expected):
    assert found("GRM002", "sv", text) == expected


@pytest.mark.parametrize(("text", "flagged"), [
    ("Amina Esimerkki has an interview on 9 December. They must bring a passport.", True),
    ("Ms Esimerkki has an interview on 9 December. They must bring a passport.", True),
    ("Your residence permit card is ready. They can be collected.", True),
    # Singular they for a person of unknown gender, two people, plural in the text:
    ("Your family member must come to the interview. They must bring a passport.", False),
    ("Amina and Omar Esimerkki have an interview. They must bring their passports.", False),
    ("Your fingerprints are taken at the service point. They are stored in the chip.", False),
    ("Send us the documents. They must reach us by 21 December.", False),
])
def test_english_they_after_one_named_person(text, flagged):
    assert bool(found("GRM002", "en", text)) is flagged


def test_address_form_per_audience():
    text = "Skicka oss er ansökan. Ni kan också skicka den per post."
    assert found("ADR001", "sv", text) == []  # one form throughout: consistent
    applicant = {"name": "applicant", "address": "du", "where": None}
    hits = found("ADR001", "sv", text, {"audience": applicant})
    assert [h for h, _ in hits] == ["er", "Ni"] and {s for _, s in hits} == {"du"}
    mixed = "Skicka oss din ansökan. Ni kan också skicka den per post. Du får svar."
    assert [h for h, _ in found("ADR001", "sv", mixed)] == ["Ni"]


def test_config_sets_the_address_form_of_each_audience():
    from letterkit.lint.audiences import audience_settings

    for audience in ("applicant", "counsel", "sponsor", "representative"):
        assert audience_settings(PROJECT, audience, "fi")["address"] == "sinä"
        assert audience_settings(PROJECT, audience, "sv")["address"] == "du"
    assert audience_settings(PROJECT, "nobody-like-this", "sv") is None


def test_an_audience_may_override_rule_settings(tmp_path):
    from letterkit.lint.runner import kind_settings
    from letterkit.project import Project

    (tmp_path / "linting").mkdir()
    (tmp_path / "linting" / "config.yaml").write_text(
        "audiences:\n  counsel:\n    address: {fi: sinä}\n    rules: {STY001: {max: 30}}\n",
        encoding="utf-8")
    project = Project(tmp_path, {"packs": ["linting/"]})
    assert kind_settings(project, None, "counsel")["STY001"] == {"max": 30}
    assert "STY001" not in kind_settings(project, None, "applicant")


GOOD = (REPO / "glossary" / "decision.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    (("  gender: ett", "  gender: neutrum"), r"decision\.yaml:\d+:\d+: 'gender' must be en or ett"),
    (("en:\n  preferred: decision", "en:\n  preferred: decision\n  gender: en"),
     r"'gender' is for Swedish nouns \(en, ett\); en terms have none"),
    (("  gender: ett", "  gender: ett\n  number: many"), r"'number' must be singular or plural"),
])
def test_bad_gender_or_number_is_a_located_problem(tmp_path, change, message):
    assert change[0] in GOOD
    (tmp_path / "decision.yaml").write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(tmp_path)
    assert info.value.exit_code == 2
    assert any(re.search(message, str(p)) for p in info.value.problems), info.value.problems
