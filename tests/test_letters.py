"""The real letters in letters/: complete, every branch covered, dates formatted per language."""

from pathlib import Path

import pytest

from letterkit.catalog import load_catalog
from letterkit.check import check_catalog
from letterkit.project import find_project
from letterkit.render import render_letter
from letterkit.render.markdown import to_text

REPO = Path(__file__).resolve().parent.parent
PROJECT = find_project(REPO)
CATALOG = load_catalog(PROJECT.letters_dir, PROJECT.kinds)
LONG_DATE = {"fi": r"\d{1,2}\. [a-zäö]+kuuta \d{4}", "sv": r"\d{1,2} [a-zä]+ \d{4}",
             "en": r"\d{1,2} [A-Z][a-z]+ \d{4}"}


def test_catalogue_is_clean():
    result = check_catalog(PROJECT.letters_dir, PROJECT.kinds)
    assert result.problems == []
    assert {"supplement-request-family-ties", "asylum-interview-invitation"} <= set(CATALOG.letters)


@pytest.mark.parametrize("letter_id", sorted(CATALOG.letters))
def test_every_letter_has_several_samples_and_all_languages(letter_id):
    letter = CATALOG.letters[letter_id]
    assert letter.languages == ("fi", "sv", "en")
    assert len(letter.samples) >= 2 and "default" in letter.samples


@pytest.mark.parametrize("letter_id", sorted(CATALOG.letters))
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_text_has_dates_in_the_languages_form(letter_id, lang):
    import re

    letter = CATALOG.letters[letter_id]
    for sample in letter.samples:
        text = to_text(render_letter(letter, lang, sample).markdown)
        assert re.search(LONG_DATE[lang], text), (letter_id, lang, sample)
        assert "((" not in text and "{{" not in text and "{%" not in text


@pytest.mark.parametrize("letter_id", sorted(CATALOG.letters))
def test_samples_cover_both_sides_of_every_if(letter_id):
    """Each {% if %} line is rendered true by some sample and false by another."""
    import re

    letter = CATALOG.letters[letter_id]
    for lang in letter.languages:
        source = letter.template_path(lang).read_text(encoding="utf-8").splitlines()
        branch_lines = [n for n, line in enumerate(source, 1)
                        if re.search(r"{%-?\s*(if|elif|else)\b", line)]
        reached: set[int] = set()
        for sample in letter.samples:
            rendered = render_letter(letter, lang, sample)
            for offset in range(len(rendered.markdown)):
                position = rendered.locate(offset)
                if position and position.path == str(letter.template_path(lang)):
                    reached.add(position.line)
        for line in branch_lines:
            # the text right after the tag (same or next lines) must appear in some rendering
            body = next((n for n in range(line + 1, len(source) + 1)
                         if not re.match(r"\s*{%", source[n - 1]) and source[n - 1].strip()),
                        None)
            inline = re.sub(r"{%.*?%}", "", source[line - 1]).strip()
            assert inline or body is None or body in reached or any(
                n in reached for n in range(line, (body or line) + 1)), (
                f"{letter_id}/{lang}.md.j2:{line}: no sample reaches this branch")
