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
from letterkit.yamlio import Fields, Located, load_yaml

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


GUIDE_FIELDS = ("title", "steps", "review")
STEP_KEYS = ("id", "picture", "labels", *LANGUAGES)


def load_guide(folder: Path) -> Guide:
    """Read and validate one guide; every problem of the file is raised together
    (ProblemsError), each with its line."""
    from letterkit.errors import ProblemsError

    located = load_yaml(folder / GUIDE_FILE)
    problems: list = []
    fields = Fields(located, problems)
    if not fields.is_mapping:
        raise LetterkitError("expected a mapping with title and steps", located.location())
    fields.unknown(GUIDE_FIELDS, "in a guide")
    fields.missing(("title", "steps"))
    title = fields.mapping("title", "title must give the guide's name in fi, sv and en")
    absent = [lang for lang in LANGUAGES if not isinstance(title.get(lang), str)
              or not title[lang].strip()]
    if "title" in fields and isinstance(fields.get("title"), dict) and absent:
        fields.add(f"title needs {', '.join(absent)} (the guide's name in each language)",
                   "title")
    steps = fields.sequence("steps", "steps must be a list of steps (id, picture, fi, sv, "
                            "en)", non_empty=True)
    guide = Guide(folder.name, folder / GUIDE_FILE, located, title,
                  review=fields.text_list("review"))
    seen: set[str] = set()
    for index in range(len(steps)):
        step = _step(fields.sub("steps", index), index, seen)
        if step is not None:
            guide.steps.append(step)
    if problems:
        raise ProblemsError(sorted(problems, key=lambda p: (p.location.line,
                                                            p.location.col)))
    return guide


def _step(fields: Fields, index: int, seen: set[str]) -> Step | None:
    """One step, or None when it has problems (added to *fields*)."""
    if not fields.is_mapping:
        fields.add("a step must be a mapping with id, picture and fi, sv and en texts")
        return None
    fields.unknown(STEP_KEYS, "in a step")
    ident = fields.text("id", strip=True)
    if not ident:
        if "id" not in fields:
            fields.add("a step needs an id")
    elif ident in seen:
        fields.add(f"two steps have the id {ident!r}; give each step its own", "id")
    seen.add(ident)
    name = f"step {ident!r}" if ident else f"step {index + 1}"
    texts = {}
    for lang in LANGUAGES:
        if not isinstance(fields.get(lang), dict):
            fields.add(f"{name} has no {lang} text (add {lang}: with title, text and alt)",
                       *((lang,) if lang in fields else ()))
            continue
        block = fields.sub(lang)
        block.unknown(STEP_FIELDS, f"in the {lang} text of {name}")
        for key in STEP_FIELDS:
            value = block.get(key)
            if not isinstance(value, str) or not value.strip():
                block.add(f"{name} needs {lang}.{key}", *((key,) if key in block else ()))
        texts[lang] = {key: " ".join(str(block.get(key) or "").split())
                       for key in STEP_FIELDS}
    picture = fields.text_list("picture", non_empty=True,
                               hint=" (the illustration parts, e.g. [phone, form])")
    for i, part in enumerate(picture):
        if part not in PARTS:
            fields.add(f"no illustration part {part!r} (parts: {', '.join(sorted(PARTS))})",
                       "picture", i)
    labels = fields.sequence("labels", "labels must be a list of {part, slot, term or text}")
    if not all(isinstance(x, dict) for x in labels):
        fields.add("labels must be a list of {part, slot, term or text}", "labels")
        labels = []
    if not fields.ok:
        return None
    return Step(ident, index, picture, labels, texts)


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
