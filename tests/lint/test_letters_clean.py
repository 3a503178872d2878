"""The real letters in letters/ pass ``letterkit lint`` with no error-level finding.

Warnings and suggestions are allowed (they are advice to the writer). When a rule raises a
false error on a real letter, tune the rule, not the letter.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_real_letters_have_no_error_level_finding(run_cli):
    result = run_cli("lint", "--format", "json", cwd=REPO)
    findings = json.loads(result.out)
    errors = [f"{f['path']}:{f['line']}: {f['code']} {f['message']}" for f in findings
              if f["severity"] == "error"]
    assert errors == []
    assert result.exit_code == 0, result.err
