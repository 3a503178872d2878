"""The plain-language linter: rule kinds in the engine, rule packs as data in ``linting/``.

    from letterkit.lint import load_rules, lint_letter, lint_rendered, lint_text

The names are imported on first use, so that a light submodule (``letterkit.lint.parallel``)
can be imported without the rule kinds and the language layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letterkit.lazy import names_from

if TYPE_CHECKING:
    from letterkit.lint.rules import RuleSet, load_rules
    from letterkit.lint.runner import (
        LintHit,
        lint_catalog,
        lint_letter,
        lint_rendered,
        lint_text,
        sort_findings,
    )

_FROM = {"RuleSet": "rules", "load_rules": "rules", "LintHit": "runner",
         "lint_catalog": "runner", "lint_letter": "runner", "lint_rendered": "runner",
         "lint_text": "runner", "sort_findings": "runner"}

__all__ = ["LintHit", "RuleSet", "lint_catalog", "lint_letter", "lint_rendered",
           "lint_text", "load_rules", "sort_findings"]
__getattr__ = names_from(__name__, _FROM)
