"""Sign-in, the writer preview, studies and results pages, with AppTest."""

from __future__ import annotations

from panel_app_paths import SECRET

LETTER = "supplement-request-family-ties"


def _signed_in(at):
    at.session_state["lk_researcher"] = True
    return at


def test_sign_in_needs_the_right_secret(panel_env, app_test):
    at = app_test().run()
    at.switch_page("app_pages/sign_in.py").run()
    assert not at.exception
    at.text_input(key="secret_input").input("wrong secret")
    at.button[0].click().run()
    assert at.error[0].value == "That is not the right secret."
    assert at.session_state["lk_researcher"] is False
    at.text_input(key="secret_input").input(SECRET)
    at.button[0].click().run()
    assert at.session_state["lk_researcher"] is True
    assert not at.exception


def test_guessing_the_secret_is_throttled_and_the_right_one_works_after_the_wait(
        panel_env, app_test):
    import streamlit as st

    at = app_test().run()
    at.switch_page("app_pages/sign_in.py").run()
    for _ in range(4):
        at.text_input(key="secret_input").input("wrong secret")
        at.button[0].click().run()
    assert at.error[0].value.startswith("Too many wrong tries. Wait ")
    at.text_input(key="secret_input").input(SECRET)
    at.button[0].click().run()
    assert at.session_state["lk_researcher"] is False  # locked out: not even checked
    st.cache_resource.clear()  # as when the lock-out has run out
    at.text_input(key="secret_input").input(SECRET)
    at.button[0].click().run()
    assert at.session_state["lk_researcher"] is True


def test_wrong_invitation_codes_are_throttled(panel_env, app_test):
    at = app_test().run()
    for n in range(4):
        at.text_input(key="join_code").input(f"guess-{n}")
        at.button[0].click().run()
    assert any(e.value.startswith("Too many wrong tries") for e in at.error)


def test_without_a_configured_secret_nobody_signs_in(panel_env, app_test, monkeypatch):
    monkeypatch.delenv("LETTERKIT_RESEARCHER_SECRET")
    at = app_test().run()
    at.switch_page("app_pages/sign_in.py").run()
    assert "Sign-in is not set up" in at.info[0].value
    assert not at.text_input


def test_researcher_pages_ask_for_the_secret_and_come_back_after_sign_in(panel_env, app_test):
    """A reloaded or bookmarked researcher page (a new session) shows nothing of its own,
    asks for the secret in place, and shows itself after signing in, not "Page not found"."""
    for page in ("writer", "studies", "results"):
        at = app_test().run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception
        assert at.warning[0].value.startswith("Sign in as a researcher")
        assert not at.title and not at.selectbox
        at.text_input(key="page_secret_input").input("wrong")
        at.button[0].click().run()
        assert at.error[0].value == "That is not the right secret."
        assert at.session_state["lk_researcher"] is False
        at.text_input(key="page_secret_input").input(SECRET)
        at.button[0].click().run()
        assert at.session_state["lk_researcher"] is True
        assert not at.exception and at.title, page


def test_the_interface_language_stays_in_the_address(panel_env, app_test):
    at = app_test()
    at.query_params["lang"] = "fi"
    at.run()
    at.session_state["lk_researcher"] = True
    at.switch_page("app_pages/writer.py").run()
    assert at.title[0].value == "Kirjoittajan esikatselu"
    assert at.query_params["lang"] in ("fi", ["fi"])


def test_writer_preview_one_language_and_all_three(panel_env, app_test):
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/writer.py").run()
    assert not at.exception
    assert at.title[0].value == "Writer preview"
    at.selectbox(key="w_letter").set_value(LETTER).run()
    at.radio(key="w_lang").set_value("fi").run()
    assert not at.exception
    html = " ".join(h.proto.body for h in at.get("html"))
    assert '<article class="lk-letter lk-a4" lang="fi">' in html
    assert "Täydennyspyyntö" in html or "viimeistään" in html
    assert at.dataframe  # figures and findings
    at.radio(key="w_lang").set_value("all").run()
    assert not at.exception
    html = " ".join(h.proto.body for h in at.get("html"))
    for lang in ("fi", "sv", "en"):
        assert f'lang="{lang}"' in html
    at.selectbox(key="w_sample").set_value("minor-with-guardian").run()
    assert not at.exception


def test_studies_page_opens_a_study_and_makes_invites(panel_env, app_test, tmp_path,
                                                      monkeypatch):
    store, study = panel_env
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/studies.py").run()
    assert not at.exception
    assert at.selectbox(key="s_study").value == study.id
    at.selectbox(key="inv_lang").set_value("sv")
    at.number_input(key="inv_count").set_value(3)
    at.button(key="FormSubmitter:invite_form-Create invitations").click().run()
    assert not at.exception
    assert len(store.participant_summary(study.id)) == 3
    assert any("Copy these links now" in w.value for w in at.warning)


def test_a_new_study_can_be_defined_in_the_form(panel_env, app_test):
    store, _study = panel_env
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/studies.py").run()
    at.text_area(key="new_study_yaml").input("id: form-study\ntitle: {en: Form}\n"
                                            "languages: [en]\nletters:\n"
                                            f"  - letter: {LETTER}\n"
                                            "    tasks: [{id: sure, type: confidence}]\n")
    at.button(key="new_study_open").click().run()
    assert not at.exception
    assert "form-study" in store.study_ids()
    # the confirmation survives the rerun that shows the new study in the list
    assert any(m.value == "Study form-study is open: 1 letter versions pinned."
               for m in at.success), [m.value for m in at.success]
    at.text_area(key="new_study_yaml").input("id: Bad Id\n")
    at.button(key="new_study_open").click().run()
    # every problem of the definition, one line each, in one box
    [error] = at.error
    assert error.value.replace("\\", "").split("  \n") == [
        "<study form>:1:1: missing field 'title': the study's name per language, e.g. "
        "{fi: ..., sv: ..., en: ...}",
        "<study form>:1:1: missing field 'letters': the letters participants read, each with "
        "its tasks",
        "<study form>:1:1: id 'Bad Id' must be lower-case letters, digits, dashes and _ "
        "(up to 64), e.g. panel-2026-12"]
    assert "form-study" in store.study_ids() and len(store.study_ids()) == 2


def test_the_studies_page_lists_every_problem_of_a_broken_study_file(panel_env, app_test,
                                                                     tmp_path, monkeypatch):
    import shutil

    from panel_app_paths import REPO

    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "var", "node_modules", "__pycache__"))
    example = project / "studies" / "panel-2026-12.yaml"
    broken = project / "studies" / "broken.yaml"
    broken.write_text(example.read_text(encoding="utf-8")
                      .replace("id: panel-2026-12", "id: broken", 1)
                      .replace("answer: 1", "answer: 9", 1)
                      .replace("type: highlighter", "type: highlight", 1), encoding="utf-8")
    monkeypatch.setenv("LETTERKIT_PROJECT", str(project))
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/studies.py").run()
    assert not at.exception
    [error] = at.error
    lines = error.value.replace("\\", "").split("  \n")
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{broken}:31:9", f"{broken}:42:9"], lines
    assert "unknown task type 'highlight'" in lines[0]
    assert "answer must be the index (0-3)" in lines[1]
    # the good study file is still offered
    assert any("panel-2026-12" in m.value for m in at.markdown)


def test_a_stored_study_that_no_longer_reads_is_shown_as_its_problems(panel_env, app_test,
                                                                     monkeypatch):
    import os
    import sqlite3

    store, study = panel_env
    path = os.environ["LETTERKIT_DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("update lk_studies set source = ?",
                     (study.source.replace("type: highlighter", "type: highlight", 1),))
    for page in ("app_pages/results.py", "app_pages/studies.py"):
        at = _signed_in(app_test()).run()
        at.switch_page(page).run()
        assert not at.exception, page
        [error] = at.error
        assert error.value.replace("\\", "") == (
            "<study panel-2026-12 as kept in the answer store>:31:9: unknown task type "
            "'highlight'; use one of read, highlighter, choice, free_text, cloze, confidence")


def test_results_page_shows_the_answers(panel_env, app_test):
    store, study = panel_env
    people = [store.participant_by_token(i.token)
              for i in store.create_participants(study.id, "en", 3)]
    for n, me in enumerate(people):
        store.save_answer(me, LETTER, "deadline", "", n % 2, 1.0 if n % 2 else 0.0, 5000)
        store.save_answer(me, LETTER, "sure", "", 3 + n % 2)
        store.save_answer(me, LETTER, "marks", "9", "confusing")
        store.save_answer(me, "", "background", "first_language", "<i>dari</i>")
        store.save_answer(me, "asylum-interview-invitation", "cloze", "0",
                          {"text": "we", "exact": n > 0, "lemma": True, "of": 2, "offset": 0},
                          1.0 if n > 0 else 0.0)
        store.add_time(me, f"{LETTER}/deadline", 4000 + n)
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    assert at.metric[0].value == "3"
    assert len(at.get("download_button")) == 2
    at.selectbox(key="r_heat").set_value((LETTER, "A", "en")).run()
    assert not at.exception
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "3 of 3 confusing" in html
    assert "<i>dari</i>" not in html  # participant text is never HTML


def test_the_writer_preview_follows_edits_without_a_restart(panel_env, app_test, tmp_path,
                                                            monkeypatch):
    import shutil

    from panel_app_paths import REPO

    root = tmp_path / "project"
    for folder in ("letters", "linting"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    monkeypatch.setenv("LETTERKIT_PROJECT", str(root))
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/writer.py").run()
    at.selectbox(key="w_letter").set_value(LETTER).run()
    at.radio(key="w_lang").set_value("en").run()
    assert "The missing documents" in " ".join(h.proto.body for h in at.get("html"))
    template = root / "letters" / LETTER / "en.md.j2"
    template.write_text(template.read_text().replace(
        "# The missing", "# Please send <b>the</b> missing"), encoding="utf-8")
    at.run()
    assert not at.exception
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "Please send &lt;b&gt;the&lt;/b&gt; missing" in html


def test_results_compare_two_versions(panel_env, app_test):
    from panel_app_paths import REPO

    from letterkit.panel import parse_study, pin_study
    from letterkit.project import find_project

    store, _study = panel_env
    ab = parse_study(f"""\
id: ab-test
title: {{en: A/B}}
languages: [en]
letters:
  - letter: {LETTER}
    versions: [{{label: A, ref: HEAD}}, {{label: B}}]
    tasks:
      - id: deadline
        type: choice
        question: {{en: When?}}
        options: {{en: [a, b]}}
        answer: 1
""")
    store.add_study(ab, pin_study(ab, find_project(REPO)))
    people = [store.participant_by_token(i.token) for i in store.create_participants("ab-test",
                                                                                        "en", 40)]
    for n, me in enumerate(people):
        right = (n % 4 != 0) if me.label_for(LETTER) == "A" else True
        store.save_answer(me, LETTER, "deadline", "", 1 if right else 0, float(right))
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/results.py").run()
    at.selectbox(key="r_study").set_value("ab-test").run()
    assert not at.exception
    (metric,) = [m for m in at.metric if "B − A" in m.label]
    assert metric.value == "+50.0"  # A: half right, B: all right


def test_a_template_error_is_shown_as_plain_text(panel_env, app_test, tmp_path, monkeypatch):
    """An error message is text, never Markdown: ``__class__`` must not turn into bold."""
    import shutil

    from panel_app_paths import REPO

    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "var", "node_modules", "__pycache__"))
    template = project / "letters" / LETTER / "en.md.j2"
    template.write_text(template.read_text() + "\n{{ 1 | __class__ }}\n")
    monkeypatch.setenv("LETTERKIT_PROJECT", str(project))
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/writer.py").run()
    at.selectbox(key="w_letter").set_value(LETTER).run()
    at.radio(key="w_lang").set_value("en").run()
    assert not at.exception
    [error] = [e for e in at.error if "class" in e.value]
    # every Markdown character is escaped, so the text shows as written
    assert "\\_\\_class\\_\\_" in error.value, error.value


def _deferred(monkeypatch) -> dict:
    """The callables a download button runs when clicked, with their file names, by id
    (AppTest's runtime lives only while the script runs)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    found: dict = {}
    real = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = real(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        found[file_id] = (data_callable, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def test_writer_view_offers_the_docx_and_pdf_it_shows(panel_env, app_test, monkeypatch):
    import io
    import subprocess

    import docx
    import pikepdf

    deferred = _deferred(monkeypatch)

    def _file_name(button) -> str:
        return deferred[button.proto.deferred_file_id][1]

    def _download(button) -> bytes:  # what a click makes, only then
        return deferred[button.proto.deferred_file_id][0]()

    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/writer.py").run()
    at.selectbox(key="w_letter").set_value(LETTER).run()
    at.radio(key="w_lang").set_value("sv").run()
    assert not at.exception
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert set(buttons) == {"Download .docx", "Download PDF"}
    sample = at.selectbox(key="w_sample").value
    assert all(b.proto.HasField("deferred_file_id") for b in buttons.values())  # lazy
    names = {_file_name(b) for b in buttons.values()}
    assert names == {f"{LETTER}-sv-{sample}.docx", f"{LETTER}-sv-{sample}.pdf"}
    document = docx.Document(io.BytesIO(_download(buttons["Download .docx"])))
    html = " ".join(h.proto.body for h in at.get("html"))
    heading = next(p.text for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading.split()[0] in html
    assert document.core_properties.language == "sv-FI"
    pdf = _download(buttons["Download PDF"])
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert str(opened.Root.Lang) == "sv-FI" and "/StructTreeRoot" in opened.Root
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert heading in " ".join(text.split())
    # all three languages: each language's tab has its own pair, and a switcher for phones
    at.radio(key="w_lang").set_value("all").run()
    assert not at.exception
    names = sorted(_file_name(b) for b in at.get("download_button"))
    assert names == sorted(f"{LETTER}-{lang}-{sample}.{fmt}" for lang in ("fi", "sv", "en")
                           for fmt in ("docx", "pdf"))
    switcher = at.get("button_group")[0]
    assert [o.content for o in switcher.proto.options] == ["fi", "sv", "en"]
    html = " ".join(h.proto.body for h in at.get("html"))
    assert 'data-narrow="fi"' in html and 'class="lk-cell lk-letter" lang="sv" data-other' in html
    assert 'class="lk-cell lk-letter" lang="fi" data-other' not in html


def test_a_broken_print_layout_is_named_instead_of_the_downloads(panel_env, app_test,
                                                                tmp_path, monkeypatch):
    """A writer who breaks letters/_shared/layout.yaml sees where, and no download that
    would fail when clicked; once it is fixed the downloads are back, without a restart."""
    import shutil

    from panel_app_paths import REPO

    root = tmp_path / "project"
    for folder in ("letters", "linting"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    monkeypatch.setenv("LETTERKIT_PROJECT", str(root))
    layout = root / "letters" / "_shared" / "layout.yaml"
    good = layout.read_text(encoding="utf-8")
    layout.write_text(good.replace("font: Liberation Sans", "font: 12"), encoding="utf-8")
    at = _signed_in(app_test()).run()
    at.switch_page("app_pages/writer.py").run()
    at.selectbox(key="w_letter").set_value(LETTER).run()
    at.radio(key="w_lang").set_value("en").run()
    assert not at.exception
    assert not at.get("download_button")
    errors = " ".join(e.proto.body for e in at.error)
    assert "layout.yaml:5:1" in errors.replace("\\", "") and "font must be text" in errors
    layout.write_text(good, encoding="utf-8")
    at.run()
    assert not at.exception
    assert len(at.get("download_button")) == 2
