"""Bad glossary files: one clear ``path:line: message`` per problem, exit code 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letterkit.glossary import GlossaryError, glossary_findings, load_glossary

GOOD = """\
id: test-concept
domain: general-process
fi:
  preferred: täydennyspyyntö
  deprecated:
    - term: lisäselvityspyyntö
      reason: Migri sanoo täydennyspyyntö.
  explanation: Täydennyspyyntö on kirje, jossa pyydämme lisää tietoja.
  requires_explanation: true
sv:
  preferred: begäran om komplettering
  explanation: Ett brev där vi ber om fler uppgifter.
en:
  preferred: request for additional information
  explanation: A letter in which we ask you for more information.
source:
  - url: https://migri.fi/asiointi-verkossa
    checked: fi täydennyspyyntö
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(folder: Path) -> list[str]:
    with pytest.raises(GlossaryError) as info:
        load_glossary(folder)
    assert info.value.exit_code == 2
    return [str(p) for p in info.value.problems]


def test_good_file_loads(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD)
    glossary = load_glossary(tmp_path)
    assert glossary.term("test-concept", "sv") == "begäran om komplettering"


def test_duplicate_concept_id(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD)
    [message] = problems(tmp_path)
    assert re.match(r".*b\.yaml:1:1: duplicate concept id 'test-concept': .*a\.yaml:1:1 uses it "
                    r"too.*\(TRM005\)$", message)
    [finding] = glossary_findings(tmp_path)
    assert (finding.code, finding.name, finding.severity.value) == (
        "TRM005", "duplicate-concept-id", "error")
    assert finding.path.endswith("b.yaml") and finding.line == 1


def test_term_both_preferred_and_deprecated(tmp_path):
    text = GOOD.replace("term: lisäselvityspyyntö", "term: Täydennyspyyntö")
    write(tmp_path, "test-concept.yaml", text)
    [message] = problems(tmp_path)
    assert re.match(r".*test-concept\.yaml:6:\d+: fi term 'Täydennyspyyntö' is listed as both "
                    r"preferred and deprecated", message)


def test_term_in_two_concepts(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD)
    write(tmp_path, "other.yaml", GOOD.replace("id: test-concept", "id: other")
          .replace("preferred: request for additional information", "preferred: other"))
    messages = problems(tmp_path)
    assert any("is also a term of concept" in m for m in messages)


def test_missing_language(tmp_path):
    text = GOOD.split("en:\n")[0] + "source:" + GOOD.split("source:")[1]
    write(tmp_path, "test-concept.yaml", text)
    [message] = problems(tmp_path)
    assert re.match(r".*test-concept\.yaml:1:1: missing language 'en'", message)


def test_missing_preferred_term(tmp_path):
    write(tmp_path, "test-concept.yaml",
          GOOD.replace("  preferred: begäran om komplettering\n", ""))
    [message] = problems(tmp_path)
    assert re.match(r".*test-concept\.yaml:10:\d+: missing 'preferred' in sv", message)


def test_yaml_error(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD.replace("domain: general-process",
                                                       "domain: [general-process"))
    [message] = problems(tmp_path)
    assert re.match(r".*test-concept\.yaml:\d+:\d+: invalid YAML", message)


def test_unknown_field(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD.replace("  requires_explanation: true",
                                                       "  requires_explanation: true\n"
                                                       "  synonyms: [x]"))
    [message] = problems(tmp_path)
    assert re.match(r".*test-concept\.yaml:10:3: unknown field 'synonyms'; valid fields: "
                    r"preferred, admitted", message)


def test_unknown_top_level_field_and_domain(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD.replace("domain: general-process",
                                                       "domain: weather\nowner: me"))
    messages = problems(tmp_path)
    assert any(re.match(r".*:2:\d+: unknown domain 'weather'", m) for m in messages)
    assert any(re.match(r".*:3:1: unknown field 'owner'", m) for m in messages)


def test_deprecated_needs_a_reason(tmp_path):
    write(tmp_path, "test-concept.yaml",
          GOOD.replace("      reason: Migri sanoo täydennyspyyntö.\n", ""))
    [message] = problems(tmp_path)
    assert "missing 'reason'" in message and ":6:" in message


def test_requires_explanation_must_be_boolean(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD.replace("requires_explanation: true",
                                                       "requires_explanation: maybe"))
    [message] = problems(tmp_path)
    assert "'requires_explanation' must be true or false" in message


def test_missing_source(tmp_path):
    write(tmp_path, "test-concept.yaml", GOOD.split("source:")[0])
    [message] = problems(tmp_path)
    assert "missing 'source'" in message


def test_empty_folder_and_missing_folder(tmp_path):
    assert "no concept files here" in problems(tmp_path)[0]
    assert "no such folder" in problems(tmp_path / "nope")[0]


def test_all_problems_are_reported_at_once(tmp_path):
    write(tmp_path, "a.yaml", GOOD.replace("domain: general-process", "domain: x"))
    write(tmp_path, "b.yaml", "id: [unclosed")
    assert len(problems(tmp_path)) == 2


@pytest.mark.parametrize("case", ["duplicate", "yaml", "unknown-field", "missing-language",
                                  "preferred-and-deprecated"])
def test_cli_exits_2_with_one_line_per_problem(tmp_path, run_cli, case):
    folder = tmp_path / "glossary"
    text = {
        "duplicate": GOOD,
        "yaml": GOOD.replace("fi:\n", "fi: [\n"),
        "unknown-field": GOOD + "tags: [x]\n",
        "missing-language": GOOD.replace("sv:\n", "sw:\n"),
        "preferred-and-deprecated": GOOD.replace("term: lisäselvityspyyntö",
                                                 "term: täydennyspyyntö"),
    }[case]
    write(folder, "test-concept.yaml", text)
    if case == "duplicate":
        write(folder, "copy.yaml", GOOD)
    result = run_cli("glossary", "validate", "--glossary", str(folder))
    assert result.exit_code == 2
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert lines and all(re.match(r"^\S+\.yaml:\d+(:\d+)?: ", line) for line in lines), lines
    assert "Traceback" not in result.err


def test_two_problems_of_one_file_are_both_reported(tmp_path, run_cli):
    folder = tmp_path / "glossary"
    write(folder, "test-concept.yaml",
          GOOD.replace("domain: general-process", "domain: weather")
          .replace("requires_explanation: true", "requires_explanation: maybe"))
    result = run_cli("glossary", "validate", "--glossary", str(folder))
    assert result.exit_code == 2
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 2, result.err
    assert re.match(r"^\S*test-concept\.yaml:2:\d+: unknown domain 'weather'", lines[0])
    assert re.match(r"^\S*test-concept\.yaml:\d+:\d+: 'requires_explanation' must be true or "
                    r"false", lines[1])
