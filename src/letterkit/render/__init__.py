"""Render a letter for one language and one sample, keeping the way back to template lines."""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateRuntimeError

from letterkit.errors import LetterkitError, Location
from letterkit.model.letter import Letter, PerLanguage, Sample
from letterkit.project import Project, project_of
from letterkit.templates.environment import (
    IncludeRefused,
    OptionalMissing,
    TemplateUnreadable,
)
from letterkit.templates.filters import FilterError
from letterkit.templates.limits import TemplateLimit, render_budget
from letterkit.templates.sourcemap import SourceMap, SourcePosition, strip_marks

_H1 = re.compile(r"^# ", re.MULTILINE)


@dataclass
class RenderedLetter:
    """The Markdown of one letter in one language, with a map back to the templates."""

    letter: Letter
    lang: str
    sample_name: str | None
    markdown: str
    source_map: SourceMap
    preview: bool = False
    values: dict[str, Any] = field(default_factory=dict)  # the typed values it was rendered with

    @property
    def body_start(self) -> int:
        """Offset of the first level-1 heading; before it is the letterhead (not measured)."""
        match = _H1.search(self.markdown)
        return match.start() if match else 0

    @property
    def title(self) -> str:
        return self.letter.title.get(self.lang, self.letter.id)

    def locate(self, offset: int) -> SourcePosition | None:
        """Where the character at *offset* of :attr:`markdown` came from."""
        return self.source_map.locate(offset)


def letters_root(letter: Letter) -> Path:
    return letter.path.parent


def render_letter(letter: Letter, lang: str, sample: str | Sample | Mapping[str, Any] | None = None,
                  *, preview: bool = False, project: Project | None = None) -> RenderedLetter:
    """Render *letter* in *lang* with a sample (its name, a Sample, or a dict of values).

    Without a sample the one named ``default`` is used. The templates environment and the
    term base ``{{ term() }}`` reads are *project*'s (default: the letter's, see
    :func:`letterkit.project.project_of`). Raises LetterkitError with the template's path
    and line when the template cannot be rendered with these values.
    """
    if lang not in letter.languages:
        raise LetterkitError(
            f"{letter.id} has no {lang!r} version; languages: {', '.join(letter.languages)}",
            letter.location("languages"),
        )
    sample_name, values = _values(letter, sample, preview)
    values = {name: value.for_lang(lang) if isinstance(value, PerLanguage) else value
              for name, value in values.items()}
    if project is None:
        project = project_of(letter)
    env = project.environment(lang, preview=preview, letters_root=letters_root(letter))
    try:
        with render_budget():
            template = env.get_template(letter.template_name(lang))
            output = template.render(values)
    except Exception as exc:  # noqa: BLE001 - every Jinja failure becomes one clear line
        raise template_error(exc, letter, lang, sample_name) from None
    if preview:
        markdown, source_map = strip_marks(output, env.mark_registry)
        markdown = _escape_block_starts_from_values(markdown, source_map)
    else:
        from letterkit.render.shapes import strip_and_plan

        markdown, source_map = strip_and_plan(output, env.mark_registry,
                                              _escape_block_starts_from_values)
    return RenderedLetter(letter, lang, sample_name, markdown, source_map, preview, values)


def _values(letter: Letter, sample: str | Sample | Mapping[str, Any] | None, preview: bool
            ) -> tuple[str | None, dict[str, Any]]:
    if sample is None:
        sample = "default"
    if isinstance(sample, str):
        if sample not in letter.samples:
            known = ", ".join(sorted(letter.samples)) or "none"
            raise LetterkitError(f"{letter.id} has no sample {sample!r}; samples: {known}",
                                 Location(str(letter.path / "samples")))
        sample = letter.samples[sample]
    if isinstance(sample, Sample):
        if sample.problems and not preview:  # a preview shows what is there, gaps marked
            first = sample.problems[0]
            raise LetterkitError(first.message, first.location)
        name, values = sample.name, dict(sample.values)
    else:
        name, values = None, dict(sample)
    for variable in letter.variables.values():
        if not variable.required and values.get(variable.name) is None:
            values[variable.name] = OptionalMissing(name=variable.name)
    return name, values


_BLOCK_START = re.compile(r"^(?:\d{1,9}[.)](?=\s|$)|[#>+*-](?=\s|$)|#{1,6}(?=\s|$))", re.MULTILINE)


def _escape_block_starts_from_values(markdown: str, source_map: SourceMap) -> str:
    """Escape a value that lands at a line start and would read as a list or heading.

    "7. joulukuuta 2026" at the start of a line would become a numbered list starting at 7.
    Only text from a ``{{ ... }}`` is escaped; the template's own Markdown stays as written.
    """
    inserts = []
    for match in _BLOCK_START.finditer(markdown):
        if source_map.variable_at(match.start()) is not None:
            token = match.group(0)
            inserts.append(match.start() + (len(token) - 1 if token[0].isdigit() else 0))
    if not inserts:
        return markdown
    pieces, last = [], 0
    for offset in inserts:
        pieces.append(markdown[last:offset])
        pieces.append("\\")
        last = offset
    pieces.append(markdown[last:])
    source_map.shift_for_inserts(inserts)
    return "".join(pieces)


def _template_frames(exc: BaseException) -> list[tuple[str, int]]:
    frames = traceback.extract_tb(exc.__traceback__)
    return [(f.filename, f.lineno) for f in frames if f.filename.endswith(".j2") and f.lineno]


def template_error(exc: Exception, letter: Letter, lang: str, sample_name: str | None
                   ) -> LetterkitError:
    """Turn a Jinja exception into a one-line error at the template's path and line."""
    template_path = str(letter.template_path(lang))
    frames = _template_frames(exc)
    path, line = frames[-1] if frames else (template_path, 0)
    sample_text = f"sample {sample_name!r}" if sample_name else "the given values"
    if isinstance(exc, IncludeRefused):
        return LetterkitError(exc.message, Location(path, line))
    if isinstance(exc, TemplateUnreadable):
        return exc.error
    if isinstance(exc, TemplateLimit):
        return LetterkitError(str(exc), Location(path, line))
    if isinstance(exc, RecursionError):
        return LetterkitError(
            "a macro calls itself, or partials include each other, without end; break the "
            "cycle", Location(path, line))
    if isinstance(exc, MemoryError):
        return LetterkitError("rendering ran out of memory; look for a value or loop that "
                              "grows without end", Location(path, line))
    if isinstance(exc, TemplateSyntaxError):
        where = exc.filename or template_path
        return LetterkitError(f"template syntax error: {exc.message.rstrip('.')}; check the "
                              "{% %} and {{ }} tags on this line", Location(where, exc.lineno or 0))
    if isinstance(exc, TemplateNotFound):
        if exc.name == letter.template_name(lang):
            return LetterkitError(f"the {lang} template is missing", Location(template_path))
        return LetterkitError(
            f"partial {exc.name!r} does not exist; shared partials live in "
            f"letters/_shared/{lang}/", Location(path, line))
    if isinstance(exc, UndefinedError):
        name = _undefined_name(str(exc))
        if name and name in letter.variables:
            message = (f"no value for {name!r} in {sample_text}; give it a value, or test it "
                       f"first with {{% if {name} %}} if it is optional")
        elif name:
            message = (f"{name!r} is not a declared variable; declare it under variables in "
                       f"{letter.id}/letter.yaml, or fix the name")
        else:
            message = f"undefined value: {exc}"
        return LetterkitError(message, Location(path, line))
    if isinstance(exc, SecurityError):
        return LetterkitError(
            f"refused: the template tries to reach Python internals ({exc}); templates may "
            "only use the letter's variables, filters and tags", Location(path, line))
    if isinstance(exc, FilterError):
        return LetterkitError(f"{exc} (with {sample_text})", Location(path, line))
    if isinstance(exc, TemplateRuntimeError | TypeError | ValueError | OverflowError
                  | ArithmeticError | AttributeError | LookupError):
        return LetterkitError(f"cannot render with {sample_text}: {exc}", Location(path, line))
    raise exc


def _undefined_name(message: str) -> str | None:
    match = re.match(r"'([^']+)' is undefined", message)
    return match.group(1) if match else None
