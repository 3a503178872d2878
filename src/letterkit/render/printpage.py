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
    from letterkit.render.docx import grid_of

    page, field = model.layout.page, model.layout.address_field
    page_label = escape(model.layout.labels.get("page", ""))
    grid = grid_of(model)
    width = page.get("width_mm", 210) - page.get("margin_left_mm", 20) - page.get(
        "margin_right_mm", 20)
    return f"""
@page {{ size: {page.get('width_mm', 210)}mm {page.get('height_mm', 297)}mm;
  margin: 40mm {page.get('margin_right_mm', 20)}mm {page.get('margin_bottom_mm', 20)}mm
          {page.get('margin_left_mm', 20)}mm;
  @top-left {{ content: element(sender); vertical-align: top; padding-top: 12mm;
    width: {grid.header_mm:.2f}mm; }}
  @top-right {{ content: element(docinfo); vertical-align: top; padding-top: 12mm;
    width: {width - grid.header_mm:.2f}mm; }}
  @bottom-center {{ content: element(footer); }} }}
@page :first {{ margin-top: 40mm; }}
body {{ font-family: "{model.layout.font}", "DejaVu Sans", sans-serif; font-size: 11pt;
  line-height: 1.35; margin: 0; }}
header.sender {{ position: running(sender); font-size: 10pt; }}
header.docinfo {{ position: running(docinfo); font-size: 10pt; text-align: left;
  width: {width - grid.header_mm:.2f}mm; }}
header.docinfo .page::after {{ content: counter(page) " (" counter(pages) ")"; }}
footer {{ position: running(footer); font-size: 8.5pt; border-top: 0.5pt solid #555;
  padding-top: 2mm; width: 170mm; }}
.address {{ height: {field.get('height_mm', 40) - (45 - field.get('top_mm', 45))}mm;
  margin-top: {field.get('top_mm', 45) - 40}mm; width: {field.get('width_mm', 85)}mm; }}
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
.lk-page-label {{ display: none; }} /* {page_label} */
"""


def print_page(model: PrintLetter) -> str:
    """A whole HTML document: running header and footer, address field, body."""
    labels = model.layout.labels
    sender = "<br>".join(escape(line) for line in model.layout.sender)
    docinfo = (f"<strong>{escape(model.title)}</strong>"
               f'<span class="page" style="float:right"></span><br>'
               f"{escape(labels.get('date', ''))} {escape(model.date)}<br>"
               f"{escape(labels.get('reference', ''))} {escape(model.reference)}")
    recipient = "".join(f"<p>{escape(line)}</p>" for line in model.recipient)
    footer = " · ".join(escape(line) for line in model.layout.footer)
    return (
        "<!doctype html>\n"
        f'<html lang="{model.language_tag}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(model.title)}</title>\n"
        f'<meta name="description" content="{escape(model.letter_id)}">\n'
        f'<meta name="keywords" content="{escape(model.letter_id)}, version {model.version}">\n'
        f'<meta name="generator" content="letterkit">\n'
        f"<style>{print_css(model)}</style>\n</head>\n<body>\n"
        f'<header class="sender">{sender}</header>\n'
        f'<header class="docinfo">{docinfo}</header>\n'
        f"<footer>{footer}</footer>\n"
        f'<div class="address">{recipient}</div>\n'
        f"<main>\n{_body(model.blocks)}\n</main>\n</body>\n</html>\n"
    )
