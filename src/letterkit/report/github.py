"""GitHub Actions workflow commands: one ``::error file=…,line=…::`` line per finding."""

from __future__ import annotations

from collections.abc import Sequence

from letterkit.errors import display_path
from letterkit.model.finding import Finding

LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], **_options) -> str:
    lines = []
    for f in findings:
        props = ",".join([
            f"file={_escape_property(display_path(f.path))}", f"line={f.line}", f"col={f.column}",
            f"endLine={f.end_line}", f"endColumn={f.end_column}",
            f"title={_escape_property(f'letterkit {f.code} {f.name}')}",
        ])
        message = f.message + (f" ({f.suggestion})" if f.suggestion and f.suggestion not in
                               f.message else "")
        lines.append(f"::{LEVEL[f.severity.value]} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
