"""The form of address per audience (linting/config.yaml `audiences`), read by ADR001: a
letter for an audience must use that audience's form, even when it keeps to the other one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FI_TE = """{% include "letterhead.md.j2" %}

# Lähettäkää asiakirjat viimeistään {{ deadline | date }}

Tarvitsemme teiltä {{ documents | join_list }}.

## Mitä tarvitsemme {#what-we-need}

{% for document in documents %}
- {{ document }}
{% endfor %}

## Yhteystiedot {#contact}

Kertokaa asian numero {{ case_number }}.
"""
FI_MIXED = FI_TE.replace("Tarvitsemme teiltä", "Tarvitsemme sinulta")
SV_NI = """{% include "letterhead.md.j2" %}

# Skicka handlingarna senast den {{ deadline | date }}

Vi behöver {{ documents | join_list }} från er.

## Vad vi behöver {#what-we-need}

{% for document in documents %}
- {{ document }}
{% endfor %}

## Kontakta oss {#contact}

Ni kan ringa oss. Uppge ärendenumret {{ case_number }}.
"""


def write_letter(letters: Path, *, audience: str, fi: str | None = None,
                 sv: str | None = None) -> Path:
    folder = letters / "demo-letter"
    meta = folder / "letter.yaml"
    meta.write_text(re.sub(r"^audience: .*$", f"audience: {audience}",
                           meta.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    if fi is not None:
        (folder / "fi.md.j2").write_text(fi, encoding="utf-8")
    if sv is not None:
        (folder / "sv.md.j2").write_text(sv, encoding="utf-8")
    return folder


def adr(run_cli, root: Path) -> list[dict]:
    result = run_cli("lint", "--select", "ADR", "--format", "json", cwd=root)
    assert result.exit_code in (0, 1), result.err
    return json.loads(result.out)


def test_the_shipped_config_names_the_form_for_every_audience_of_the_catalogue():
    import yaml

    repo = Path(__file__).resolve().parents[2]
    config = yaml.safe_load((repo / "linting" / "config.yaml").read_text(encoding="utf-8"))
    audiences = config["audiences"]
    used = {yaml.safe_load(p.read_text(encoding="utf-8"))["audience"]
            for p in (repo / "letters").glob("*/letter.yaml")}
    assert used <= set(audiences)
    assert audiences["counsel"]["address"] == {"fi": "sinä", "sv": "du", "en": "you"}


def test_a_letter_that_keeps_to_te_is_flagged_for_an_audience_addressed_with_sina(
        catalog_dir, run_cli):
    write_letter(catalog_dir, audience="counsel", fi=FI_TE)
    found = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "fi"]
    assert {f["found"] for f in found} >= {"Lähettäkää", "teiltä", "Kertokaa"}
    assert all(f["suggestion"] == "sinä" and f["severity"] == "error" for f in found)
    assert "lukijaa (counsel) puhutellaan sinä-muodossa" in found[0]["message"]
    assert found[0]["path"].endswith("demo-letter/fi.md.j2")


def test_without_a_configured_form_one_form_throughout_passes(catalog_dir, run_cli):
    write_letter(catalog_dir, audience="employer", fi=FI_TE)  # not in audiences
    assert [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "fi"] == []


def test_mixed_forms_are_flagged_towards_the_configured_form_not_the_majority(
        catalog_dir, run_cli):
    write_letter(catalog_dir, audience="applicant", fi=FI_MIXED)
    found = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "fi"]
    # te is the majority here (2 words to 1), yet the te words are the ones flagged.
    assert {f["found"] for f in found} == {"Lähettäkää", "Kertokaa"}
    assert all(f["suggestion"] == "sinä" for f in found)
    assert found[0]["message"].startswith("Kirje puhuttelee lukijaa sekä sinä- että te-muodossa")


def test_mixed_forms_without_a_configured_form_are_a_suggestion_and_with_one_an_error(
        catalog_dir, run_cli):
    # Without an audience form the majority guesses which form is meant (issue 15: that
    # guess is a suggestion); the configured form makes every other form an error.
    write_letter(catalog_dir, audience="employer", fi=FI_MIXED)  # not in audiences
    guessed = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "fi"]
    assert [(f["found"], f["severity"]) for f in guessed] == [("sinulta", "suggestion")]
    write_letter(catalog_dir, audience="applicant", fi=FI_MIXED)
    fixed = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "fi"]
    assert fixed and {f["severity"] for f in fixed} == {"error"}


def test_swedish_mixed_forms_are_a_suggestion_without_an_audience_form_and_an_error_with_one(
        catalog_dir, run_cli):
    mixed = SV_NI.replace("Ni kan ringa oss.", "Du kan ringa oss. Du hittar oss på webben.")
    write_letter(catalog_dir, audience="employer", sv=mixed)  # not in audiences
    guessed = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "sv"]
    assert [(f["found"], f["severity"]) for f in guessed] == [("er", "suggestion")]
    write_letter(catalog_dir, audience="applicant", sv=mixed)
    fixed = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "sv"]
    assert fixed and {f["severity"] for f in fixed} == {"error"}


def test_swedish_ni_in_a_letter_to_counsel_is_flagged_in_swedish(catalog_dir, run_cli):
    write_letter(catalog_dir, audience="counsel", sv=SV_NI)
    found = [f for f in adr(run_cli, catalog_dir.parent) if f["lang"] == "sv"]
    assert {f["found"] for f in found} == {"er", "Ni"}
    assert all(f["suggestion"] == "du" for f in found)
    assert "Läsaren av det här brevet (counsel) tilltalas med du" in found[0]["message"]


@pytest.mark.parametrize("change, expected", [
    ("address: {fi: sinu, sv: du, en: you}",
     r"config\.yaml:\d+:\d+: the form of address 'sinu' for audience 'counsel' is not one "
     r"that ADR001 knows in this language; use one of: sinä, te"),
    ("address: sinä",
     r"config\.yaml:\d+:\d+: 'address' of audience 'counsel' must map languages to a form"),
])
def test_a_wrong_audience_setting_is_located_in_config_yaml(catalog_dir, run_cli, change,
                                                            expected):
    config = catalog_dir.parent / "linting" / "config.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  counsel:\n")
    end = text.index("\n", text.index("address:", start))
    config.write_text(text[:start] + "  counsel:\n    description: counsel\n    " + change
                      + text[end:], encoding="utf-8")
    write_letter(catalog_dir, audience="counsel", fi=FI_TE)
    result = run_cli("lint", "--select", "ADR", cwd=catalog_dir.parent)
    assert result.exit_code == 2
    assert "Traceback" not in result.err
    assert re.search(expected, result.err), result.err
