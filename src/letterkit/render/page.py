"""A whole HTML page for a rendered letter: A4-like, readable, printable."""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files

from letterkit.render import RenderedLetter
from letterkit.render.markdown import letter_html, to_html


@cache
def letter_css() -> str:
    return files("letterkit.render").joinpath("letter.css").read_text(encoding="utf-8")


def letter_fragment(rendered: RenderedLetter) -> str:
    """The letter's body as an HTML fragment inside an A4-like ``<article>``."""
    if rendered.preview:
        body = to_html(rendered.markdown, highlight_missing=True)
    else:
        body = letter_html(rendered.markdown, rendered.source_map)
    return (f'<article class="lk-letter" lang="{rendered.lang}">\n{body}</article>\n')


def letter_page(rendered: RenderedLetter, *, generator_note: str = "") -> str:
    """A standalone HTML document for *rendered*."""
    letter = rendered.letter
    meta = (f"{letter.id} · version {letter.version} · {rendered.lang}"
            + (f" · sample {rendered.sample_name}" if rendered.sample_name else ""))
    note = f"<p class=\"lk-meta\">{escape(generator_note)}</p>" if generator_note else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{rendered.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(rendered.title)}</title>\n"
        f'<meta name="generator" content="letterkit">\n'
        f"<style>\n{letter_css()}</style>\n</head>\n<body>\n"
        f'<p class="lk-meta">{escape(meta)}</p>\n{note}'
        f"{letter_fragment(rendered)}</body>\n</html>\n"
    )
