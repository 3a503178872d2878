"""The term base as lint rules: the glossary's TRM checks run with every lint.

The glossary compiles into rules nobody writes by hand (``letterkit.glossary.checks``); this
module loads it once per change of its files and maps its issues to template lines.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.glossary import Glossary, check_parity, check_text, load_glossary
from letterkit.model.finding import Finding

if TYPE_CHECKING:
    from letterkit.lint.rules import RuleSet
    from letterkit.project import Project
    from letterkit.render import RenderedLetter

__all__ = ["check_text", "glossary_for", "parity_findings"]

_cache: dict[tuple, Glossary] = {}
_lock = threading.Lock()


def glossary_for(project: Project | None, ruleset: RuleSet) -> Glossary | None:
    """The project's term base, or None without one or when no TRM rule is selected.

    A broken term base raises GlossaryError (one line per problem, exit 2).
    """
    if project is None or not any(ruleset.selected(code) for code in ("TRM001", "TRM002",
                                                                       "TRM003", "TRM004")):
        return None
    folder = Path(project.glossary_dir)
    if not folder.is_dir():
        return None
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yaml")))
    key = (str(folder.resolve()), stamp)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = load_glossary(folder)
        return _cache[key]


def parity_findings(versions: dict[str, tuple[RenderedLetter, object]], glossary: Glossary,
                    sample: str) -> list[Finding]:
    """TRM003 for one sample: a concept in some language versions but not in another.

    The finding sits on the main heading of the version that lacks the concept.
    """
    findings = []
    for issue in check_parity({lang: doc for lang, (_, doc) in versions.items()}, glossary):
        rendered = versions[issue.lang][0]
        position = rendered.locate(rendered.body_start)
        if position is None:
            path, line, col = str(rendered.letter.template_path(issue.lang)), 1, 1
        else:
            path, line, col = position.path, position.line, position.col
        findings.append(replace(issue.to_finding(path, line, col, line, col + 1),
                                samples=(sample,)))
    return findings
