"""SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from letterkit import __version__
from letterkit.errors import display_path
from letterkit.model.finding import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}
INFORMATION_URI = "https://github.com/letterkit/letterkit"


def sarif(findings: Sequence[Finding], *, rules: dict[str, dict] | None = None,
          docs_base: str = "", **_options) -> str:
    """*rules*: code -> {name, description, url} for the tool's rule metadata."""
    rules = dict(rules or {})
    for f in findings:
        rules.setdefault(f.code, {"name": f.name, "description": f.message, "url": f.url})
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    descriptors = []
    for code in codes:
        meta = rules[code]
        descriptor = {
            "id": code,
            "name": meta["name"],
            "shortDescription": {"text": meta["name"].replace("-", " ")},
            "fullDescription": {"text": meta.get("description") or meta["name"]},
            "defaultConfiguration": {"level": LEVEL.get(meta.get("severity", "warning"),
                                                        "warning")},
        }
        if meta.get("url"):
            descriptor["helpUri"] = docs_base + meta["url"]
        descriptors.append(descriptor)
    results = []
    for f in findings:
        text = f.message + (f" ({f.suggestion})" if f.suggestion and f.suggestion not in
                            f.message else "")
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity.value],
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": display_path(f.path).replace("\\", "/"),
                                     "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": max(f.column, 1),
                           "endLine": max(f.end_line, f.line),
                           "endColumn": max(f.end_column, 1)},
            }}],
            "partialFingerprints": {
                "letterkit/v1": f"{f.code}:{display_path(f.path)}:{f.line}:{f.found}"},
            "properties": {"lang": f.lang, "samples": list(f.samples)},
        })
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "letterkit", "version": __version__,
                                "informationUri": INFORMATION_URI, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
