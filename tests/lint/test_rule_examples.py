"""Every rule file's own examples: each ``fail`` text gets a finding of that rule, each ``pass``
text none. Also the pack's bookkeeping: codes, names and prefixes (proselint
``tests/examples.py``, Ruff's rule-code tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letterkit.lint import load_rules
from letterkit.lint.context import LintContext
from letterkit.lint.rules import rule_files
from letterkit.lint.runner import expected_sections, kind_settings
from letterkit.lint.spec import read_spec
from letterkit.project import find_project

REPO = Path(__file__).resolve().parents[2]
LINTING = REPO / "linting"
PROJECT = find_project(REPO)
RULESET = load_rules(LINTING, opt_in=True)  # the opt-in rules keep their examples too
TERMS = PROJECT.glossary
FILES = rule_files(LINTING)
PREFIXES = {"TRM", "STY", "WRD", "NOM", "DLN", "REF", "ABR", "ADR", "GRM", "SPL", "REA", "STR",
            "PII"}


def _rule(lang: str, path: Path):
    spec = read_spec(path, lang)
    rule = RULESET.by_code(spec.code, lang)
    assert rule is not None, f"{path} did not load"
    return rule


def hits(rule, text: str) -> list:
    """The rule's hits on *text*, as a letter of ``example_kind`` for structure rules."""
    kind = rule.spec.options.get("example_kind") if rule.kind == "structure" else None
    ctx = LintContext(text=text, lang=rule.spec.lang, letter_kind=kind,
                      sections_expected=expected_sections(PROJECT, kind),
                      settings=kind_settings(PROJECT, kind), terms=TERMS, example_run=True)
    return list(rule.check(ctx))


def _cases():
    for lang, path in FILES:
        spec = read_spec(path, lang)
        for outcome in ("fail", "pass"):
            for index, text in enumerate(spec.examples.get(outcome, [])):
                yield pytest.param(lang, path, outcome, text,
                                   id=f"{lang}/{path.stem}/{outcome}{index}")


@pytest.mark.parametrize(("lang", "path", "outcome", "text"), list(_cases()))
def test_example(lang, path, outcome, text):
    rule = _rule(lang, path)
    found = hits(rule, text)
    if outcome == "fail":
        assert found, f"{rule.code} {rule.spec.name} ({lang}) misses its fail example: {text!r}"
    else:
        assert not found, (f"{rule.code} {rule.spec.name} ({lang}) flags its pass example "
                           f"{text!r}: {[h.found for h in found]}")


@pytest.mark.parametrize(("lang", "path"), FILES, ids=[f"{lang}/{p.stem}" for lang, p in FILES])
def test_rule_has_examples_and_source(lang, path):
    spec = read_spec(path, lang)
    assert spec.examples.get("fail") and spec.examples.get("pass"), "a rule needs examples"
    assert spec.link.startswith(("http://", "https://")), "link must point to the source"
    assert spec.code[:3] in PREFIXES, f"unknown prefix {spec.code[:3]}"


def test_every_pack_is_populated():
    by_lang = {lang: {read_spec(p, lang).code for lg, p in FILES if lg == lang}
               for lang in ("fi", "sv", "en")}
    assert all(len(codes) >= 10 for codes in by_lang.values()), by_lang
    # Every letter kind is checked for its structure in every language.
    for codes in by_lang.values():
        assert {"STR001", "STR002", "STR003"} <= codes


def test_one_code_one_name_across_languages():
    names: dict[str, set[str]] = {}
    for lang, path in FILES:
        spec = read_spec(path, lang)
        names.setdefault(spec.code, set()).add(spec.name)
        assert re.fullmatch(r"[A-Z]{3}\d{3}", spec.code)
    assert all(len(n) == 1 for n in names.values()), names
    codes_by_name: dict[str, set[str]] = {}
    for code, (name,) in names.items():
        codes_by_name.setdefault(name, set()).add(code)
    assert all(len(c) == 1 for c in codes_by_name.values()), codes_by_name


def _requirement_cases():
    for lang, path in FILES:
        rule = _rule(lang, path)
        for rid, requirement in getattr(rule, "requirements", {}).items():
            for outcome, texts in (("fail", requirement.fail), ("pass", requirement.passes)):
                for index, text in enumerate(texts):
                    yield pytest.param(lang, path, rid, outcome, text,
                                       id=f"{lang}/{path.stem}/{rid}/{outcome}{index}")


@pytest.mark.parametrize(("lang", "path", "rid", "outcome", "text"), list(_requirement_cases()))
def test_content_requirement_example(lang, path, rid, outcome, text):
    """Each content requirement's own examples, as a letter whose kind requires only it."""
    rule = _rule(lang, path)
    ctx = LintContext(text=text, lang=lang, letter_kind="example",
                      settings={rule.code: {"require": [rid]}})
    found = [h for h in rule.check(ctx) if h.values.get("requirement") == rid]
    if outcome == "fail":
        assert found, f"{rule.code} {rid} ({lang}) misses its fail example: {text!r}"
    else:
        assert not found, f"{rule.code} {rid} ({lang}) flags its pass example {text!r}"


def test_every_language_words_the_same_requirements():
    by_lang = {}
    for lang, path in FILES:
        rule = _rule(lang, path)
        if getattr(rule, "requirements", None):
            by_lang[lang] = set(rule.requirements)
    assert set(by_lang) == {"fi", "sv", "en"}
    assert by_lang["fi"] == by_lang["sv"] == by_lang["en"]
    # Every id a letter kind requires in linting/config.yaml exists.
    for kind, spec in PROJECT.kinds.items():
        for code, options in (spec.get("rules") or {}).items():
            for rid in options.get("require", []):
                assert rid in by_lang["en"], (kind, code, rid)


_QUOTED = re.compile(r"[”“\"«»][^”“\"«»]*[”“\"«»]|\{[^}]*\}|\([^)]*\)")
_OTHER_LANGUAGE = {
    "fi": {"the", "and", "is", "with", "this", "your", "you", "use", "write", "instead", "of"},
    "en": {"ja", "ei", "tai", "että", "kirjoita", "käytä", "och", "är", "att", "skriv"},
}


@pytest.mark.parametrize(("lang", "path", "outcome", "text"),
                         [c for c in _cases() if c.values[0] in _OTHER_LANGUAGE
                          and c.values[2] == "fail"])
def test_message_is_in_the_letters_language(lang, path, outcome, text):
    """Issue 15 item 5: what a writer reads about a Finnish letter is Finnish (TRM included),
    about an English letter English; quoted words and slots are left out of the check."""
    from letterkit.lint.runner import message_for

    rule = _rule(lang, path)
    for hit in hits(rule, text):
        shown = f"{message_for(rule, hit)} {hit.suggestion}"
        words = set(re.findall(r"[^\W\d_]+", _QUOTED.sub(" ", shown).lower()))
        stray = words & _OTHER_LANGUAGE[lang]
        assert not stray, f"{rule.code} ({lang}) message has {sorted(stray)}: {shown!r}"
