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
from letterkit.errors import LetterkitError, Location
from letterkit.yamlio import Located, load_yaml, load_yaml_text

TASK_TYPES = ("read", "highlighter", "choice", "free_text", "cloze", "confidence")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$")
BACKGROUND = ("first_language", "reading_level", "interpreter")


class StudyError(LetterkitError):
    """A study file that cannot be used, with the path and line of the problem."""


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


def load_study(path: Path) -> Study:
    """Read and check one study file; a problem is a StudyError with path:line."""
    return _build(load_yaml(path), load_yaml_text_source(path))


def load_yaml_text_source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def parse_study(text: str, name: str = "<study>") -> Study:
    """Check a study given as YAML text (the app's study form)."""
    return _build(load_yaml_text(text, name), text)


def load_studies(folder: Path) -> tuple[list[Study], list[LetterkitError]]:
    """Every ``*.yaml`` study directly in *folder*, with the problems of those that fail."""
    studies: list[Study] = []
    problems: list[LetterkitError] = []
    if not folder.is_dir():
        return studies, problems
    for path in sorted(folder.glob("*.yaml")):
        try:
            studies.append(load_study(path))
        except LetterkitError as exc:
            problems.append(exc)
    return studies, problems


class _Reader:
    def __init__(self, located: Located):
        self.located = located

    def fail(self, message: str, *keys: Any) -> StudyError:
        return StudyError(message, self.located.location(*keys))

    def texts(self, value: Any, *keys: Any, required: bool = True) -> dict[str, str]:
        if value is None and not required:
            return {}
        if isinstance(value, str):
            return {lang: value for lang in LANGUAGES}
        if not isinstance(value, dict) or not value:
            raise self.fail("give the text per language: {fi: ..., sv: ..., en: ...}", *keys)
        out = {}
        for lang, text in value.items():
            if lang not in LANGUAGES:
                raise self.fail(f"unknown language {lang!r}; use fi, sv or en", *keys, lang)
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"the {lang} text is empty", *keys, lang)
            out[lang] = text.strip()
        return out


def _build(located: Located, source: str) -> Study:
    r = _Reader(located)
    data = located.data
    if not isinstance(data, dict):
        raise r.fail("a study is a mapping with id, title, languages and letters")
    known = {"id", "title", "description", "languages", "letters"}
    for key in data:
        if key not in known:
            raise r.fail(f"unknown key {key!r}; a study has {', '.join(sorted(known))}", key)
    study_id = data.get("id")
    if not isinstance(study_id, str) or not _ID.match(study_id):
        raise r.fail("'id' must be lower-case letters, digits and dashes", "id")
    title = r.texts(data.get("title"), "title")
    description = r.texts(data.get("description"), "description", required=False)
    languages = data.get("languages") or list(LANGUAGES)
    if not isinstance(languages, list) or not all(lang in LANGUAGES for lang in languages):
        raise r.fail("'languages' is a list of fi, sv, en", "languages")
    letters_raw = data.get("letters")
    if not isinstance(letters_raw, list) or not letters_raw:
        raise r.fail("'letters' must list at least one letter", "letters")
    letters = []
    seen_letters: set[str] = set()
    for i, entry in enumerate(letters_raw):
        letter = _letter(r, entry, i, languages)
        if letter.letter in seen_letters:
            raise r.fail(f"letter {letter.letter!r} is listed twice", "letters", i)
        seen_letters.add(letter.letter)
        letters.append(letter)
    return Study(study_id, title, description, tuple(languages), tuple(letters), source,
                 located.path)


def _letter(r: _Reader, entry: Any, i: int, languages: list[str]) -> StudyLetter:
    keys = ("letters", i)
    if not isinstance(entry, dict) or not isinstance(entry.get("letter"), str):
        raise r.fail("each letter needs 'letter: <letter id>'", *keys)
    for key in entry:
        if key not in {"letter", "sample", "versions", "tasks"}:
            raise r.fail(f"unknown key {key!r}; a study letter has letter, sample, versions, "
                         "tasks", *keys, key)
    sample = entry.get("sample", "default")
    if not isinstance(sample, str):
        raise r.fail("'sample' is the name of one of the letter's samples", *keys, "sample")
    versions_raw = entry.get("versions") or [{"label": "A"}]
    if not isinstance(versions_raw, list):
        raise r.fail("'versions' is a list of {label, ref}", *keys, "versions")
    versions = []
    for j, version in enumerate(versions_raw):
        if not isinstance(version, dict) or not _LABEL.match(str(version.get("label", ""))):
            raise r.fail("each version needs a short 'label' such as A or B",
                         *keys, "versions", j)
        ref = version.get("ref")
        if ref is not None and not re.match(r"^[0-9A-Za-z._/-]{1,80}$", str(ref)):
            raise r.fail("'ref' is a git commit or tag", *keys, "versions", j, "ref")
        versions.append(VersionSpec(str(version["label"]), None if ref is None else str(ref)))
    if len({v.label for v in versions}) != len(versions):
        raise r.fail("version labels must differ", *keys, "versions")
    tasks_raw = entry.get("tasks")
    if not isinstance(tasks_raw, list) or not tasks_raw:
        raise r.fail("'tasks' must list at least one task", *keys, "tasks")
    tasks = [_task(r, t, (*keys, "tasks", j), languages) for j, t in enumerate(tasks_raw)]
    ids = [t.id for t in tasks]
    if len(set(ids)) != len(ids):
        raise r.fail("task ids must differ within a letter", *keys, "tasks")
    return StudyLetter(entry["letter"], sample, tuple(versions), tuple(tasks))


def _task(r: _Reader, raw: Any, keys: tuple, languages: list[str]) -> Task:
    if not isinstance(raw, dict):
        raise r.fail("a task is a mapping with id and type", *keys)
    kind = raw.get("type")
    if kind not in TASK_TYPES:
        raise r.fail(f"task type must be one of {', '.join(TASK_TYPES)}", *keys, "type")
    task_id = raw.get("id", kind)
    if not isinstance(task_id, str) or not _ID.match(task_id):
        raise r.fail("task 'id' must be lower-case letters, digits and dashes", *keys, "id")
    allowed = {"id", "type", "question"} | {
        "choice": {"options", "answer"}, "free_text": {"key_points"},
        "cloze": {"every", "offsets", "max_words"},
    }.get(kind, set())
    for key in raw:
        if key not in allowed:
            raise r.fail(f"a {kind} task has no {key!r}; it takes {', '.join(sorted(allowed))}",
                         *keys, key)
    question = r.texts(raw.get("question"), *keys, "question", required=False)
    if kind in ("choice", "free_text") and not question:
        raise r.fail("this task needs a 'question'", *keys, "question")
    task = Task(task_id, kind, question)
    if kind == "choice":
        options_raw = raw.get("options")
        if not isinstance(options_raw, dict):
            raise r.fail("'options' gives the choices per language", *keys, "options")
        options: dict[str, tuple[str, ...]] = {}
        for lang, items in options_raw.items():
            if lang not in LANGUAGES or not isinstance(items, list) or len(items) < 2:
                raise r.fail("each language needs a list of at least two options",
                             *keys, "options", lang)
            options[lang] = tuple(str(item) for item in items)
        if len({len(v) for v in options.values()}) != 1:
            raise r.fail("every language must have the same number of options", *keys, "options")
        answer = raw.get("answer")
        size = len(next(iter(options.values())))
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < size:
            raise r.fail(f"'answer' is the index (0-{size - 1}) of the right option",
                         *keys, "answer")
        task = Task(task_id, kind, question, options, answer)
    elif kind == "free_text":
        points_raw = raw.get("key_points")
        if not isinstance(points_raw, list) or not points_raw:
            raise r.fail("'key_points' lists what a good answer says", *keys, "key_points")
        points = []
        for n, point in enumerate(points_raw):
            if (not isinstance(point, dict) or not isinstance(point.get("match"), list)
                    or not point["match"]):
                raise r.fail("a key point has id, text and match (words that show it)",
                             *keys, "key_points", n)
            text = r.texts(point.get("text"), *keys, "key_points", n, "text")
            points.append(KeyPoint(str(point.get("id", f"point-{n + 1}")), text,
                                   tuple(str(m).casefold() for m in point["match"])))
        task = Task(task_id, kind, question, key_points=tuple(points))
    elif kind == "cloze":
        values = {}
        for name, default, low, high in (("every", 5, 3, 12), ("offsets", 5, 1, 12),
                                         ("max_words", 250, 30, 1000)):
            value = raw.get(name, default)
            if not isinstance(value, int) or not low <= value <= high:
                raise r.fail(f"'{name}' is a whole number from {low} to {high}", *keys, name)
            values[name] = value
        task = Task(task_id, kind, question, **values)
    return task


def study_json(study: Study) -> str:
    """A stable JSON form of the parsed study, for exports."""
    return json.dumps({"id": study.id, "title": study.title, "languages": study.languages,
                       "letters": [{"letter": e.letter, "sample": e.sample,
                                    "versions": [v.__dict__ for v in e.versions],
                                    "tasks": [t.id for t in e.tasks]} for e in study.letters]},
                      ensure_ascii=False, sort_keys=True)


def location_of(study: Study) -> Location:
    return Location(study.path or "<study>")
