"""Where a project's root is: the search ``find_project`` and the reading of files share.

A leaf module (it imports only ``errors``), so that ``yamlio``, which must know the root to
refuse a symbolic link out of the project, does not import ``project``, which imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location

DEFAULTS = {"letters": "letters", "guides": "guides", "glossary": "glossary", "linting": "linting"}


def find_root(start: Path | None = None) -> tuple[Path, dict[str, Any] | None] | None:
    """``(root, settings)`` of the project *start* (a folder or file, default the working
    directory) is in: the nearest folder upwards with a ``pyproject.toml`` that has a
    ``[tool.letterkit]`` table (its settings), or else ``letters/`` and ``linting/``
    folders (settings None); None outside any project."""
    start = (start or Path.cwd()).resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            settings = read_settings(pyproject)
            if settings is not None:
                return folder, settings
        if (folder / "letters").is_dir() and (folder / "linting").is_dir():
            return folder, None
    return None


def read_settings(pyproject: Path) -> dict[str, Any] | None:
    """The ``[tool.letterkit]`` table of *pyproject*, or None when it has none."""
    import tomllib

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
