"""Samples: ``samples/*.yaml`` of a letter, their values checked against its variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location, Problem
from letterkit.model.letter import Letter, PerLanguage, Sample, Variable
from letterkit.values import ValueProblem, coerce
from letterkit.yamlio import Fields, load_yaml

SAMPLE_FIELDS = ("description", "values")


def read_samples(letter: Letter, problems: list[Problem]) -> dict[str, Sample]:
    folder = letter.path / "samples"
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not paths:
        problems.append(Problem(
            Location(str(folder)),
            "no samples: add samples/default.yaml with invented values for every variable",
        ))
        return {}
    samples: dict[str, Sample] = {}
    for path in paths:
        sample = read_sample(letter, path, problems)
        if sample is not None:
            samples[sample.name] = sample
    if "default" not in samples and not any(p.stem == "default" for p in paths):
        problems.append(Problem(Location(str(folder)),
                                "no samples/default.yaml; render and preview use it by default"))
    return samples


def read_sample(letter: Letter, path: Path, problems: list[Problem]) -> Sample | None:
    try:
        located = load_yaml(path)
    except LetterkitError as exc:
        problems.append(exc.unreadable)
        return None
    fields = Fields(located)  # the sample's own problems, kept on the sample too
    if not fields.is_mapping:
        data = located.data
        what = "is empty" if data is None else f"is a {type(data).__name__}, not a mapping"
        fields.add_unreadable(f"the sample {what}: expected 'description: ...' and 'values:' "
                              "with one key per variable")
        problems.extend(fields.problems)  # recorded: no command passes over a skipped sample
        return None
    fields.unknown(SAMPLE_FIELDS, "of a sample")
    raw = fields.mapping("values", "values must map variable names to values")
    description = fields.get("description", "")
    values = coerce_values(letter, raw, fields)
    problems.extend(fields.problems)
    return Sample(
        name=path.stem, path=path, description=str(description or ""), values=values,
        raw_values=raw, locations={name: located.location("values", name) for name in raw},
        problems=tuple(fields.problems),
    )


def _per_language(letter: Letter, variable: Variable, value: dict[str, Any],
                  report: Fields) -> PerLanguage:
    """A value given per language, e.g. ``documents: {fi: [...], sv: [...], en: [...]}``."""
    name = variable.name
    result = PerLanguage()
    for lang in value:
        if lang not in letter.languages:
            report.add(f"{name}: {lang!r} is not a language of this letter; a value given per "
                       f"language has the keys {', '.join(letter.languages)}", "values", name, lang)
    for lang in letter.languages:
        if lang not in value:
            report.add(f"{name}: no {lang!r} value; a value given per language needs one for "
                       f"each of {', '.join(letter.languages)}", "values", name)
            continue
        try:
            result[lang] = coerce(variable, value[lang])
        except ValueProblem as exc:
            report.add(f"{name} ({variable.type}, {lang}): {exc}", "values", name, lang)
    return result


def coerce_values(letter: Letter, raw: dict[str, Any], report: Fields) -> dict[str, Any]:
    """Check raw sample values against the letter's variables; return the typed values.

    *report* is the field reader of the file the values are in (a sample, a batch record)."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        variable = letter.variables.get(name)
        if variable is None:
            report.add(f"{name!r} is not a variable of {letter.id}; declared: "
                       f"{', '.join(sorted(letter.variables)) or 'none'}", "values", name)
            continue
        if value is None and not variable.required:
            continue
        if isinstance(value, dict):
            values[name] = _per_language(letter, variable, value, report)
            continue
        try:
            values[name] = coerce(variable, value)
        except ValueProblem as exc:
            report.add(f"{name} ({variable.type}): {exc}", "values", name)
    for name, variable in letter.variables.items():
        if variable.required and name not in raw:
            report.add(f"missing required value {name!r} ({variable.type}); add it under values, "
                       "or mark the variable 'required: false' in letter.yaml", "values")
    return values
