from pathlib import Path

import pytest

from letterkit.catalog import load_letter
from letterkit.errors import LetterkitError
from letterkit.render import render_letter
from letterkit.render.markdown import to_html, to_text
from letterkit.render.page import letter_page


@pytest.fixture
def letter(catalog_dir: Path):
    return load_letter(catalog_dir / "demo-letter")


def write(letter, lang: str, text: str) -> None:
    letter.template_path(lang).write_text(text, encoding="utf-8")


def test_renders_each_language_with_its_own_conventions(letter):
    fi = render_letter(letter, "fi", "with-counsel").markdown
    assert "# Lähetä asiakirjat viimeistään 7. joulukuuta 2026" in fi
    assert "Tarvitsemme sinulta A, B ja C." in fi
    assert "avustajallesi Testi Avustaja" in fi
    sv = render_letter(letter, "sv").markdown
    assert "senast 7 december 2026" in sv and "passport copy och birth certificate" in sv
    en = render_letter(letter, "en").markdown
    assert "by 7 December 2026" in en
    assert "legal counsel" not in en  # optional value absent: the branch is skipped


def test_optional_value_printed_without_test_is_an_error_with_line(letter):
    write(letter, "fi", "# Otsikko\n\nAvustaja: {{ counsel_name }}\n")
    with pytest.raises(LetterkitError) as info:
        render_letter(letter, "fi", "default")
    expected = f"{letter.template_path('fi')}:3: no value for 'counsel_name'"
    assert str(info.value).startswith(expected)


def test_missing_variable_names_template_and_line(letter):
    write(letter, "en", "# Title\n\nHello\n\n{{ no_such_thing }}\n")
    with pytest.raises(LetterkitError) as info:
        render_letter(letter, "en")
    assert info.value.location.line == 5
    assert "'no_such_thing' is not a declared variable" in info.value.message


def test_preview_shows_missing_values_highlighted(letter):
    result = render_letter(letter, "fi", {"documents": ["A"]}, preview=True)
    assert "((deadline))" in result.markdown
    assert "((case_number))" in result.markdown
    html = to_html(result.markdown, highlight_missing=True)
    assert '<mark class="lk-missing" title="No value for deadline">((deadline))</mark>' in html


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ documents.append('x') }}",
    "{{ lipsum.__globals__['os'] }}",
])
def test_template_injection_is_refused_with_line(letter, payload):
    write(letter, "fi", f"# Otsikko\n\n{payload}\n")
    with pytest.raises(LetterkitError) as info:
        render_letter(letter, "fi")
    assert info.value.location.line == 3
    assert info.value.location.path == str(letter.template_path("fi"))


@pytest.mark.parametrize("name", ["../demo-letter/sv.md.j2", "/etc/passwd", "demo-letter/en.md.j2",
                                  "../../pyproject.toml"])
def test_include_outside_shared_is_refused(letter, name):
    write(letter, "fi", f'# Otsikko\n\n{{% include "{name}" %}}\n')
    with pytest.raises(LetterkitError) as info:
        render_letter(letter, "fi")
    assert "only shared partials can be included" in info.value.message
    assert info.value.location.line == 3


def test_syntax_error_has_line(letter):
    write(letter, "sv", "# Rubrik\n\n{% if documents %}\nText\n")
    with pytest.raises(LetterkitError) as info:
        render_letter(letter, "sv")
    assert info.value.location.path == str(letter.template_path("sv"))
    assert "template syntax error" in info.value.message


def test_source_map_points_at_template_text_and_placeholders(letter):
    rendered = render_letter(letter, "fi", "with-counsel")
    md = rendered.markdown
    at = md.index("Tarvitsemme")
    position = rendered.locate(at)
    assert position.path == str(letter.template_path("fi"))
    assert (position.line, position.col) == (5, 1)
    assert position.variable is None
    word = md.index("sinulta")
    assert (rendered.locate(word).line, rendered.locate(word).col) == (5, 13)
    value = md.index("Testi Avustaja")
    position = rendered.locate(value)
    line = letter.template_path("fi").read_text(encoding="utf-8").splitlines()[13]
    assert (position.line, position.variable) == (14, "counsel_name")
    assert position.col == line.index("{{ counsel_name }}") + 1
    # text from the shared partial points at the partial
    head = rendered.locate(md.index("Asia:"))
    assert head.path.endswith("_shared/fi/letterhead.md.j2") and head.line == 1
    # the loop body maps back to its single template line for every item
    items = [i for i, line in enumerate(md.splitlines()) if line.startswith("- ")]
    offsets = [sum(len(x) + 1 for x in md.splitlines()[:i]) for i in items]
    assert {rendered.locate(o).line for o in offsets} == {10}


def test_values_cannot_inject_markdown_or_html(letter):
    values = {"case_number": "<script>alert(1)</script>", "letter_date": "2026-11-23",
              "deadline": "2026-12-07", "documents": ["[click](javascript:alert(1))", "**bold**"]}
    rendered = render_letter(letter, "en", values)
    html = to_html(rendered.markdown)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>" not in html and 'href="javascript' not in html


def test_value_at_line_start_does_not_become_a_list(letter):
    # the letterhead starts its second line with the date: "23. marraskuuta 2026"
    rendered = render_letter(letter, "fi")
    html = to_html(rendered.markdown)
    assert "<ol" not in html and "23. marraskuuta 2026" in html
    assert "23. marraskuuta 2026" in to_text(rendered.markdown)
    # the escape keeps the source map true for text after it
    at = rendered.markdown.index("marraskuuta")
    assert rendered.locate(at).variable == "letter_date"


def test_heading_ids_and_plain_text():
    md = ("# Title\n\n## Part one {#part-one}\n\nText with a [link](https://migri.fi).\n\n"
          "1. first\n2. second\n")
    html = to_html(md)
    assert '<h2 id="part-one">Part one</h2>' in html
    text = to_text(md)
    assert "Part one\n--------" in text
    assert "link (https://migri.fi)" in text
    assert "1. first\n2. second" in text


def test_page_is_a_full_document_in_the_letters_language(letter):
    page = letter_page(render_letter(letter, "sv"))
    assert page.startswith("<!doctype html>") and '<html lang="sv">' in page
    assert "<title>Testbrev</title>" in page


def test_term_gives_the_glossarys_word_in_each_language(letter, catalog_dir):
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "glossary",
                    catalog_dir.parent / "glossary")
    (catalog_dir.parent / "pyproject.toml").write_text(
        '[tool.letterkit]\nglossaries = ["glossary"]\n', encoding="utf-8")
    for lang, word in (("fi", "oleskelulupa"), ("sv", "uppehållstillstånd"),
                       ("en", "residence permit")):
        path = letter.template_path(lang)
        path.write_text(path.read_text(encoding="utf-8") + '\n{{ term("residence-permit") }}\n',
                        encoding="utf-8")
        assert render_letter(letter, lang).markdown.rstrip().endswith(word)
    path = letter.template_path("fi")
    path.write_text(path.read_text(encoding="utf-8") + '{{ term("no-such-concept") }}\n',
                    encoding="utf-8")
    with pytest.raises(LetterkitError, match="no such concept"):
        render_letter(letter, "fi")


def test_term_reads_the_term_base_of_the_project_given(letter, catalog_dir):
    """The renderer takes the Project (its term base, its environments): nothing is looked up
    from disk in the middle of a render."""
    import shutil

    from letterkit.project import Project

    other = catalog_dir.parent / "other-terms"
    shutil.copytree(Path(__file__).resolve().parent.parent / "glossary", other)
    concept = other / "residence-permit.yaml"
    concept.write_text(concept.read_text(encoding="utf-8").replace(
        "preferred: residence permit", "preferred: residence permit (B)"), encoding="utf-8")
    path = letter.template_path("en")
    path.write_text(path.read_text(encoding="utf-8") + '\n{{ term("residence-permit") }}\n',
                    encoding="utf-8")
    with pytest.raises(LetterkitError, match="has no term base"):
        render_letter(letter, "en")  # the project the letter is in says glossaries = []
    project = Project(catalog_dir.parent, {"glossaries": ["other-terms"]})
    rendered = render_letter(letter, "en", project=project)
    assert rendered.markdown.rstrip().endswith("residence permit (B)")
    assert project.environment("en", letters_root=catalog_dir) is project.environment(
        "en", letters_root=catalog_dir)
