"""Where a letterkit project keeps its content, read from ``[tool.letterkit]``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location
from letterkit.yamlio import Located, load_yaml

DEFAULTS = {"letters": "letters", "glossary": "glossary", "linting": "linting"}


@dataclass
class Project:
    """A project root and the settings of its ``pyproject.toml``."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def letters_dir(self) -> Path:
        return self.root / self.settings.get("letters", DEFAULTS["letters"])

    @property
    def glossary_dir(self) -> Path:
        return self.root / self.settings.get("glossary", DEFAULTS["glossary"])

    @property
    def linting_dir(self) -> Path:
        return self.root / self.settings.get("linting", DEFAULTS["linting"])

    @cached_property
    def config(self) -> Located:
        """``linting/config.yaml``: letter kinds, readability targets, thresholds."""
        path = self.linting_dir / "config.yaml"
        if not path.exists():
            return Located(str(path), {})
        located = load_yaml(path)
        if located.data is None:
            located.data = {}
        if not isinstance(located.data, dict):
            raise LetterkitError("expected a mapping of settings", located.location())
        return located

    @property
    def kinds(self) -> dict[str, Any]:
        kinds = self.config.data.get("kinds", {}) or {}
        if not isinstance(kinds, dict):
            raise LetterkitError(
                "'kinds' must map each letter kind to its settings", self.config.location("kinds")
            )
        return kinds


def find_project(start: Path | None = None) -> Project:
    """Find the project that *start* (a folder or file, default the working directory) is in.

    The root is the nearest folder upwards that has a ``pyproject.toml`` with a
    ``[tool.letterkit]`` table, or else a ``letters/`` folder. Without either, the working
    directory is used with default settings.
    """
    start = (start or Path.cwd()).resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            settings = _read_settings(pyproject)
            if settings is not None:
                return Project(folder, settings)
        if (folder / "letters").is_dir() and (folder / "linting").is_dir():
            return Project(folder)
    return Project(Path.cwd())


def _read_settings(pyproject: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise LetterkitError(f"cannot read pyproject.toml: {exc}",
                             Location(str(pyproject))) from None
    tool = data.get("tool", {})
    settings = tool.get("letterkit") if isinstance(tool, dict) else None
    if not isinstance(settings, dict):
        return None
    for key in DEFAULTS:
        if key in settings and not (isinstance(settings[key], str) and settings[key].strip()):
            raise LetterkitError(f"[tool.letterkit] {key} must be a folder name in quotes, e.g. "
                                 f'{key} = "{DEFAULTS[key]}"', Location(str(pyproject)))
    return settings
