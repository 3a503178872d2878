"""The print layout in ``letters/_shared/``: ``layout.yaml`` and ``<lang>/layout.yaml``.

Read through the shared field reader (:class:`letterkit.yamlio.Fields`), so every wrong
field of both files is reported at its line. The .docx and the PDF cannot be made from a
broken layout: :func:`load_layout` raises all its problems at once, and ``letterkit check``
lists them (:func:`layout_problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Problem, ProblemsError, Unreadable
from letterkit.yamlio import Fields, load_yaml

# The defaults are those of SFS 2487 on A4 (see the comments in letters/_shared/layout.yaml).
PAGE = {"width_mm": 210, "height_mm": 297, "margin_left_mm": 20, "margin_right_mm": 20,
        "margin_top_mm": 12, "margin_bottom_mm": 20}
ADDRESS_FIELD = {"left_mm": 20, "top_mm": 45, "width_mm": 85, "height_mm": 40}
GRID_MM = {"tab_mm": 22.86}
GRID_STOPS = {"body_tab": 2, "header_tab": 5}  # tab stop numbers, counted from the margin
SLOTS = {"recipient": "a list of the variables whose values make the address lines",
         "date": "the variable that holds the letter's date",
         "reference": "the variable that holds the case number"}
LAYOUT_FIELDS = ("logo", "font", "page", "address_field", "grid", "slots", "review")
LANGUAGE_FIELDS = ("sender", "labels", "footer")
# The words the header prints before the date and the reference; "page" is kept for the
# page number's label.
LABELS = ("date", "reference", "page")
REQUIRED_LABELS = ("date", "reference")
DEFAULT_FONT = "Liberation Sans"


@dataclass(frozen=True)
class Layout:
    page: dict[str, float]
    address_field: dict[str, float]
    grid: dict[str, float]
    font: str
    logo: Path | None
    slots: dict[str, Any]
    sender: tuple[str, ...]
    labels: dict[str, str]
    footer: tuple[str, ...]


def load_layout(root: Path, lang: str) -> Layout:
    """The layout of *root* (a ``letters/`` folder) in *lang*; raises ProblemsError listing
    every problem of the two files. Read again when either file changes (the preview app
    runs for days while a writer edits the layout)."""
    from letterkit.compiled import stamp_files

    shared = root / "_shared"
    return _load_layout(root, lang, stamp_files((shared / "layout.yaml",
                                                 shared / lang / "layout.yaml")))


@lru_cache(maxsize=64)
def _load_layout(root: Path, lang: str, stamp: tuple) -> Layout:
    problems: list[Problem] = []
    layout = read_layout(root, lang, problems)
    if problems:
        raise ProblemsError(sorted(problems, key=lambda p: (
            p.location.path, p.location.line, p.location.col)))
    return layout


def read_layout(root: Path, lang: str, problems: list[Problem]) -> Layout:
    """The layout of *root* in *lang*, adding what is wrong to *problems*."""
    shared = root / "_shared"
    base = _read_base(shared, problems)
    own = _read_language(shared, lang, problems)
    return Layout(**base, **own)


def layout_problems(root: Path, langs) -> list[Problem]:  # noqa: ANN001 - languages
    """Every problem of the layout of *root* in *langs*; none when the project has no
    ``_shared/layout.yaml`` (it makes no .docx or PDF)."""
    shared = root / "_shared"
    problems: list[Problem] = []
    if not (shared / "layout.yaml").exists():
        return problems
    _read_base(shared, problems)
    for lang in langs:
        _read_language(shared, lang, problems)
    return problems


def _fields(path: Path, problems: list[Problem], what: str) -> Fields | None:
    try:
        located = load_yaml(path)
    except LetterkitError as exc:
        problems.append(exc.unreadable)
        return None
    fields = Fields(located, problems, problem_type=Unreadable)
    if not fields.is_mapping:
        fields.add(f"expected a mapping of layout fields: {what}")
        return None
    return fields


def _read_base(shared: Path, problems: list[Problem]) -> dict[str, Any]:
    result: dict[str, Any] = {"page": dict(PAGE), "address_field": dict(ADDRESS_FIELD),
                              "grid": {**GRID_MM, **GRID_STOPS}, "font": DEFAULT_FONT,
                              "logo": None, "slots": {}}
    fields = _fields(shared / "layout.yaml", problems, ", ".join(LAYOUT_FIELDS))
    if fields is None:
        return result
    fields.unknown(LAYOUT_FIELDS, "in the layout")
    result["font"] = fields.text("font", DEFAULT_FONT, strip=True)
    result["logo"] = _logo(fields, shared)
    result["page"] = _millimetres(fields, "page", PAGE)
    result["address_field"] = _millimetres(fields, "address_field", ADDRESS_FIELD)
    grid = _millimetres(fields, "grid", GRID_MM, GRID_STOPS)
    result["grid"] = grid
    result["slots"] = _slots(fields)
    from letterkit.catalog.schema import read_review

    read_review(fields)
    return result


def _read_language(shared: Path, lang: str, problems: list[Problem]) -> dict[str, Any]:
    result: dict[str, Any] = {"sender": (), "labels": {}, "footer": ()}
    fields = _fields(shared / lang / "layout.yaml", problems, ", ".join(LANGUAGE_FIELDS))
    if fields is None:
        return result
    fields.unknown(LANGUAGE_FIELDS, f"in the {lang} layout")
    result["sender"] = tuple(fields.text_list("sender", hint=": the sender's name and "
                                                             "address lines"))
    result["footer"] = tuple(fields.text_list("footer", hint=": the contact details"))
    result["labels"] = _labels(fields)
    return result


def _millimetres(fields: Fields, key: str, numbers: dict[str, float],
                 stops: dict[str, int] | None = None) -> dict[str, float]:
    """The mapping *key* of sizes in mm (numbers above 0) and tab stop numbers (from 1)."""
    stops = stops or {}
    result: dict[str, float] = {**numbers, **stops}
    if key not in fields:
        return result
    if not isinstance(fields.get(key), dict):
        fields.add(f"{key} must be a mapping with: {', '.join(result)}", key)
        return result
    sub = fields.sub(key)
    sub.unknown(tuple(result), f"in {key}")
    for name, default in numbers.items():
        result[name] = sub.number(name, default, above=0)
    for name, default in stops.items():
        result[name] = sub.integer(name, default, minimum=1)
    return result


def _logo(fields: Fields, shared: Path) -> Path | None:
    logo = fields.get("logo")
    if logo is None:
        return None
    if not isinstance(logo, str) or not logo.strip():
        fields.add(f"logo must be a file name below letters/_shared/ (e.g. logo.png) or "
                   f"null, got {logo!r}", "logo")
        return None
    path = shared / logo
    if Path(logo).is_absolute() or not path.resolve().is_relative_to(shared.resolve()):
        fields.add(f"logo {logo!r} must be a file below letters/_shared/; copy it there",
                   "logo")
        return None
    if not path.is_file():
        fields.add(f"logo {logo!r}: no such file in letters/_shared/; add it or write "
                   "logo: null", "logo")
        return None
    return path


def _slots(fields: Fields) -> dict[str, Any]:
    from letterkit.catalog.schema import NAME_RE

    slots = fields.mapping("slots", "slots must map the layout's fields to variables: "
                                    + ", ".join(SLOTS))
    if not slots:
        return {}
    sub = fields.sub("slots")
    sub.unknown(tuple(SLOTS), "in slots")
    result: dict[str, Any] = {}
    for slot in SLOTS:
        value = slots.get(slot)
        if value is None:
            continue
        names = value if slot == "recipient" and isinstance(value, list) else [value]
        bad = [name for name in names if not isinstance(name, str) or not NAME_RE.match(name)]
        if bad or (slot == "recipient" and not isinstance(value, list)):
            sub.add(f"slot {slot!r} must be {SLOTS[slot]}: a variable name is lower case "
                    f"with underscores, e.g. recipient_name; got {value!r}", slot)
            continue
        result[slot] = value
    return result


def _labels(fields: Fields) -> dict[str, str]:
    if fields.missing(("labels",), {"labels": "the words printed before the date and the "
                                              "reference, e.g. {date: Date, reference: "
                                              "Case number, page: Page}"}):
        return {}
    if not isinstance(fields.get("labels"), dict):
        fields.add("labels must map each of " + ", ".join(LABELS) + " to the word printed "
                   "before it", "labels")
        return {}
    sub = fields.sub("labels")
    sub.unknown(LABELS, "in labels")
    sub.missing(REQUIRED_LABELS)
    return {name: sub.text(name, strip=True) for name in LABELS if name in sub}
