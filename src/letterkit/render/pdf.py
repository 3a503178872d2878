"""PDF of a letter: WeasyPrint from the print HTML, tagged, PDF/UA-1, fonts embedded.

WeasyPrint was chosen over LibreOffice-from-.docx: it writes PDF/UA-1 with a structure tree
and /Lang in-process (no office suite to start per batch), see docs/design.md.
"""

from __future__ import annotations

from letterkit.render.model import PrintLetter
from letterkit.render.printpage import print_page


def to_pdf(model: PrintLetter) -> bytes:
    from weasyprint import HTML

    document = HTML(string=print_page(model)).render(pdf_variant="pdf/ua-1")
    document.metadata.title = model.title
    document.metadata.description = model.letter_id
    document.metadata.keywords = [model.letter_id, f"version {model.version}",
                                  f"commit {model.commit}"]
    document.metadata.lang = model.language_tag
    return document.write_pdf(pdf_variant="pdf/ua-1")
