"""The letter catalogue on the site: an index and one page per letter in every language, each
rendered with its default sample, with its readability figures and its lint findings now."""

from __future__ import annotations

from html import escape

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError
from letterkit.project import Project
from letterkit.site.common import LANGUAGE_NAMES, number, page, relative_source, text, words

FOLDER = "generated/letters"  # generated/letters/<letter id>/

CATALOGUE_INTRO = "Every letter template. Each example uses invented data."
NO_VERSION = "This letter has no {language} version. It is written in: {languages}."
NO_FINDINGS = "The linter has no findings on this letter in this language."
NOT_CHECKED = "This letter could not be checked: {reason}"
RENDER_FAILED = "This letter could not be rendered: {reason}"
READABILITY = "{measure}: {value} ({band}); words per sentence {wps}; longest sentence {longest}."
EXAMPLE = "The letter with the invented data of the sample “{sample}”:"
# letter.yaml's status values (model.letter.STATUSES) as the site shows them.
STATUS_LABELS = {
    "draft": "draft",
    "language-review": "in language review",
    "panel-testing": "in panel testing",
    "approved": "approved",
}


def _kind_title(project: Project, kind: str, lang: str) -> str:
    settings = (project.kinds or {}).get(kind) or {}
    return ((settings.get("title") or {}).get(lang)) or kind


def _render(letter, lang: str) -> tuple[str, dict]:
    """(the letter's HTML, its readability figures) with the default sample."""
    from letterkit.render import render_letter
    from letterkit.text import analyze
    from letterkit.text.report import figures

    rendered = render_letter(letter, lang, "default")
    doc = analyze(rendered.markdown, lang)
    numbers = figures(doc, [s for s in doc.sentences if s.start >= rendered.body_start])
    return _body(rendered.markdown), numbers


def rendered_letters(project: Project, catalog) -> dict[tuple[str, str], object]:
    """(letter id, lang) -> (HTML, figures), or the LetterkitError that stopped the render;
    cached with the catalogue's lint results (the same inputs)."""
    from letterkit.site.findings import cached

    def compute() -> list:
        out = []
        for letter in catalog.letters.values():
            for lang in letter.languages:
                try:
                    out.append([letter.id, lang, *_render(letter, lang)])
                except LetterkitError as exc:
                    out.append([letter.id, lang, None, str(exc)])
        return out

    result: dict[tuple[str, str], object] = {}
    for letter_id, lang, html, numbers in cached(project, "site-letters", compute):
        result[letter_id, lang] = (html, numbers) if html is not None else LetterkitError(numbers)
    return result


def _readability(numbers: dict, lang: str, _) -> str:
    from letterkit.text.measures import MEASURES

    difficulty = numbers["difficulty"]
    measure = MEASURES[difficulty["measure"]]
    values = numbers["measures"]
    return _(READABILITY).format(
        measure=_(measure.label), value=number(difficulty["value"], lang),
        band=_(difficulty["band"]) if difficulty["band"] else "–",
        wps=number(values.get("words_per_sentence"), lang),
        longest=number(values.get("longest_sentence"), lang))


def _body(markdown: str) -> str:
    from letterkit.render.markdown import to_html

    # The letter's own headings become styled paragraphs: the page keeps one outline.
    return to_html(markdown).replace("<h1", "<p class=\"lk-h1\"").replace(
        "</h1>", "</p>").replace("<h2", "<p class=\"lk-h2\"").replace("</h2>", "</p>")


def letter_page(letter, lang: str, project: Project, findings=None, rendered=None) -> str:
    _ = words(lang)
    names = LANGUAGE_NAMES[lang]
    source = relative_source(letter.template_path(lang), project.root) \
        if lang in letter.languages else relative_source(letter.path, project.root)
    title = letter.title.get(lang) or letter.id
    status = STATUS_LABELS.get(letter.status, letter.status)
    lines = [f"# {text(title)}", "",
             f"`{letter.id}` · {text(_kind_title(project, letter.kind, lang))} · "
             f"{_('version')} {letter.version} · {_('status')}: {text(_(status))}", ""]
    if lang not in letter.languages:
        listed = ", ".join(names[c] for c in letter.languages)
        return page(source, lines + [_(NO_VERSION).format(language=names[lang],
                                                          languages=listed)])
    if letter.description:
        lines += [text(letter.description), ""] if lang == "en" else []
    if rendered is None or isinstance(rendered, LetterkitError):
        reason = str(rendered) if rendered is not None else ""
        return page(source, lines + [_(RENDER_FAILED).format(reason=text(reason))])
    html, numbers = rendered
    lines += ["## " + _("Readability"), "", _readability(numbers, lang, _), ""]
    lines += ["## " + _("Findings"), ""]
    if findings is not None and letter.id in findings.unchecked:
        lines += [_(NOT_CHECKED).format(reason=text(findings.unchecked[letter.id])), ""]
    else:
        found = findings.for_letter(letter.id, lang) if findings is not None else []
        if not found:
            lines += [_(NO_FINDINGS), ""]
        for finding in found:
            lines.append(f"- [{finding['code']} {finding['name']}]"
                         f"(../../rules/{finding['name']}.md): `{finding['path']}:"
                         f"{finding['line']}`: {text(finding['message'])}")
        lines.append("")
    lines += ["## " + _("The letter"), "", _(EXAMPLE).format(sample="default"), "",
              f'<div class="lk-letter" lang="{lang}" markdown="0">', html,
              "</div>", ""]
    return page(source, lines)


def catalogue_page(lang: str, project: Project, catalog, numbers: dict) -> str:
    _ = words(lang)
    lines = ["# " + _("Letters"), "", _(CATALOGUE_INTRO), "",
             f"| {_('Letter')} | {_('Kind')} | {_('Readability')} |", "|---|---|---|"]
    for letter in sorted(catalog.letters.values(), key=lambda item: item.id):
        title = escape(letter.title.get(lang) or letter.id, quote=False)
        figures = numbers.get((letter.id, lang))
        if isinstance(figures, tuple):
            difficulty = figures[1]["difficulty"]
            band = _(difficulty["band"]) if difficulty["band"] else "–"
            value = f"{number(difficulty['value'], lang)} ({band})"
        else:
            value = "–"
        lines.append(f"| [{title}](letters/{letter.id}.md) `{letter.id}` | "
                     f"{text(_kind_title(project, letter.kind, lang))} | {value} |")
    return page(f"locales/{lang}/LC_MESSAGES/site.po", lines)


def pages(project: Project, findings=None) -> dict[str, str]:
    from letterkit.catalog import load_catalog

    catalog = load_catalog(project.letters_dir, project.kinds, project)
    rendered = rendered_letters(project, catalog)
    files = {}
    for lang in LANGUAGES:
        files[f"generated/catalogue.{lang}.md"] = catalogue_page(lang, project, catalog, rendered)
        for letter in catalog.letters.values():
            files[f"{FOLDER}/{letter.id}.{lang}.md"] = letter_page(
                letter, lang, project, findings, rendered.get((letter.id, lang)))
    return files


def letter_titles(project: Project) -> dict[str, dict[str, str]]:
    from letterkit.catalog import load_catalog

    catalog = load_catalog(project.letters_dir, project.kinds, project)
    return {letter.id: dict(letter.title) for letter in catalog.letters.values()}
