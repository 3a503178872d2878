"""The base of every rule kind: options, thresholds from configuration, message slots."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from letterkit.errors import ProblemsError
from letterkit.lint.context import Hit, LintContext
from letterkit.lint.spec import RuleSpec


class Rule:
    """A rule of one kind, built from a RuleSpec.

    Subclasses set ``kind`` and ``options`` (option name -> (required, description)) and
    implement :meth:`check`. The option descriptions are the reference for rule authors.
    """

    kind: ClassVar[str] = ""
    options: ClassVar[dict[str, tuple[bool, str]]] = {}
    tunable: ClassVar[tuple[str, ...]] = ()  # options linting/config.yaml may override

    def __init__(self, spec: RuleSpec):
        self.spec = spec
        problems = []
        for key in spec.options:
            if key not in self.options:
                valid = ", ".join(self.options) or "none"
                problems.append(spec.error(f"unknown field {key!r} for kind {self.kind!r}; its "
                                           f"fields: {valid}", key).problem)
        for key, (required, _doc) in self.options.items():
            if required and key not in spec.options:
                problems.append(spec.error(f"kind {self.kind!r} needs the field {key!r}").problem)
        if problems:
            raise ProblemsError(problems)
        self.configure(spec.options)

    @property
    def code(self) -> str:
        return self.spec.code

    def configure(self, options: dict[str, Any]) -> None:
        """Validate and prepare the kind's options; raise ``self.spec.error`` when wrong."""

    def option(self, ctx: LintContext, name: str, default: Any = None) -> Any:
        """An option's value, overridden for this letter kind in linting/config.yaml."""
        override = ctx.settings.get(self.code, {})
        if isinstance(override, dict) and name in override:
            return override[name]
        return self.spec.options.get(name, default)

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        raise NotImplementedError

    def readability_target(self, measure: str) -> float:
        """``readability.targets.<lang>.<measure>`` of the ``config.yaml`` beside this rule's
        language folder: the one place a readability target is set, so that ``letterkit lint``
        and ``letterkit readability`` judge a letter against the same number. The loader
        gives the pack's configuration with the spec (``spec.pack_config``)."""
        from letterkit.text.report import targets_from_config

        config = self.spec.pack_config
        if config is None:  # a rule built outside load_rules: read the file beside it
            config = read_pack_config(Path(self.spec.path).resolve().parent.parent)
        targets = targets_from_config(config, self.spec.lang)
        if measure not in targets:
            raise self.spec.error(
                f"no max given, and linting/config.yaml has no readability target {measure!r} "
                f"for {self.spec.lang}; add it under readability.targets.{self.spec.lang} or "
                "give max here", "kind")
        value = targets[measure]
        return int(value) if float(value).is_integer() else value

    def number(self, options: dict[str, Any], name: str, default: float | None = None) -> float:
        value = options.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.spec.error(f"{name} must be a number, got {value!r}", name)
        return value

    def string_list(self, options: dict[str, Any], name: str) -> list[str]:
        value = options.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.spec.error(f"{name} must be a list of words or phrases", name)
        return value


def read_pack_config(pack: Path) -> dict[str, Any]:
    """``<pack>/config.yaml`` as data ({} without one; a broken one is reported by the
    project's loader)."""
    from letterkit.errors import LetterkitError
    from letterkit.yamlio import load_yaml

    path = pack / "config.yaml"
    if not path.is_file():
        return {}
    try:
        data = load_yaml(path).data
    except LetterkitError:
        return {}
    return data if isinstance(data, dict) else {}
