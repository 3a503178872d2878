"""The lint engine with small rule packs written here, so the kinds are tested on their own."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from letterkit.catalog import load_letter
from letterkit.errors import LetterkitError, ProblemsError
from letterkit.lint import lint_letter, lint_rendered, lint_text, load_rules
from letterkit.project import find_project
from letterkit.render import render_letter

COMMON = """
severity: {severity}
message: "{message}"
description: Test rule.
link: https://example.org/rule
examples:
  fail: ["x"]
  pass: ["y"]
"""


def rule(folder: Path, lang: str, name: str, code: str, kind: str, body: str,
         severity: str = "warning", message: str = "{found} -> {suggestion}") -> Path:
    path = folder / lang / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (f"code: {code}\nname: {name}\nkind: {kind}\n" + body.strip() + "\n"
            + COMMON.format(severity=severity, message=message))
    path.write_text(text, encoding="utf-8")
    return path


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def linting(tmp_path: Path) -> Path:
    return tmp_path / "linting"


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_substitution_matches_inflected_finnish_phrases(linting):
    rule(linting, "fi", "nominal", "NOM001", "substitution", "swap:\n  suorittaa maksu: maksaa")
    rules = load_rules(linting)
    found = lint_text("Sinua pyydetään suorittamaan maksun heti.", "fi", rules)
    assert [(f.found, f.suggestion) for f in found] == [("suorittamaan maksun", "maksaa")]
    assert found[0].message == "suorittamaan maksun -> maksaa"
    assert (found[0].line, found[0].column, found[0].end_column) == (1, 17, 36)
    assert lint_text("Maksa maksu heti.", "fi", rules) == []


def test_substitution_in_swedish_and_english_by_lemma(linting):
    rule(linting, "sv", "words", "WRD001", "substitution", "swap:\n  erhålla: få")
    rule(linting, "en", "words", "WRD001", "substitution", "swap:\n  commence: start")
    rules = load_rules(linting)
    assert [f.found for f in lint_text("Du erhåller ett beslut.", "sv", rules)] == ["erhåller"]
    assert [f.found for f in lint_text("Work commenced in May.", "en", rules)] == ["commenced"]


def test_existence_limit_and_pattern(linting):
    rule(linting, "en", "shall", "WRD002", "existence", "tokens: [shall]")
    rule(linting, "en", "long", "STY001", "limit", "measure: sentence_words\nmax: 5",
         message="{count} words, max {max}")
    rule(linting, "fi", "agent", "STY003", "pattern",
         "pattern: '\\b\\w+:?n (toimesta|taholta)\\b'")
    rules = load_rules(linting)
    found = lint_text("You shall send the form to us today.", "en", rules)
    assert codes(found) == ["STY001", "WRD002"]
    assert found[0].message == "8 words, max 5"
    fi = lint_text("Hakemus käsitellään viraston toimesta.", "fi", rules)
    assert [f.found for f in fi] == ["viraston toimesta"]


def test_pattern_unless_and_exceptions(linting):
    rule(linting, "sv", "s-passive", "STY002", "pattern",
         "pattern: '\\b\\w+(?:as|des|tes)\\b'\nexceptions: [finns, hoppas]\nunless: 'vi '")
    rules = load_rules(linting)
    found = lint_text("Ansökan behandlades. Det finns tid. Jag hoppas det.", "sv", rules)
    assert [f.found for f in found] == ["behandlades"]
    assert lint_text("Ansökan behandlades när vi fick den.", "sv", rules) == []


def test_morphology_passive_minen_abbreviation(linting):
    rule(linting, "fi", "passive", "STY002", "morphology",
         "feature: passive\nunless_nearby: [me, maahanmuuttovirasto]")
    rule(linting, "fi", "minen", "NOM002", "morphology", "feature: minen\nmin: 2")
    rule(linting, "fi", "abbr", "ABR001", "morphology", "feature: abbreviation\nallow: [EU]")
    rules = load_rules(linting)
    assert [f.found for f in lint_text("Hakemus käsitellään pian.", "fi", rules)] \
        == ["käsitellään"]
    assert lint_text("Me käsittelemme hakemuksen. Se käsitellään pian.", "fi", rules) == []
    assert lint_text("Voit korjata tiedot.", "fi", rules) == []  # infinitive, not passive
    minen = lint_text("Hakemuksen käsitteleminen edellyttää asiakirjojen toimittamista.",
                      "fi", rules)
    assert codes(minen) == ["NOM002"]
    abbreviations = lint_text("Lähetä ko. asiakirja ym. liitteet. EU maksaa.", "fi", rules)
    assert [f.found for f in abbreviations] == ["ko.", "ym."]


def test_consistency_flags_the_minority_form(linting):
    rule(linting, "fi", "address", "ADR001", "consistency", """
either:
  sinä:
    lemmas: [sinä]
    features: [{possessive: 2s}, {person: "2", number: sg}]
  te:
    lemmas: [te]
    features: [{possessive: 2p}, {person: "2", number: pl}]
""")
    rule(linting, "sv", "address", "ADR001", "consistency",
         "either:\n  du: {lemmas: [du, din]}\n  ni: {lemmas: [ni, er]}")
    rules = load_rules(linting)
    found = lint_text("Lähetä hakemuksesi meille. Saat päätöksen. Lähettäkää liitteet.",
                      "fi", rules)
    assert [(f.found, f.suggestion) for f in found] == [("Lähettäkää", "sinä")]
    assert lint_text("Du får ett beslut. Skicka din ansökan.", "sv", rules) == []
    assert [f.found for f in lint_text("Du får beslutet. Ni kan ringa.", "sv", rules)] == ["Ni"]


def test_metric_per_section(linting):
    rule(linting, "sv", "lix", "REA001", "metric", "measure: lix\nmax: 30\nmin_words: 5",
         message="{measure} {value} > {max}")
    rules = load_rules(linting)
    text = ("# Rubrik\n\n## Enkel {#easy}\n\nDu får ett brev. Vi ringer dig.\n\n"
            "## Svår {#hard}\n\nUppehållstillståndsansökningarnas handläggningstider "
            "förlängdes betydligt under verksamhetsåret.\n")
    found = lint_text(text, "sv", rules)
    assert len(found) == 1 and found[0].line == 7
    assert found[0].message.startswith("LIX ") and found[0].message.endswith("> 30")


def test_bad_rule_files_exit_with_path_and_line(linting, run_cli, tmp_path):
    path = rule(linting, "en", "x", "WRD001", "substitution", "swap: {a: b}")
    (tmp_path / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    (tmp_path / "letters").mkdir()

    def first_line(text: str) -> str:
        path.write_text(text, encoding="utf-8")
        result = run_cli("lint", "--list-rules", cwd=tmp_path)
        assert result.exit_code == 2, result
        return result.err.strip()

    base = path.read_text(encoding="utf-8")
    assert first_line(base.replace("kind: substitution", "kind: wordy")).endswith(
        "unknown kind 'wordy'; valid kinds: existence, substitution, limit, pattern, "
        "morphology, consistency, metric, structure, spelling, term, personal-data, agreement")
    assert "linting/en/x.yaml:3:1" in first_line(base.replace("kind: substitution", "kind: wordy"))
    assert "invalid YAML" in first_line(base.replace("swap: {a: b}", "swap: {a: b"))
    assert "does not compile" in first_line(
        base.replace("kind: substitution\nswap: {a: b}", "kind: pattern\npattern: '(unclosed'"))
    assert "unknown field 'swp'" in first_line(base.replace("swap:", "swp:"))
    assert "not_ending is not a regular expression" in first_line(
        base.replace("swap: {a: b}", "swap: {a: b}\nnot_ending: '(sta'"))
    assert "unconfigured_severity must be error, warning or suggestion" in first_line(
        base.replace("kind: substitution\nswap: {a: b}",
                     "kind: consistency\neither: {x: {lemmas: [a]}, y: {lemmas: [b]}}\n"
                     "unconfigured_severity: fatal"))
    path.write_text(base, encoding="utf-8")
    rule(linting, "en", "y", "WRD001", "existence", "tokens: [z]")
    result = run_cli("lint", "--list-rules", cwd=tmp_path)
    assert result.exit_code == 2
    assert "y.yaml" in result.err and "duplicate code WRD001" in result.err


def test_every_problem_of_every_rule_file_is_reported(linting):
    first = rule(linting, "en", "x", "WRD001", "substitution", "swap: {a: b}")
    first.write_text(first.read_text().replace("code: WRD001", "code: wrd1")
                     .replace("severity: warning", "severity: loud"), encoding="utf-8")
    rule(linting, "en", "y", "WRD002", "existence", "tokens: [z]\nswp: 1\nmax_gapp: 2")
    rule(linting, "sv", "z", "WRD003", "pattern", "pattern: '(unclosed'")
    with pytest.raises(ProblemsError) as caught:
        load_rules(linting)
    lines = str(caught.value).splitlines()
    assert len(lines) == 5, lines
    for expected in (r"en/x\.yaml:1:1: code 'wrd1' must be",
                     r"en/x\.yaml:\d+:1: unknown severity 'loud'",
                     r"en/y\.yaml:5:1: unknown field 'swp'",
                     r"en/y\.yaml:6:1: unknown field 'max_gapp'",
                     r"sv/z\.yaml:4:1: pattern does not compile"):
        assert any(re.search(expected, line) for line in lines), (expected, lines)


def test_examples_are_required(linting):
    path = rule(linting, "en", "x", "WRD001", "existence", "tokens: [a]")
    path.write_text(path.read_text().replace('  pass: ["y"]\n', ""), encoding="utf-8")
    with pytest.raises(LetterkitError, match="examples.pass must be a non-empty list"):
        load_rules(linting)


@pytest.fixture
def project(catalog_dir: Path):
    root = catalog_dir.parent
    shutil.rmtree(root / "linting" / "fi", ignore_errors=True)
    shutil.rmtree(root / "linting" / "sv", ignore_errors=True)
    shutil.rmtree(root / "linting" / "en", ignore_errors=True)
    rule(root / "linting", "fi", "words", "WRD001", "substitution",
         "swap:\n  asiakirja: paperi\n  avustaja: asianajaja")
    rule(root / "linting", "fi", "spelling", "SPL001", "spelling", "allow: []",
         severity="error")
    return find_project(root)


def test_findings_point_at_template_lines_and_list_samples(project):
    letter = load_letter(project.letters_dir / "demo-letter")
    rules = load_rules(project.linting_dir)
    findings = lint_letter(letter, rules, project)
    words = [f for f in findings if f.code == "WRD001"]
    heading = next(f for f in words if f.line == 3)
    assert heading.path.endswith("demo-letter/fi.md.j2") and heading.found == "asiakirjat"
    assert heading.column == 10 and heading.samples == ("default", "with-counsel")
    counsel = next(f for f in words if f.found == "avustajallesi")
    assert counsel.line == 14 and counsel.samples == ("with-counsel",)
    # a value from a variable is never spell-checked: "Avustaja" from counsel_name
    assert [f for f in findings if f.code == "SPL001"] == []


def test_misspelling_in_template_is_found_at_its_column(project):
    template = project.letters_dir / "demo-letter" / "fi.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "Kerro asian numero", "Kerro asian numeron kirjoitusvirhee"), encoding="utf-8")
    letter = load_letter(project.letters_dir / "demo-letter")
    findings = [f for f in lint_letter(letter, load_rules(project.linting_dir), project)
                if f.code == "SPL001"]
    assert [(f.found, f.line, f.column) for f in findings] == [("kirjoitusvirhee", 19, 21)]
    assert "kirjoitusvirhe" in findings[0].suggestion


def test_suppression_and_unused_suppression(project, run_cli):
    template = project.letters_dir / "demo-letter" / "fi.md.j2"
    text = template.read_text(encoding="utf-8")
    text = text.replace("# Lähetä", "{# letterkit: disable=WRD001 #}\n# Lähetä")
    text = text.replace("## Yhteystiedot", "{# letterkit: disable=WRD001 #}\n## Yhteystiedot")
    template.write_text(text, encoding="utf-8")
    letter = load_letter(project.letters_dir / "demo-letter")
    findings = lint_letter(letter, load_rules(project.linting_dir), project)
    assert not any(f.code == "WRD001" and f.line == 4 for f in findings)
    unused = [f for f in findings if f.code == "LKT001"]
    assert [(f.line, f.found) for f in unused] == [(18, "WRD001")]
    template.write_text(text.replace("disable=WRD001 #}\n## Y", "disable=XYZ999 #}\n## Y"),
                        encoding="utf-8")
    result = run_cli("lint", cwd=project.root)
    assert result.exit_code == 2
    assert "fi.md.j2:18:1: unknown rule code 'XYZ999'" in result.err


def test_lint_rendered_offsets_mark_the_rendered_text(project):
    letter = load_letter(project.letters_dir / "demo-letter")
    rendered = render_letter(letter, "fi", "with-counsel")
    hits = lint_rendered(rendered, project)
    assert hits and all(rendered.markdown[h.start:h.end] == h.finding.found for h in hits)
    assert {h.kind for h in hits} == {"substitution"}


def test_cli_formats_and_exit_codes(project, run_cli, tmp_path):
    result = run_cli("lint", cwd=project.root)
    assert result.exit_code == 0
    assert "demo-letter/fi.md.j2:3:10: WRD001 words [warning]" in result.out
    as_json = json.loads(run_cli("lint", "--format", "json", cwd=project.root).out)
    assert {"code", "name", "severity", "path", "line", "column", "end_line", "end_column",
            "message", "suggestion", "url", "lang"} <= set(as_json[0])
    github = run_cli("lint", "--format", "github", cwd=project.root).out
    assert github.startswith("::warning file=letters/demo-letter/fi.md.j2,line=3,col=10,")
    sarif = json.loads(run_cli("lint", "--format", "sarif", cwd=project.root).out)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "letterkit"
    result0 = run["results"][0]
    assert run["tool"]["driver"]["rules"][result0["ruleIndex"]]["id"] == result0["ruleId"]
    region = result0["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    draft = tmp_path / "draft.md"
    draft.write_text("Lähetä asiakirjaa kirjoitusvirhee.\n", encoding="utf-8")
    errors = run_cli("lint", str(draft), "--lang", "fi", cwd=project.root)
    assert errors.exit_code == 1 and "SPL001 spelling [error]" in errors.out
    missing_lang = run_cli("lint", str(draft), cwd=project.root)
    assert missing_lang.exit_code == 2 and "--lang" in missing_lang.err
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    bad = run_cli("lint", str(binary), "--lang", "fi", cwd=project.root)
    assert bad.exit_code == 2 and "not valid UTF-8" in bad.err
    selected = run_cli("lint", "--select", "SPL", cwd=project.root)
    assert "WRD001" not in selected.out


def test_glossary_findings_come_with_lint(project, run_cli):
    shutil.copytree(Path(__file__).resolve().parent.parent / "glossary", project.root / "glossary")
    (project.root / "pyproject.toml").write_text(
        "[tool.letterkit]\nglossaries = [\"glossary\"]\n", encoding="utf-8")
    for lang in ("fi", "sv", "en"):  # the term base's rules (kind term)
        for name in ("deprecated-term", "mixed-terms", "missing-in-language", "unexplained-term"):
            (project.linting_dir / lang).mkdir(exist_ok=True)
            shutil.copy(REPO / "linting" / lang / f"{name}.yaml", project.linting_dir / lang)
    template = project.letters_dir / "demo-letter" / "sv.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "Vi behöver", "Du har sökt vistelsetillstånd. Vi behöver"), encoding="utf-8")
    result = run_cli("lint", cwd=project.root)
    assert result.exit_code == 1  # a deprecated term is an error
    line = next(x for x in result.lines if "TRM001" in x)
    assert line.startswith("letters/demo-letter/sv.md.j2:5:13: TRM001 ")
    assert "[error]" in line
    assert "uppehållstillstånd" in line
    # fi and en lack the concept the sv version now has
    assert any("fi.md.j2:3:1: TRM003" in x for x in result.lines), result.lines
    ignored = run_cli("lint", "--ignore", "TRM", cwd=project.root)
    assert "TRM" not in ignored.out


def test_analysis_store_on_disk_survives_a_run(project, run_cli):
    import sqlite3

    from letterkit.text import lexicon

    lexicon._caches.clear()  # as in a new process
    cache = project.root / "var" / "cache" / "analyses.sqlite3"
    assert run_cli("lint", cwd=project.root).exit_code in (0, 1)
    rows = sqlite3.connect(cache).execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert rows > 0
    cache.write_bytes(b"not a database")
    assert run_cli("lint", cwd=project.root).exit_code in (0, 1)  # replaced, not an error


def test_every_broken_input_is_reported_at_once(catalog_dir, run_cli):
    """A broken rule file, a broken glossary file and a broken template: one located line
    each, exit 2, never "0 findings"."""
    root = catalog_dir.parent
    shutil.copytree(REPO / "glossary", root / "glossary")
    (root / "pyproject.toml").write_text('[tool.letterkit]\nglossaries = ["glossary"]\n',
                                         encoding="utf-8")
    (root / "linting" / "fi" / "latin.yaml").write_text("code: [", encoding="utf-8")
    plain = root / "linting" / "en" / "plain-words.yaml"  # two problems in one file
    plain.write_text(plain.read_text(encoding="utf-8").replace("severity: ", "severity: loud-")
                     .replace("link: ", "link:\nlinks: "), encoding="utf-8")
    (root / "glossary" / "passport.yaml").write_text("id: passport\nfi: [", encoding="utf-8")
    template = catalog_dir / "demo-letter" / "sv.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    for args in (("lint",), ("lint", "letters/demo-letter"), ("lint", "-j", "2")):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 2, result
        assert "finding" not in result.err
        lines = result.err.strip().splitlines()
        assert len(lines) == 5, lines
        assert re.match(r"^linting/fi/latin\.yaml:\d+:\d+: invalid YAML", lines[0]), lines
        assert re.match(r"^linting/en/plain-words\.yaml:\d+:\d+: unknown severity", lines[1])
        assert re.match(r"^linting/en/plain-words\.yaml:\d+:\d+: link must be text", lines[2])
        assert re.match(r"^glossary/passport\.yaml:\d+:\d+: invalid YAML", lines[3]), lines
        assert re.match(r"^letters/demo-letter/sv\.md\.j2:\d+(:\d+)?: ", lines[4]), lines


def test_a_template_that_does_not_compile_is_not_clean(catalog_dir, run_cli):
    root = catalog_dir.parent
    template = catalog_dir / "demo-letter" / "fi.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% endif %}\n",
                        encoding="utf-8")
    check = run_cli("check", cwd=root)
    result = run_cli("lint", cwd=root)
    assert result.exit_code == 2 and "0 findings" not in result.err
    problem = next(line for line in check.out.splitlines() if "fi.md.j2" in line)
    assert problem in result.err.splitlines()


def test_outside_a_project_the_shipped_packs_lint_in_finnish(tmp_path, run_cli):
    draft = tmp_path / "draft.md"
    draft.write_text("Hakemus käsitellään viraston toimesta. Vastaa lisäselvityspyyntöön.\n",
                     encoding="utf-8")
    result = run_cli("lint", "-v", str(draft), "--lang", "fi", cwd=tmp_path)
    assert result.exit_code == 1, result
    assert "rule pack: builtin" in result.err and "term base: builtin" in result.err
    assert any("TRM001 deprecated-term [error] Vältä sanaa ”lisäselvityspyyntöön”" in line
               and "supplement-request" in line for line in result.lines)
    assert any("WRD001" in line for line in result.lines)


def test_no_rules_at_all_exits_2(tmp_path, run_cli):
    (tmp_path / "pyproject.toml").write_text("[tool.letterkit]\npacks = []\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("Hei.\n", encoding="utf-8")
    result = run_cli("lint", str(draft), "--lang", "fi", cwd=tmp_path)
    assert result.exit_code == 2 and "no lint rules could be loaded" in result.err
