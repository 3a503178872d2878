"""PDF of a letter: WeasyPrint from the print HTML, tagged, PDF/UA-1, fonts embedded.

WeasyPrint was chosen over LibreOffice-from-.docx: it writes PDF/UA-1 with a structure tree
and /Lang in-process (no office suite to start per batch), see docs/design.md.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from letterkit.render.model import PrintLetter
from letterkit.render.printpage import print_css, print_page


@cache
def _fonts():  # noqa: ANN202 - weasyprint's FontConfiguration
    """One font configuration per process: fontconfig's set-up and the fonts it found are
    reused by every letter (about a fifth of the time of a one-page letter)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(css: str):  # noqa: ANN202 - weasyprint's CSS
    """The page CSS parsed once per process and layout (it does not depend on the values)."""
    from weasyprint import CSS

    return CSS(string=css, font_config=_fonts())


@cache
def _ua_stylesheet():  # noqa: ANN202 - weasyprint's CSS
    """``print_ua.css``: the rules of WeasyPrint's HTML5 user-agent stylesheet that can
    match an element of the print HTML, parsed once per process."""
    from weasyprint import CSS

    return CSS(string=files("letterkit.render").joinpath("print_ua.css").read_text(
        encoding="utf-8"), font_config=_fonts())


@cache
def _html_class() -> type:
    """WeasyPrint's ``HTML`` with ``print_ua.css`` as its user-agent stylesheet.

    WeasyPrint takes the user-agent stylesheets from ``HTML._ua_stylesheets()`` (its own
    tests replace them the same way) and matches every element against every one of their
    rules: its HTML5 stylesheet costs some 10 ms a letter in the cascade, mostly for
    elements a letter never has. The PDF is the same byte for byte (tests/test_outputs.py).
    """
    from weasyprint import HTML

    class PrintHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list:
            return [_ua_stylesheet()]

    return PrintHTML


def warm_up(font: str) -> None:
    """Import WeasyPrint and lay out one line in *font*, regular and bold: a batch does this
    once before it starts its workers, which then inherit the loaded libraries, fontconfig's
    font list and the font faces instead of each spending some 0.8 s of CPU on them."""
    _html_class()(string=f'<p style="font-family: \'{font}\'">a <strong>b</strong></p>').write_pdf(
        pdf_variant="pdf/ua-1", font_config=_fonts())


def to_pdf(model: PrintLetter, *, html_class: type | None = None) -> bytes:
    """The tagged PDF/UA-1 of *model*. *html_class* replaces the ``HTML`` class that reads
    the print HTML (the tests compare the PDF with WeasyPrint's own stylesheet)."""
    document = (html_class or _html_class())(string=print_page(model, style=False)).render(
        stylesheets=[_stylesheet(print_css(model))], pdf_variant="pdf/ua-1",
        font_config=_fonts())
    document.metadata.title = model.title
    document.metadata.description = model.letter_id
    document.metadata.keywords = [model.letter_id, f"version {model.version}",
                                  f"commit {model.commit}"]
    document.metadata.lang = model.language_tag
    return document.write_pdf(pdf_variant="pdf/ua-1")
