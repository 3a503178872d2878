"""The documentation site builds in three languages with pages generated from the data."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("prefix, lang", [("", "fi"), ("sv/", "sv"), ("en/", "en")])
def test_every_language_has_its_pages(site, prefix, lang):
    index = (site / prefix / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in index
    for page in ("catalogue", "rules", "phrasebook"):
        assert (site / prefix / "generated" / page / "index.html").is_file()


def test_catalogue_shows_each_letter_rendered(site):
    page = (site / "sv" / "generated" / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "supplement-request-family-ties" in page and "asylum-interview-invitation" in page
    assert 'class="lk-letter"' in page and "Migrationsverket" in page


def test_phrasebook_and_rules_come_from_the_data(site):
    phrasebook = (site / "generated" / "phrasebook" / "index.html").read_text(encoding="utf-8")
    assert "oleskelulupa" in phrasebook
    rules = (site / "generated" / "rules" / "index.html").read_text(encoding="utf-8")
    assert 'id="sty001"' in rules


def test_page_furniture_comes_from_the_gettext_catalogs(site):
    fi_rules = (site / "generated" / "rules" / "index.html").read_text(encoding="utf-8")
    sv_words = (site / "sv" / "generated" / "phrasebook" / "index.html").read_text(
        encoding="utf-8")
    assert "Kielisäännöt" in fi_rules and "Ordlista" in sv_words


def test_site_catalogs_translate_every_message():
    import ast

    from babel.messages.pofile import read_po

    source = (REPO / "src" / "letterkit" / "site.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    constants = {node.targets[0].id: node.value.value for node in tree.body
                 if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                 and isinstance(node.targets[0], ast.Name)}
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_" and node.args:
            arg = node.args[0]
            used.add(arg.value if isinstance(arg, ast.Constant) else constants[arg.id])
    for lang in ("fi", "sv"):
        with (REPO / "locales" / lang / "LC_MESSAGES" / "site.po").open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        translated = {m.id: m.string for m in catalog if m.id and m.string}
        assert used <= set(translated), sorted(used - set(translated))


@pytest.mark.parametrize("prefix", ["", "sv/", "en/"])
def test_every_guide_has_a_page_with_its_pictures_in_every_language(site, prefix):
    lang = prefix.strip("/") or "fi"
    for folder in sorted((REPO / "guides").iterdir()):
        page = site / prefix / "generated" / "guides" / folder.name / "index.html"
        html = page.read_text(encoding="utf-8")
        sources = re.findall(r'<img src="([^"]+\.svg)" alt="([^"]+)"', html)
        assert sources, page
        for src, _alt in sources:
            assert src.endswith(f"-{lang}.svg") and (page.parent / src).resolve().is_file(), src
