"""A letterkit project: where it keeps its content (``[tool.letterkit]``) and what is loaded.

The Project owns the loaded state (rule packs, term base, configuration, the template
environments) and caches it in one place; the runner, the renderer and the commands take it
as an argument. A cached value is reloaded when one of its files changes (the preview app
keeps one Project for its whole life). Rule packs, term bases and the configuration also go
through the compiled cache (:mod:`letterkit.compiled`) in :attr:`Project.cache_dir`, so a new
process does not parse a hundred YAML files again.

Rule packs and term bases stack: ``packs = ["builtin", "linting"]`` and
``glossaries = ["builtin", "glossary"]``. ``builtin`` is what letterkit ships; a later pack
adds rules and replaces a rule of the same language and code, a later term base adds
concepts and replaces one of the same id. Without the settings, the project's own
``linting/`` and ``glossary/`` are used when they exist, else the shipped ones.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit.compiled import Compiled, stamp_files, user_cache_dir
from letterkit.errors import LetterkitError, Location, Problem, ProblemsError
from letterkit.packs import BUILTIN_GLOSSARY, BUILTIN_NAME, BUILTIN_RULES
from letterkit.roots import DEFAULTS, find_root
from letterkit.yamlio import Located

if TYPE_CHECKING:
    from letterkit.glossary.model import Glossary
    from letterkit.lint.rules import RuleSet
    from letterkit.templates.environment import LetterEnvironment



@dataclass
class Project:
    """A project root and the settings of its ``pyproject.toml``."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)
    # False for the working directory used when no project was found: its cache is the
    # user's (~/.cache/letterkit), not a var/ folder made in whatever folder one stands in.
    found: bool = True
    _loaded: dict[Any, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)
    _compiled: dict[str, tuple[Compiled, int]] = field(default_factory=dict, repr=False,
                                                       compare=False)
    _lock: Any = field(default_factory=threading.RLock, repr=False, compare=False)
    _resolved: dict[Any, Path] = field(default_factory=dict, repr=False, compare=False)
    # the config (by identity) each part of it was last found correct in: see checked_config
    _checked: dict[str, Located] = field(default_factory=dict, repr=False, compare=False)

    @property
    def letters_dir(self) -> Path:
        return self.root / self.settings.get("letters", DEFAULTS["letters"])

    @property
    def guides_dir(self) -> Path:
        return self.root / self.settings.get("guides", DEFAULTS["guides"])

    @property
    def glossary_dir(self) -> Path:
        return self.root / self.settings.get("glossary", DEFAULTS["glossary"])

    @property
    def linting_dir(self) -> Path:
        return self.root / self.settings.get("linting", DEFAULTS["linting"])

    @property
    def cache_dir(self) -> Path:
        """Where caches live: ``LETTERKIT_CACHE_DIR``, else the project's ``var/cache``, else
        (outside any project) the user's ``~/.cache/letterkit``."""
        base = os.environ.get("LETTERKIT_CACHE_DIR")
        if base:
            return Path(base)
        return self.root / "var" / "cache" if self.found else user_cache_dir()

    @property
    def caching(self) -> bool:
        """False with ``LETTERKIT_NO_CACHE=1``: nothing is read from or written to caches."""
        return not os.environ.get("LETTERKIT_NO_CACHE")

    def _stack(self, key: str, own: Path, builtin: Path) -> list[Path]:
        value = self.settings.get(key)
        if value is None:
            value = [str(own)] if own.is_dir() else [BUILTIN_NAME]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LetterkitError(f"[tool.letterkit] {key} must be a list of folders or "
                                 f'"{BUILTIN_NAME}", e.g. ["{BUILTIN_NAME}", "{own.name}"]',
                                 Location(str(self.root / "pyproject.toml")))
        folders: list[Path] = []
        for item in value:
            folder = builtin if item == BUILTIN_NAME else self.root / item
            if not folder.is_dir():
                raise LetterkitError(f"[tool.letterkit] {key}: no folder {item!r}",
                                     Location(str(self.root / "pyproject.toml")))
            if folder.resolve() not in [f.resolve() for f in folders]:
                folders.append(folder)
        return folders

    @property
    def rule_packs(self) -> list[Path]:
        """The rule packs, in order: each later one extends and overrides the earlier."""
        return self._stack("packs", self.linting_dir, BUILTIN_RULES)

    @property
    def term_bases(self) -> list[Path]:
        """The term bases (glossary folders), in order."""
        return self._stack("glossaries", self.glossary_dir, BUILTIN_GLOSSARY)

    def __getstate__(self) -> dict[str, Any]:  # what is loaded stays with this process
        return {"root": self.root, "settings": self.settings, "found": self.found}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)

    def _cached(self, key: Any, stamp: Any, load):
        with self._lock:
            hit = self._loaded.get(key)
            if hit is not None and hit[0] == stamp:
                return hit[1]
            value = load()
            self._loaded[key] = (stamp, value)
            return value

    def _load_compiled(self, what: str, sources, build):
        """*build()* kept in this Project while the *sources* are unchanged, and in the
        compiled cache between processes."""
        stamp = stamp_files(sources)

        def load():
            compiled = Compiled(self.cache_dir if self.caching else None, what, stamp)
            value, _ = compiled.load(build)
            self._compiled[what] = (compiled, _warmth(value))
            return value

        return self._cached(what, stamp, load)

    def save_compiled(self) -> None:
        """Store again what was compiled on first use in this run (phrase and term matchers),
        so the next process starts with it. Commands call this when they end."""
        with self._lock:
            for what, (compiled, warmth) in list(self._compiled.items()):
                hit = self._loaded.get(what)
                if hit is None:
                    continue
                now = _warmth(hit[1])
                if now > warmth:
                    compiled.write(hit[1])
                    self._compiled[what] = (compiled, now)

    def _all_rules(self) -> RuleSet:
        from letterkit.lint.rules import load_rules

        packs = self.rule_packs
        files = [p for pack in packs for p in (*pack.glob("*/*.*"), pack / "config.yaml")]
        return self._load_compiled("rules", files, lambda: load_rules(*packs))

    def rules(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> RuleSet:
        """The rules of every pack, with the project's ``select``/``ignore`` when none are
        given; ProblemsError lists every broken rule file."""
        from letterkit.lint.rules import selection

        config_select, config_ignore = selection(self.settings)
        select, ignore = select or config_select, tuple(ignore) + config_ignore
        ruleset = self._all_rules().narrowed(select, ignore)
        ruleset.site_url = self.site_url
        return ruleset

    @property
    def site_url(self) -> str:
        """``[tool.letterkit] site_url``: where the documentation site is published (findings
        link to its rule pages), or "" when it is not set."""
        value = self.settings.get("site_url", "")
        if not isinstance(value, str) or (value and not value.startswith(("https://",
                                                                            "http://"))):
            raise LetterkitError(f"[tool.letterkit] site_url must be the address the site is "
                                 f'published at, e.g. site_url = "https://example.org/letterkit/"'
                                 f", not {value!r}", Location(str(self.root / "pyproject.toml")))
        return value

    @property
    def glossary(self) -> Glossary | None:
        """The term bases merged (a later concept replaces one of the same id), or None
        without any; GlossaryError lists every problem of every file."""
        folders = self.term_bases
        files = [p for folder in folders
                 for p in (*folder.glob("*.y*ml"), *folder.glob("phrases/*.y*ml"))]
        return self._load_compiled("glossary", files, lambda: _merge_glossaries(folders))

    def environment(self, lang: str, *, preview: bool = False, tracked: bool = True,
                    letters_root: Path | None = None) -> LetterEnvironment:
        """The template environment for *lang* (kept for the life of the Project; Jinja
        reloads a template whose file changed). ``{{ term("id") }}`` in it reads this
        Project's term base. *letters_root* defaults to :attr:`letters_dir`."""
        from letterkit.templates.environment import build_environment

        given = letters_root or self.letters_dir
        root = self._resolved.get(given)
        if root is None:  # resolving costs system calls; a batch asks once per letter
            root = self._resolved[given] = Path(given).resolve()
        key = ("environment", str(root), lang, preview, tracked)
        with self._lock:
            hit = self._loaded.get(key)
            if hit is None:
                hit = self._loaded[key] = (None, build_environment(
                    root, lang, preview=preview, tracked=tracked, terms=lambda: self.glossary))
            return hit[1]

    def problems(self) -> list[Problem]:
        """Every problem of the rule packs and the term bases (for a command that reports
        them all at once)."""
        found: list[Problem] = []
        for load in (lambda: self.rules(), lambda: self.glossary):
            try:
                load()
            except LetterkitError as exc:  # ProblemsError and GlossaryError list them all
                problems = getattr(exc, "problems", None)
                found.extend(problems if problems else [exc.problem])
        return found

    @property
    def config(self) -> Located:
        """``config.yaml`` of the last rule pack that has one: letter kinds, readability
        targets, thresholds."""
        path = self.linting_dir / "config.yaml"
        if not path.exists():
            path = BUILTIN_RULES / "config.yaml"
        if not path.exists():
            return Located(str(path), {})
        return self._load_compiled("config", [path], lambda: _read_config(path))

    @property
    def kinds(self) -> dict[str, Any]:
        """The letter kinds of ``config.yaml``; raises ProblemsError listing every problem of
        them."""
        from letterkit.letter_kinds import kind_problems

        return self.checked_config("kinds", kind_problems).data.get("kinds", {}) or {}

    def checked_config(self, part: str, problems_of) -> Located:  # noqa: ANN001 - a function
        """``config`` after ``problems_of(config)`` found nothing wrong with *part* of it
        (ProblemsError with every problem otherwise); checked once per loaded config."""
        config = self.config
        if self._checked.get(part) is not config:
            problems = problems_of(config)
            if problems:
                raise ProblemsError(problems)
            self._checked[part] = config
        return config


def project_of(letter: Any) -> Project:
    """The Project a letter renders with: the one it was loaded for, else the project its
    folder is in (found once and kept on the letter)."""
    project = getattr(letter, "project", None)
    if project is None:
        project = letter.project = find_project(letter.path)
    return project


def find_project(start: Path | None = None) -> Project:
    """Find the project that *start* (a folder or file, default the working directory) is in.

    The root is the nearest folder upwards that has a ``pyproject.toml`` with a
    ``[tool.letterkit]`` table, or else a ``letters/`` folder. Without either, the working
    directory is used with default settings.
    """
    found = find_root(start)
    if found is not None:
        root, settings = found
        return Project(root) if settings is None else Project(root, settings)
    return Project(Path.cwd(), found=False)


def _read_config(path: Path) -> Located:
    from letterkit.yamlio import load_yaml

    located = load_yaml(path)
    if located.data is None:
        located.data = {}
    if not isinstance(located.data, dict):
        raise LetterkitError("expected a mapping of settings", located.location())
    problems = config_problems(located)
    if problems:
        raise ProblemsError(problems)
    return located


CONFIG_FIELDS = ("kinds", "audiences", "scaffold", "readability", "enable", "rules")


def config_problems(config: Located) -> list[Problem]:
    """The problems of ``config.yaml``'s top level, all at once (``kinds`` and ``audiences``
    are checked in full where they are used: :mod:`letterkit.letter_kinds`,
    :mod:`letterkit.lint.audiences`)."""
    from letterkit.yamlio import Fields

    fields = Fields(config)
    fields.unknown(CONFIG_FIELDS, "in config.yaml")
    fields.text_list("enable", hint=": the codes of opt-in rules to run, e.g. [STY002]")
    for key, what in (("rules", "rule codes to their settings, e.g. {STR004: {require: "
                                "[phone-number]}}"),
                      ("readability", "targets and pulling_up"),
                      ("scaffold", "letterhead, footer and variables")):
        fields.mapping(key, f"'{key}' must be a mapping of {what}")
    return fields.problems


def _warmth(value: Any) -> int:
    """How much of *value* was compiled on first use: phrase matchers of rules, term
    matchers of a term base (saved again when it grew)."""
    rules = getattr(value, "rules", None)
    if rules is not None:
        return sum(1 for rule in rules if getattr(rule, "_compiled", None) is not None)
    matchers = getattr(value, "matchers", None)
    return len(matchers) if isinstance(matchers, dict) else 0


def _merge_glossaries(folders: list[Path]) -> Glossary | None:
    from letterkit.glossary.loader import GlossaryError, read_glossary
    from letterkit.glossary.model import Glossary

    if not folders:
        return None
    merged = Glossary(folders[-1])
    problems = []
    for folder in folders:
        try:
            glossary, found = read_glossary(folder)
        except GlossaryError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(found)
        merged.concepts.update(glossary.concepts)
        merged.phrases.update(glossary.phrases)
    if problems:
        raise GlossaryError(problems)
    return merged
