"""An array of findings (``letterkit lint --format json``), relative paths, stable keys."""

from __future__ import annotations

import json
from collections.abc import Sequence

from letterkit.errors import display_path
from letterkit.model.finding import Finding


def json_report(findings: Sequence[Finding], **_options) -> str:
    items = []
    for finding in findings:
        item = finding.as_dict()
        item["path"] = display_path(finding.path)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
