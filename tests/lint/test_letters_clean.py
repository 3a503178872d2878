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


def test_a_letter_that_drops_required_content_fails_on_it(tmp_path, monkeypatch):
    """linting/config.yaml says what each kind must state (STR004); taking it out of a real
    letter is an error at the section where it belongs, in the language that lost it."""
    import shutil

    from click.testing import CliRunner

    from letterkit.cli.lint import command

    for folder in ("letters", "linting", "glossary"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    invitation = tmp_path / "letters" / "asylum-interview-invitation" / "en.md.j2"
    text = invitation.read_text(encoding="utf-8")
    invitation.write_text(text.replace(" The interpreter speaks {{ language }}.", ""),
                          encoding="utf-8")
    request = tmp_path / "letters" / "supplement-request-family-ties" / "en.md.j2"
    text = request.read_text(encoding="utf-8")
    request.write_text(text.replace("must reach us by", "should be sent by")
                       .replace("must also reach us by", "should be sent by"), encoding="utf-8")
    result = CliRunner().invoke(command, ["--select", "STR004", "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {(Path(f["path"]).parent.name, f["lang"], f["severity"]) for f in
             json.loads(result.stdout)}
    assert found == {("asylum-interview-invitation", "en", "error"),
                     ("supplement-request-family-ties", "en", "error")}
    messages = " ".join(f["message"] for f in json.loads(result.stdout))
    assert "language of the interpreter" in messages and "must reach us by" in messages
