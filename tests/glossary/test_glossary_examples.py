"""Every concept's own example sentences, run like the lint rules' examples.

A ``flag`` sentence must give at least one glossary issue for its concept; a ``pass`` sentence
must mention the concept (so matching is exercised) and give no issue for it. A concept
without examples fails, and so does a language with something to flag but no flag example.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from termcheck import check_text

from letterkit.glossary import LANGS, find_terms, load_glossary

GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "glossary"


CONCEPTS = sorted(load_glossary(GLOSSARY_DIR).concepts)
CASES = [(cid, lang) for cid in CONCEPTS for lang in LANGS]


def test_there_are_examples_for_every_concept(glossary):
    assert len(CONCEPTS) >= 40
    for concept in glossary:
        for lang in LANGS:
            examples = concept.examples.get(lang)
            assert examples is not None, f"{concept.id}: no {lang} examples"
            assert examples.passing, f"{concept.id}: no {lang} 'pass' example"
            entry = concept.entry(lang)
            flaggable = entry.deprecated or entry.admitted or entry.requires_explanation
            if flaggable:
                assert examples.flag, (
                    f"{concept.id}: {lang} has deprecated/admitted terms or needs explaining, "
                    "but no 'flag' example shows it")


@pytest.mark.parametrize(("concept_id", "lang"), CASES)
def test_concept_examples(glossary, concept_id, lang):
    concept = glossary.get(concept_id)
    examples = concept.examples[lang]
    for sentence in examples.flag:
        issues = [i for i in check_text(sentence, lang, glossary) if i.concept == concept_id]
        hits = [(h.concept_id, h.term) for h in find_terms(sentence, lang, glossary)]
        assert issues, f"False negative against {concept_id} ({lang}): {sentence!r}; " \
                       f"found {hits}"
    for sentence in examples.passing:
        issues = [i for i in check_text(sentence, lang, glossary) if i.concept == concept_id]
        assert not issues, f"False positive against {concept_id} ({lang}): " \
                           f"{sentence!r}: {[i.message for i in issues]}"
        hits = [h for h in find_terms(sentence, lang, glossary) if h.concept_id == concept_id]
        assert hits, f"{concept_id} ({lang}) not found in its pass example {sentence!r}"
