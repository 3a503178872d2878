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
import re
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


def N_(message: str) -> str:
    """Marks *message* for extraction; translated where it is shown."""
    return message


# What each colour means to a writer; gettext ids (translated in locales/*/preview_app.po).
KIND_LABELS: dict[str, str] = {
    "long-sentence": N_("Sentence longer than the target"),
    "metric": N_("Too long or too dense"),
    "limit": N_("Used more often than it should be"),
    "words": N_("A plainer word exists"),
    "pattern": N_("A phrase to avoid"),
    "morphology": N_("Passive or heavy word form"),
    "term": N_("Term: check the word or explain it"),
    "consistency": N_("Said in different ways"),
    "structure": N_("Part of the letter missing or out of place"),
    "spelling": N_("Spelling"),
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


# What opens a Markdown block (heading hashes, list bullets and numbers, quotes) and what
# closes a heading (its ``{#id}``): a mark placed inside them would break the Markdown.
_BLOCK_OPENER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)*")
_HEADING_ID = re.compile(r"[ \t]*\{#[^}]*\}[ \t]*$")


def _text_span(markdown: str, start: int, end: int) -> tuple[int, int]:
    """*start*..*end* cut to the text of one line: after its block opener, before the end of
    the line and a heading's id."""
    line_start = markdown.rfind("\n", 0, start) + 1
    newline = markdown.find("\n", start)
    line_end = len(markdown) if newline == -1 else newline
    opener = _BLOCK_OPENER.match(markdown, line_start, line_end)
    start = max(start, opener.end() if opener else line_start)
    heading_id = _HEADING_ID.search(markdown, line_start, line_end)
    end = min(end, line_end, heading_id.start() if heading_id else line_end)
    return start, end


def placed_marks(markdown: str, marks: Sequence[Mark]) -> list[tuple[int, Mark, int, int]]:
    """``(number, mark, start, end)`` for every mark that covers text, numbered 1.. in
    reading order: the numbers the letter and the list of findings share."""
    placed = []
    for mark in marks:
        start, end = _text_span(markdown, max(0, mark.start), min(len(markdown), mark.end))
        if end > start:
            placed.append((start, end, mark))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [(n, mark, start, end) for n, (start, end, mark) in enumerate(placed, 1)]


def _title(mark: Mark) -> str:
    title = f"{mark.code}: {mark.message}" if mark.code else mark.message
    return title + (f" → {mark.suggestion}" if mark.suggestion else "")


def marked_html(markdown: str, marks: Sequence[Mark], *, highlight_missing: bool = True,
                numbered: bool = False, tags=None) -> str:  # noqa: ANN001
    """HTML of *markdown* with each mark as ``<mark class="lk-hit">``.

    Private-use characters stand in for the tags while markdown-it escapes and renders the
    text, then become the tags. A mark covers only the text of one line: never a heading's
    hashes or id, a list bullet or the line break, so the Markdown stays what it was.
    *numbered*: each mark is a focusable target ``#lk-hit-N`` followed by a link to its
    entry ``#lk-f-N`` in :func:`findings_list_html`, so that touch, keyboard and screen-reader
    users reach the message too (a title tooltip is for mice only). *tags*: a function
    ``(number, mark) -> (opening tag, closing tag)`` for other kinds of span.
    """
    events: list[tuple[int, int, str]] = []  # (offset, 0 close / 1 open, sentinel)
    tag_map: dict[str, str] = {}
    for n, mark, start, end in placed_marks(markdown, marks):
        opener, closer = chr(0xF0000 + 2 * n), chr(0xF0001 + 2 * n)
        if tags is not None:
            tags_n = tags(n, mark)
            events.append((start, 1, opener))
            events.append((end, 0, closer))
            tag_map[opener], tag_map[closer] = tags_n
            continue
        extra = (f' id="lk-hit-{n}" tabindex="0" aria-describedby="lk-f-{n}"'
                 if numbered else "")
        tag_map[opener] = (f'<mark class="lk-hit" data-kind="{html.escape(mark.kind)}" '
                        f'style="background:{kind_colour(mark.kind)}" '
                        f'title="{html.escape(_title(mark))}"{extra}>')
        tag_map[closer] = "</mark>" + (f'<sup class="lk-ref"><a href="#lk-f-{n}">{n}</a></sup>'
                                    if numbered else "")
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
    if tag_map:
        out = "".join(tag_map.get(ch, ch) if ord(ch) >= 0xF0000 else ch for ch in out)
    return out


def reading_html(markdown: str, spans: Sequence[tuple[int, int, int]]) -> str:
    """The letter's HTML with each spoken sentence in ``<span class="lk-read"
    data-cue="N">`` (*spans*: ``(cue, start, end)``), for highlighting while it is read."""
    marks = [Mark(start, end, "reading", str(cue), "") for cue, start, end in spans]
    return marked_html(markdown, marks, tags=lambda _n, mark: (
        f'<span class="lk-read" data-cue="{int(mark.code)}">', "</span>"))


def findings_list_html(markdown: str, marks: Sequence[Mark], gettext=lambda s: s) -> str:  # noqa: ANN001
    """The marks as an ordered list beside the letter: ``#lk-f-N`` links back to the mark."""
    items = []
    for n, mark, start, end in placed_marks(markdown, marks):
        label = gettext(KIND_LABELS.get(mark.kind, N_("other finding")))
        words = html.escape(markdown[start:end][:60])
        link = (f' <a href="{html.escape(mark.url)}">{html.escape(gettext("rule page"))}</a>'
                if mark.url else "")
        items.append(
            f'<li id="lk-f-{n}" value="{n}"><a href="#lk-hit-{n}" class="lk-f-back">'
            f'<mark style="background:{kind_colour(mark.kind)}">{words}</mark></a> '
            f'<span class="lk-f-kind">{html.escape(label)}</span> '
            f'<code>{html.escape(mark.code)}</code> {html.escape(mark.message)}'
            + (f" → <strong>{html.escape(mark.suggestion)}</strong>" if mark.suggestion else "")
            + f"{link}</li>")
    return f'<ol class="lk-findings">{"".join(items)}</ol>' if items else ""


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
    return WriterView(rendered, marked_html(rendered.markdown, marks, numbered=True), marks,
                      note, figs, met, missing)


_SECTION_START = re.compile(r'<h2(?: id="([^"]*)")?')


def _sections(body_html: str) -> list[tuple[str, str]]:
    """``(id, html)`` of the part before the first ``<h2>`` ("") and of every section."""
    starts = list(_SECTION_START.finditer(body_html))
    parts = [("", body_html[:starts[0].start()] if starts else body_html)]
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body_html)
        parts.append((match.group(1) or f"section-{i + 1}", body_html[match.start():end]))
    return parts


DOWNLOAD_TYPES = {"docx": "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document", "pdf": "application/pdf"}


def download_name(letter_id: str, lang: str, sample: str | None, fmt: str) -> str:
    """``asylum-interview-invitation-fi-default.docx``: letter, language and sample."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{letter_id}-{lang}-{sample or 'values'}")
    return f"{safe}.{fmt}"


def letter_file(rendered: RenderedLetter, fmt: str) -> bytes:
    """The .docx or PDF of the letter the writer view shows (from the same print model as
    ``letterkit render --format docx|pdf``; a missing value stays visible as ((name)))."""
    from letterkit.render.formats import render_format

    if fmt not in DOWNLOAD_TYPES:
        raise ValueError(f"no download of format {fmt!r}")
    return render_format(rendered, fmt)


def aligned_sections_html(views: Mapping[str, str], narrow: str | None = None) -> str:
    """The languages' letters side by side, one grid row per section id, in the order of the
    first language (a section one language lacks leaves its cell empty).

    On a narrow screen (a phone) only the *narrow* language is shown, one language at a
    time: the other languages' cells carry ``data-other`` and the page's CSS hides them there.
    """
    by_lang = {lang: dict(_sections(body)) for lang, body in views.items()}
    order: list[str] = []
    for sections in by_lang.values():
        order.extend(key for key in sections if key not in order)
    narrow = narrow if narrow in views else next(iter(views), None)

    def other(lang: str) -> str:
        return "" if lang == narrow else " data-other"

    header = "".join(f'<div class="lk-cell lk-cell-head" lang="{html.escape(lang)}"{other(lang)}>'
                     f"{html.escape(lang)}</div>" for lang in views)
    rows = [f'<div class="lk-row lk-row-head">{header}</div>']
    for key in order:
        cells = "".join(
            f'<div class="lk-cell lk-letter" lang="{html.escape(lang)}"{other(lang)}>'
            f'<span class="lk-cell-lang">{html.escape(lang)}</span>'
            f"{by_lang[lang].get(key, '')}</div>" for lang in views)
        rows.append(f'<div class="lk-row" data-section="{html.escape(key)}">{cells}</div>')
    return (f'<div class="lk-aligned" data-narrow="{html.escape(narrow or "")}" '
            f'style="--lk-cols:{len(views)}">{"".join(rows)}</div>')


def legend_html(kinds: Sequence[str], gettext=lambda s: s) -> str:  # noqa: ANN001
    """What each colour in the letter means, in the interface language."""
    items = "".join(
        f'<span class="lk-legend-item"><mark style="background:{kind_colour(k)}">'
        f"&nbsp;&nbsp;&nbsp;</mark> {html.escape(gettext(KIND_LABELS.get(k, N_('other finding'))))}"
        "</span>" for k in kinds)
    return f'<div class="lk-legend">{items}</div>'
