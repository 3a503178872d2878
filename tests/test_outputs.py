"""The print outputs: .docx (python-docx) and tagged PDF (pikepdf, pdftotext), every language."""

from __future__ import annotations

import dataclasses
import io
import re
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


def test_docx_second_numbered_list_starts_at_its_own_number(letter):
    import dataclasses

    from letterkit.render.model import body_blocks

    model = print_model(render_letter(letter, "fi"))
    blocks = body_blocks("# Otsikko\n\n1. yksi\n2. kaksi\n\nVälissä tekstiä.\n\n1. uusi yksi\n"
                         "2. uusi kaksi\n\nJa vielä:\n\n3. kolmas alkaa kolmesta\n")
    document = docx.Document(io.BytesIO(to_docx(dataclasses.replace(model, blocks=blocks))))
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in items]
    assert num_ids[0] == num_ids[1] and len({num_ids[0], num_ids[2], num_ids[4]}) == 3
    numbering = document.part.numbering_part.element
    starts = {}
    for num in numbering.findall(qn("w:num")):
        override = num.find(".//" + qn("w:startOverride"))
        starts[int(num.get(qn("w:numId")))] = None if override is None else int(
            override.get(qn("w:val")))
    assert [starts[n] for n in (num_ids[0], num_ids[2], num_ids[4])] == [1, 1, 3]


def test_docx_text_grid_follows_the_layout(letter):
    from docx.shared import Mm

    model = print_model(render_letter(letter, "fi"))
    grid = model.layout.grid
    document = docx.Document(io.BytesIO(to_docx(model)))
    body = document.styles["Normal"].paragraph_format.left_indent
    assert abs(body - Mm(grid["tab_mm"] * grid["body_tab"])) < Mm(0.1)
    for name in ("Heading 1", "Heading 2", "Letter Address", "Header"):
        assert document.styles[name].paragraph_format.left_indent == 0, name
    cells = document.sections[0].header.tables[0].rows[0].cells
    assert abs(cells[0].width - Mm(grid["tab_mm"] * grid["header_tab"])) < Mm(0.1)


def test_docx_bytes_are_the_same_for_the_same_letter(letter):
    model = print_model(render_letter(letter, "sv"))
    assert to_docx(model) == to_docx(model)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_docx_paragraphs_are_the_print_model_in_order(letter, lang):
    """The .docx says what the print model says: the address lines, then every block's text
    in reading order (bold and italic kept), nothing added or lost."""
    model = print_model(render_letter(letter, lang))
    document = docx.Document(io.BytesIO(to_docx(model)))
    texts = [p.text for p in document.paragraphs]
    blocks = [b for b in model.blocks if b.kind != "rule"]
    assert texts == [*model.recipient, *(b.text for b in blocks)]
    bold_model = [r.text for b in blocks for r in b.runs if r.bold]
    bold_docx = [r.text for p in document.paragraphs[len(model.recipient):]
                 for r in p.runs if r.bold]
    assert "".join(bold_docx) == "".join(bold_model).replace("\n", "")


LONG_TITLE = ("Kutsu turvapaikkapuhutteluun ja pyyntö toimittaa henkilöllisyyttä ja "
              "perheenjäseniä koskevat asiakirjat")


def _words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(x_min, y_min, x_max, y_max, word) of a PDF page, from ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path),
                           "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("title", ["Kutsu", LONG_TITLE])
def test_pdf_document_name_keeps_the_page_number_on_its_line(letter, tmp_path, title):
    """A long document name wraps in its column (or ends in "…"): the page "1 (2)" stays on
    the name's first line, the date and reference below the name, the address below them;
    the PDF's title is the whole name."""
    model = dataclasses.replace(print_model(render_letter(letter, "fi")), title=title)
    path = tmp_path / "letter.pdf"
    path.write_bytes(to_pdf(model))
    with pikepdf.open(path) as pdf:
        assert str(pdf.open_metadata().get("dc:title")) == title
        pages = len(pdf.pages)
    words = _words(path, 1)
    at = next(n for n, w in enumerate(words) if re.fullmatch(rf"\({pages}\)", w[4]))
    page, number_start = words[at], words[at - 1][0]  # "1" "(2)"
    assert words[at - 1][4] == "1"
    first = next(w for w in words if w[4] == "Kutsu")
    date = next(w for w in words if w[4] == model.layout.labels["date"])
    reference = next(w for w in words if w[4] == model.layout.labels["reference"])
    recipient = next(w for w in words if w[4] == model.recipient[0].split()[0])
    assert abs(first[1] - page[1]) < 1  # same line
    name = [w for w in words if first[0] - 1 <= w[0] < number_start
            and first[1] - 1 <= w[1] < date[1] - 1]
    assert all(w[2] < number_start for w in name), name  # left of the page number
    assert page[2] <= 190 / 25.4 * 72  # inside the right margin
    assert date[1] > page[3] and reference[1] > date[1] and recipient[1] > reference[3]
    for number in range(2, pages + 1):  # later pages: the name and the page, above the body
        words = _words(path, number)
        later = next(w for w in words if re.fullmatch(rf"\({pages}\)", w[4]))
        body_top = min(w[1] for w in words if w[1] > later[3] + 8)
        name_bottom = max(w[3] for w in words if w[0] >= first[0] - 1 and w[1] < body_top - 1)
        assert name_bottom < body_top


def test_docx_page_number_has_its_own_column_and_later_pages_a_short_header(letter):
    model = dataclasses.replace(print_model(render_letter(letter, "fi")), title=LONG_TITLE)
    section = docx.Document(io.BytesIO(to_docx(model))).sections[0]
    assert section.different_first_page_header_footer
    rows = section.first_page_header.tables[0].rows
    first = rows[0].cells
    assert len(first) == 3
    assert first[0].paragraphs[0].text.startswith(model.layout.sender[0])
    assert first[1].paragraphs[0].text == LONG_TITLE  # wraps in its cell, all of it
    assert len(first[1].paragraphs) == 1
    # the date and the reference below, across the name's and the page number's columns
    second = rows[1]._tr.tc_lst
    assert second[0].vMerge == "continue" and second[1].grid_span == 2
    assert model.date in rows[1].cells[1].paragraphs[0].text
    assert model.reference in rows[1].cells[1].paragraphs[1].text
    page_xml = first[2]._tc.xml
    assert "PAGE" in page_xml and "NUMPAGES" in page_xml and LONG_TITLE not in page_xml
    later = section.header.tables[0].rows[0].cells
    assert later[1].paragraphs[0].text == LONG_TITLE and len(later[1].paragraphs) == 1
    assert later[0].text == "" and "NUMPAGES" in later[2]._tc.xml
    assert model.layout.footer[0] in section.first_page_footer.paragraphs[0].text
    assert section.footer.paragraphs[0].text == ""


EVERY_BLOCK = """# Otsikko *kallistettu*

Kappale, jossa on **lihavoitu**, *kursivoitu* ja [linkki](https://migri.fi/) sekä\\
rivinvaihto.

## Toinen taso

- yksi
  - sisempi
    - sisin
- kaksi

3. kolme
4. neljä
   - luettelo numeroidun sisällä

---

### Kolmas taso

#### Neljäs

##### Viides

###### Kuudes

Allekirjoitus
"""


def _full_user_agent_html():
    from weasyprint import HTML

    assert "_ua_stylesheets" in vars(HTML), (
        "WeasyPrint no longer takes its user-agent stylesheets from HTML._ua_stylesheets(): "
        "letterkit.render.pdf replaces that method with print_ua.css")
    return HTML


def test_pdf_user_agent_stylesheet_gives_the_same_pdf_as_weasyprints(letter):
    """``print_ua.css`` holds every rule of WeasyPrint's HTML5 stylesheet that the print HTML
    can meet: each shipped letter (its default sample, one language each, in turn), and every
    block and run kind in every language, gives the same bytes with either stylesheet."""
    from letterkit.catalog import load_catalog
    from letterkit.render.model import body_blocks

    full = _full_user_agent_html()
    models = []
    for number, shipped in enumerate(sorted(load_catalog(LETTERS).letters.values(),
                                            key=lambda item: item.id)):
        lang = shipped.languages[number % len(shipped.languages)]
        models.append(print_model(render_letter(shipped, lang)))
    for lang in ("fi", "sv", "en"):
        models.append(dataclasses.replace(print_model(render_letter(letter, lang)),
                                          blocks=body_blocks(EVERY_BLOCK)))
    kinds = {(b.kind, b.level, b.ordered, b.depth) for b in models[-1].blocks}
    assert len(kinds) == 12 and any(run.href for b in models[-1].blocks for run in b.runs)
    for model in models:
        assert to_pdf(model) == to_pdf(model, html_class=full), (model.letter_id, model.lang)


def test_docx_headings_and_text_in_the_letter_font_not_the_theme_font(letter):
    """python-docx's template gives headings a theme font (w:asciiTheme, which wins over
    w:ascii): LibreOffice showed them in another font than the PDF."""
    model = print_model(render_letter(letter, "fi"))
    document = docx.Document(io.BytesIO(to_docx(model)))
    font = model.layout.font
    elements = [document.styles[name].element for name in STYLE_NAMES]
    elements.append(document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")))
    for element in elements:
        fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert not [key for key in fonts.attrib if key.endswith("Theme") or "theme" in key]
        assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {font}


def test_docx_spacing_and_sizes_follow_the_print_css(letter):
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    document = docx.Document(io.BytesIO(to_docx(print_model(render_letter(letter, "fi")))))
    styles = document.styles
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.AT_LEAST
    assert abs(normal.line_spacing - Pt(11 * 1.35)) < Pt(0.1)
    assert abs(normal.space_after - Mm(3)) < Mm(0.1)
    heading = styles["Heading 1"].paragraph_format
    assert abs(heading.space_before - Mm(8)) < Mm(0.1)
    assert abs(heading.space_after - Mm(4)) < Mm(0.1)
    assert styles["Header"].font.size == Pt(10) and styles["Footer"].font.size == Pt(8.5)


def test_docx_address_is_framed_in_the_window_position(letter):
    """The address lines sit in a frame placed on the page at the layout's address field,
    wherever the header ends; the body starts below the field."""
    from docx.shared import Mm

    model = print_model(render_letter(letter, "fi"))
    field = model.layout.address_field
    document = docx.Document(io.BytesIO(to_docx(model)))
    address = document.paragraphs[:len(model.recipient)]
    assert [p.text for p in address] == model.recipient
    for paragraph in address:
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        assert frame.get(qn("w:vAnchor")) == "page" and frame.get(qn("w:hAnchor")) == "page"
        assert frame.get(qn("w:wrap")) == "notBeside" and frame.get(qn("w:hRule")) == "exact"
        for key, mm in (("x", field["left_mm"]), ("y", field["top_mm"]),
                        ("w", field["width_mm"]), ("h", field["height_mm"])):
            assert abs(int(frame.get(qn(f"w:{key}"))) - Mm(mm).twips) <= 1, key
    assert document.paragraphs[len(model.recipient)]._p.pPr.find(qn("w:framePr")) is None


def test_docx_first_page_header_reaches_the_address_field(letter):
    """No body text fits between the first page's header and the address frame (in Swedish,
    with a one-line document name, LibreOffice put the heading above the address): the
    header's rows are at least as tall as the space from the header to the field."""
    from docx.shared import Mm

    from letterkit.render.docx import HEADER_LINE_MM

    model = print_model(render_letter(letter, "sv"))
    section = docx.Document(io.BytesIO(to_docx(model))).sections[0]
    header_top = model.layout.page["margin_top_mm"]  # where the PDF's header starts too
    assert abs(section.header_distance - Mm(header_top)) < Mm(0.1)
    heights = [int(h.get(qn("w:val"))) for h in
               section.first_page_header._element.iter(qn("w:trHeight"))
               if h.get(qn("w:hRule")) == "atLeast"]
    field_top = model.layout.address_field["top_mm"]
    # with the document name's first line, the rows reach the field
    assert abs(sum(heights) + Mm(HEADER_LINE_MM).twips - Mm(field_top - header_top).twips) <= 2
    assert not list(section.header._element.iter(qn("w:trHeight")))  # later pages: as tall
    # as their content


def test_docx_footer_rule_on_the_first_page_only(letter):
    section = docx.Document(io.BytesIO(to_docx(print_model(render_letter(letter, "fi"))))
                            ).sections[0]
    assert section.first_page_footer.paragraphs[0]._p.pPr.find(qn("w:pBdr")) is not None
    assert section.footer.paragraphs[0]._p.pPr.find(qn("w:pBdr")) is None
    assert docx.Document().styles["Footer"].element.find(".//" + qn("w:pBdr")) is None


def test_docx_paragraph_before_a_list_stays_with_it(letter):
    model = print_model(render_letter(letter, "fi"))
    document = docx.Document(io.BytesIO(to_docx(model)))
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs[:-1]):
        if (paragraphs[index + 1].style.name.startswith("List")
                and not paragraph.style.name.startswith("List")):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
