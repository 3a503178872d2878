"""The print HTML of a letter (SFS 2487 layout), written from the print model.

WeasyPrint turns this page into the PDF; a browser shows the same page as the preview.
"""

from __future__ import annotations

from html import escape

from letterkit.render.model import Block, PrintLetter, Run


def _runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br>")
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.href:
            text = f'<a href="{escape(run.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _body(blocks: list[Block]) -> str:
    html: list[str] = []
    open_lists: list[str] = []
    for block in blocks:
        depth = block.depth + 1 if block.kind == "item" else 0
        while len(open_lists) > depth or (
                open_lists and block.kind == "item" and len(open_lists) == depth
                and open_lists[-1] != ("ol" if block.ordered else "ul")):
            html.append(f"</{open_lists.pop()}>")
        if block.kind == "item":
            while len(open_lists) < depth:
                tag = "ol" if block.ordered else "ul"
                start = f' start="{block.number}"' if block.ordered and block.number != 1 else ""
                html.append(f"<{tag}{start}>")
                open_lists.append(tag)
            html.append(f"<li>{_runs(block.runs)}</li>")
        elif block.kind == "heading":
            html.append(f"<h{block.level}>{_runs(block.runs)}</h{block.level}>")
        elif block.kind == "rule":
            html.append("<hr>")
        else:
            html.append(f"<p>{_runs(block.runs)}</p>")
    html.extend(f"</{tag}>" for tag in reversed(open_lists))
    return "\n".join(html)


def print_css(model: PrintLetter) -> str:
    """The page CSS; the same for every letter of one layout and language (the PDF parses it
    once per process, see ``render.pdf``)."""
    from letterkit.render.docx import grid_of

    page, field = model.layout.page, model.layout.address_field
    grid = grid_of(model)
    left, right = page["margin_left_mm"], page["margin_right_mm"]
    width = page["width_mm"] - left - right
    column = width - grid.header_mm
    top = page["margin_top_mm"]
    return f"""
@page {{ size: {page['width_mm']}mm {page['height_mm']}mm;
  margin: 25mm {right}mm {page['margin_bottom_mm']}mm {left}mm;
  @top-right {{ content: element(next); vertical-align: top; padding-top: {top}mm;
    width: {column:.2f}mm; }} }}
@page :first {{ margin-top: 40mm;
  @top-left {{ content: element(sender); vertical-align: top; padding-top: {top}mm;
    width: {grid.header_mm:.2f}mm; }}
  @top-right {{ content: element(docinfo); vertical-align: top; padding-top: {top}mm;
    width: {column:.2f}mm; }}
  @bottom-center {{ content: element(footer); }} }}
body {{ font-family: "{model.layout.font}", "DejaVu Sans", sans-serif; font-size: 11pt;
  line-height: 1.35; margin: 0; }}
header {{ font-size: 10pt; }}
header.sender {{ position: running(sender); }}
header.docinfo {{ position: running(docinfo); width: {column:.2f}mm; }}
header.next {{ position: running(next); width: {column:.2f}mm; }}
@media screen {{ header.next, header .page {{ display: none; }} }} /* no pages on a screen */
/* the page number first, floated right: a long document name wraps beside it in its own
   column and never pushes "1 (2)" down onto the date line */
header .page {{ float: right; margin-left: 3mm; }}
header .page::after {{ content: counter(page) " (" counter(pages) ")"; }}
header p {{ margin: 0; }}
/* a document name too long for its lines ends in "…" (the PDF's title keeps all of it) */
header.docinfo .title {{ line-clamp: 3; }}
header.next .title {{ line-clamp: 2; }}
footer {{ position: running(footer); font-size: 8.5pt; border-top: 0.5pt solid #555;
  padding-top: 2mm; width: {width:.2f}mm; }}
.address {{ height: {field['height_mm'] - (45 - field['top_mm'])}mm;
  margin-top: {field['top_mm'] - 40}mm; width: {field['width_mm']}mm; }}
.address p {{ margin: 0; }}
/* SFS 2487 text grid: headings at the margin, the body text at tab stop {grid.body_tab} */
main > p, main > ul, main > ol, main > hr {{ margin-left: {grid.body_mm:.2f}mm; }}
main > p:last-child {{ break-before: avoid; }} /* the signature stays with the text before it */
h1 {{ font-size: 14pt; margin: 8mm 0 4mm; }}
h2 {{ font-size: 12pt; margin: 5mm 0 2mm; }}
h3 {{ font-size: 11pt; }}
p {{ margin: 0 0 3mm; }}
ul, ol {{ margin: 0 0 3mm; padding-left: 7mm; }}
a {{ color: inherit; }}
"""


def print_page(model: PrintLetter, *, style: bool = True) -> str:
    """A whole HTML document: running header and footer, address field, body.

    ``style=False`` leaves out the ``<style>`` (the PDF passes :func:`print_css` parsed once).
    On the first page the header has the sender, the document name, the page "1 (2)", the
    date and the reference, and the footer the contact details; later pages repeat the
    document name and the page only.
    """
    labels = model.layout.labels
    title = escape(model.title)
    page = '<span class="page"></span>'
    sender = "<br>".join(escape(line) for line in model.layout.sender)
    name = f'{page}<p class="title"><strong>{title}</strong></p>'
    docinfo = (f"{name}<p>{escape(labels.get('date', ''))} {escape(model.date)}</p>"
               f"<p>{escape(labels.get('reference', ''))} {escape(model.reference)}</p>")
    recipient = "".join(f"<p>{escape(line)}</p>" for line in model.recipient)
    footer = " · ".join(escape(line) for line in model.layout.footer)
    css = f"<style>{print_css(model)}</style>\n" if style else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{model.language_tag}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{escape(model.letter_id)}">\n'
        f'<meta name="keywords" content="{escape(model.letter_id)}, version {model.version}">\n'
        f'<meta name="generator" content="letterkit">\n'
        f"{css}</head>\n<body>\n"
        f'<header class="sender">{sender}</header>\n'
        f'<header class="docinfo">{docinfo}</header>\n'
        f'<header class="next" aria-hidden="true">{name}</header>\n'
        f"<footer>{footer}</footer>\n"
        f'<div class="address">{recipient}</div>\n'
        f"<main>\n{_body(model.blocks)}\n</main>\n</body>\n</html>\n"
    )
