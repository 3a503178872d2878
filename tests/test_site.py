"""The documentation site builds in three languages with pages generated from the data: a page
per rule, term, letter and guide in every language, every page in its own language."""

import ast
import re
from pathlib import Path

import pytest

from letterkit import LANGUAGES
from letterkit.project import find_project

REPO = Path(__file__).resolve().parent.parent
PREFIX = {"fi": "", "sv": "sv/", "en": "en/"}


def _html(site: Path, lang: str, path: str) -> str:
    return (site / PREFIX[lang] / path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project():
    return find_project(REPO)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_its_pages(site, lang):
    assert f'<html lang="{lang}"' in (site / PREFIX[lang] / "index.html").read_text("utf-8")
    for path in ("generated/catalogue", "rules", "generated/phrasebook", "readability"):
        assert f'<html lang="{lang}"' in _html(site, lang, path), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_for_every_rule_term_letter_and_guide(site, project, lang):
    from letterkit.catalog import load_catalog
    from letterkit.guides import list_guides
    from letterkit.site.rules import collect_rules

    rules = collect_rules(project)
    codes = {r.code for r in rules}
    assert {"STY001", "TRM001", "TRM004", "LKT001", "TRM000", "TRM005"} <= codes
    index = _html(site, lang, "rules")
    for info in rules:
        page = _html(site, lang, f"rules/{info.name}")
        assert f"{info.code} {info.name}" in page and f'<html lang="{lang}"' in page
        assert f'href="{info.name}/"' in index, info.name  # the index links every rule
    for concept in project.glossary:
        assert (site / PREFIX[lang] / "generated/terms" / concept.id / "index.html").is_file()
    for letter_id in load_catalog(project.letters_dir, project.kinds).letters:
        assert (site / PREFIX[lang] / "generated/letters" / letter_id / "index.html").is_file()
    for folder in list_guides(project.guides_dir):
        assert (site / PREFIX[lang] / "generated/guides" / folder.name / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_rule_code_redirects_to_its_page_without_javascript(site, lang):
    html = _html(site, lang, "rules/STY001")
    assert '<meta http-equiv="refresh" content="0; url=../sentence-too-long/">' in html
    assert '<a href="../sentence-too-long/">' in html and "<script" not in html
    assert f'<html lang="{lang}">' in html
    assert (site / PREFIX[lang] / "rules/sentence-too-long/index.html").is_file()


def test_a_rule_page_says_what_why_source_examples_and_threshold_in_its_language(site):
    fi = _html(site, "fi", "rules/sentence-too-long")
    assert "Pitkä virke on raskas lukea" in fi  # the rule's own description, in Finnish
    assert "kotus.fi" in fi and "Vakavuus: <strong>varoitus</strong>" in fi
    assert "Vältä" in fi and "Parempi" in fi and "Lähetä meille avioliittotodistus" in fi
    assert "readability.targets.fi.longest_sentence" in fi and "<code>25</code>" in fi
    assert "Asetukset ja raja-arvot" in fi and "Kirjeet, joista sääntö huomauttaa nyt" in fi
    sv = _html(site, "sv", "rules/sentence-too-long")
    assert "Avoid" not in sv and "Undvik" in sv and "Allvarlighet: <strong>varning</strong>" in sv
    # A rule of English only, on the Finnish site: said so in Finnish, the text marked English.
    doublets = _html(site, "fi", "rules/doublets")
    assert "Tämä sääntö tarkistaa vain tekstit, joiden kieli on englanti" in doublets
    assert '<div lang="en">' in doublets


def test_rule_pages_without_panel_results_say_so(site):
    assert "ei ole vielä tallennettu asiakasraadin tuloksia" in _html(
        site, "fi", "rules/passive-voice")


def test_a_rule_page_lists_the_letters_it_flags(project):
    from letterkit.site.findings import CatalogueFindings
    from letterkit.site.rules import collect_rules, rule_page

    info = next(r for r in collect_rules(project) if r.code == "STY002")
    finding = {"code": "STY002", "name": "passive-voice", "lang": "fi", "line": 12,
               "path": "letters/supplement-request-work/fi.md.j2", "message": "Passiivi."}
    findings = CatalogueFindings({"supplement-request-work": [finding]})
    titles = {"supplement-request-work": {"fi": "Täydennyspyyntö: työ"}}
    page = rule_page(info, "fi", project, findings, None, titles)
    assert "[Täydennyspyyntö: työ](../generated/letters/supplement-request-work.md)" in page
    assert "`letters/supplement-request-work/fi.md.j2:12`: Passiivi." in page
    assert "Sääntö huomauttaa nyt näistä kirjeistä (yhteensä 1 löydöstä)" in page
    assert "source: linting/fi/passive-voice.yaml" in page  # for the edit link


def test_no_finnish_page_shows_english_furniture(site):
    for path in ("rules/sentence-too-long", "generated/letters/supplement-request-work",
                 "readability", "generated/catalogue"):
        html = _html(site, "fi", path)
        for english in ("Options and thresholds", "Letters it flags now", "Severity",
                        "very easy (primary school)", "easy (lower secondary school)",
                        "Readability figures", "How letterkit is built", "Languages"):
            assert english not in html, (path, english)
    letter = _html(site, "fi", "generated/letters/supplement-request-work")
    assert "suomen luettavuusindeksi (letterkit)" in letter and "alakoulu" in letter
    assert re.search(r"\(letterkit\): \d+,\d+ ", letter)  # a Finnish decimal comma
    readability = _html(site, "fi", "readability")
    assert "Luettavuusluvut" in readability and "alle 6,5" in readability


def test_design_document_is_out_of_the_site(site):
    assert (REPO / "docs" / "design.md").is_file()
    assert not (site / "design").exists()
    for lang in LANGUAGES:
        assert "design/" not in (site / PREFIX[lang] / "index.html").read_text("utf-8")


def test_navigation_titles_are_in_the_page_language(site):
    fi = (site / "index.html").read_text(encoding="utf-8")
    nav = re.findall(r'class="md-ellipsis">\s*([^<]+?)\s*<', fi)
    assert "Luettavuusluvut" in nav and "Kielisäännöt" in nav and "Asiakasohjeet" in nav
    sv = (site / "sv" / "index.html").read_text(encoding="utf-8")
    assert "Läsbarhetstal" in sv and "Kundguider" in sv


def test_without_a_repository_there_is_no_edit_link(site):
    for path in ("rules/sentence-too-long", "generated/terms/residence-permit", "readability"):
        assert "md-content__button" not in _html(site, "fi", path)


def test_with_a_repository_each_generated_page_edits_its_source(tmp_path):
    """A second build with LETTERKIT_REPO_URL set: edit links go to the rule, concept,
    letter and guide files, never to the generated Markdown."""
    import os
    import shutil
    import subprocess
    import sys

    for name in ("docs", "letters", "linting", "glossary", "guides", "locales", "training"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns(
            "generated", "rules"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    repo = "https://git.example.org/team/letters"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LETTERKIT_REPO_URL": repo,
             "LETTERKIT_EDIT_URI": "_edit/main/docs/"})
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp_path / "out"

    def edit(path: str) -> str:
        html = (out / path / "index.html").read_text(encoding="utf-8")
        return re.search(r'href="([^"]+)"[^>]*class="md-content__button', html).group(1)

    assert edit("rules/sentence-too-long") == f"{repo}/_edit/main/linting/fi/sentence-too-long.yaml"
    assert edit("sv/generated/terms/residence-permit") == \
        f"{repo}/_edit/main/glossary/residence-permit.yaml"
    assert edit("en/generated/letters/supplement-request-work") == \
        f"{repo}/_edit/main/letters/supplement-request-work/en.md.j2"
    assert edit("generated/guides/supplement-request") == \
        f"{repo}/_edit/main/guides/supplement-request/guide.yaml"
    assert edit("readability") == f"{repo}/_edit/main/docs/readability.fi.md"


def test_catalogue_links_each_letter_page(site):
    page = _html(site, "sv", "generated/catalogue")
    assert 'href="../letters/supplement-request-family-ties/"' in page
    letter = _html(site, "sv", "generated/letters/supplement-request-family-ties")
    assert 'class="lk-letter"' in letter and "Migrationsverket" in letter


def test_phrasebook_links_term_pages_from_the_data(site):
    phrasebook = _html(site, "fi", "generated/phrasebook")
    assert "oleskelulupa" in phrasebook and 'href="../terms/residence-permit/"' in phrasebook
    term = _html(site, "fi", "generated/terms/residence-permit")
    assert "asumislupa" in term and '<span lang="sv">uppehållstillstånd</span>' in term
    assert "migri.fi/ukk-oleskeluluvat" in term


def _used_messages() -> set[str]:
    used = set()
    for path in sorted((REPO / "src" / "letterkit" / "site").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {node.targets[0].id: node.value.value for node in tree.body
                     if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                     and isinstance(node.targets[0], ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant):
                    used.add(arg.value)
                elif isinstance(arg, ast.Name) and arg.id in constants:
                    used.add(constants[arg.id])
    return used


def test_site_catalogs_translate_every_message():
    from babel.messages.pofile import read_po

    from letterkit.model.finding import Severity
    from letterkit.model.letter import STATUSES
    from letterkit.site.letters import STATUS_LABELS
    from letterkit.text.measures import MEASURES

    assert set(STATUS_LABELS) == set(STATUSES)
    used = _used_messages() | {s.value for s in Severity} | set(STATUS_LABELS.values())
    for measure in MEASURES.values():  # shown through _(measure.label), _(band.label)
        used |= {measure.label} | {band.label for band in measure.bands}
    assert "Options and thresholds" in used and "very easy (primary school)" in used
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


def test_findings_link_to_the_rule_page_when_the_site_url_is_set(catalog_dir, run_cli):
    import json

    project = catalog_dir.parent
    draft = project / "draft.md"
    # DLN003 runs by default (the passive check STY002 is opt-in).
    draft.write_text("Lähetä hakemus viipymättä.\n", encoding="utf-8")
    before = json.loads(run_cli("lint", str(draft), "--lang", "fi", "--format", "json",
                                cwd=project).out)
    assert before and not before[0]["url"].startswith("https://docs.example.org")
    (project / "pyproject.toml").write_text(
        '[tool.letterkit]\nglossaries = []\nsite_url = "https://docs.example.org/lk/"\n',
        encoding="utf-8")
    after = json.loads(run_cli("lint", str(draft), "--lang", "fi", "--format", "json",
                               cwd=project).out)
    by_code = {f["code"]: f for f in after}
    assert by_code["DLN003"]["url"] == "https://docs.example.org/lk/rules/vague-urgency/"
    (project / "pyproject.toml").write_text(
        '[tool.letterkit]\nglossaries = []\nsite_url = "docs.example.org"\n', encoding="utf-8")
    bad = run_cli("lint", str(draft), "--lang", "fi", cwd=project)
    assert bad.exit_code == 2 and "pyproject.toml" in bad.err and "site_url" in bad.err
    assert "Traceback" not in bad.err
