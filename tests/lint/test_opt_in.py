"""Opt-in rules (``opt_in: true``): off by default, on with ``enable:`` in the pack's
config.yaml or with a select naming the code in full."""

from __future__ import annotations

import shutil
from pathlib import Path

from letterkit.lint import lint_text, load_rules

REPO = Path(__file__).resolve().parents[2]
TEXT = "Hakemus käsitellään saapumisjärjestyksessä."


def codes(ruleset, text=TEXT, lang="fi"):
    return {f.code for f in lint_text(text, lang, ruleset)}


def test_an_opt_in_rule_is_off_by_default_and_on_when_selected_by_code():
    ruleset = load_rules(REPO / "linting")
    assert ruleset.by_code("STY002", "fi") is None
    assert "STY002" in ruleset.known_codes  # a suppression of it is still known
    assert "STY002" not in codes(ruleset)
    assert "STY002" in codes(ruleset.narrowed(("STY002",)))
    assert "STY002" not in codes(ruleset.narrowed(("STY",)))  # a prefix does not wake it
    assert "STY002" in codes(load_rules(REPO / "linting", opt_in=True))


def test_enable_in_the_pack_config_turns_it_on(tmp_path):
    pack = tmp_path / "linting"
    shutil.copytree(REPO / "linting", pack)
    config = pack / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "\nenable: []\n", "\nenable: [STY002]\n"), encoding="utf-8")
    assert "STY002" in codes(load_rules(pack))


def test_opt_in_must_be_a_boolean(tmp_path):
    import pytest

    from letterkit.errors import ProblemsError

    pack = tmp_path / "linting"
    shutil.copytree(REPO / "linting", pack)
    rule = pack / "fi" / "passive-voice.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("opt_in: true", "opt_in: maybe"),
                    encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_rules(pack)
    assert any("opt_in must be true or false" in p.message for p in caught.value.problems)
