"""The starter term base itself: size, fields, sources, and Finland-Swedish choices."""

from __future__ import annotations

from pathlib import Path

from letterkit.glossary import DOMAINS, LANGS

GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "glossary"



def test_at_least_forty_concepts_across_the_domains(glossary):
    assert len(glossary) >= 40
    domains = {c.domain for c in glossary}
    assert {"residence-permits", "asylum", "family", "documents", "general-process"} <= domains
    assert domains <= set(DOMAINS)


def test_file_name_is_the_concept_id(glossary):
    for concept in glossary:
        assert concept.path.name == f"{concept.id}.yaml"


def test_every_language_has_a_plain_explanation(glossary):
    for concept in glossary:
        for lang in LANGS:
            entry = concept.entry(lang)
            sentences = [s for s in entry.explanation.replace("!", ".").split(". ") if s]
            assert 1 <= len(sentences) <= 2, f"{concept.id} {lang}: one or two sentences"
            for deprecated in entry.deprecated:
                assert deprecated.reason, f"{concept.id} {lang}: {deprecated.term} needs a reason"


def test_every_concept_names_its_source(glossary):
    for concept in glossary:
        assert concept.source, concept.id
        for source in concept.source:
            assert source.checked
            assert not source.url or source.url.startswith(("https://", "http://"))
    verified = [c for c in glossary if any("migri.fi" in s.url for s in c.source)]
    assert len(verified) >= 40


def test_explanations_address_the_reader():
    # Sinä/du/you: the phrasebook is what a clerk says to the customer.
    text = "".join(p.read_text(encoding="utf-8") for p in GLOSSARY_DIR.glob("*.yaml"))
    assert "Te " not in text and " teidän " not in text.lower()


def test_finland_swedish_terms(glossary):
    assert glossary.term("residence-permit-card", "sv") == "uppehållstillståndskort"
    assert glossary.term("residence-card", "sv") == "uppehållskort"
    assert glossary.term("service-point", "sv") == "serviceställe"
    assert glossary.term("asylum-interview", "sv") == "asylsamtal"
    assert glossary.term("sponsor", "sv") == "anknytningsperson"
    assert glossary.term("legal-counsel", "sv") == "biträde"
    assert glossary.term("representative-of-minor", "sv") == "företrädare"
    assert glossary.term("administrative-court", "sv") == "förvaltningsdomstol"
    deprecated = {d.term for d in glossary.get("administrative-court").entry("sv").deprecated}
    assert "förvaltningsrätt" in deprecated


def test_migri_terms_in_finnish_and_english(glossary):
    assert glossary.term("supplement-request", "fi") == "täydennyspyyntö"
    assert glossary.term("sponsor", "fi") == "perheenkokoaja"
    assert glossary.term("sponsor", "en") == "sponsor"
    fi_deprecated = {d.term for d in glossary.get("sponsor").entry("fi").deprecated}
    assert "sponsori" in fi_deprecated
