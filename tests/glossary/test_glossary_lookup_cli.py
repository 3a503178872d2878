"""Look-ups (show, phrasebook) and ``letterkit glossary check`` over rendered letters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from letterkit.glossary import lookup, phrasebook
from letterkit.glossary.lookup import sort_key

FIXTURES = Path(__file__).parent / "fixtures"
GLOSSARY = str(Path(__file__).resolve().parents[2] / "glossary")


@pytest.mark.parametrize(("query", "lang", "concept"), [
    ("oleskelulupakorttisi", None, "residence-permit-card"),
    ("perheenkokoajalle", None, "sponsor"),
    ("täydennyspyyntöön", "fi", "supplement-request"),
    ("uppehållstillståndskortet", None, "residence-permit-card"),
    ("anknytningspersonen", "sv", "sponsor"),
    ("begäranden om komplettering", None, "supplement-request"),
    ("residence permit cards", None, "residence-permit-card"),
    ("sponsors", "en", "sponsor"),
    ("lisäselvityspyynnöt", None, "supplement-request"),  # a deprecated form finds it too
    ("passport", None, "passport"),  # a concept id
])
def test_lookup_any_term_any_form(glossary, query, lang, concept):
    matches = lookup(query, glossary, lang)
    assert matches and matches[0].concept.id == concept
    assert matches[0].exact


def test_lookup_of_a_compound_lists_its_parts(glossary):
    ids = {m.concept.id for m in lookup("oleskelulupahakemus", glossary)}
    assert ids == {"residence-permit", "application"}


def test_lookup_nothing(glossary):
    assert lookup("banaani", glossary) == []
    assert lookup("   ", glossary) == []


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_phrasebook(glossary, lang):
    entries = phrasebook(lang, glossary)
    assert len(entries) == len(glossary)
    assert [sort_key(e.term, lang) for e in entries] == sorted(
        sort_key(e.term, lang) for e in entries)
    by_id = {e.concept_id: e for e in entries}
    assert by_id["sponsor"].term == glossary.term("sponsor", lang)
    assert by_id["sponsor"].requires_explanation
    assert by_id["sponsor"].explanation
    assert json.dumps([e.as_dict() for e in entries], ensure_ascii=False)


def test_phrasebook_order_puts_a_with_rings_and_dots_last():
    words = ["ämpäri", "öljy", "aalto", "zeta", "åbo"]
    assert sorted(words, key=lambda w: sort_key(w, "fi")) == [
        "aalto", "zeta", "åbo", "ämpäri", "öljy"]


def test_phrasebook_by_domain(glossary):
    entries = phrasebook("fi", glossary, domain="asylum")
    assert entries and all(e.domain == "asylum" for e in entries)


def test_term_api(glossary):
    assert glossary.term("residence-permit", "sv") == "uppehållstillstånd"


def test_cli_show(run_cli):
    result = run_cli("glossary", "show", "oleskelulupakorttisi", "--glossary", GLOSSARY)
    assert result.exit_code == 0, result.err
    assert result.lines[0].startswith("residence-permit-card [residence-permits]")
    assert any("sv: uppehållstillståndskort" in line for line in result.lines)
    result = run_cli("glossary", "show", "sponsors", "--lang", "en", "--json",
                     "--glossary", GLOSSARY)
    assert json.loads(result.out)[0]["id"] == "sponsor"
    assert run_cli("glossary", "show", "banaani", "--glossary", GLOSSARY).exit_code == 1


def test_cli_validate_and_phrasebook(run_cli):
    result = run_cli("glossary", "validate", "--glossary", GLOSSARY)
    assert result.exit_code == 0 and re.match(r"\d+ concepts OK", result.out)
    result = run_cli("glossary", "phrasebook", "sv", "--glossary", GLOSSARY)
    assert result.exit_code == 0
    assert any(line.startswith("anknytningsperson: ") for line in result.lines)


def test_cli_check_reports_each_rule_at_its_template_line(run_cli):
    result = run_cli("glossary", "check", str(FIXTURES / "letters"))
    assert result.exit_code == 1, result.err  # TRM001 is an error
    lines = [re.sub(r"^.*/term-letter/", "", line) for line in result.lines]
    # TRM003 sits on the main heading of the version that lacks the concept.
    assert lines[0].startswith("en.md.j2:3:1: TRM003 missing-in-language [warning] This "
                               "version never mentions “Enter Finland” (enter-finland)")
    assert any(line.startswith("en.md.j2:5:5: TRM004 unexplained-term [warning] Explain "
                               "“sponsor”") for line in lines)
    assert any(line.startswith("fi.md.j2:3:10: TRM001 deprecated-term [error] Vältä sanaa "
                               "”lisäselvityspyyntöön”") for line in lines)
    assert any(line.startswith("sv.md.j2:9:62: TRM002 mixed-terms [warning] ”begäran om "
                               "tilläggsuppgifter”") for line in lines)
    assert "1 at error level" in result.err


def test_cli_check_json(run_cli):
    result = run_cli("glossary", "check", str(FIXTURES / "letters"), "--format", "json")
    findings = json.loads(result.out)
    codes = {f["code"] for f in findings}
    assert codes == {"TRM001", "TRM002", "TRM003", "TRM004"}
    trm001 = next(f for f in findings if f["code"] == "TRM001")
    assert trm001["suggestion"] == "täydennyspyyntö" and trm001["samples"] == ["default"]
    assert trm001["lang"] == "fi" and trm001["end_column"] == trm001["column"] + 20


def test_cli_check_with_a_broken_glossary_exits_2(run_cli, tmp_path):
    (tmp_path / "x.yaml").write_text("id: [", encoding="utf-8")
    result = run_cli("glossary", "check", str(FIXTURES / "letters"), "--glossary", str(tmp_path))
    assert result.exit_code == 2
    assert re.match(r"^\S*x\.yaml:\d+:\d+: invalid YAML", result.err)
