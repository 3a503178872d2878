"""Reporters: findings as text, JSON, SARIF 2.1.0 or GitHub annotations. None knows any rule."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from letterkit.model.finding import Finding
from letterkit.report.github import github
from letterkit.report.json import json_report
from letterkit.report.sarif import sarif
from letterkit.report.text import text

REPORTERS: dict[str, Callable[..., str]] = {
    "text": text, "json": json_report, "sarif": sarif, "github": github,
}


def report(findings: Sequence[Finding], fmt: str, **options) -> str:
    return REPORTERS[fmt](findings, **options)
