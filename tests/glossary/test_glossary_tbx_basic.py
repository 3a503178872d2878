"""TBX 2008 / TBX-Basic export (``martif``): its structure, a lossless round trip, and a real
consumer, translate-toolkit's TBX reader, reading every concept and term back."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from translate.storage import tbx as tt_tbx

from letterkit.glossary import GlossaryError, load_glossary
from letterkit.glossary.exchange import XML_LANG, export_tbx_basic, import_tbx
from letterkit.glossary.model import PARTS_OF_SPEECH

GLOSSARY = str(Path(__file__).resolve().parents[2] / "glossary")
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
          "deprecated": "deprecatedTerm-admn-sts"}


@pytest.fixture(scope="module")
def text(glossary) -> str:
    return export_tbx_basic(glossary)


def test_martif_root_doctype_and_header(text, glossary):
    lines = text.splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert lines[1] == '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.get(XML_LANG) == "en"
    assert root.find("martifHeader/fileDesc/titleStmt/title").text
    assert root.find("martifHeader/encodingDesc/p[@type='XCSURI']").text == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(glossary)
    assert not [el for el in root.iter() if el.tag.startswith("{")], "TBX 2008 has no namespace"


def test_term_entry_structure(text, glossary):
    root = ET.fromstring(text.encode("utf-8"))
    entry = root.find("text/body/termEntry[@id='supplement-request']")
    assert entry.find("descrip[@type='subjectField']").text == "general-process"
    assert entry.find("xref[@type='externalCrossReference']").get("target").startswith("https://")
    langs = [ls.get(XML_LANG) for ls in entry.findall("langSet")]
    assert langs == ["fi", "sv", "en"]
    fi = entry.find("langSet")
    assert fi.find("descrip[@type='definition']").text.startswith("Täydennyspyyntö on")
    tigs = fi.findall("tig")
    first = tigs[0]
    # term first, then its termNotes: the order of the TBX-Basic tig content model.
    assert [child.tag for child in first][:3] == ["term", "termNote", "termNote"]
    assert first.find("term").text == "täydennyspyyntö"
    assert first.find("termNote[@type='partOfSpeech']").text == "noun"
    assert first.find("termNote[@type='administrativeStatus']").text == "preferredTerm-admn-sts"
    deprecated = next(t for t in tigs if t.find("term").text == "lisäselvityspyyntö")
    assert deprecated.find("termNote[@type='administrativeStatus']").text == \
        "deprecatedTerm-admn-sts"
    assert "täydennyspyyntö" in deprecated.find("note").text
    pos = {t.text for t in root.iter("termNote") if t.get("type") == "partOfSpeech"}
    assert pos <= set(PARTS_OF_SPEECH) and {"noun", "verb", "properNoun"} <= pos


def test_translate_toolkit_reads_every_concept_and_term(text, glossary):
    store = tt_tbx.tbxfile(io.BytesIO(text.encode("utf-8")))
    units = {unit.getid(): unit for unit in store.units}
    assert len(store.units) == len(glossary) == len(units)
    read_terms = 0
    for concept in glossary:
        unit = units[concept.id]
        for lang in ("fi", "sv", "en"):
            terms = unit.get_target_terms(lang)
            expected = concept.entry(lang).forms()
            assert [t.text for t in terms] == [term for term, _, _ in expected], concept.id
            assert [t.administrative_status for t in terms] == \
                [STATUS[status] for _, status, _ in expected]
            assert [t.deprecated for t in terms] == \
                [status == "deprecated" for _, status, _ in expected]
            read_terms += len(terms)
        definitions = [n.text for n in unit.get_common_notes(source=True)
                       if n.category == "definition"]
        assert definitions, concept.id
        assert not unit.isobsolete(), concept.id
    assert read_terms == sum(len(c.entry(lang).forms()) for c in glossary
                             for lang in ("fi", "sv", "en"))


def test_translate_toolkit_sees_the_definition_in_each_language(text):
    store = tt_tbx.tbxfile(io.BytesIO(text.encode("utf-8")), sourcelanguage="fi",
                           targetlanguage="sv")
    unit = next(u for u in store.units if u.getid() == "supplement-request")
    assert unit.source == "täydennyspyyntö"
    assert unit.target == "begäran om komplettering"
    fi = [n.text for n in unit.get_common_notes(source=True) if n.category == "definition"
          and n.scope == "language"]
    assert fi and fi[0].startswith("Täydennyspyyntö on")


def test_round_trip_through_tbx_2008_is_lossless(text, glossary):
    again = import_tbx(text, "terms.tbx")
    assert sorted(again.concepts) == sorted(glossary.concepts)
    for cid, concept in glossary.concepts.items():
        assert again.get(cid).to_data() == concept.to_data(), cid


def test_cli_export_tbx_basic_and_import_it_back(run_cli, tmp_path, glossary):
    out = tmp_path / "terms-2008.tbx"
    result = run_cli("glossary", "export", "--format", "tbx-basic", "-o", str(out),
                     "--glossary", GLOSSARY)
    assert result.exit_code == 0, result.err
    assert ET.parse(out).getroot().tag == "martif"
    result = run_cli("glossary", "import", str(out), "-o", str(tmp_path / "imported"))
    assert result.exit_code == 0, result.err
    assert load_glossary(tmp_path / "imported").to_data() == glossary.to_data()


def test_an_unknown_part_of_speech_is_located(glossary_copy):
    path = glossary_copy / "pending.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "part_of_speech: adverb", "part_of_speech: adverbial"), encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(glossary_copy)
    assert info.value.exit_code == 2
    assert any("pending.yaml:" in str(p) and "unknown part_of_speech 'adverbial'" in str(p)
               for p in info.value.problems)


def test_import_names_both_tbx_roots_when_the_root_is_wrong():
    from letterkit.errors import LetterkitError

    with pytest.raises(LetterkitError, match="TBX 2008 <martif>"):
        import_tbx("<glossary/>", "x.tbx")
