"""Customer guides on the site: one page per guide and language, its pictures as SVG files
beside it, and its narrated video when one has been made (``letterkit guide video``)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.project import Project
from letterkit.site.common import page, relative_source, words

FOLDER = "generated/guides"  # generated/guides/<guide id>/

VIDEO_INTRO = "Watch the guide as a video, or read it step by step below."
VIDEO_LABEL = "Captions"


def guide_page(lang: str, guide, glossary, video: tuple[str, str] | None = None
               ) -> tuple[str, dict[str, str]]:
    """The Markdown of a guide's page in *lang* and the SVG files it embeds (name -> SVG).

    *video* is the (video, captions) file names beside the pictures when a video exists; the
    steps below it are its transcript.
    """
    from letterkit.guides import picture, svg_name

    _ = words(lang)
    lines = [f"# {escape(guide.title[lang])}", ""]
    # The SVG files are shared assets that mkdocs-static-i18n copies once, under the default
    # language's root; a page of another language sits one folder deeper (sv/, en/).
    up = "../../../" + ("" if lang == LANGUAGES[0] else "../")
    if video is not None:
        video = tuple(f"{up}{FOLDER}/{guide.id}/{name}" for name in video)
        lines += [_(VIDEO_INTRO), "",
                  f'<video controls preload="none" class="lk-guide-video" width="640" '
                  f'height="400"><source src="{video[0]}" type="video/webm">'
                  f'<track kind="captions" src="{video[1]}" srclang="{lang}" '
                  f'label="{_(VIDEO_LABEL)}" default></video>', ""]
    pictures = {}
    for step in guide.steps:
        text = step.text[lang]
        name = svg_name(step, lang)
        pictures[name] = picture(guide, step, lang, glossary)
        lines += [f"## {step.index + 1}. {escape(text['title'])} {{#{step.id}}}", "",
                  f'<img src="{up}{FOLDER}/{guide.id}/{name}" '
                  f'alt="{escape(text["alt"], quote=True)}" width="640" height="400" '
                  'class="lk-guide-picture">', "",
                  escape(text["text"]), ""]
    return "\n".join(lines), pictures


def pages(project: Project) -> dict[str, str | Path]:
    """``generated/guides/<id>.<lang>.md``, the pictures, and the videos found in the cache."""
    from letterkit.glossary import load_glossary
    from letterkit.guides import list_guides, load_guide
    from letterkit.video import CACHE, cached_video

    # The same term base as `letterkit guide video`, so that the videos' content hash matches.
    glossary = load_glossary(project.glossary_dir) if project.glossary_dir.is_dir() else None
    files: dict[str, str | Path] = {}
    for folder in list_guides(project.guides_dir):
        guide = load_guide(folder)
        source = relative_source(guide.path, project.root)
        for lang in LANGUAGES:
            made = cached_video(guide, lang, project.root / CACHE, glossary)
            if made is not None:  # copied beside the pictures; encoded only by `guide video`
                for path in made:
                    files[f"{FOLDER}/{guide.id}/{path.name}"] = path
            markdown, pictures = guide_page(lang, guide, glossary,
                                            made and (made[0].name, made[1].name))
            files[f"{FOLDER}/{guide.id}.{lang}.md"] = page(source, markdown.splitlines())
            files.update({f"{FOLDER}/{guide.id}/{name}": svg for name, svg in pictures.items()})
    return files
