"""The plain-language linter: rule kinds in the engine, rule packs as data in ``linting/``.

    from letterkit.lint import load_rules, lint_letter, lint_rendered, lint_text
"""

from letterkit.lint.rules import RuleSet, load_rules
from letterkit.lint.runner import (
    LintHit,
    lint_catalog,
    lint_letter,
    lint_rendered,
    lint_text,
    sort_findings,
)

__all__ = ["LintHit", "RuleSet", "lint_catalog", "lint_letter", "lint_rendered",
           "lint_text", "load_rules", "sort_findings"]
