"""Illustrated customer guides: ``guides/<id>/guide.yaml`` (steps with fi/sv/en text and the
picture each uses), validated with the line of every problem, linted with the letters' rules
and term base, and rendered to SVG pictures and printable HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location
from letterkit.illustrate import PARTS, Label, LabelTooLong, UnknownPart, compose
from letterkit.yamlio import Located, load_yaml

GUIDE_FILE = "guide.yaml"
STEP_FIELDS = ("title", "text", "alt")


@dataclass
class Step:
    id: str
    index: int
    picture: list[str]
    labels: list[dict[str, Any]]
    text: dict[str, dict[str, str]]        # lang -> title, text, alt


@dataclass
class Guide:
    id: str
    path: Path
    source: Located
    title: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def location(self, *keys: Any) -> Location:
        return self.source.location(*keys)


def is_guide_dir(path: Path) -> bool:
    return (path / GUIDE_FILE).is_file()


def list_guides(guides_dir: Path) -> list[Path]:
    if not guides_dir.is_dir():
        return []
    return sorted(p for p in guides_dir.iterdir() if is_guide_dir(p))


def load_guide(folder: Path) -> Guide:
    """Read and validate one guide; the first problem is raised with its line."""
    located = load_yaml(folder / GUIDE_FILE)
    data = located.data
    if not isinstance(data, dict):
        raise LetterkitError("expected a mapping with title and steps", located.location())
    title = data.get("title")
    if not isinstance(title, dict) or set(LANGUAGES) - set(title):
        raise LetterkitError("title needs fi, sv and en", located.location("title"))
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise LetterkitError("steps must be a list of steps", located.location("steps"))
    guide = Guide(folder.name, folder / GUIDE_FILE, located, title,
                  review=list(data.get("review") or []))
    for index, raw in enumerate(steps):
        guide.steps.append(_step(located, index, raw))
    return guide


def _step(located: Located, index: int, raw: Any) -> Step:
    where = ("steps", index)
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise LetterkitError("a step needs an id", located.location(*where))
    texts = {}
    for lang in LANGUAGES:
        block = raw.get(lang)
        if not isinstance(block, dict):
            raise LetterkitError(f"step {raw['id']!r} has no {lang} text (add {lang}: with "
                                 f"title, text and alt)", located.location(*where))
        for name in STEP_FIELDS:
            if not isinstance(block.get(name), str) or not block[name].strip():
                raise LetterkitError(f"step {raw['id']!r} needs {lang}.{name}",
                                     located.location(*where, lang))
        texts[lang] = {name: " ".join(block[name].split()) for name in STEP_FIELDS}
    picture = raw.get("picture")
    if not isinstance(picture, list) or not picture or not all(isinstance(p, str) for p in picture):
        raise LetterkitError("picture must list one or more parts", located.location(*where))
    for i, part in enumerate(picture):
        if part not in PARTS:
            raise LetterkitError(f"no illustration part {part!r} (parts: "
                                 f"{', '.join(sorted(PARTS))})",
                                 located.location(*where, "picture", i))
    labels = raw.get("labels") or []
    if not isinstance(labels, list) or not all(isinstance(x, dict) for x in labels):
        raise LetterkitError("labels must be a list of {part, slot, term or text}",
                             located.location(*where, "labels"))
    return Step(raw["id"], index, picture, labels, texts)


def _label_text(guide: Guide, step: Step, i: int, label: dict, lang: str, glossary) -> str:
    where = ("steps", step.index, "labels", i)
    if "term" in label:
        if glossary is None or label["term"] not in glossary:
            raise LetterkitError(f"unknown term id {label['term']!r} (see glossary/)",
                                 guide.location(*where, "term"))
        return glossary.term(label["term"], lang)
    text = label.get("text")
    if not isinstance(text, dict) or not isinstance(text.get(lang), str):
        raise LetterkitError(f"label needs a term id or text in {lang}",
                             guide.location(*where))
    return text[lang]


def picture(guide: Guide, step: Step, lang: str, glossary) -> str:
    """The SVG of *step* in *lang*; a bad label or part raises with its line."""
    labels = []
    for i, raw in enumerate(step.labels):
        part = raw.get("part", 0)
        labels.append(Label(part if isinstance(part, int) else -1, str(raw.get("slot", "caption")),
                            _label_text(guide, step, i, raw, lang, glossary)))
    words = step.text[lang]
    try:
        return compose(step.picture, labels, words["title"], words["alt"], lang,
                       ident=f"{guide.id}-{step.id}-{lang}")
    except LabelTooLong as exc:
        where = ("steps", step.index, "labels")
        raise LetterkitError(str(exc), guide.location(*where)) from None
    except UnknownPart as exc:
        raise LetterkitError(str(exc), guide.location("steps", step.index, "labels")) from None


def check_guide(guide: Guide, glossary) -> None:
    """Draw every picture in every language, raising the first problem."""
    for step in guide.steps:
        for lang in LANGUAGES:
            picture(guide, step, lang, glossary)


def svg_name(step: Step, lang: str) -> str:
    return f"{step.index + 1:02d}-{step.id}-{lang}.svg"


def lint_guide(guide: Guide, ruleset, project) -> list:
    """Findings of the letters' rules and term base on every step's text, at its YAML line."""
    from dataclasses import replace

    from letterkit.lint import lint_text

    findings = []
    for step in guide.steps:
        for lang in LANGUAGES:
            for name in ("title", "text"):
                line = guide.location("steps", step.index, lang, name).line
                text = step.text[lang][name]
                markdown = f"# {text}\n" if name == "title" else text + "\n"
                for finding in lint_text(markdown, lang, ruleset, path=str(guide.path),
                                         project=project):
                    findings.append(replace(finding, line=line, end_line=line))
    return findings


def html_page(guide: Guide, lang: str, images: list[tuple[Step, str]]) -> str:
    """A standalone HTML page for print (A4) that shows each step with its picture."""
    steps = "".join(
        f'<section class="step"><h2>{step.index + 1}. {escape(step.text[lang]["title"])}</h2>'
        f'<img src="{escape(src)}" alt="{escape(step.text[lang]["alt"])}" width="640">'
        f'<p>{escape(step.text[lang]["text"])}</p></section>' for step, src in images)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(guide.title[lang])}</title><style>'
            "@page{size:A4;margin:15mm}body{font-family:'DejaVu Sans',Verdana,sans-serif;"
            "color:#1a1a2e;max-width:180mm;margin:auto;padding:0 1rem;line-height:1.5}"
            "img{width:100%;height:auto;max-width:640px}"
            ".step{break-inside:avoid;margin-bottom:1.5rem}h1{font-size:1.6rem}"
            "h2{font-size:1.25rem}p{font-size:1.1rem}</style></head><body>"
            f"<h1>{escape(guide.title[lang])}</h1>{steps}</body></html>\n")


def render_guide(guide: Guide, lang: str, out: Path, glossary) -> list[Path]:
    """Write ``index.html`` and one SVG per step into *out*; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written, images = [], []
    for step in guide.steps:
        path = out / svg_name(step, lang)
        path.write_text(picture(guide, step, lang, glossary), encoding="utf-8")
        written.append(path)
        images.append((step, path.name))
    index = out / "index.html"
    index.write_text(html_page(guide, lang, images), encoding="utf-8")
    return [index, *written]
