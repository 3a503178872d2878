"""The .docx of a letter, written from the print model with python-docx.

A4, the layout's margins, named styles tagged with the letter's language, real Word
headings and lists, "1 (2)" page numbers (PAGE/NUMPAGES fields) in the header.
"""

from __future__ import annotations

import io
from functools import cache

from letterkit.render.model import PrintLetter

STYLE_NAMES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number",
               "List Bullet 2", "List Number 2", "Letter Address", "Letter Reference", "Header",
               "Footer")


def _lang(element, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


@cache
def _base(tag: str, font: str, margins: tuple[float, float, float, float]) -> bytes:
    """A document with styles and page set up, once per language (copied per letter)."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    styles = document.styles
    for name in ("Letter Address", "Letter Reference"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.space_after = Pt(0)
    styles["Normal"].font.name = font
    styles["Normal"].font.size = Pt(11)
    for name in STYLE_NAMES:
        style = styles[name]
        if name.startswith("Heading"):
            style.font.name = font
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.size = Pt({"Heading 1": 14, "Heading 2": 12}.get(name, 11))
        _lang(style.element, tag)
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _lang(defaults, tag)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    left, right, top, bottom = margins
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.header_distance = Mm(12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _field(paragraph, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run._r.append(instr)
        else:
            run.text = text


def _paragraph(document, style: str, text: str = ""):  # noqa: ANN001, ANN202
    """Add a paragraph with *style* by its id: looking styles up by name costs a scan each time."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style.replace(" ", "")
    return paragraph


def to_docx(model: PrintLetter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    page = model.layout.page
    margins = (page.get("margin_left_mm", 20), page.get("margin_right_mm", 20), 40,
               page.get("margin_bottom_mm", 20))
    document = Document(io.BytesIO(_base(model.language_tag, model.layout.font, margins)))
    props = document.core_properties
    props.title, props.subject, props.language = model.title, model.letter_id, model.language_tag
    props.version, props.revision = str(model.version), max(int(model.version), 1)
    props.keywords = f"{model.letter_id}; version {model.version}; commit {model.commit}"
    props.comments = f"git commit of the templates: {model.commit}"
    props.author = model.layout.sender[0] if model.layout.sender else ""

    section = document.sections[0]
    labels = model.layout.labels
    # A borderless two-column table: sender left; document name, page, date, reference right.
    header = section.header
    table = header.add_table(rows=1, cols=2, width=Mm(170))
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(90), Mm(80)
    left.paragraphs[0].text = "\n".join(model.layout.sender)
    title = right.paragraphs[0]
    title.paragraph_format.tab_stops.add_tab_stop(Mm(78), WD_TAB_ALIGNMENT.RIGHT)
    title.add_run(model.title).bold = True
    title.add_run("\t")
    _field(title, "PAGE")
    title.add_run(" (")
    _field(title, "NUMPAGES")
    title.add_run(")")
    for line in (f"{labels.get('date', '')} {model.date}".strip(),
                 f"{labels.get('reference', '')} {model.reference}".strip()):
        right.add_paragraph(line, style="Header")
    for paragraph in (left.paragraphs[0], title):
        paragraph.style = document.styles["Header"]
    header.paragraphs[0]._p.getparent().remove(header.paragraphs[0]._p)
    section.footer.paragraphs[0].text = " · ".join(model.layout.footer)

    field = model.layout.address_field
    for number, line in enumerate(model.recipient or [""]):
        paragraph = _paragraph(document, "Letter Address", line)
        if number == 0:
            paragraph.paragraph_format.space_before = Mm(max(field.get("top_mm", 45) - 40, 0))
    spacer = _paragraph(document, "Letter Address")
    spacer.paragraph_format.space_after = Pt(24)

    for block in model.blocks:
        if block.kind == "heading":
            paragraph = _paragraph(document, f"Heading {min(block.level, 3)}")
        elif block.kind == "item":
            style = "List Number" if block.ordered else "List Bullet"
            paragraph = _paragraph(document, style + (" 2" if block.depth else ""))
        elif block.kind == "rule":
            continue
        else:
            paragraph = document.add_paragraph()
        for run in block.runs:
            for part_number, part in enumerate(run.text.split("\n")):
                if part_number:
                    paragraph.add_run().add_break()
                word_run = paragraph.add_run(part)
                word_run.bold = run.bold or None
                word_run.italic = run.italic or None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
