"""`letterkit check` and the bad input it must explain in one line with file and line."""

from pathlib import Path

import pytest

LETTER = "demo-letter"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def unreadable_problem(result, path_end: str, line: int | None = None) -> str:
    """A file that could not be read: reported like a problem, but check exits 2."""
    return single_problem(result, path_end, line, exit_code=2)


def single_problem(result, path_end: str, line: int | None = None, exit_code: int = 1) -> str:
    assert result.exit_code == exit_code, result
    assert len(result.lines) == 1, result.lines
    problem = result.lines[0]
    location = problem.split(": ", 1)[0]
    assert location.split(":")[0].endswith(path_end), problem
    if line is not None:
        assert location.split(":")[1] == str(line), problem
    assert "Traceback" not in result.out + result.err
    return problem


def test_clean_catalogue_passes(run_cli, catalog_dir):
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 0, result.out
    assert result.out == ""
    assert "1 letter, 6 renders: no problems" in result.err


def test_malformed_yaml(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "letter.yaml", "audience: applicant", "audience: [applicant")
    problem = unreadable_problem(run_cli("check", cwd=catalog_dir.parent), "letter.yaml", 4)
    assert "invalid YAML" in problem


def test_unknown_variable_type(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "letter.yaml", "deadline: {type: date}", "deadline: {type: when}")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "letter.yaml", 16)
    assert "unknown type 'when'" in problem
    assert "valid types: text, date, datetime, list, number, money, bool, choice" in problem


def test_undeclared_variable_in_template(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "sv.md.j2", "Ange ärendenumret {{ case_number }}.",
         "Ange ärendenumret {{ case_numbr }}.")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "sv.md.j2", 19)
    assert "undeclared variable 'case_numbr'" in problem
    # the partial still uses case_number, so it is not reported as unused


def test_declared_variable_unused(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "letter.yaml", "sections:",
         "  unused_one: {type: text, required: false}\nsections:")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "letter.yaml", 19)
    assert "'unused_one' is declared but not used in fi.md.j2, sv.md.j2 and en.md.j2" in problem


def test_sample_missing_required_value(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "samples" / "default.yaml", "  deadline: 2026-12-07\n", "")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "default.yaml", 2)
    assert "missing required value 'deadline' (date)" in problem


def test_sample_with_impossible_date(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "samples" / "default.yaml", "deadline: 2026-12-07",
         "deadline: 31.2.2026")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "default.yaml", 5)
    assert "'31.2.2026' is not a real date" in problem


def test_sample_with_value_of_wrong_type(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "samples" / "default.yaml",
         "documents: [passport copy, birth certificate]", "documents: passport copy")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "default.yaml", 6)
    assert "documents (list): expected a list" in problem


def test_missing_language_file(run_cli, catalog_dir):
    (catalog_dir / LETTER / "sv.md.j2").unlink()
    problem = unreadable_problem(run_cli("check", cwd=catalog_dir.parent), "letter.yaml", 7)
    assert "sv.md.j2 is missing" in problem


def test_section_missing_in_one_language(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "en.md.j2", "## Contact us {#contact}", "## Contact us")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "en.md.j2")
    assert "section 'contact' is missing" in problem


def test_sections_out_of_order(run_cli, catalog_dir):
    path = catalog_dir / LETTER / "fi.md.j2"
    edit(path, "{#what-we-need}", "{#placeholder}")
    edit(path, "{#contact}", "{#what-we-need}")
    edit(path, "{#placeholder}", "{#contact}")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "fi.md.j2", 7)
    assert "different order" in problem


def test_jinja_syntax_error(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "en.md.j2", "{% endif %}", "{% endiff %}")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "en.md.j2", 15)
    assert "template syntax error" in problem


def test_template_reaching_python_internals(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "fi.md.j2", "Kerro asian numero {{ case_number }}.",
         "Kerro asian numero {{ case_number.__class__.__mro__ }}.")
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 1
    assert len(result.lines) == 2  # one line per sample, both on the same template line
    assert all("fi.md.j2:19" in line and "refused" in line and "Python internals" in line
               for line in result.lines), result.lines


def test_include_outside_shared(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "sv.md.j2", '{% include "letterhead.md.j2" %}',
         '{% include "../demo-letter/fi.md.j2" %}')
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "sv.md.j2", 1)
    assert "only shared partials can be included" in problem


def test_unknown_field_and_kind(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "letter.yaml", "kind: supplement-request",
         "kind: love-letter\ncolour: blue")
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 1
    assert any(":2:1: unknown kind 'love-letter'" in line for line in result.lines)
    assert any(":3:1: unknown field 'colour'" in line for line in result.lines)


def test_sample_with_unknown_variable(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "samples" / "default.yaml", "  case_number:",
         "  case_nr: x\n  case_number:")
    problem = single_problem(run_cli("check", cwd=catalog_dir.parent), "default.yaml", 3)
    assert "'case_nr' is not a variable of demo-letter" in problem


def test_duplicate_yaml_key(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "letter.yaml", "version: 1", "version: 1\nversion: 2")
    problem = unreadable_problem(run_cli("check", cwd=catalog_dir.parent), "letter.yaml", 5)
    assert "duplicate key 'version'" in problem


def test_file_that_is_not_utf8(run_cli, catalog_dir):
    (catalog_dir / LETTER / "samples" / "default.yaml").write_bytes(b"description: \xe4\n")
    problem = unreadable_problem(run_cli("check", cwd=catalog_dir.parent), "default.yaml", 1)
    assert "not valid UTF-8" in problem


def test_unusable_path_exits_2(run_cli, tmp_path):
    result = run_cli("check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.err.strip().endswith("nowhere: no such file or folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty))
    assert result.exit_code == 2 and "no letters here" in result.err


def test_check_one_letter_folder(run_cli, catalog_dir):
    result = run_cli("check", str(catalog_dir / LETTER))
    assert result.exit_code == 0, result.out


@pytest.mark.parametrize("sample", ["default", "with-counsel"])
def test_heading_id_syntax_is_not_a_jinja_comment(run_cli, catalog_dir, sample):
    result = run_cli("render", str(catalog_dir / LETTER), "--lang", "en", "--sample", sample,
                     "--format", "html")
    assert result.exit_code == 0, result.err
    assert '<h2 id="contact">Contact us</h2>' in result.out


def test_sample_value_given_per_language(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "samples" / "default.yaml",
         "documents: [passport copy, birth certificate]",
         "documents:\n    fi: [passin kopio]\n    sv: [kopia av passet]\n"
         "    en: [a copy of your passport]")
    assert run_cli("check", cwd=catalog_dir.parent).exit_code == 0
    result = run_cli("render", "demo-letter", "--lang", "sv", cwd=catalog_dir.parent)
    assert "- kopia av passet" in result.out


def test_sample_value_per_language_must_cover_every_language(run_cli, catalog_dir):
    edit(catalog_dir / LETTER / "samples" / "default.yaml",
         "documents: [passport copy, birth certificate]",
         "documents:\n    fi: [passin kopio]\n    de: [Reisepass]")
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 1
    assert any("default.yaml:8:5: documents: 'de' is not a language" in line
               for line in result.lines), result.lines
    assert any("documents: no 'sv' value" in line for line in result.lines), result.lines


def test_personal_data_in_a_sample_is_an_error_at_its_line(catalog_dir, run_cli):
    sample = catalog_dir / "demo-letter" / "samples" / "default.yaml"
    text = sample.read_text(encoding="utf-8")
    assert "case_number:" in text
    lines = text.splitlines()
    lines.append("  counsel_name: Maija Meikäläinen, 131052-308T, maija.m@gmail.com")
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 1
    line = len(lines)
    found = [x for x in result.lines if "PII001" in x]
    assert len(found) == 2, result.out
    assert all(x.startswith(f"letters/demo-letter/samples/default.yaml:{line}: ") for x in found)
    assert "personal identity code (131052-308T)" in found[0] + found[1]
    assert "e-mail address (maija.m@gmail.com)" in found[0] + found[1]


def test_invented_values_in_samples_pass_the_personal_data_check(catalog_dir, run_cli):
    sample = catalog_dir / "demo-letter" / "samples" / "default.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").rstrip("\n")
                      + "\n  counsel_name: Maija Meikäläinen, 131052-308X, maija@example.com\n",
                      encoding="utf-8")
    result = run_cli("check", cwd=catalog_dir.parent)
    assert result.exit_code == 0, result.out
