"""What the writer view shows: a rendered letter with findings marked, and its figures.

The linter (``letterkit.lint.lint_rendered``) may not be installed or may fail on a letter;
then the view still shows the letter, the readability figures and the hard sentences, with a
note that the linter is not available. Text is escaped by the Markdown renderer before any
mark is added, so sample values cannot inject HTML.
"""

from __future__ import annotations

import colorsys
import hashlib
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from letterkit.render import RenderedLetter
from letterkit.render.markdown import to_html
from letterkit.text import analyze

if TYPE_CHECKING:
    from letterkit.project import Project
from letterkit.text.report import check_targets, figures, targets_from_config

# Colours by rule kind (Hemingway's idea: one colour per kind of problem), with a legend.
KIND_COLOURS: dict[str, str] = {
    "long-sentence": "#fde68a",   # readability: a sentence over the length target
    "metric": "#fcd34d",          # too long or too dense (sentences, sections, figures)
    "limit": "#fdba74",           # counts over a limit
    "words": "#93c5fd",           # a word or phrase with a plainer alternative
    "pattern": "#fca5a5",         # a pattern to avoid
    "morphology": "#c4b5fd",      # passive, -minen forms, participles
    "term": "#a7f3d0",            # term base: deprecated term, unexplained term
    "consistency": "#f9a8d4",     # the same thing said in different ways
    "structure": "#d8b4fe",       # sections, headings, end of letter
    "spelling": "#d9f99d",
}
KIND_LABELS: dict[str, str] = {
    "long-sentence": "long sentence (readability target)",
    "metric": "too long or too dense",
    "limit": "over a limit",
    "words": "plainer word exists",
    "pattern": "phrase to avoid",
    "morphology": "passive or heavy word form",
    "term": "term base",
    "consistency": "inconsistent wording",
    "structure": "letter structure",
    "spelling": "spelling",
}


def kind_colour(kind: str) -> str:
    if kind in KIND_COLOURS:
        return KIND_COLOURS[kind]
    hue = int(hashlib.sha256(kind.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, 0.82, 0.7)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


@dataclass(frozen=True)
class Mark:
    """A span of the rendered Markdown to mark, with what to say about it."""

    start: int
    end: int
    kind: str
    code: str
    message: str
    severity: str = "suggestion"
    url: str = ""
    path: str = ""
    line: int = 0
    column: int = 0
    suggestion: str = ""
    found: str = ""


def _linter():
    try:
        from letterkit.lint import lint_rendered
    except ImportError:
        return None
    return lint_rendered


def linter_available() -> bool:
    return _linter() is not None


def lint_hits(rendered: RenderedLetter, project: Project | None = None
              ) -> tuple[list[Mark], str | None]:
    """The linter's hits as marks, and None, or ``[]`` and why there are none."""
    lint_rendered = _linter()
    if lint_rendered is None:
        return [], "The linter is not available in this installation yet (letterkit.lint)."
    try:
        hits = lint_rendered(rendered, project or _project_of(rendered))
    except Exception as exc:  # noqa: BLE001 - the preview must survive a failing rule
        return [], f"The linter failed on this letter: {type(exc).__name__}: {exc}"
    marks = []
    for hit in hits:
        finding = hit.finding
        severity = getattr(finding.severity, "value", str(finding.severity))
        marks.append(Mark(int(hit.start), int(hit.end), str(getattr(hit, "kind", "") or "rule"),
                          finding.code, finding.message, severity, finding.url or "",
                          finding.path, finding.line, finding.column,
                          finding.suggestion or "", finding.found or ""))
    return marks, None


def sentence_marks(doc, body_start: int, limit: float) -> list[Mark]:  # noqa: ANN001
    """Sentences of the body longer than *limit* words (the longest_sentence target)."""
    return [Mark(s.start, s.end, "long-sentence", "readability",
                 f"{len(s.words)} words; the target is at most {int(limit)}")
            for s in doc.sentences if s.start >= body_start and len(s.words) > limit]


def marked_html(markdown: str, marks: Sequence[Mark], *, highlight_missing: bool = True) -> str:
    """HTML of *markdown* with each mark as ``<mark class="lk-hit">``.

    Private-use characters stand in for the tags while markdown-it escapes and renders the
    text, then become the tags. A mark is cut at the end of its line so it stays inside one
    block.
    """
    events: list[tuple[int, int, str]] = []  # (offset, 0 close / 1 open, sentinel)
    tags: dict[str, str] = {}
    for i, mark in enumerate(marks):
        start, end = max(0, mark.start), min(len(markdown), mark.end)
        newline = markdown.find("\n", start)
        if newline != -1:
            end = min(end, newline)
        if end <= start:
            continue
        opener, closer = chr(0xF0000 + 2 * i), chr(0xF0001 + 2 * i)
        title = f"{mark.code}: {mark.message}" if mark.code else mark.message
        if mark.suggestion:
            title += f" → {mark.suggestion}"
        tags[opener] = (f'<mark class="lk-hit" data-kind="{html.escape(mark.kind)}" '
                        f'style="background:{kind_colour(mark.kind)}" '
                        f'title="{html.escape(title)}">')
        tags[closer] = "</mark>"
        events.append((start, 1, opener))
        events.append((end, 0, closer))
    events.sort(key=lambda e: (e[0], e[1]))
    pieces, last = [], 0
    for offset, _kind, sentinel in events:
        pieces.append(markdown[last:offset])
        pieces.append(sentinel)
        last = offset
    pieces.append(markdown[last:])
    out = to_html("".join(pieces), highlight_missing=highlight_missing)
    if tags:
        out = "".join(tags.get(ch, ch) if ord(ch) >= 0xF0000 else ch for ch in out)
    return out


@dataclass
class WriterView:
    rendered: RenderedLetter
    html: str
    marks: list[Mark]
    lint_note: str | None
    figures: dict[str, Any]
    targets: list[dict[str, Any]]
    missing: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.marks})


def _project_of(rendered: RenderedLetter) -> Project:
    from letterkit.project import find_project

    return find_project(rendered.letter.path)


def writer_view(rendered: RenderedLetter, config: Mapping[str, Any] | None,
                project: Project | None = None) -> WriterView:
    """Everything the writer view shows for one rendered letter."""
    import re

    doc = analyze(rendered.markdown, rendered.lang)
    body = doc.sentences_between(rendered.body_start, len(rendered.markdown))
    figs = figures(doc, body)
    targets = targets_from_config(config, rendered.lang)
    met = check_targets(figs["measures"], targets)
    limit = targets.get("longest_sentence", 25)
    marks = sentence_marks(doc, rendered.body_start, limit)
    hits, note = lint_hits(rendered, project)
    marks.extend(hits)
    missing = sorted(set(re.findall(r"\(\(([A-Za-z_][A-Za-z0-9_.]*)\)\)", rendered.markdown)))
    return WriterView(rendered, marked_html(rendered.markdown, marks), marks, note, figs, met,
                      missing)


def legend_html(kinds: Sequence[str]) -> str:
    items = "".join(
        f'<span class="lk-legend-item"><mark style="background:{kind_colour(k)}">'
        f"{html.escape(k)}</mark> {html.escape(KIND_LABELS.get(k, 'rule'))}</span>"
        for k in kinds)
    return f'<div class="lk-legend">{items}</div>'
