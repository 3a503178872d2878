"""The print outputs: .docx (python-docx) and tagged PDF (pikepdf, pdftotext), every language."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn

from letterkit.catalog import load_letter
from letterkit.render import render_letter
from letterkit.render.docx import STYLE_NAMES, to_docx
from letterkit.render.model import LANGUAGE_TAGS, print_model
from letterkit.render.pdf import to_pdf

LETTERS = Path(__file__).resolve().parents[1] / "letters"
LETTER = "asylum-interview-invitation"


@pytest.fixture(scope="module")
def letter():
    return load_letter(LETTERS / LETTER)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_docx_has_styles_headings_lists_and_language(letter, lang):
    model = print_model(render_letter(letter, lang))
    document = docx.Document(io.BytesIO(to_docx(model)))
    tag = LANGUAGE_TAGS[lang]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == tag
    for name in STYLE_NAMES:
        lang_el = document.styles[name].element.find(".//" + qn("w:lang"))
        assert lang_el is not None and lang_el.get(qn("w:val")) == tag, name
    used = [p.style.name for p in document.paragraphs]
    assert used.count("Heading 1") == 1 and "Heading 2" in used
    assert "List Bullet" in used and "Letter Address" in used
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [b.text for b in model.blocks if b.kind == "heading"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "NUMPAGES" in header_xml
    props = document.core_properties
    assert props.title == model.title and props.subject == LETTER
    assert props.language == tag and model.commit.split("+")[0] in props.keywords


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_pdf_is_tagged_with_language_title_fonts_and_reading_order(letter, lang, tmp_path):
    model = print_model(render_letter(letter, lang))
    path = tmp_path / "letter.pdf"
    path.write_bytes(to_pdf(model))
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert str(root.Lang) == LANGUAGE_TAGS[lang]
        assert bool(root.MarkInfo.Marked) and "/StructTreeRoot" in root
        assert str(pdf.open_metadata().get("dc:title")) == model.title
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts and all("/FontFile2" in f.DescendantFonts[0].FontDescriptor
                             for f in fonts)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    expected = [model.layout.sender[0], model.recipient[0]] + [
        b.text for b in model.blocks if b.kind == "heading"]
    positions = [text.find(part) for part in expected]
    assert -1 not in positions, list(zip(expected, positions, strict=True))
    assert positions[1:] == sorted(positions[1:])
