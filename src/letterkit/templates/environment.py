"""The Jinja2 environments letters render in.

Always ``ImmutableSandboxedEnvironment``: a template cannot reach Python internals or change
the data it is given. ``StrictUndefined`` for real output, so a missing value stops the
letter instead of leaving a blank; in preview mode a missing value shows as ``((name))``.
Includes resolve by file name to ``letters/_shared/<language>/``, and nothing else can be
included.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateNotFound,
    Undefined,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from letterkit.errors import LetterkitError
from letterkit.templates import limits
from letterkit.templates.filters import MarkdownText, escape_markdown, make_filters
from letterkit.templates.sourcemap import MarkRegistry, instrument

SHARED = "_shared"
_PARTIAL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# "## Heading {#section-id}" would start a Jinja comment; heading ids are rewritten to print
# "{#" literally. They sit at the end of their line, so no other position moves.
_HEADING_ID_LINE = re.compile(r"^(#{1,6}[ \t].*?)\{#([A-Za-z0-9_-]+)\}([ \t]*)$", re.MULTILINE)


def protect_heading_ids(source: str) -> str:
    """Make ``{#id}`` at the end of a Markdown heading literal text instead of a comment."""
    return _HEADING_ID_LINE.sub(lambda m: m.group(1) + '{{ "{#" }}' + m.group(2) + "}" + m.group(3),
                                source)


class IncludeRefused(TemplateNotFound):
    """An include that names something other than a shared partial."""

    def __init__(self, name: str, message: str):
        super().__init__(name, message)
        self.message = message


class TemplateUnreadable(TemplateNotFound):
    """A template file that exists but cannot be used (a folder, not UTF-8, too large...)."""

    def __init__(self, name: str, error: LetterkitError):
        super().__init__(name, error.message)
        self.error = error


class PreviewUndefined(Undefined):
    """A missing value in preview mode: shows as ``((name))`` and counts as false."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"(({self._undefined_name or 'value'}))"

    def __iter__(self):
        return iter(())


class OptionalMissing(StrictUndefined):
    """An optional variable without a value: false in ``{% if %}``, an error when printed."""

    __slots__ = ()
    __bool__ = Undefined.__bool__


class LetterLoader(BaseLoader):
    """Loads ``<letter-id>/<lang>.md.j2`` and ``_shared/<lang>/<partial>`` under *root*."""

    def __init__(self, root: Path, registry: MarkRegistry | None):
        self.root = Path(root)
        self.registry = registry

    def get_source(self, environment, template):  # noqa: ANN001 - Jinja's signature
        from letterkit.yamlio import MAX_TEMPLATE_BYTES, read_text

        path = self.root / template
        if not path.exists() and not path.is_symlink():
            raise TemplateNotFound(template)
        try:
            source = read_text(path, limit=MAX_TEMPLATE_BYTES)
        except LetterkitError as exc:
            raise TemplateUnreadable(template, exc) from None
        source = protect_heading_ids(source.replace("\r\n", "\n"))
        if self.registry is not None:
            source = instrument(environment, source, str(path), self.registry)
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            raise TemplateNotFound(template) from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate


class LetterEnvironment(ImmutableSandboxedEnvironment):
    """A sandboxed environment whose includes only reach ``_shared/<lang>/``."""

    lang: str = "fi"
    intercepted_binops = frozenset(limits.BINOPS)
    budgeted = staticmethod(limits.budgeted)  # generated loops call environment.budgeted(...)

    def call_binop(self, context, operator, left, right):  # noqa: ANN001 - Jinja's signature
        limits.check_budget()
        return limits.BINOPS[operator](left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: ANN001,N805 - Jinja's signature
        limits.check_budget()
        limits.check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def _generate(self, source, name, filename, defer_init=False):  # noqa: ANN001
        return limits.budget_loops(super()._generate(source, name, filename, defer_init))

    def join_path(self, template: str, parent: str) -> str:
        if not _PARTIAL_NAME.match(template) or ".." in template:
            raise IncludeRefused(template, (
                f"cannot include {template!r}: only shared partials can be included, by file "
                f"name, e.g. {{% include \"contact.md.j2\" %}} for "
                f"letters/{SHARED}/{self.lang}/contact.md.j2"
            ))
        return f"{SHARED}/{self.lang}/{template}"


def _term_function(terms, lang: str):
    """``{{ term("residence-permit") }}``: the term base's preferred word in this language.

    *terms* returns the term base (the Project's, loaded and cached by it) or None."""

    def term(concept_id: str) -> str:
        glossary = terms() if terms is not None else None
        if glossary is None:
            raise ValueError(f"term({concept_id!r}): this project has no term base (no "
                             "glossary/ folder and no glossaries in [tool.letterkit])")
        if concept_id not in glossary.concepts:
            raise ValueError(f"term({concept_id!r}): no such concept in the glossary; see "
                             "`letterkit glossary show`")
        return glossary.term(concept_id, lang)

    return term


def _finalize(value: Any) -> Any:
    """Escape Markdown in values so that data never turns into formatting or links."""
    if isinstance(value, Undefined | MarkdownText) or not isinstance(value, str):
        return value
    return escape_markdown(value)


def build_environment(letters_root: Path, lang: str, *, preview: bool = False,
                      tracked: bool = True, terms=None) -> LetterEnvironment:
    """A new environment for *lang* under *letters_root*; use ``Project.environment``, which
    keeps one per language and mode.

    *preview* shows missing values as ``((name))`` instead of failing. *tracked* puts source
    marks into templates so that output can be mapped back to template lines. *terms*
    returns the term base ``{{ term("id") }}`` reads (called when a template uses it).
    """
    registry = MarkRegistry() if tracked else None
    env = LetterEnvironment(
        loader=LetterLoader(letters_root, registry),
        undefined=PreviewUndefined if preview else StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_finalize,
        auto_reload=True,
    )
    env.lang = lang
    env.mark_registry = registry  # type: ignore[attr-defined]
    env.filters.update(make_filters(lang))
    limits.guard_filters(env.filters)
    env.globals["range"] = limits.safe_range
    env.globals["lipsum"] = limits.safe_lipsum
    env.globals["term"] = _term_function(terms, lang)
    return env
