"""The .docx of a letter, written from the print model.

A4, the layout's margins and SFS 2487 text grid, named styles tagged with the letter's
language, real Word headings and lists (each numbered list starts at its own number), "1 (2)"
page numbers (PAGE/NUMPAGES fields) in the header.

The package (styles, numbering definitions, settings, fonts, theme) is built once per
language with python-docx and kept compressed; for each letter only ``word/document.xml``,
the header, the footer, the numbering and the core properties are written, as XML strings
with proper escaping, into a ZIP written directly (the unchanged parts are copied as they
were compressed). That is some fifty times faster than building each letter with python-docx,
and it gives the same document: the tests open every letter with python-docx.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from html import escape

from letterkit.render.model import Block, PrintLetter

STYLE_NAMES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number",
               "List Bullet 2", "List Number 2", "Letter Address", "Letter Reference", "Header",
               "Footer")
EMU_PER_MM, TWIPS_PER_MM = 36000, 56.6929
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FIXED_TIME = (0, (1 << 5) | 1)  # 1980-01-01 00:00: the same letter gives the same bytes


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _child(element, tag: str, *, first: bool = False):  # noqa: ANN001, ANN202 - lxml
    """The *tag* child of *element*, made (last, or *first*) when it has none."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        if first:
            element.insert(0, child)
        else:
            element.append(child)
    return child


def _lang(element, tag: str) -> None:  # noqa: ANN001 - an lxml element of python-docx
    from docx.oxml.ns import qn

    _child(_child(element, "w:rPr"), "w:lang").set(qn("w:val"), tag)


# The first page's footer: a 0.5 pt grey rule 2 mm above it (the PDF's footer rule)
FOOTER_RULE = ('<w:pBdr><w:top w:val="single" w:sz="4" w:space="6" w:color="555555"/>'
               "</w:pBdr>")
LINE_HEIGHT = 1.35  # the print page CSS's line-height
# Space before and after headings in mm, as the print page CSS has them (h1, h2).
HEADING_SPACING_MM = {"Heading 1": (8, 4), "Heading 2": (5, 2)}


def _font_only(element, font: str) -> None:  # noqa: ANN001 - an lxml element of python-docx
    """Set every script's font to *font* and drop the theme fonts of python-docx's template:
    a theme font (``w:asciiTheme``) wins over ``w:ascii``, so headings came out in Calibri
    Light, or whatever LibreOffice puts in its place, instead of the letter's font."""
    from docx.oxml.ns import qn

    fonts = _child(_child(element, "w:rPr"), "w:rFonts", first=True)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), font)


@dataclass(frozen=True)
class Grid:
    """The SFS 2487 text grid in millimetres from the left margin."""

    tab_mm: float = 22.86
    body_tab: int = 2
    header_tab: int = 5

    @property
    def body_mm(self) -> float:
        return self.tab_mm * self.body_tab

    @property
    def header_mm(self) -> float:
        return self.tab_mm * self.header_tab


def grid_of(model: PrintLetter) -> Grid:
    grid = model.layout.grid
    return Grid(float(grid["tab_mm"]), int(grid["body_tab"]), int(grid["header_tab"]))


def _base(tag: str, font: str, margins: tuple[float, float, float, float, float], grid: Grid
          ) -> bytes:
    """A document with styles, page, header and footer set up, once per language."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    styles = document.styles
    for name in ("Letter Address", "Letter Reference"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.space_after = Pt(0)
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(11)
    # SFS 2487: headings at the left margin, the body text on the grid's body tab stop.
    normal.paragraph_format.left_indent = Mm(grid.body_mm)
    # As the PDF (print page CSS): 3 mm after a paragraph, lines 1.35 font sizes apart
    # (CSS line-height; Word's "multiple" would multiply the font's own line height).
    normal.paragraph_format.space_after = Mm(3)
    for name in STYLE_NAMES:
        style = styles[name]
        if name.startswith("Heading"):
            style.font.name = font
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.size = Pt({"Heading 1": 14, "Heading 2": 12}.get(name, 11))
            before, after = HEADING_SPACING_MM.get(name, (4, 1))
            style.paragraph_format.space_before = Mm(before)
            style.paragraph_format.space_after = Mm(after)
        if name.startswith("Heading") or name in ("Letter Address", "Letter Reference",
                                                   "Header", "Footer"):
            style.paragraph_format.left_indent = Mm(0)
        _lang(style.element, tag)
        _font_only(style.element, font)
    styles["Header"].font.size = Pt(10)
    styles["Footer"].font.size = Pt(8.5)
    for name in STYLE_NAMES:
        style = styles[name]
        size = style.font.size or normal.font.size
        style.paragraph_format.line_spacing = Pt(round(size.pt * LINE_HEIGHT, 2))
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _lang(defaults, tag)
    _font_only(defaults, font)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    left, right, top, bottom, header_top = margins
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.header_distance = Mm(header_top)  # the layout's margin_top_mm, as the PDF
    # The first page has the full header and the footer; later pages the document name and
    # the page only (as the PDF). Placeholder text makes python-docx write the four parts.
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "first header"
    section.first_page_footer.paragraphs[0].text = "first footer"
    section.header.paragraphs[0].text = "header"
    section.footer.paragraphs[0].text = "footer"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclass
class _Entry:
    name: bytes
    crc: int
    size: int
    data: bytes  # deflated


class _Package:
    """The parts of the base package, and where each letter's own parts go."""

    def __init__(self, base: bytes):
        with zipfile.ZipFile(io.BytesIO(base)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        rels = parts["word/_rels/document.xml.rels"].decode()
        targets = {}
        for rel in re.findall(r"<Relationship [^>]*>", rels):
            rel_id, target = re.search(r'Id="([^"]+)"', rel), re.search(r'Target="([^"]+)"', rel)
            if rel_id and target:
                targets[rel_id.group(1)] = "word/" + target.group(1)
        document = parts["word/document.xml"].decode()
        refs = {(kind, which): targets[rel_id] for kind, which, rel_id in re.findall(
            r'<w:(header|footer)Reference w:type="(\w+)" r:id="([^"]+)"/>', document)}
        self.header, self.footer = refs["header", "default"], refs["footer", "default"]
        self.first_header, self.first_footer = refs["header", "first"], refs["footer", "first"]
        body = document.index("<w:body>") + len("<w:body>")
        self.document_head = document[:body]
        self.document_tail = document[document.index("<w:sectPr"):]
        self.header_head = _root_open(parts[self.header].decode(), "w:hdr")
        self.footer_head = _root_open(parts[self.footer].decode(), "w:ftr")
        numbering = parts["word/numbering.xml"].decode()
        self.numbering_head, self.numbering_tail = numbering.rsplit("</w:numbering>", 1)
        self.numbering_tail = "</w:numbering>" + self.numbering_tail
        styles = parts["word/styles.xml"].decode()
        nums = dict(re.findall(r'<w:num w:numId="(\d+)"[^>]*><w:abstractNumId w:val="(\d+)"/>',
                               numbering))
        self.abstract: dict[str, str] = {}
        for style_id in ("ListNumber", "ListNumber2"):
            found = re.search(rf'w:styleId="{style_id}".*?<w:numId w:val="(\d+)"/>', styles,
                              re.DOTALL)
            if found and found.group(1) in nums:
                self.abstract[style_id] = nums[found.group(1)]
        self.next_num = max((int(n) for n in nums), default=0) + 1
        own = {"word/document.xml", self.header, self.footer, self.first_header,
               self.first_footer, "word/numbering.xml", "docProps/core.xml"}
        self.order = list(parts)
        self.kept = {name: _deflated(name, data) for name, data in parts.items()
                     if name not in own}


def _root_open(xml: str, tag: str) -> str:
    start = xml.index(f"<{tag}")
    return xml[:xml.index(">", start) + 1]


def _deflated(name: str, data: bytes) -> _Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    return _Entry(name.encode(), zlib.crc32(data), len(data), packed)


def _zip(entries: list[_Entry]) -> bytes:
    """A ZIP archive of deflated *entries* (what zipfile writes, without recompressing)."""
    out = bytearray()
    central = bytearray()
    time, date = _FIXED_TIME
    for entry in entries:
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, time, date, entry.crc,
                           len(entry.data), entry.size, len(entry.name), 0)
        out += entry.name
        out += entry.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, time, date,
                               entry.crc, len(entry.data), entry.size, len(entry.name), 0, 0, 0,
                               0, 0, offset)
        central += entry.name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                       start, 0)
    return bytes(out)


@cache
def _package(tag: str, font: str, margins: tuple[float, float, float, float, float],
             grid: Grid) -> _Package:
    return _Package(_base(tag, font, margins, grid))


def _text(text: str) -> str:
    return escape(_NOT_XML.sub("", text), quote=False)


def _run(text: str, bold: bool = False, italic: bool = False) -> str:
    """One or more ``w:r``: line breaks become ``w:br``, tabs ``w:tab`` (as python-docx)."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = []
    for number, line in enumerate(text.split("\n")):
        if number:
            pieces.append("<w:r><w:br/></w:r>")
        content = "<w:tab/>".join(f'<w:t xml:space="preserve">{_text(part)}</w:t>' if part
                                  else "" for part in line.split("\t"))
        if content:
            pieces.append(f"<w:r>{rpr}{content}</w:r>")
    return "".join(pieces)


def _paragraph(style: str | None, content: str, extra: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + extra
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"


def _field(code: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


PAGE_MM = 13  # the page number's own column: "12 (12)" in 10 pt fits
HEADER_LINE_MM = 10 * LINE_HEIGHT * 25.4 / 72  # one line of the header's 10 pt text


def _header(model: PrintLetter, package: _Package, grid: Grid, first: bool = True) -> str:
    """A borderless table, as the PDF's header: the sender; from the grid's header tab stop
    on the document name with the page "1 (2)" in a column of its own at its right (a long
    name wraps in its column and never pushes the page number down), and below them the
    date and the reference across both columns (so they do not wrap in the name's narrow
    column). Later pages (``first=False``) have the document name and the page only."""
    page = model.layout.page
    width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
    left, number = _twips(grid.header_mm), _twips(PAGE_MM)
    middle = _twips(width - grid.header_mm) - number
    labels = model.layout.labels
    sender = "<w:r>" + "<w:br/>".join(f'<w:t xml:space="preserve">{_text(line)}</w:t>'
                                      for line in model.layout.sender) + "</w:r>"
    page_number = _field("PAGE") + _run(" (") + _field("NUMPAGES") + _run(")")

    def cell(twips: int, content: str, extra: str = "") -> str:
        return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/>{extra}</w:tcPr>{content}</w:tc>'

    # On the first page the header reaches down to the address field at least, so that no
    # body text fits between the header and the address frame (a one-line document name
    # left room there for the heading): the body then starts below the frame.
    field_top = (model.layout.address_field["top_mm"]
                 - model.layout.page["margin_top_mm"])
    # The first row has at least the document name's one line, so the date row's minimum
    # makes up the rest; the date follows the name directly, as in the PDF.
    heights = (0, max(0.0, field_top - HEADER_LINE_MM)) if first else (0, 0)

    def row(height_mm: float) -> str:
        if not height_mm:
            return "<w:tr>"
        return (f'<w:tr><w:trPr><w:trHeight w:val="{_twips(height_mm)}" w:hRule="atLeast"/>'
                "</w:trPr>")

    rows = (row(heights[0])
            + cell(left, _paragraph("Header", sender if first else ""),
                   '<w:vMerge w:val="restart"/>' if first else "")
            + cell(middle, _paragraph("Header", _run(model.title, bold=True)))
            + cell(number, _paragraph("Header", page_number, '<w:jc w:val="right"/>'))
            + "</w:tr>")
    if first:
        lines = [f"{labels.get('date', '')} {model.date}".strip(),
                 f"{labels.get('reference', '')} {model.reference}".strip()]
        rows += (row(heights[1]) + cell(left, _paragraph("Header", ""), "<w:vMerge/>")
                 + cell(middle + number, "".join(_paragraph("Header", _run(line))
                                                 for line in lines), '<w:gridSpan w:val="2"/>')
                 + "</w:tr>")
    table = ('<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
             '</w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
             'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
             f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{middle}"/>'
             f'<w:gridCol w:w="{number}"/></w:tblGrid>{rows}</w:tbl>')
    return package.header_head + table + "</w:hdr>"


def _body(model: PrintLetter, package: _Package, grid: Grid) -> tuple[str, str]:
    """The document body and the ``w:num`` entries its numbered lists need."""
    frame = _address_frame(model.layout.address_field)
    parts = [_paragraph("LetterAddress", _run(line), frame) for line in model.recipient or [""]]
    nums: list[str] = []
    list_nums: dict[int, int] = {}
    body = _twips(grid.body_mm)
    blocks = [block for block in model.blocks if block.kind != "rule"]
    for number, block in enumerate(blocks):
        content = "".join(_run(run.text, run.bold, run.italic) for run in block.runs)
        if block.kind == "heading":
            parts.append(_paragraph(f"Heading{min(block.level, 3)}", content))
        elif block.kind == "item":
            parts.append(_item(block, content, package, nums, list_nums, body))
        else:
            # the signature (the last paragraph) stays on the page of the one before it, and
            # a paragraph that introduces a list on the page of the list
            last = number == len(blocks) - 2
            keep = "<w:keepNext/>" if last or (number + 1 < len(blocks)
                                               and blocks[number + 1].kind == "item") else ""
            parts.append(_paragraph(None, content, keep))
    return "".join(parts), "".join(nums)


def _address_frame(field: dict) -> str:
    """The address lines' frame: the layout's address field, placed on the page itself
    (where the envelope's window is, however tall the header grows), the field's size kept
    free of body text, which starts below it (consecutive paragraphs with the same frame
    share it)."""
    return (f'<w:framePr w:w="{_twips(field["width_mm"])}" '
            f'w:h="{_twips(field["height_mm"])}" w:hRule="exact" w:wrap="notBeside" '
            'w:vAnchor="page" w:hAnchor="page" '
            f'w:x="{_twips(field["left_mm"])}" w:y="{_twips(field["top_mm"])}"/>')


def _item(block: Block, content: str, package: _Package, nums: list[str],
          list_nums: dict[int, int], body: int) -> str:
    style = ("ListNumber" if block.ordered else "ListBullet") + ("2" if block.depth else "")
    indent = body + _twips(7) * (block.depth + 1)
    extra = ""
    abstract = package.abstract.get(style) if block.ordered else None
    if abstract is not None:
        # Each numbered list is its own w:num, restarting at the list's first number;
        # sharing the style's numbering would continue the count from the list before.
        num = list_nums.get(block.list_id)
        if num is None:
            num = list_nums[block.list_id] = package.next_num + len(nums)
            nums.append(f'<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
                        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{block.number}"/>'
                        "</w:lvlOverride></w:num>")
        extra = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
    extra += f'<w:ind w:left="{indent}" w:hanging="{_twips(6)}"/>'
    return _paragraph(style, content, extra)


def _core(model: PrintLetter) -> str:
    author = model.layout.sender[0] if model.layout.sender else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(model.title)}</dc:title>"
        f"<dc:subject>{_text(model.letter_id)}</dc:subject>"
        f"<dc:creator>{_text(author)}</dc:creator>"
        f"<cp:keywords>{_text(model.letter_id)}; version {model.version}; commit "
        f"{_text(model.commit)}</cp:keywords>"
        f"<dc:description>git commit of the templates: {_text(model.commit)}</dc:description>"
        f"<cp:revision>{max(int(model.version), 1)}</cp:revision>"
        f"<dc:language>{_text(model.language_tag)}</dc:language>"
        f"<cp:version>{model.version}</cp:version></cp:coreProperties>")


def to_docx(model: PrintLetter) -> bytes:
    page = model.layout.page
    # 25 mm at the top, as the PDF's later pages; on the first the address frame, placed on
    # the page, keeps the body below the address field (the PDF's 40 mm and the field)
    margins = (page["margin_left_mm"], page["margin_right_mm"], 25,
               page["margin_bottom_mm"], page["margin_top_mm"])
    grid = grid_of(model)
    package = _package(model.language_tag, model.layout.font, margins, grid)
    body, nums = _body(model, package, grid)
    footer = package.footer_head + _paragraph(
        "Footer", _run(" · ".join(model.layout.footer)), FOOTER_RULE) + "</w:ftr>"
    own = {
        "word/document.xml": package.document_head + body + package.document_tail,
        package.first_header: _header(model, package, grid),
        package.first_footer: footer,
        package.header: _header(model, package, grid, first=False),
        package.footer: package.footer_head + _paragraph("Footer", "") + "</w:ftr>",
        "word/numbering.xml": package.numbering_head + nums + package.numbering_tail,
        "docProps/core.xml": _core(model),
    }
    entries = [package.kept[name] if name in package.kept
               else _deflated(name, own[name].encode()) for name in package.order]
    return _zip(entries)
