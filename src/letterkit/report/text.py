"""``path:line:col: CODE name [severity] message (suggestion)``, one finding per line."""

from __future__ import annotations

from collections.abc import Sequence

from letterkit.errors import display_path
from letterkit.model.finding import Finding


def text(findings: Sequence[Finding], **_options) -> str:
    lines = []
    for f in findings:
        line = (f"{display_path(f.path)}:{f.line}:{f.column}: {f.code} {f.name} "
                f"[{f.severity.value}] {f.message}")
        if f.suggestion and f.suggestion not in f.message:
            line += f" ({f.suggestion})"
        if f.samples:
            line += f" [{f.lang}: {', '.join(f.samples)}]"
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")
