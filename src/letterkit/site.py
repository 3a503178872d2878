"""Pages of the documentation site generated from the project's data.

``docs/hooks.py`` calls :func:`write_pages` before every ``mkdocs build``: one rules page, one
phrasebook and one letter catalogue per language, written as real files (mkdocs-static-i18n
cannot handle virtual ones) and rewritten only when their content changed, so that
``mkdocs serve`` does not loop.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError
from letterkit.i18n import gettext_for
from letterkit.project import Project

# Page furniture only (titles, labels) comes from the gettext domain "site" in locales/; the
# texts themselves come from the rule packs, the term base and the letters, each written in
# its own language.
SITE_DOMAIN = "site"


RULES_INTRO = ("These rules check the language of the letters. Every finding names its rule's "
               "code; this page says why the rule exists, where the guidance comes from and what "
               "a text that passes looks like.")
PHRASEBOOK_INTRO = ("These are the words we use in our letters. The explanations are written as "
                    "you would say them to a customer.")
CATALOGUE_INTRO = "Every letter template. Each example uses invented data."


def _words(lang: str):
    return gettext_for(lang, SITE_DOMAIN)


def rules_page(lang: str, project: Project) -> str:
    _ = _words(lang)
    # Every rule of the project's packs, the term base's TRM rules among them.
    rules = sorted(project.rules().for_lang(lang), key=lambda r: r.code)
    lines = ["# " + _("Language rules"), "", _(RULES_INTRO), ""]
    lines += [f"| {_('Code')} | {_('Rule')} | {_('Severity')} |", "|---|---|---|"]
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.spec.name} | {r.spec.severity.value} |"
              for r in rules]
    for rule in rules:
        spec = rule.spec
        lines += ["", f"## {spec.code} {spec.name} {{#{spec.code.lower()}}}", "",
                  spec.description, "",
                  f"{_('Severity')}: **{spec.severity.value}** · `{spec.kind}` · "
                  f"{_('Source')}: <{spec.link}>", ""]
        lines += [f"- {_('Avoid')}: {_quote(text)}" for text in spec.examples["fail"]]
        lines += [f"- {_('Better')}: {_quote(text)}" for text in spec.examples["pass"]]
    return "\n".join(lines) + "\n"


def phrasebook_page(lang: str, project: Project) -> str:
    from letterkit.glossary import phrasebook

    _ = _words(lang)
    lines = ["# " + _("Phrasebook"), "", _(PHRASEBOOK_INTRO), ""]
    glossary = project.glossary
    for entry in phrasebook(lang, glossary):
        lines += [f"## {entry.term} {{#{entry.concept_id}}}", "", entry.explanation or "", ""]
        if entry.admitted:
            lines.append(f"- {_('Also')}: {', '.join(entry.admitted)}")
        for term, reason in entry.avoid:
            lines.append(f"- {_('Do not use')}: {term} – {reason}")
        if entry.requires_explanation:
            lines.append(f"- *{_('explain the word in the text')}*")
        lines.append("")
    from letterkit.site_guidance import phrases_section  # customer-service phrases by stage

    lines += phrases_section(lang, glossary)
    return "\n".join(lines) + "\n"


def catalogue_page(lang: str, project: Project) -> str:
    from letterkit.catalog import load_catalog
    from letterkit.render import render_letter
    from letterkit.render.markdown import to_html
    from letterkit.text import analyze
    from letterkit.text.report import figures

    _ = _words(lang)
    catalog = load_catalog(project.letters_dir, project.kinds)
    lines = ["# " + _("Letters"), "", _(CATALOGUE_INTRO), ""]
    for letter in sorted(catalog.letters.values(), key=lambda item: item.id):
        if lang not in letter.languages:
            continue
        lines += [f"## {escape(letter.title.get(lang, letter.id))} {{#{letter.id}}}", "",
                  f"`{letter.id}` · {letter.kind} · {_('version')} {letter.version} · "
                  f"{_('status')} {letter.status}", ""]
        try:
            rendered = render_letter(letter, lang, "default")
        except LetterkitError as exc:
            lines += [f"!!! warning\n    {escape(str(exc))}", ""]
            continue
        doc = analyze(rendered.markdown, lang)
        headline = figures(doc, [s for s in doc.sentences if s.start >= rendered.body_start])
        difficulty = headline["difficulty"]
        lines += [f"{_('Readability')}: {difficulty['measure']} {difficulty['value']} "
                  f"({difficulty['band']})", ""]
        body = to_html(rendered.markdown).replace("<h1", "<p class=\"lk-h1\"").replace(
            "</h1>", "</p>").replace("<h2", "<p class=\"lk-h2\"").replace("</h2>", "</p>")
        lines += ['<div class="lk-letter" markdown="0">', body, "</div>", ""]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "“" + text.replace("\n", " ").strip() + "”"


PAGES: dict[str, Callable[[str, Project], str]] = {
    "rules": rules_page, "phrasebook": phrasebook_page, "catalogue": catalogue_page,
}


def write_pages(docs_dir: Path, project: Project) -> list[Path]:
    """Write ``docs/generated/<page>.<lang>.md``; return the files that changed."""
    out = Path(docs_dir) / "generated"
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, build in PAGES.items():
        for lang in LANGUAGES:
            path = out / f"{name}.{lang}.md"
            content = build(lang, project)
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.write_text(content, encoding="utf-8")
                changed.append(path)
    return changed


# --- Customer guides: one page per guide and language, its pictures as SVG files beside it ---

VIDEO_INTRO = "Watch the guide as a video, or read it step by step below."
VIDEO_LABEL = "Captions"


def guide_page(lang: str, guide, glossary, video: tuple[str, str] | None = None
               ) -> tuple[str, dict[str, str]]:
    """The Markdown of a guide's page in *lang* and the SVG files it embeds (name -> SVG).

    *video* is the (video, captions) file names beside the pictures when a video exists; the
    steps below it are its transcript.
    """
    from letterkit.guides import picture, svg_name

    _ = _words(lang)
    lines = [f"# {escape(guide.title[lang])}", ""]
    # The SVG files are shared assets that mkdocs-static-i18n copies once, under the default
    # language's root; a page of another language sits one folder deeper (sv/, en/).
    up = "../../../" + ("" if lang == LANGUAGES[0] else "../")
    if video is not None:
        video = tuple(f"{up}generated/guides/{guide.id}/{name}" for name in video)
        lines += [_(VIDEO_INTRO), "",
                  f'<video controls preload="none" class="lk-guide-video" width="640" '
                  f'height="400"><source src="{video[0]}" type="video/webm">'
                  f'<track kind="captions" src="{video[1]}" srclang="{lang}" '
                  f'label="{_(VIDEO_LABEL)}" default></video>', ""]
    pictures = {}
    for step in guide.steps:
        words = step.text[lang]
        name = svg_name(step, lang)
        pictures[name] = picture(guide, step, lang, glossary)
        lines += [f"## {step.index + 1}. {escape(words['title'])} {{#{step.id}}}", "",
                  f'<img src="{up}generated/guides/{guide.id}/{name}" '
                  f'alt="{escape(words["alt"], quote=True)}" width="640" height="400" '
                  'class="lk-guide-picture">', "",
                  escape(words["text"]), ""]
    return "\n".join(lines), pictures


def write_guide_pages(docs_dir: Path, project: Project) -> list[Path]:
    """Write ``docs/generated/guides/<id>.<lang>.md`` and ``<id>/*.svg``; return what changed."""
    from letterkit.glossary import load_glossary
    from letterkit.guides import list_guides, load_guide
    from letterkit.video import CACHE, cached_video

    out = Path(docs_dir) / "generated" / "guides"
    glossary = load_glossary(project.glossary_dir)
    changed = []
    for folder in list_guides(project.guides_dir):
        guide = load_guide(folder)
        for lang in LANGUAGES:
            made = cached_video(guide, lang, project.root / CACHE, glossary)
            if made is not None:  # copied beside the pictures; encoded only by `guide video`
                for source in made:
                    target = out / guide.id / source.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if not target.exists() or target.stat().st_size != source.stat().st_size:
                        shutil.copyfile(source, target)
            page, pictures = guide_page(lang, guide, glossary,
                                        made and (made[0].name, made[1].name))
            files = {out / f"{guide.id}.{lang}.md": page + "\n"}
            files.update({out / guide.id / name: svg for name, svg in pictures.items()})
            for path, content in files.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    path.write_text(content, encoding="utf-8")
                    changed.append(path)
    return changed
