"""letterkit render LETTER --lang L [--sample NAME] [--format md|html|print|text|docx|pdf]
[-o FILE]"""

from __future__ import annotations

from pathlib import Path

import click

from letterkit import LANGUAGES
from letterkit.cli.common import resolve_letter, write_binary, write_output


@click.command("render")
@click.argument("letter")
@click.option("--lang", "-l", required=True, type=click.Choice(LANGUAGES), help="Language.")
@click.option("--sample", "-s", default="default", show_default=True,
              help="Sample from the letter's samples/ folder.")
@click.option("--format", "-f", "fmt", default="md", show_default=True,
              type=click.Choice(["md", "html", "print", "text", "docx", "pdf"]),
              help="Output format: print is the print-layout HTML the PDF is made from.")
@click.option("--preview", is_flag=True,
              help="Show missing values as ((name)) instead of failing.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file instead of standard output.")
def command(letter: str, lang: str, sample: str, fmt: str, preview: bool,
            output: Path | None) -> None:
    """Render LETTER (an id in letters/ or a letter's folder) in one language."""
    from letterkit.render import render_letter
    from letterkit.render.formats import render_format
    from letterkit.render.markdown import to_text
    from letterkit.render.page import letter_page

    loaded = resolve_letter(letter)
    rendered = render_letter(loaded, lang, sample, preview=preview)
    if fmt in ("print", "docx", "pdf"):
        write_binary(render_format(rendered, fmt), output)
        return
    if fmt == "md":
        text = rendered.markdown
    elif fmt == "text":
        text = to_text(rendered.markdown)
    else:
        text = letter_page(rendered)
    write_output(text, output)
