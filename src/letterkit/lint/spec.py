"""Rule files: ``linting/<lang>/<name>.yaml``, one rule each, checked against a schema.

Common fields (every kind):

- code (str): three capital letters and three digits, stable forever (``STY001``). A concept
  checked in several languages keeps one code, with one file per language.
- name (str): kebab-case, the same as the file name (``sentence-too-long``).
- kind (str): the engine's rule kind (see ``letterkit.lint.kinds.KINDS``).
- severity (str): error, warning or suggestion.
- message (str): in the rule's language, with ``{found}`` and ``{suggestion}`` slots (and the
  kind's own, e.g. ``{count}`` and ``{max}``).
- description (str): why the rule exists, in the rule's language.
- link (str): the source of the guidance (Kotus, Isof, GOV.UK, plainlanguage.gov ...).
- examples (mapping): ``fail`` and ``pass`` lists of texts; a test runs every one.
- opt_in (bool, default false): the rule is off unless a project turns it on (``enable:`` in
  the rule pack's ``config.yaml``, or ``--select CODE`` naming its code in full). For rules
  whose measured precision is too low to run on every letter (benchmarks/lint_precision.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location, ProblemsError
from letterkit.model.finding import Severity
from letterkit.yamlio import Fields, Located, load_yaml

CODE_RE = re.compile(r"^[A-Z]{3}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_FIELDS = ("code", "name", "kind", "severity", "message", "description", "link",
                 "examples", "lang", "opt_in")
REQUIRED_FIELDS = ("code", "name", "kind", "severity", "message", "description", "link",
                   "examples")


@dataclass
class RuleSpec:
    """A rule as written in its YAML file, validated."""

    code: str
    name: str
    kind: str
    severity: Severity
    message: str
    description: str
    link: str
    lang: str
    examples: dict[str, list[str]]
    options: dict[str, Any]
    path: str
    located: Located | None = field(default=None, repr=False)
    # The rule pack's config.yaml (readability targets), given by the loader; None: read it.
    pack_config: dict[str, Any] | None = field(default=None, repr=False)
    opt_in: bool = False

    def location(self, *keys: Any) -> Location:
        return self.located.location(*keys) if self.located else Location(self.path)

    def error(self, message: str, *keys: Any) -> LetterkitError:
        return LetterkitError(message, self.location(*keys))


def read_spec(path: Path, lang: str, pack_config: dict[str, Any] | None = None) -> RuleSpec:
    """Read and validate the common fields of one rule file; raise ProblemsError with every
    problem of the file (LetterkitError when it cannot be read at all)."""
    located = load_yaml(path)
    fields = Fields(located)
    if not fields.is_mapping:
        raise LetterkitError("a rule file holds one rule: code, name, kind, severity, message, "
                             "description, link, examples", located.location())
    fields.missing(REQUIRED_FIELDS)
    code = fields.get("code")
    if "code" in fields and (not isinstance(code, str) or not CODE_RE.match(code)):
        fields.add(f"code {code!r} must be three capital letters and three digits, "
                   "e.g. STY001", "code")
    name = fields.get("name")
    if "name" in fields:
        if not isinstance(name, str) or not NAME_RE.match(name):
            fields.add(f"name {name!r} must be kebab-case", "name")
        elif name != path.stem:
            fields.add(f"name {name!r} differs from the file name {path.stem!r}; "
                       "make them the same", "name")
    severity = Severity.WARNING
    if "severity" in fields:
        try:
            severity = Severity(fields.get("severity"))
        except ValueError:
            fields.add(f"unknown severity {fields.get('severity')!r}; use error, warning or "
                       "suggestion", "severity")
    for key in ("message", "description", "link", "kind"):
        if key in fields and (not isinstance(fields.get(key), str)
                              or not fields.get(key).strip()):
            fields.add(f"{key} must be text", key)
    if "lang" in fields and fields.get("lang") != lang:
        fields.add(f"lang {fields.get('lang')!r} differs from the folder {lang!r}", "lang")
    examples = fields.get("examples")
    if "examples" in fields:
        if not isinstance(examples, dict) or set(examples) - {"fail", "pass"}:
            fields.add("examples must have 'fail' and 'pass' lists", "examples")
        else:
            for key in ("fail", "pass"):
                value = examples.get(key)
                if not isinstance(value, list) or not value or not all(
                        isinstance(v, str) for v in value):
                    fields.add(f"examples.{key} must be a non-empty list of texts; every rule "
                               "shows at least one text it flags and one it accepts",
                               "examples", key)
    if "opt_in" in fields and not isinstance(fields.get("opt_in"), bool):
        fields.add("opt_in must be true or false", "opt_in")
    if not fields.ok:
        raise ProblemsError(fields.problems)
    data = fields.data
    options = {k: v for k, v in data.items() if k not in COMMON_FIELDS}
    return RuleSpec(code=code, name=name, kind=data["kind"], severity=severity,
                    message=data["message"], description=data["description"].strip(),
                    link=data["link"], lang=lang, examples=examples, options=options,
                    path=str(path), located=located, pack_config=pack_config,
                    opt_in=bool(data.get("opt_in", False)))
