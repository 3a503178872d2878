"""Staff guidance as data: the writing guide, the checklist and the exercises in ``training/``.

``training/`` is content, like ``letters/`` and ``guides/``:

- ``writing-guide.yaml``: for each letter kind the guide covers, why each of its sections
  exists (the sections themselves come from ``linting/config.yaml``, so the guide cannot
  drift from what ``letterkit check`` enforces), the rules whose fail/pass examples the guide
  shows, and the text on editing letters in git and running a panel study;
- ``checklist.yaml``: at most ten questions per language for what no linter can check;
- ``exercises/<id>.yaml``: a before text, who reads it and what they must do, the writer's
  task and a model answer, in fi, sv and en.

``letterkit lint training/`` lints every model answer and task with the letters' rules and
term base (they must be clean); the before texts are meant to have findings, and the site
shows how many next to each. Every problem of the files is one ``path:line:col`` line, exit 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location, Problem, ProblemsError
from letterkit.yamlio import Fields, Located, load_yaml

TRAINING_DIR = "training"
MAX_QUESTIONS = 10
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

EXERCISE_FIELDS = {"id": "the exercise id, the same as the file name",
                   "kind": "the letter kind it practises (a kind of linting/config.yaml)",
                   "order": "where it comes on the training page (a number; lower first)",
                   "review": "facts in the texts that could not be checked, for a reviewer",
                   **{lang: f"the exercise in {lang}" for lang in LANGUAGES}}
EXERCISE_TEXT_FIELDS = {
    "title": "a short title",
    "reader": "who reads the text and what they must do",
    "task": "what the writer is asked to do",
    "before": "the text to rewrite (block text, '|')",
    "model": "a model answer that is clean at warning level (block text, '|')",
    "why": "what the model answer changed, and why (optional)",
}
GUIDE_FIELDS = {"intro": "the guide's opening, per language",
                "kinds": "per letter kind and language: intro and why each section exists",
                "examples": "per language, the rule names whose fail/pass examples to show",
                "workflow": "per language: editing a letter in git (Markdown)",
                "panel": "per language: running a panel study and reading it (Markdown)"}
EXAMPLE_FIELDS = {"rule": "a rule name", "title": "its heading"}
QUESTION_FIELDS = {"question": "the question to ask of a draft",
                   "why": "why it matters, in a sentence or two"}


def training_dir(project) -> Path:
    return project.root / project.settings.get("training", TRAINING_DIR)


def _text_field(fields: Fields, key: str, what: str = "", *, required: bool = True) -> str:
    """The text at *key*, stripped (a missing or blank one is a problem when *required*)."""
    return fields.required_text(key, what) if required else fields.text(key, required=False,
                                                                          strip=True)


# --- Exercises ------------------------------------------------------------------------------

@dataclass
class Exercise:
    id: str
    kind: str
    text: dict[str, dict[str, str]]  # lang -> field -> text
    path: Path
    located: Located = field(repr=False)
    order: int = 0

    def line(self, lang: str, name: str) -> int:
        """The file line where the text of *name* in *lang* starts (a block scalar starts on
        the line after its key)."""
        loc = self.located.location(lang, name)
        raw = self.located.data[lang][name]
        return loc.line + (1 if "\n" in raw.rstrip("\n") or raw.endswith("\n") else 0)


def load_exercises(folder: Path, kinds: dict) -> list[Exercise]:
    """Every ``exercises/*.yaml`` under *folder*; ProblemsError lists what is wrong."""
    problems: list[Problem] = []
    exercises = []
    directory = folder / "exercises"
    if not directory.is_dir():
        raise LetterkitError("no exercises folder: expected training/exercises/<id>.yaml",
                             Location(str(folder)))
    for path in sorted(directory.glob("*.yaml")):
        try:
            located = load_yaml(path)
        except LetterkitError as exc:
            problems.append(exc.problem)
            continue
        exercise = _read_exercise(path, Fields(located, problems), kinds)
        if exercise is not None:
            exercises.append(exercise)
    if problems:
        raise ProblemsError(problems)
    exercises.sort(key=lambda e: (e.order, e.id))
    if not exercises:
        raise LetterkitError("no exercises here: add training/exercises/<id>.yaml",
                             Location(str(directory)))
    return exercises


def _read_exercise(path: Path, fields: Fields, kinds: dict) -> Exercise | None:
    """One exercise, or None when it has problems (added to *fields*)."""
    if not fields.is_mapping:
        fields.add("expected a mapping with the fields: " + ", ".join(EXERCISE_FIELDS))
        return None
    fields.unknown(EXERCISE_FIELDS)
    exercise_id = _text_field(fields, "id", EXERCISE_FIELDS["id"])
    if exercise_id and exercise_id != path.stem:
        fields.add(f"id {exercise_id!r} must be the file name ({path.stem})", "id")
    kind = _text_field(fields, "kind", required=False)
    if kind and kind not in kinds:
        fields.add(f"unknown letter kind {kind!r}; use one of: " + ", ".join(kinds), "kind")
    order = fields.integer("order", 0)
    texts: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        item = fields.sub(lang)
        if not item.is_mapping:
            fields.add(f"missing language {lang!r}: every exercise needs fi, sv and en, each "
                       "with " + ", ".join(k for k in EXERCISE_TEXT_FIELDS if k != "why"),
                       *((lang,) if lang in fields else ()))
            continue
        item.unknown(EXERCISE_TEXT_FIELDS)
        texts[lang] = {name: _text_field(item, name, what, required=name != "why")
                       for name, what in EXERCISE_TEXT_FIELDS.items()}
        if texts[lang]["before"] and texts[lang]["before"] == texts[lang]["model"]:
            item.add("the model answer is the same as the before text", "model")
    if not fields.ok:
        return None
    return Exercise(exercise_id, kind, texts, path, fields.located, order)


def _lint(text: str, lang: str, ruleset, project, path: str):
    from letterkit.lint import lint_text

    return lint_text(text.rstrip("\n") + "\n", lang, ruleset, path=path, project=project)


def before_findings(exercise: Exercise, lang: str, ruleset, project) -> list:
    """What the letters' rules find in the before text (it is meant to have findings)."""
    return _lint(exercise.text[lang]["before"], lang, ruleset, project, str(exercise.path))


def _column(file_lines: list[str], line: int, col: int, value: str, block: bool) -> int:
    """A column of the linted text as a column of the file: plus the indentation of a block
    scalar's line, or plus where a one-line value starts on its line."""
    if not 0 < line <= len(file_lines):
        return col
    text = file_lines[line - 1]
    if block:
        return col + len(text) - len(text.lstrip(" "))
    return col + max(text.find(value), 0)


def lint_exercises(exercises: list[Exercise], ruleset, project) -> list:
    """Findings in every model answer and task, at their line in the exercise's file."""
    findings = []
    for exercise in exercises:
        file_lines = exercise.path.read_text(encoding="utf-8").splitlines()
        for lang in LANGUAGES:
            for name in ("model", "task", "reader"):
                start = exercise.line(lang, name)
                block = start != exercise.located.location(lang, name).line
                value_col = exercise.text[lang][name][:30]  # where a one-line value starts
                for finding in _lint(exercise.text[lang][name], lang, ruleset, project,
                                     str(exercise.path)):
                    line = start + finding.line - 1
                    end_line = start + finding.end_line - 1
                    findings.append(replace(
                        finding, line=line, end_line=end_line,
                        column=_column(file_lines, line, finding.column, value_col, block),
                        end_column=_column(file_lines, end_line, finding.end_column, value_col,
                                           block)))
    return findings


def is_training_dir(path: Path) -> bool:
    return path.is_dir() and (path / "exercises").is_dir()


# --- Checklist ------------------------------------------------------------------------------

def load_checklist(folder: Path) -> dict[str, list[dict[str, str]]]:
    """``checklist.yaml``: per language a list of {question, why}, at most ten."""
    path = folder / "checklist.yaml"
    if not path.is_file():
        raise LetterkitError("no checklist: expected training/checklist.yaml", Location(str(path)))
    problems: list[Problem] = []
    fields = Fields(load_yaml(path), problems)
    out: dict[str, list[dict[str, str]]] = {}
    for lang in LANGUAGES:
        items = fields.get(lang)
        if not isinstance(items, list) or not items:
            fields.add(f"missing language {lang!r}: a list of {{question, why}}",
                       *((lang,) if lang in fields else ()))
            continue
        if len(items) > MAX_QUESTIONS:
            fields.add(f"{len(items)} questions in {lang}; keep to at most {MAX_QUESTIONS}",
                       lang)
        out[lang] = []
        for i in range(len(items)):
            item = fields.sub(lang, i)
            if not item.is_mapping:
                item.add("each question is {question: ..., why: ...}")
                continue
            item.unknown(QUESTION_FIELDS)
            out[lang].append({key: _text_field(item, key, what)
                              for key, what in QUESTION_FIELDS.items()})
    counts = {len(v) for v in out.values()}
    if len(counts) > 1:
        fields.add("every language needs the same number of questions: "
                   + ", ".join(f"{lang} {len(v)}" for lang, v in out.items()))
    if problems:
        raise ProblemsError(problems)
    return out


# --- The writing guide ----------------------------------------------------------------------

@dataclass
class WritingGuide:
    intro: dict[str, str]
    kinds: dict[str, dict[str, dict[str, Any]]]  # kind -> lang -> {intro, sections{id: why}}
    examples: dict[str, list[tuple[str, str]]]  # lang -> [(rule name, heading)]
    workflow: dict[str, str]
    panel: dict[str, str]


def load_writing_guide(folder: Path, kinds: dict, rule_names: dict[str, set[str]]
                       ) -> WritingGuide:
    """``writing-guide.yaml``; every section of each kind it covers must be explained in
    every language (the sections are those of ``linting/config.yaml``), and every example
    rule must exist."""
    path = folder / "writing-guide.yaml"
    if not path.is_file():
        raise LetterkitError("no writing guide: expected training/writing-guide.yaml",
                             Location(str(path)))
    problems: list[Problem] = []
    fields = Fields(load_yaml(path), problems)
    fields.unknown(GUIDE_FIELDS)

    def per_language(key: str) -> dict[str, str]:
        texts = fields.sub(key)
        if not texts.is_mapping:
            fields.add(f"missing {key!r}: {GUIDE_FIELDS[key]}", *((key,) if key in fields else ()))
            return {}
        return {lang: _text_field(texts, lang) for lang in LANGUAGES}

    guide_kinds = _guide_kinds(fields, kinds)
    examples = _guide_examples(fields, rule_names)
    guide = WritingGuide(per_language("intro"), guide_kinds, examples,
                         per_language("workflow"), per_language("panel"))
    if problems:
        raise ProblemsError(problems)
    return guide


def _guide_kinds(fields: Fields, kinds: dict) -> dict[str, dict[str, dict[str, Any]]]:
    """Per letter kind and language: its intro and why each section exists."""
    guide_kinds: dict[str, dict[str, dict[str, Any]]] = {}
    raw_kinds = fields.get("kinds")
    if not isinstance(raw_kinds, dict) or not raw_kinds:
        fields.add("missing 'kinds': " + GUIDE_FIELDS["kinds"],
                   *(("kinds",) if "kinds" in fields else ()))
        return guide_kinds
    for kind in raw_kinds:
        kind_fields = fields.sub("kinds", kind)
        if kind not in kinds:
            kind_fields.add(f"unknown letter kind {kind!r}; use one of: " + ", ".join(kinds))
            continue
        sections = [s["id"] for s in kinds[kind].get("sections", [])]
        guide_kinds[kind] = {}
        for lang in LANGUAGES:
            item = kind_fields.sub(lang)
            if not item.is_mapping:
                kind_fields.add(f"missing language {lang!r} for {kind}")
                continue
            intro = _text_field(item, "intro")
            whys = item.mapping("sections", f"'sections' must map each section of {kind} to "
                                "why it exists")
            for section in sections:
                if not whys.get(section):
                    item.add(f"section {section!r} of {kind} (linting/config.yaml) has no "
                             f"explanation in {lang}; add sections.{section}",
                             *(("sections",) if "sections" in item else ()))
            for section in whys:
                if section not in sections:
                    item.add(f"{kind} has no section {section!r} in linting/config.yaml; its "
                             "sections are: " + ", ".join(sections), "sections", section)
            guide_kinds[kind][lang] = {"intro": intro, "sections": {
                s: " ".join(str(whys.get(s, "")).split()) for s in sections}}
    return guide_kinds


def _guide_examples(fields: Fields, rule_names: dict[str, set[str]]
                    ) -> dict[str, list[tuple[str, str]]]:
    """Per language, the (rule name, heading) of each rule whose examples the guide shows."""
    examples: dict[str, list[tuple[str, str]]] = {}
    per_lang = fields.sub("examples")
    for lang in LANGUAGES:
        items = per_lang.get(lang) or []
        if not isinstance(items, list) or not items:
            fields.add(f"missing examples for {lang!r}: a list of {{rule, title}}", "examples",
                       *((lang,) if lang in per_lang else ()))
            continue
        examples[lang] = []
        for i in range(len(items)):
            item = per_lang.sub(lang, i)
            if not item.is_mapping:
                item.add("each example is {rule: <rule name>, title: <heading>}")
                continue
            item.unknown(EXAMPLE_FIELDS)
            name = _text_field(item, "rule", EXAMPLE_FIELDS["rule"])
            title = _text_field(item, "title", EXAMPLE_FIELDS["title"])
            if name and name not in rule_names.get(lang, set()):
                item.add(f"no {lang} rule named {name!r} in linting/{lang}/", "rule")
            examples[lang].append((name, title))
    return examples


def lint_training(path: Path, ruleset, project) -> list:
    """``letterkit lint training/`` (or one ``training/exercises/<id>.yaml``): check every
    file of the folder (ProblemsError, exit 2, when one cannot be used) and return the
    findings in the model answers, tasks and readers of the exercises."""
    path = Path(path)
    folder = path.parent.parent if path.is_file() else path
    ruleset = project.rules()
    names = {lang: {r.spec.name for r in ruleset.for_lang(lang, dormant=True)}
             for lang in LANGUAGES}
    problems: list[Problem] = []
    exercises: list[Exercise] = []
    for load in (lambda: load_checklist(folder),
                 lambda: load_writing_guide(folder, project.kinds, names),
                 lambda: exercises.extend(load_exercises(folder, project.kinds))):
        try:
            load()
        except ProblemsError as exc:
            problems.extend(exc.problems)
        except LetterkitError as exc:
            problems.append(exc.problem)
    if problems:
        raise ProblemsError(problems)
    if path.is_file():
        exercises = [e for e in exercises if e.path.resolve() == path.resolve()]
    return lint_exercises(exercises, ruleset, project)


def is_exercise_file(path: Path) -> bool:
    return path.is_file() and path.suffix == ".yaml" and path.parent.name == "exercises" \
        and is_training_dir(path.parent.parent)
