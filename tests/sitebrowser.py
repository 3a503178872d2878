"""Helpers of the browser tests of the documentation site (the fixtures are in conftest.py):
axe-core injected into a page, its WCAG 2.1 A/AA violations returned."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[tuple[str, list[str]]]:
    """axe-core's WCAG 2.1 A/AA violations on *page*: (rule id, offending HTML) each."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install at the repository root)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG)
    assert len(result["passes"]) > 10  # axe really ran
    return [(v["id"], [n["html"][:100] for n in v["nodes"]]) for v in result["violations"]]
