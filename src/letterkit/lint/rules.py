"""Load rule packs (``<pack>/<lang>/*.yaml``) into rules of the engine's kinds.

The packs a project uses are listed by ``letterkit.project.Project.rule_packs``: the packs
letterkit ships (``letterkit/packs/builtin``) and the project's own ``linting/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location, Problem, ProblemsError
from letterkit.lint.kinds import KINDS, Rule
from letterkit.lint.kinds.base import read_pack_config
from letterkit.lint.spec import read_spec


@dataclass
class RuleSet:
    """Every loaded rule, with the codes known (selected or not) for suppressions."""

    rules: list[Rule] = field(default_factory=list)
    known_codes: set[str] = field(default_factory=set)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()  # the rule packs the rules came from, in order
    site_url: str = ""  # [tool.letterkit] site_url: findings link to the rule pages there
    # Opt-in rules no pack's ``enable:`` turned on: they run only when *select* names their
    # code in full (``--select STY002``).
    dormant: list[Rule] = field(default_factory=list)

    def narrowed(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> RuleSet:
        """The same rules (the same objects), only those *select* and *ignore* leave; an
        opt-in rule joins when *select* names its code."""
        if not select and not ignore and not self.select and not self.ignore:
            return self
        woken = [r for r in self.dormant if r.code in select]
        return RuleSet([r for r in self.rules + woken if _selected(r.code, select, ignore)],
                       self.known_codes, tuple(select), tuple(ignore), self.packs,
                       site_url=self.site_url,
                       dormant=[r for r in self.dormant if r not in woken])

    def selected(self, code: str) -> bool:
        return _selected(code, self.select, self.ignore)

    def for_lang(self, lang: str, dormant: bool = False) -> list[Rule]:
        """The rules that run for *lang*; *dormant*: the opt-in rules not enabled too (for
        documentation: rule pages, the writing guide's rule names)."""
        return [rule for rule in self.every if rule.spec.lang == lang] if dormant else \
            [rule for rule in self.rules if rule.spec.lang == lang]

    @property
    def every(self) -> list[Rule]:
        """Every loaded rule: the ones that run and the opt-in ones not enabled."""
        return self.rules + self.dormant

    def by_code(self, code: str, lang: str | None = None) -> Rule | None:
        return next((r for r in self.rules if r.code == code
                     and (lang is None or r.spec.lang == lang)), None)


def _selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    if select and not any(code.startswith(prefix) for prefix in select):
        return False
    return not any(code.startswith(prefix) for prefix in ignore)


def rule_files(linting_dir: Path) -> list[tuple[str, Path]]:
    return [(lang, path) for lang in LANGUAGES
            for path in sorted((Path(linting_dir) / lang).glob("*.yaml"))]


def load_rules(*packs: Path, select: tuple[str, ...] = (),
               ignore: tuple[str, ...] = (), opt_in: bool = False) -> RuleSet:
    """Load and validate every rule file of the rule *packs* (``<pack>/<lang>/*.yaml``).

    A later pack extends the earlier ones, and a rule file of the same language and code
    replaces the earlier pack's. Every broken file is reported (a syntax error, an unknown
    kind, a duplicate code within a pack, a regex that does not compile): ProblemsError with
    one ``path:line`` each.

    A rule with ``opt_in: true`` is kept aside (``RuleSet.dormant``) unless a pack's
    ``config.yaml`` lists its code under ``enable:``; *opt_in* True loads every rule.
    """
    problems: list[Problem] = []
    enabled: set[str] = set()
    by_key: dict[tuple[str, str], Rule] = {}
    for pack in packs:
        seen: dict[tuple[str, str], str] = {}
        config = read_pack_config(Path(pack))
        enable = config.get("enable") or []
        enabled |= {code for code in enable if isinstance(code, str)} \
            if isinstance(enable, list) else set()
        for lang, path in rule_files(Path(pack)):
            try:
                spec = read_spec(path, lang, config)
                cls = KINDS.get(spec.kind)
                if cls is None:
                    raise spec.error(f"unknown kind {spec.kind!r}; valid kinds: "
                                     f"{', '.join(KINDS)}", "kind")
                if (lang, spec.code) in seen:
                    raise spec.error(f"duplicate code {spec.code}: also used by "
                                     f"{seen[lang, spec.code]}; each rule needs its own code",
                                     "code")
                seen[lang, spec.code] = path.name
                by_key[lang, spec.code] = cls(spec)
            except ProblemsError as exc:  # every problem of the file
                problems.extend(exc.problems)
            except LetterkitError as exc:
                problems.append(exc.problem)
    names: dict[str, Rule] = {}
    for rule in by_key.values():
        other = names.setdefault(rule.code, rule)
        if other.spec.name != rule.spec.name:
            problems.append(rule.spec.error(
                f"code {rule.code} is {other.spec.name!r} in {other.spec.path}; one code names "
                "one rule in every language", "code").problem)
    if problems:
        raise ProblemsError(problems)
    rules = list(by_key.values())
    awake = [r for r in rules if opt_in or not r.spec.opt_in or r.code in enabled]
    ruleset = RuleSet(awake, set(names), packs=tuple(Path(p) for p in packs),
                      dormant=[r for r in rules if r not in awake])
    return ruleset.narrowed(select, ignore)


def selection(settings: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``select`` and ``ignore`` code prefixes from ``[tool.letterkit]``."""
    result = []
    for key in ("select", "ignore"):
        value = settings.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LetterkitError(f"[tool.letterkit] {key} must be a list of code prefixes, "
                                 'e.g. ["STY", "WRD001"]', Location("pyproject.toml"))
        result.append(tuple(value))
    return result[0], result[1]
