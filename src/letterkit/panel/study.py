"""A study: which letters a panel reads, in which versions and languages, and the tasks.

A study is a YAML file under ``studies/`` (see ``studies/README.md``)::

    id: family-ties-2026-12
    title: {fi: ..., sv: ..., en: ...}
    languages: [fi, sv, en]          # letter languages participants can be invited in
    letters:
      - letter: supplement-request-family-ties
        sample: default
        versions:                    # optional; default: one version "A" from the working tree
          - {label: A}
          - {label: B, ref: 5b9ebfb}  # a git commit: the letter as it was then
        tasks:
          - {id: read, type: read}
          - {id: marks, type: highlighter}
          - id: deadline
            type: choice
            question: {fi: ..., sv: ..., en: ...}
            options: {fi: [...], sv: [...], en: [...]}
            answer: 1                # index of the right option
          - id: what-to-send
            type: free_text
            question: {...}
            key_points:
              - id: marriage
                text: {fi: ..., sv: ..., en: ...}
                match: [avioliittotodistus, vigselbevis, marriage certificate]
          - {id: cloze, type: cloze, every: 5, offsets: 5, max_words: 150}
          - {id: sure, type: confidence}

Every participant also answers three background questions (first language, self-rated
reading level in the letter's language, interpreter use). No names or contact details.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location, Problem, ProblemsError, display_path
from letterkit.yamlio import Fields, Located, load_yaml_text, read_text

TASK_TYPES = ("read", "highlighter", "choice", "free_text", "cloze", "confidence")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$")
BACKGROUND = ("first_language", "reading_level", "interpreter")


class StudyError(ProblemsError):
    """A study that cannot be used: every problem of it (``problems``), one located line
    each (``path:line:col: what is wrong; what to do``), as the other readers report."""


@dataclass(frozen=True)
class KeyPoint:
    id: str
    text: dict[str, str]
    match: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    """One task on one letter. Texts are per language; ``text(field, lang)`` picks one."""

    id: str
    type: str
    question: dict[str, str] = field(default_factory=dict)
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    answer: int | None = None
    key_points: tuple[KeyPoint, ...] = ()
    every: int = 5
    offsets: int = 5
    max_words: int = 250

    def text(self, lang: str, fallback: str) -> str:
        """The question in *lang*, else in *fallback* (the letter's language), else any."""
        for candidate in (lang, fallback, *self.question):
            if candidate in self.question:
                return self.question[candidate]
        return ""

    def option_texts(self, lang: str, fallback: str) -> tuple[str, ...]:
        for candidate in (lang, fallback, *self.options):
            if candidate in self.options:
                return self.options[candidate]
        return ()


@dataclass(frozen=True)
class VersionSpec:
    """A version of a letter in a study: the working tree, or the letter at a git commit."""

    label: str
    ref: str | None = None


@dataclass(frozen=True)
class StudyLetter:
    letter: str
    sample: str
    versions: tuple[VersionSpec, ...]
    tasks: tuple[Task, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(v.label for v in self.versions)

    def task(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)


@dataclass(frozen=True)
class Study:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    languages: tuple[str, ...]
    letters: tuple[StudyLetter, ...]
    source: str = ""  # the YAML text, kept with the study in the database
    path: str = ""
    located: Located | None = field(default=None, repr=False, compare=False)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or next(iter(self.title.values()), self.id)

    def description_in(self, lang: str) -> str:
        return self.description.get(lang) or next(iter(self.description.values()), "")

    def letter(self, letter_id: str) -> StudyLetter:
        for entry in self.letters:
            if entry.letter == letter_id:
                return entry
        raise KeyError(letter_id)

    @property
    def source_hash(self) -> str:
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()

    def location(self, *keys: Any) -> Location:
        """Where the value at *keys* is in the study's file (the file, without its data)."""
        if self.located is None:
            return Location(self.path or "<study>")
        return self.located.location(*keys)


def load_study(path: Path, letters_dir: Path | None = None) -> Study:
    """Read and check one study file; StudyError lists every problem of it, each with its
    path:line:col. With *letters_dir*, a letter or sample that is not there is a problem too
    (see :func:`letter_problems`)."""
    try:
        text = read_text(path)
        located = load_yaml_text(text, str(path))
    except LetterkitError as exc:  # cannot be read or parsed at all: that one problem
        raise StudyError([exc.problem]) from None
    return _build(located, text, letters_dir)


def parse_study(text: str, name: str = "<study>") -> Study:
    """Check a study given as YAML text (the app's study form, a study kept in the answer
    store); StudyError lists every problem."""
    try:
        located = load_yaml_text(text, name)
    except LetterkitError as exc:
        raise StudyError([exc.problem]) from None
    return _build(located, text)


def load_studies(folder: Path, letters_dir: Path | None = None
                 ) -> tuple[list[Study], list[Problem]]:
    """Every ``*.yaml`` study directly in *folder*, with every problem of those that fail
    (one located line each; *letters_dir*: see :func:`load_study`)."""
    if not folder.is_dir():
        return [], []
    return read_studies(sorted(folder.glob("*.yaml")), letters_dir)


def read_studies(paths: list[Path], letters_dir: Path | None = None
                 ) -> tuple[list[Study], list[Problem]]:
    """The studies of *paths* that can be used, and every problem of the others; a study
    whose id an earlier one has is a problem too (the answer store keeps one per id)."""
    studies: list[Study] = []
    problems: list[Problem] = []
    first: dict[str, Study] = {}
    for path in paths:
        try:
            study = load_study(path, letters_dir)
        except StudyError as exc:
            problems.extend(exc.problems)
            continue
        if study.id in first:
            problems.append(Problem(study.location("id"), f"id {study.id!r} is also the id of "
                                    f"{display_path(first[study.id].path)}; give each study "
                                    "its own"))
            continue
        first[study.id] = study
        studies.append(study)
    return studies, problems


STUDY_FIELDS = {
    "id": "the study's id, lower-case letters, digits and dashes (e.g. panel-2026-12)",
    "title": "the study's name per language, e.g. {fi: ..., sv: ..., en: ...}",
    "description": "what the welcome page says, per language",
    "languages": "the letter languages participants can be invited in, e.g. [fi, sv, en]",
    "letters": "the letters participants read, each with its tasks",
}
REQUIRED_STUDY_FIELDS = ("id", "title", "letters")
LETTER_FIELDS = {
    "letter": "the letter's id (its folder in letters/)",
    "sample": "the sample it is rendered with (default: default)",
    "versions": "the versions to compare, e.g. [{label: A, ref: 5b9ebfb}, {label: B}]",
    "tasks": "what participants do with the letter, in order",
}
TASK_FIELDS = {"read": (), "highlighter": (), "confidence": (), "choice": ("options", "answer"),
               "free_text": ("key_points",), "cloze": ("every", "offsets", "max_words")}
CLOZE_LIMITS = (("every", 5, 3, 12), ("offsets", 5, 1, 12), ("max_words", 250, 30, 1000))
_REF = re.compile(r"^[0-9A-Za-z._/-]{1,80}$")


def _list(fields: Fields, key: str, message: str) -> list:
    """The non-empty list at *key* (present: ``missing`` reports an absent one); an empty
    value (``key:`` alone) is a problem too."""
    value = fields.get(key)
    if not isinstance(value, list) or not value:
        fields.add(message, key)
        return []
    return value


def _texts(fields: Fields, key: str, *, required: bool = True) -> dict[str, str]:
    """A text per language at *key* (one text alone is the same in every language); {} and a
    problem when it is not usable, {} without one when it is absent and not *required*."""
    value = fields.get(key)
    if value is None and not required:
        return {}
    if isinstance(value, str):
        return {lang: value for lang in LANGUAGES}
    if not isinstance(value, dict) or not value:
        fields.add(f"{key} must give the text per language, e.g. "
                   f"{key}: {{fi: ..., sv: ..., en: ...}}", key)
        return {}
    out = {}
    for lang, text in value.items():
        if lang not in LANGUAGES:
            fields.add(f"unknown language {lang!r} in {key}; use fi, sv or en", key, lang)
        elif not isinstance(text, str) or not text.strip():
            fields.add(f"the {lang} text of {key} is empty; write it or remove {lang}",
                       key, lang)
        else:
            out[lang] = text.strip()
    return out


def _build(located: Located, source: str, letters_dir: Path | None = None) -> Study:
    problems: list[Problem] = []
    fields = Fields(located, problems)
    if not fields.is_mapping:
        what = "the file is empty" if located.data is None else \
            f"expected the study's fields, not {type(located.data).__name__}"
        fields.add(f"{what}; a study has id, title, languages and letters (see "
                   "studies/README.md)")
        raise StudyError(problems)
    fields.unknown(tuple(STUDY_FIELDS), "in a study")
    fields.missing(REQUIRED_STUDY_FIELDS, STUDY_FIELDS)
    study_id = fields.get("id")
    if "id" in fields and (not isinstance(study_id, str) or not _ID.match(study_id)):
        fields.add(f"id {study_id!r} must be lower-case letters, digits, dashes and _ "
                   "(up to 64), e.g. panel-2026-12", "id")
    title = _texts(fields, "title") if "title" in fields else {}
    description = _texts(fields, "description", required=False)
    languages = fields.get("languages") or list(LANGUAGES)
    if not isinstance(languages, list):
        fields.add("languages must be a list of fi, sv and en, e.g. [fi, sv, en]", "languages")
        languages = list(LANGUAGES)
    for index, lang in enumerate(languages):
        if lang not in LANGUAGES:
            fields.add(f"unknown language {lang!r} in languages; use fi, sv or en",
                       "languages", index)
    letters = []
    if letters_dir is not None and not letters_dir.is_dir():
        fields.add(f"no {display_path(letters_dir)}/ folder to look its letters up in; check "
                   "the study in the project whose letters it names",
                   *(("letters",) if "letters" in fields else ()))
    if "letters" in fields:
        entries = _list(fields, "letters", "letters must list at least one letter, e.g. "
                        "letters: [{letter: <letter id>, tasks: [...]}]")
        seen: set[str] = set()
        for index in range(len(entries)):
            letter = _letter(fields.sub("letters", index), seen, letters_dir)
            if letter is not None:
                letters.append(letter)
    if problems:
        raise StudyError(sorted(problems, key=lambda p: (p.location.line, p.location.col)))
    return Study(study_id, title, description, tuple(languages), tuple(letters), source,
                 located.path, located)


def _letter(fields: Fields, seen: set[str], letters_dir: Path | None) -> StudyLetter | None:
    """One entry of ``letters``, or None when it has problems (added to *fields*)."""
    if not fields.is_mapping:
        fields.add("each entry of letters is a mapping: letter: <letter id>, tasks: [...]")
        return None
    fields.unknown(tuple(LETTER_FIELDS), "in a study letter")
    fields.missing(("letter", "tasks"), LETTER_FIELDS)
    letter_id = fields.get("letter")
    if "letter" in fields:
        if not isinstance(letter_id, str):
            fields.add(f"letter must be a letter's id (its folder in letters/), got "
                       f"{letter_id!r}", "letter")
        elif letter_id in seen:
            fields.add(f"letter {letter_id!r} is listed twice; list it once and give it "
                       "several versions to compare them", "letter")
        else:
            seen.add(letter_id)
    sample = fields.get("sample", "default")
    if not isinstance(sample, str):
        fields.add(f"sample must be the name of one of the letter's samples (e.g. default), "
                   f"got {sample!r}", "sample")
    elif letters_dir is not None and isinstance(letter_id, str) and letters_dir.is_dir():
        _in_catalogue(fields, letters_dir, letter_id, sample)
    versions = []
    raw_versions = fields.get("versions") or [{"label": "A"}]
    if not isinstance(raw_versions, list):
        fields.add("versions must be a list of {label, ref}, e.g. [{label: A, ref: 5b9ebfb}, "
                   "{label: B}]", "versions")
        raw_versions = []
    labels: set[str] = set()
    for index, raw in enumerate(raw_versions):
        where = ("versions", index)
        if not isinstance(raw, dict) or not _LABEL.match(str(raw.get("label", ""))):
            at = ("label",) if isinstance(raw, dict) and "label" in raw else ()
            fields.add("each version needs a short label such as A or B (letters, digits, "
                       "., _ and -, up to 16)", *where, *at)
            continue
        label, ref = str(raw["label"]), raw.get("ref")
        if ref is not None and not _REF.match(str(ref)):
            fields.add(f"ref {ref!r} must be a git commit or tag, e.g. 5b9ebfb", *where, "ref")
        if label in labels:
            fields.add(f"two versions have the label {label!r}; give each version its own",
                       *where, "label")
        labels.add(label)
        versions.append(VersionSpec(label, None if ref is None else str(ref)))
    tasks = []
    if "tasks" in fields:
        raw_tasks = _list(fields, "tasks", "tasks must list at least one task, e.g. "
                          "tasks: [{id: read, type: read}]")
        ids: set[str] = set()
        for index in range(len(raw_tasks)):
            task = _task(fields.sub("tasks", index), ids)
            if task is not None:
                tasks.append(task)
    if not fields.ok:
        return None
    return StudyLetter(letter_id, sample, tuple(versions), tuple(tasks))


def _in_catalogue(fields: Fields, letters_dir: Path, letter_id: str, sample: str) -> None:
    """What opening the study would stop at in the working tree: a letter that is not in
    *letters_dir*, a sample it does not have. (A version at a git commit is checked when the
    study is opened, at that commit.)"""
    folder = letters_dir / letter_id
    if not (folder / "letter.yaml").is_file():
        known = sorted(p.name for p in letters_dir.iterdir() if (p / "letter.yaml").is_file())
        fields.add(f"no letter {letter_id!r} in {display_path(letters_dir)}/; letters: "
                   f"{', '.join(known) or 'none'}", "letter")
    elif not any((folder / "samples" / f"{sample}{ext}").is_file() for ext in (".yaml", ".yml")):
        known = sorted({p.stem for p in (folder / "samples").glob("*.y*ml")})
        fields.add(f"letter {letter_id!r} has no sample {sample!r}; its samples: "
                   f"{', '.join(known) or 'none'}", *(("sample",) if "sample" in fields else ()))


def _task(fields: Fields, ids: set[str]) -> Task | None:
    """One task, or None when it has problems (added to *fields*)."""
    if not fields.is_mapping:
        fields.add(f"a task is a mapping with id and type, e.g. {{id: read, type: read}}; "
                   f"types: {', '.join(TASK_TYPES)}")
        return None
    kind = fields.get("type")
    if "type" not in fields:
        fields.add(f"missing field 'type': the kind of task, one of {', '.join(TASK_TYPES)}")
    elif kind not in TASK_TYPES:
        fields.add(f"unknown task type {kind!r}; use one of {', '.join(TASK_TYPES)}", "type")
    task_id = fields.get("id", kind)
    if "id" in fields or kind in TASK_TYPES:
        if not isinstance(task_id, str) or not _ID.match(task_id):
            fields.add(f"task id {task_id!r} must be lower-case letters, digits, dashes and _",
                       "id")
        elif task_id in ids:
            fields.add(f"two tasks of this letter have the id {task_id!r}; give each task its "
                       "own id", *(("id",) if "id" in fields else ()))
        else:
            ids.add(task_id)
    if kind in TASK_TYPES:
        fields.unknown(("id", "type", "question", *TASK_FIELDS[kind]), f"in a {kind} task")
    question = _texts(fields, "question", required=False)
    if kind in ("choice", "free_text") and fields.get("question") is None:
        fields.add(f"a {kind} task needs a question per language, "
                   "question: {fi: ..., sv: ..., en: ...}",
                   *(("question",) if "question" in fields else ()))
    task = Task(task_id, kind, question)
    if kind == "choice":
        task = _choice(fields, task)
    elif kind == "free_text":
        task = Task(task_id, kind, question, key_points=_key_points(fields))
    elif kind == "cloze":
        values = {}
        for name, default, low, high in CLOZE_LIMITS:
            value = fields.get(name, default)
            # (true and false pass as 1 and 0, as they always have: a study kept in an
            # answer store must still read)
            if not isinstance(value, int) or not low <= value <= high:
                fields.add(f"{name} must be a whole number from {low} to {high}, got {value!r}",
                           name)
            values[name] = value
        task = Task(task_id, kind, question, **values)
    return task if fields.ok else None


def _choice(fields: Fields, task: Task) -> Task:
    options: dict[str, tuple[str, ...]] = {}
    size = None  # the number of options, when they are usable
    raw = fields.get("options")
    if "options" not in fields:
        fields.add("missing field 'options': the choices per language, "
                   "options: {fi: [...], sv: [...], en: [...]}")
    elif not isinstance(raw, dict) or not raw:
        fields.add("options must give the choices per language, "
                   "options: {fi: [...], sv: [...], en: [...]}", "options")
    else:
        usable = True
        for lang, items in raw.items():
            if lang not in LANGUAGES:
                fields.add(f"unknown language {lang!r} in options; use fi, sv or en",
                           "options", lang)
                usable = False
            elif not isinstance(items, list) or len(items) < 2:
                fields.add(f"the {lang} options must be a list of at least two choices",
                           "options", lang)
                usable = False
            else:
                options[lang] = tuple(str(item) for item in items)
        sizes = {len(v) for v in options.values()}
        if len(sizes) > 1:
            counts = ", ".join(f"{lang} {len(v)}" for lang, v in options.items())
            fields.add(f"every language must have the same number of options ({counts}); "
                       "give each language the same choices", "options")
        elif usable:
            size = sizes.pop()
    answer = fields.get("answer")
    if isinstance(answer, bool) or not isinstance(answer, int) or answer < 0 or (
            size is not None and answer >= size):
        span = f" (0-{size - 1})" if size is not None else ""
        fields.add(f"answer must be the index{span} of the right option, 0 for the first; "
                   f"got {answer!r}", *(("answer",) if "answer" in fields else ()))
    return Task(task.id, task.type, task.question, options, answer)


def _key_points(fields: Fields) -> tuple[KeyPoint, ...]:
    hint = ("key_points must list what a good answer says, e.g. key_points: [{id: passport, "
            "text: {fi: ..., sv: ..., en: ...}, match: [passi, pass]}]")
    if "key_points" not in fields:
        fields.add("missing field 'key_points': what a good answer says, e.g. key_points: "
                   "[{id: passport, text: {fi: ..., sv: ..., en: ...}, match: [passi, pass]}]")
        return ()
    points = []
    for n in range(len(_list(fields, "key_points", hint))):
        point = fields.sub("key_points", n)
        if not point.is_mapping:
            point.add("a key point has id, text and match (the words that show it)")
            continue
        match = point.get("match")
        if not isinstance(match, list) or not match:
            point.add("match must list the words that show the point, e.g. "
                      "match: [passi, pass, passport]", *(("match",) if "match" in point else ()))
            match = []
        text = _texts(point, "text")
        points.append(KeyPoint(str(point.get("id", f"point-{n + 1}")), text,
                               tuple(str(m).casefold() for m in match)))
    return tuple(points)


def study_json(study: Study) -> str:
    """A stable JSON form of the parsed study, for exports."""
    return json.dumps({"id": study.id, "title": study.title, "languages": study.languages,
                       "letters": [{"letter": e.letter, "sample": e.sample,
                                    "versions": [v.__dict__ for v in e.versions],
                                    "tasks": [t.id for t in e.tasks]} for e in study.letters]},
                      ensure_ascii=False, sort_keys=True)


def location_of(study: Study) -> Location:
    return Location(study.path or "<study>")
