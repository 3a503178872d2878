"""TBX-Basic and CSV export/import: valid XML, TBX-Basic structure, lossless round trips."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from letterkit.errors import LetterkitError
from letterkit.glossary import GlossaryError, load_glossary
from letterkit.glossary.exchange import (
    TBX_NS,
    XML_LANG,
    export_csv,
    export_tbx,
    import_csv,
    import_tbx,
    write_glossary,
)

NS = {"t": TBX_NS}
GLOSSARY = str(Path(__file__).resolve().parents[2] / "glossary")


def test_tbx_is_well_formed_tbx_basic(glossary):
    text = export_tbx(glossary)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<?xml-model " in text
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.get(XML_LANG) == "en"
    assert root.find("t:tbxHeader/t:fileDesc/t:titleStmt/t:title", NS) is not None
    entries = root.findall("t:text/t:body/t:conceptEntry", NS)
    assert len(entries) == len(glossary)
    statuses = {n.text for n in root.iter(f"{{{TBX_NS}}}termNote")
                if n.get("type") == "administrativeStatus"}
    assert statuses == {"preferredTerm-admn-sts", "admittedTerm-admn-sts",
                        "deprecatedTerm-admn-sts"}


def test_tbx_concept_entry_structure(glossary):
    root = ET.fromstring(export_tbx(glossary).encode("utf-8"))
    entry = root.find("t:text/t:body/t:conceptEntry[@id='supplement-request']", NS)
    assert entry.find("t:descrip[@type='subjectField']", NS).text == "general-process"
    assert entry.find("t:xref[@type='externalCrossReference']", NS).get("target").startswith(
        "https://migri.fi/")
    fi = next(ls for ls in entry.findall("t:langSec", NS) if ls.get(XML_LANG) == "fi")
    assert fi.find("t:descrip[@type='definition']", NS).text.startswith("Täydennyspyyntö on")
    terms = [(ts.find("t:term", NS).text,
              ts.find("t:termNote[@type='administrativeStatus']", NS).text)
             for ts in fi.findall("t:termSec", NS)]
    assert terms[0] == ("täydennyspyyntö", "preferredTerm-admn-sts")
    assert ("lisäselvityspyyntö", "deprecatedTerm-admn-sts") in terms
    deprecated = next(ts for ts in fi.findall("t:termSec", NS)
                      if ts.find("t:term", NS).text == "lisäselvityspyyntö")
    assert "täydennyspyyntö" in deprecated.find("t:note", NS).text


def test_tbx_round_trip_is_lossless(glossary):
    again = import_tbx(export_tbx(glossary))
    assert sorted(again.concepts) == sorted(glossary.concepts)
    for cid, concept in glossary.concepts.items():
        assert again.get(cid).to_data() == concept.to_data(), cid


def test_csv_has_one_row_per_term_and_round_trips(glossary):
    text = export_csv(glossary)
    rows = list(csv.DictReader(io.StringIO(text)))
    terms = sum(len(c.entry(lang).forms()) for c in glossary for lang in ("fi", "sv", "en"))
    assert len(rows) == terms
    assert {r["status"] for r in rows} == {"preferred", "admitted", "deprecated"}
    again = import_csv(text)
    for cid, concept in glossary.concepts.items():
        assert again.get(cid).to_data() == concept.to_data(), cid


def test_write_then_load_gives_the_same_term_base(glossary, tmp_path):
    write_glossary(import_tbx(export_tbx(glossary)), tmp_path / "out")
    reloaded = load_glossary(tmp_path / "out")
    assert reloaded.to_data() == glossary.to_data()


def test_write_refuses_to_overwrite_a_different_file(glossary, tmp_path):
    out = tmp_path / "out"
    write_glossary(glossary, out)
    (out / "passport.yaml").write_text("id: passport\n", encoding="utf-8")
    with pytest.raises(LetterkitError, match="use --force"):
        write_glossary(glossary, out)
    write_glossary(glossary, out, force=True)
    assert load_glossary(out).to_data() == glossary.to_data()


def test_import_rejects_broken_xml_with_a_position():
    with pytest.raises(LetterkitError) as info:
        import_tbx("<tbx><oops></tbx>", "terms.tbx")
    assert str(info.value).startswith("terms.tbx:1:")


def test_import_rejects_a_non_tbx_document():
    with pytest.raises(LetterkitError, match="expected a TBX document"):
        import_tbx("<root/>", "x.xml")


def test_import_validates_like_the_yaml_loader(glossary):
    text = export_tbx(glossary).replace(' xml:lang="sv"', ' xml:lang="de"', 1)
    with pytest.raises(GlossaryError) as info:
        import_tbx(text, "terms.tbx")
    assert "missing language 'sv'" in str(info.value)


def test_cli_export_and_import(run_cli, tmp_path, glossary):
    tbx = tmp_path / "terms.tbx"
    result = run_cli("glossary", "export", "--format", "tbx", "-o", str(tbx),
                     "--glossary", GLOSSARY)
    assert result.exit_code == 0, result.err
    ET.parse(tbx)
    result = run_cli("glossary", "import", str(tbx), "-o", str(tmp_path / "imported"))
    assert result.exit_code == 0, result.err
    assert load_glossary(tmp_path / "imported").to_data() == glossary.to_data()
    result = run_cli("glossary", "export", "--format", "csv", "--glossary", GLOSSARY)
    assert result.exit_code == 0 and result.out.startswith("concept_id,domain,lang,term,")
    (tmp_path / "terms.csv").write_text(result.out, encoding="utf-8")
    result = run_cli("glossary", "import", str(tmp_path / "terms.csv"), "-o",
                     str(tmp_path / "from-csv"))
    assert result.exit_code == 0, result.err
    assert load_glossary(tmp_path / "from-csv").to_data() == glossary.to_data()


def test_cli_import_of_broken_file_exits_2(run_cli, tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx>", encoding="utf-8")
    result = run_cli("glossary", "import", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.err.startswith(str(bad) + ":") or "bad.tbx:" in result.err
