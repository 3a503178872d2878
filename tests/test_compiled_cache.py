"""The compiled cache of rule packs and term bases, and the word tables."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from letterkit.project import Project

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("LETTERKIT_CACHE_DIR", raising=False)
    monkeypatch.delenv("LETTERKIT_NO_CACHE", raising=False)
    root = tmp_path / "project"
    shutil.copytree(REPO / "linting", root / "linting")
    shutil.copytree(REPO / "glossary", root / "glossary")
    (root / "letters").mkdir()
    (root / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    return Project(root, {})


def compiled(project: Project, what: str) -> list[Path]:
    return sorted((project.cache_dir / "compiled").glob(f"{what}-*.pickle"))


def codes(project: Project) -> list[tuple[str, str]]:
    return sorted((r.code, r.spec.lang) for r in project.rules().rules)


def test_a_new_process_reads_the_compiled_rules_and_terms(project):
    first = codes(project)
    assert len(project.glossary) > 10
    assert compiled(project, "rules") and compiled(project, "glossary")
    again = Project(project.root, {})
    assert codes(again) == first
    assert sorted(again.glossary.concepts) == sorted(project.glossary.concepts)
    # what a run compiles on first use is kept too
    rule = next(r for r in again.rules().rules if hasattr(type(r), "matcher"))
    rule.matcher  # noqa: B018
    again.save_compiled()
    third = Project(project.root, {})
    rule = next(r for r in third.rules().rules if r.code == rule.code and
                r.spec.lang == rule.spec.lang)
    assert rule._compiled is not None


def test_a_changed_rule_file_is_read_again(project):
    codes(project)
    path = project.root / "linting" / "en" / "plain-words.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: warning",
                                                             "severity: error"),
                    encoding="utf-8")
    again = Project(project.root, {})
    rule = again.rules().by_code("WRD002", "en")
    assert rule is not None and rule.spec.severity.value == "error"
    assert len(compiled(project, "rules")) == 1  # the old build is removed


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x00" * 40])
def test_a_corrupt_cache_file_is_rebuilt(project, damage):
    first = codes(project)
    for path in compiled(project, "rules") + compiled(project, "glossary"):
        path.write_bytes(damage)
    again = Project(project.root, {})
    assert codes(again) == first
    assert len(again.glossary) == len(project.glossary)


def test_an_unsigned_pickle_is_never_loaded(project, tmp_path):
    """A pickle committed into a project's var/cache runs no code: it is not signed with the
    user's key, so it is rebuilt, not unpickled."""
    codes(project)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    for path in compiled(project, "rules"):
        path.write_bytes(b"x" * 32 + pickle.dumps(Evil()))
    again = Project(project.root, {})
    assert codes(again) == codes(project)
    assert not marker.exists()


def test_outside_a_project_the_cache_is_the_users(tmp_path, monkeypatch):
    from letterkit.project import find_project

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LETTERKIT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    found = find_project(tmp_path)
    assert not found.found
    assert found.cache_dir == tmp_path / "xdg" / "letterkit"


def test_no_cache_means_nothing_written(project, monkeypatch):
    monkeypatch.setenv("LETTERKIT_NO_CACHE", "1")
    codes(project)
    assert not (project.cache_dir / "compiled").exists()


def test_word_tables_answer_as_simplemma_does(tmp_path, monkeypatch):
    simplemma = pytest.importorskip("simplemma")
    from letterkit.text import wordbase

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(wordbase, "_tables", {})
    monkeypatch.setattr(wordbase, "_lemmatizers", {})
    words = ["applications", "Running", "beslutet", "Smithers", "e-service", "don't", "2026",
             "ansökningarna", "recieved", "Heikkinen"]
    for lang in ("en", "sv"):
        for word in words:
            assert wordbase.lemmatize(word, lang) == simplemma.lemmatize(word, lang=lang)
    tables = list((tmp_path / "xdg" / "letterkit" / "words").glob("simplemma-*.sqlite3"))
    assert len(tables) == 2
    tables[0].write_bytes(b"corrupt")  # a broken table is rebuilt, never an error
    monkeypatch.setattr(wordbase, "_tables", {})
    assert wordbase.lemmatize("applications", "en") == "application"


def test_a_documents_words_are_looked_up_in_one_query(monkeypatch):
    """lexicon.prefetch reads what the analysis of a document's new words will look up, so
    that analysing them asks the word tables nothing more (one query per table, not one per
    word); the analyses are the same as without it."""
    from letterkit.text import lexicon, syllables, wordbase

    words = ["Applications", "received", "Amara", "hearing’s", "e-service", "Zorblaxian",
             "documents", "interview"]
    monkeypatch.setattr(lexicon, "active_store", lambda: None)
    monkeypatch.setattr(lexicon, "_caches", {})
    without = [lexicon._analyse_simple(w, "en") for w in words]
    tables = [wordbase._lemma_table("en"), wordbase.cmu_table()]
    for table in tables:
        monkeypatch.setattr(table, "_memo", {})
    lexicon.prefetch(words, "en")
    assert all(table._memo for table in tables)
    asked = []
    for table in tables:
        table._db().set_trace_callback(asked.append)
    try:
        monkeypatch.setattr(lexicon, "_caches", {})
        monkeypatch.setattr(syllables, "_cmu", None)
        with_prefetch = [lexicon.info(w, "word", "en") for w in words]
    finally:
        for table in tables:
            table._db().set_trace_callback(None)
    assert with_prefetch == without
    # what is left: the strategies' own look-ups of parts of words outside the dictionary
    assert not [q for q in asked if "Applications" in q or "documents" in q]


def test_lint_of_a_text_file_imports_only_what_lint_needs(tmp_path):
    """The entry point of ``letterkit lint draft.md`` loads no renderer, app or document
    writer (the cold start of a pre-commit hook)."""
    import os
    import subprocess
    import sys

    draft = tmp_path / "draft.md"
    draft.write_text("Please send us the documents. We will utilise them.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from letterkit.cli import main\n"
        "try:\n"
        f"    main(['lint', {str(draft)!r}, '--lang', 'en'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['jinja2', 'babel', 'streamlit', 'weasyprint', 'docx', 'rich', 'markdown_it',\n"
        "         'sqlalchemy', 'letterkit.render', 'letterkit.catalog', 'letterkit.panel']\n"
        "print('HEAVY:', ' '.join(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "XDG_CACHE_HOME": str(tmp_path / "c"),
           "LETTERKIT_CACHE_DIR": str(tmp_path / "lk")}
    for _ in range(2):  # the second run reads the compiled cache
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=tmp_path, env=env, check=True)
        assert "WRD003" in out.stdout
        assert out.stdout.strip().splitlines()[-1] == "HEAVY:", out.stdout
