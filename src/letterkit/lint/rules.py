"""Load rule packs from ``linting/<lang>/*.yaml`` into rules of the engine's kinds."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError, Location
from letterkit.lint.kinds import KINDS, Rule
from letterkit.lint.spec import read_spec


@dataclass
class RuleSet:
    """Every loaded rule, with the codes known (selected or not) for suppressions."""

    rules: list[Rule] = field(default_factory=list)
    known_codes: set[str] = field(default_factory=set)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def selected(self, code: str) -> bool:
        return _selected(code, self.select, self.ignore)

    def for_lang(self, lang: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.spec.lang == lang]

    def by_code(self, code: str, lang: str | None = None) -> Rule | None:
        return next((r for r in self.rules if r.code == code
                     and (lang is None or r.spec.lang == lang)), None)


def _selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    if select and not any(code.startswith(prefix) for prefix in select):
        return False
    return not any(code.startswith(prefix) for prefix in ignore)


def rule_files(linting_dir: Path) -> list[tuple[str, Path]]:
    return [(lang, path) for lang in LANGUAGES
            for path in sorted((linting_dir / lang).glob("*.yaml"))]


def load_rules(linting_dir: Path, *, select: tuple[str, ...] = (),
               ignore: tuple[str, ...] = ()) -> RuleSet:
    """Load and validate every rule file; raise LetterkitError (``path:line``) on the first
    broken one: a syntax error, an unknown kind, a duplicate code, a regex that does not
    compile."""
    from letterkit.glossary.checks import RULES as TERM_RULES

    ruleset = RuleSet(known_codes=set(TERM_RULES), select=select, ignore=ignore)
    names: dict[str, tuple[str, str]] = {}
    seen: dict[tuple[str, str], str] = {}
    for lang, path in rule_files(Path(linting_dir)):
        spec = read_spec(path, lang)
        cls = KINDS.get(spec.kind)
        if cls is None:
            raise spec.error(f"unknown kind {spec.kind!r}; valid kinds: {', '.join(KINDS)}",
                             "kind")
        if (lang, spec.code) in seen:
            raise spec.error(f"duplicate code {spec.code}: also used by {seen[lang, spec.code]}; "
                             "each rule needs its own code", "code")
        seen[lang, spec.code] = path.name
        if spec.code in names and names[spec.code][0] != spec.name:
            other_name, other_path = names[spec.code]
            raise spec.error(f"code {spec.code} is {other_name!r} in {other_path}; one code "
                             "names one rule in every language", "code")
        names.setdefault(spec.code, (spec.name, str(path)))
        ruleset.known_codes.add(spec.code)
        if _selected(spec.code, select, ignore):
            ruleset.rules.append(cls(spec))
    return ruleset


_cache: dict[tuple, RuleSet] = {}
_lock = threading.Lock()


def cached_rules(linting_dir: Path, select: tuple[str, ...] = (),
                 ignore: tuple[str, ...] = ()) -> RuleSet:
    """``load_rules`` memoised on the rule files' modification times (for the preview app)."""
    files = rule_files(Path(linting_dir))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for _, p in files)
    words = tuple((str(p), p.stat().st_mtime_ns) for p in Path(linting_dir).glob("*/*.txt"))
    key = (str(linting_dir), select, ignore, stamp, words)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = load_rules(Path(linting_dir), select=select, ignore=ignore)
        return _cache[key]


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
