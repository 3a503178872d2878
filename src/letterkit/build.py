"""Render every letter, language and sample of a catalogue to HTML files with an index."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from letterkit.catalog import Catalog
from letterkit.errors import LetterkitError, Location, Problem
from letterkit.render import render_letter
from letterkit.render.page import letter_css, letter_page


@dataclass
class BuildResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"


def build_catalog(catalog: Catalog, out_dir: Path) -> BuildResult:
    """Write ``<out>/<letter>/<sample>.<lang>.html`` for everything that renders, and an index."""
    result = BuildResult(out_dir)
    rows: list[str] = []
    for letter in sorted(catalog.letters.values(), key=lambda item: item.id):
        links: list[str] = []
        for sample in sorted(letter.samples.values(), key=lambda s: (s.name != "default", s.name)):
            cells = []
            for lang in letter.languages:
                try:
                    rendered = render_letter(letter, lang, sample)
                except LetterkitError as exc:
                    result.problems.append(Problem(exc.location or Location(str(sample.path)),
                                                   f"{exc.message} [sample {sample.name}, {lang}]"))
                    cells.append(f"<td>{lang}: failed</td>")
                    continue
                target = out_dir / letter.id / f"{sample.name}.{lang}.html"
                _write(target, letter_page(rendered))
                result.files.append(target)
                cells.append(f'<td><a href="{escape(letter.id)}/{escape(target.name)}">'
                             f"{lang}</a></td>")
            links.append(f"<tr><td>{escape(sample.name)}</td><td>{escape(sample.description)}"
                         f"</td>{''.join(cells)}</tr>")
        title = letter.title.get("en") or next(iter(letter.title.values()), letter.id)
        rows.append(
            f"<h2>{escape(title)}</h2>\n<p>{escape(letter.id)} · {escape(letter.kind)} · "
            f"version {letter.version} · {escape(letter.status)}</p>\n"
            f"<table><tr><th>Sample</th><th>Case</th><th colspan=\"{len(letter.languages)}\">"
            f"Language</th></tr>{''.join(links)}</table>")
    _write(result.index, _index_page(rows))
    return result


def _index_page(rows: list[str]) -> str:
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Letter catalogue</title>\n<style>\n" + letter_css()
        + "table { border-collapse: collapse; margin: .5em 0 1.5em; }\n"
        "td, th { border-bottom: 1px solid #ccc; padding: .3em .8em; text-align: left; }\n"
        "</style>\n</head>\n<body>\n<article class=\"lk-letter\">\n"
        "<h1>Letter catalogue</h1>\n" + "\n".join(rows) + "\n</article>\n</body>\n</html>\n")


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LetterkitError(f"cannot write: {exc.strerror}", Location(str(path))) from None
