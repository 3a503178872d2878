"""What a template uses, read statically: variables, partials and section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.meta import find_undeclared_variables

from letterkit.errors import LetterkitError, Location, UnreadableError
from letterkit.templates.environment import (
    _PARTIAL_NAME,
    SHARED,
    LetterEnvironment,
    protect_heading_ids,
)
from letterkit.yamlio import MAX_TEMPLATE_BYTES, read_text

SECTION_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*\{#([A-Za-z0-9_-]+)\}[ \t]*$")


@dataclass
class TemplateInfo:
    """Static facts about one template and the partials it includes."""

    path: Path
    variables: dict[str, Location] = field(default_factory=dict)  # first use of each name
    sections: list[tuple[str, Location]] = field(default_factory=list)
    includes: list[tuple[str, Location]] = field(default_factory=list)


def analyse(env: LetterEnvironment, path: Path, letters_root: Path) -> TemplateInfo:
    """Read the template at *path* and every partial it includes.

    Raises LetterkitError for a syntax error or a refused or missing include.
    """
    info = TemplateInfo(path)
    _analyse_file(env, path, letters_root, info, seen=set(), is_partial=False)
    return info


def _analyse_file(env: LetterEnvironment, path: Path, letters_root: Path, info: TemplateInfo,
                  seen: set[Path], is_partial: bool) -> None:
    if path in seen:
        raise LetterkitError(f"{path.name} includes itself (directly or through another partial)",
                             Location(str(path)))
    seen = seen | {path}
    try:
        source = read_text(path, limit=MAX_TEMPLATE_BYTES).replace("\r\n", "\n")
    except LetterkitError as exc:
        raise UnreadableError(exc.message, exc.location) from None
    try:
        tree = env.parse(protect_heading_ids(source), filename=str(path))
        undeclared = find_undeclared_variables(tree)  # compiles: finds unknown filters
    except TemplateSyntaxError as exc:
        raise LetterkitError(f"template syntax error: {exc.message.rstrip('.')}; check the "
                             "{% %} and {{ }} tags on this line",
                             Location(str(path), exc.lineno)) from None
    for name in sorted(undeclared):
        if name not in info.variables and name not in env.globals:
            info.variables[name] = Location(str(path), _first_line(tree, name))
    if not is_partial:
        for number, line in enumerate(source.split("\n"), start=1):
            if match := SECTION_HEADING.match(line):
                info.sections.append(
                    (match.group(3), Location(str(path), number, match.start(3) + 1)))
    for include in tree.find_all(nodes.Include):
        location = Location(str(path), include.lineno)
        target = include.template
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            raise LetterkitError("include a partial by its file name in quotes, e.g. "
                                 '{% include "contact.md.j2" %}', location)
        name = target.value
        if not _PARTIAL_NAME.match(name) or ".." in name:
            raise LetterkitError(
                f"cannot include {name!r}: only shared partials can be included, by file name, "
                f"e.g. {{% include \"contact.md.j2\" %}} for "
                f"letters/{SHARED}/{env.lang}/contact.md.j2", location)
        partial = letters_root / SHARED / env.lang / name
        if not partial.is_file():
            what = ("is a folder, not a file" if partial.is_dir() else
                    "is not a regular file" if partial.exists() else "does not exist")
            raise UnreadableError(f"partial {name!r} {what}: expected a template at "
                                  f"letters/{SHARED}/{env.lang}/{name}", location)
        info.includes.append((name, location))
        _analyse_file(env, partial, letters_root, info, seen, is_partial=True)
    for node in tree.find_all((nodes.Extends, nodes.Import, nodes.FromImport)):
        raise LetterkitError("letters cannot use extends or import; include shared partials "
                             'with {% include "name.md.j2" %}', Location(str(path), node.lineno))


def _first_line(tree: nodes.Template, name: str) -> int:
    lines = [node.lineno for node in tree.find_all(nodes.Name)
             if node.name == name and node.ctx == "load"]
    return min(lines) if lines else 0
