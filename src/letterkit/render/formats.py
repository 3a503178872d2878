"""One entry point from a rendered letter to the bytes of every output format."""

from __future__ import annotations

from letterkit.render import RenderedLetter
from letterkit.render.markdown import letter_text, to_text
from letterkit.render.page import letter_page

FORMATS = {"md": "md", "html": "html", "print": "html", "text": "txt", "docx": "docx",
           "pdf": "pdf"}


def render_format(rendered: RenderedLetter, fmt: str) -> bytes:
    if fmt == "md":
        return rendered.markdown.encode()
    if fmt == "text":
        if rendered.preview:
            return to_text(rendered.markdown).encode()
        return letter_text(rendered.markdown, rendered.source_map).encode()
    if fmt == "html":
        return letter_page(rendered).encode()
    from letterkit.render.model import print_model

    model = print_model(rendered)
    if fmt == "print":
        from letterkit.render.printpage import print_page

        return print_page(model).encode()
    if fmt == "docx":
        from letterkit.render.docx import to_docx

        return to_docx(model)
    from letterkit.render.pdf import to_pdf

    return to_pdf(model)
