"""Cloze generation and scoring, results statistics, version pinning, writer-view marks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types
from html import escape as html_escape
from pathlib import Path

import pytest

from letterkit.catalog import load_letter
from letterkit.model import Finding, Severity
from letterkit.panel import parse_study, pin_study
from letterkit.panel import results as R
from letterkit.panel.cloze import band, make_cloze, score_blank
from letterkit.panel.flow import score_free_text, steps
from letterkit.panel.versions import text_hash
from letterkit.panel.writer import Mark, marked_html, writer_view
from letterkit.project import find_project
from letterkit.render import render_letter

REPO = Path(__file__).resolve().parents[2]


def _pin(pins, letter, lang):
    return next(p for p in pins if p.letter_id == letter and p.lang == lang)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_cloze_blanks_every_fifth_word_from_each_offset(pins, lang):
    pin = _pin(pins, "asylum-interview-invitation", lang)
    versions = [make_cloze(pin.markdown, lang, pin.body_start, 5, k, 150) for k in range(5)]
    starts = [{b.start for b in v.blanks} for v in versions]
    for i in range(5):  # the five versions blank different words
        for j in range(i + 1, 5):
            assert not starts[i] & starts[j]
    for cloze in versions:
        assert len(cloze.blanks) >= 15
        for blank in cloze.blanks:
            assert pin.markdown[blank.start:blank.end] == blank.answer
            assert blank.start >= pin.body_start
        # the passage with the blanks filled in gives back the text
        for unit in cloze.units:
            filled = "".join(cloze.blanks[p].answer if isinstance(p, int) else p
                             for p in unit.parts)
            assert filled.replace(" ", "") in pin.markdown.replace(" ", "").replace("\n", "")
        assert sum(len(p) for p in cloze.pages()) == len(cloze.units)


def test_cloze_scoring_exact_and_lemma_tolerant(pins):
    pin = _pin(pins, "asylum-interview-invitation", "fi")
    cloze = make_cloze(pin.markdown, "fi", pin.body_start, 5, 0, 150)
    blank = next(b for b in cloze.blanks if b.answer == "kerrot")
    assert score_blank(blank, " Kerrot. ", "fi")["exact"] is True
    loose = score_blank(blank, "kertoa", "fi")
    assert loose["exact"] is False and loose["lemma"] is True
    assert score_blank(blank, "syöt", "fi") == {"text": "syöt", "exact": False, "lemma": False}
    assert [band(v) for v in (10, 34.9, 35, 50, 50.1, None)] == [
        "frustration", "frustration", "instructional", "independent", "independent", None]


def test_steps_cover_every_task_one_at_a_time(study, pins):
    chosen = {p.letter_id: p for p in pins if p.lang == "en"}
    path = steps(study, chosen, 0)
    assert path[0].kind == "welcome" and path[-1].kind == "done"
    assert [s.kind for s in path[1:4]] == ["background"] * 3
    assert len({s.key for s in path}) == len(path)
    kinds = {s.kind for s in path}
    assert {"read", "highlighter", "choice", "free_text", "cloze", "confidence"} <= kinds


def test_free_text_key_points(study):
    task = study.letter("supplement-request-family-ties").task("what-to-send")
    score, found = score_free_text(task, "Vigselbevis och min mans PASS")
    assert found == ["marriage-certificate", "passport"] and score == pytest.approx(2 / 3)


def test_newcombe_interval_matches_the_published_example():
    # Newcombe (1998), example (a): 56/70 vs 48/80 -> difference 0.2, 95 % CI 0.0524 to 0.3339
    d = R.diff_proportions(48, 80, 56, 70)
    assert d.diff == pytest.approx(0.2)
    assert d.low == pytest.approx(0.0524, abs=5e-4) and d.high == pytest.approx(0.3339, abs=5e-4)
    assert d.clear
    assert R.diff_proportions(0, 0, 1, 2) is None
    w = R.diff_means([40, 50, 60], [60, 70, 80])
    assert w.diff == pytest.approx(20) and w.low < 20 < w.high


def _rows(participant, label, lang, task, item, value, score=None):
    return {"participant": participant, "lang": lang, "finished": True,
            "letter_id": "supplement-request-family-ties", "label": label,
            "letter_version": 1, "git_commit": None, "text_hash": "x", "task_id": task,
            "item": item, "value": value, "score": score, "time_ms": 1,
            "answered_at": "2026-12-01T10:00:00", "revisions": 1}


def test_results_tables_heat_map_and_exports(study, pins):
    rows = [_rows(1, "A", "en", "deadline", "", 1, 1.0),
            _rows(2, "A", "en", "deadline", "", 0, 0.0),
            _rows(1, "A", "en", "sure", "", 4), _rows(2, "A", "en", "sure", "", 2),
            _rows(1, "A", "en", "marks", "9", "confusing"), _rows(2, "A", "en", "marks", "9",
                                                                   "clear"),
            _rows(1, "A", "en", "marks", "10", "confusing")]
    questions = R.question_table(study, rows)
    assert questions[0]["share_right"] == 0.5 and questions[0]["answers"] == 2
    assert R.confidence_table(study, rows)[0]["mean_confidence"] == 3
    pin = _pin(pins, "supplement-request-family-ties", "en")
    marks = [{"start": 0, "end": len(pin.markdown), "code": "TST1"}]
    heat = R.sentence_heat(pin.markdown, "en", pin.body_start,
                           [r for r in rows if r["task_id"] == "marks"], marks)
    by_index = {s["sentence"]: s for s in heat}
    assert by_index[9]["confusing"] == 1 and by_index[9]["clear"] == 1
    assert by_index[10]["confusing_share"] == 0.5
    assert all(s["lint"] == ["TST1"] for s in heat)
    assert R.rule_precision(heat)[0]["also_confusing"] == 2


def test_rules_are_measured_against_the_readers(study, pins):
    pin = _pin(pins, "supplement-request-family-ties", "en")
    rows = []
    for person in range(1, 7):  # six readers: sentences 9 and 10 confusing for most
        for item in range(9, 15):
            value = "confusing" if item in (9, 10) and person != 6 else "clear"
            rows.append(_rows(person, "A", "en", "marks", str(item), value))
    heat = R.sentence_heat(pin.markdown, "en", pin.body_start, rows, [])
    by_index = {s["sentence"]: s for s in heat}
    flag = {9: "HIT1", 12: "MISS1"}
    for index, code in flag.items():
        by_index[index]["lint"] = [code]
    table = {r["code"]: r for r in R.rule_precision(heat)}
    hit, miss = table["HIT1"], table["MISS1"]
    assert hit["precision"] == 1.0 and hit["confusing_rate_flagged"] == 5 / 6
    assert hit["difference"] > 0 and hit["difference_low"] > 0  # readers agree with HIT1
    assert miss["precision"] == 0.0 and miss["difference"] < 0
    assert 0 <= hit["low"] <= hit["precision"] <= hit["high"] <= 1
    missed = R.missed_by_rules(heat)
    assert [(m["sentence"], m["flagged_by"]) for m in missed] == [(9, ["HIT1"]), (10, [])]
    csv_text = R.to_csv(rows)
    assert csv_text.splitlines()[0].startswith("participant,lang,finished,letter_id,label")
    assert ",marks,10,confusing," in csv_text
    assert '"study": "panel-2026-12"' in R.to_json(study, [], rows)


def test_cloze_scores_per_participant():
    rows = [_rows(1, "A", "fi", "cloze", str(i), {"text": "x", "exact": i < 6, "lemma": i < 8,
                                                   "of": 10, "offset": 0}, 1.0 if i < 6 else 0.0)
            for i in range(10)]
    (score,) = R.cloze_scores(rows)
    assert score["exact_percent"] == 60 and score["lemma_percent"] == 80
    assert score["band"] == "independent"
    assert R.cloze_summary([score])[0]["independent"] == 1


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_version_can_be_pinned_from_a_git_commit(tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "linting", root / "linting")
    (root / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    _git(tmp_path, "init", "-q", str(root))
    _git(root, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    _git(root, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "v1")
    old = _git(root, "rev-parse", "HEAD")
    template = root / "letters" / "supplement-request-family-ties" / "en.md.j2"
    template.write_text(template.read_text().replace("Send us these documents",
                                                     "Please send these papers"))
    project = find_project(root)
    study = parse_study(f"""\
id: ab
title: {{en: AB}}
languages: [en]
letters:
  - letter: supplement-request-family-ties
    versions: [{{label: A, ref: {old[:10]}}}, {{label: B}}]
    tasks: [{{id: read, type: read}}]
""")
    a, b = pin_study(study, project)
    assert a.git_commit == old and not a.git_dirty and "Send us these documents" in a.markdown
    assert b.git_commit == old and b.git_dirty and "Please send these papers" in b.markdown
    assert a.text_hash != b.text_hash == text_hash(b.markdown)


def test_without_git_the_hash_alone_identifies_the_text(tmp_path, monkeypatch):
    root = tmp_path / "nogit"
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "linting", root / "linting")
    (root / "pyproject.toml").write_text("[tool.letterkit]\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    study = parse_study("""\
id: one
title: {en: One}
languages: [en]
letters:
  - letter: supplement-request-family-ties
    tasks: [{id: read, type: read}]
""")
    (pin,) = pin_study(study, find_project(root))
    assert pin.git_commit is None and len(pin.text_hash) == 64


def test_marks_and_escaping_in_the_writer_view(project):
    letter = load_letter(project.letters_dir / "supplement-request-family-ties", project.kinds)
    values = dict(letter.samples["default"].values)
    values["handler_name"] = "<script>alert(1)</script> & <b>Sari</b>"
    rendered = render_letter(letter, "en", values, preview=True)
    view = writer_view(rendered, project.config.data)
    assert "<script>" not in view.html and "&lt;script&gt;" in view.html
    assert "<b>Sari" not in view.html
    start = rendered.markdown.index("need more documents")
    html = marked_html(rendered.markdown, [Mark(start, start + 4, "words", "T1", "a <b>")])
    assert ('<mark class="lk-hit" data-kind="words" style="background:#93c5fd" '
            'title="T1: a &lt;b&gt;">need</mark>') in html
    assert "\U000f0000" not in html


def test_missing_values_are_listed_and_highlighted(project):
    letter = load_letter(project.letters_dir / "supplement-request-family-ties", project.kinds)
    values = {k: v for k, v in letter.samples["default"].values.items() if k != "deadline"}
    view = writer_view(render_letter(letter, "fi", values, preview=True), project.config.data)
    assert view.missing == ["deadline"]
    assert '<mark class="lk-missing"' in view.html


def test_the_linter_is_optional_and_wired_in_when_present(project, monkeypatch):
    letter = load_letter(project.letters_dir / "supplement-request-family-ties", project.kinds)
    rendered = render_letter(letter, "en", "default", preview=True)
    monkeypatch.setitem(sys.modules, "letterkit.lint", None)  # as if not installed
    view = writer_view(rendered, project.config.data)
    assert view.lint_note and "not available" in view.lint_note

    start = rendered.markdown.index("documents")
    finding = Finding("TST100", "test-rule", Severity.WARNING, "Say papers", "en.md.j2", 3, 1, 3,
                      10, "en", "papers", "https://example.org/rules/TST100")
    hit = types.SimpleNamespace(finding=finding, start=start, end=start + 9, kind="substitution")
    fake = types.ModuleType("letterkit.lint")
    fake.lint_rendered = lambda r, project: [hit]
    monkeypatch.setitem(sys.modules, "letterkit.lint", fake)
    view = writer_view(rendered, project.config.data)
    assert view.lint_note is None
    (mark,) = [m for m in view.marks if m.code == "TST100"]
    assert mark.url == "https://example.org/rules/TST100" and mark.kind == "substitution"
    assert 'data-kind="substitution"' in view.html

    def broken(r, project):
        raise RuntimeError("boom")

    fake.lint_rendered = broken
    assert "boom" in writer_view(rendered, project.config.data).lint_note


def test_the_real_linter_hits_are_all_marked(project):
    lint = pytest.importorskip("letterkit.lint")
    for letter_id in ("supplement-request-family-ties", "asylum-interview-invitation"):
        letter = load_letter(project.letters_dir / letter_id, project.kinds)
        for lang in letter.languages:
            rendered = render_letter(letter, lang, "default", preview=True)
            hits = lint.lint_rendered(rendered, project)
            view = writer_view(rendered, project.config.data, project)
            assert view.lint_note is None
            assert {(h.start, h.end, h.finding.code) for h in hits} <= {
                (m.start, m.end, m.code) for m in view.marks}
            for hit in hits:
                assert f'data-kind="{hit.kind}"' in view.html


def test_serve_starts_streamlit_on_the_app(run_cli, monkeypatch, tmp_path):
    calls = []

    def fake_call(args, env, cwd):
        calls.append((args, env, cwd))
        return 0

    monkeypatch.setattr(subprocess, "call", fake_call)
    monkeypatch.delenv("LETTERKIT_RESEARCHER_SECRET", raising=False)
    monkeypatch.delenv("LETTERKIT_DATABASE_URL", raising=False)
    result = run_cli("serve", "--port", "8765", "--database", f"sqlite:///{tmp_path}/x.sqlite",
                     cwd=REPO)
    assert result.exit_code == 0
    assert "http://localhost:8765/" in result.out
    assert "Researcher sign-in secret for this run:" in result.out
    (args, env, cwd), = calls
    assert args[1:4] == ["-m", "streamlit", "run"] and args[4].endswith("preview_app/server.py")
    assert args[args.index("--server.port") + 1] == "8765"
    assert env["LETTERKIT_DATABASE_URL"] == f"sqlite:///{tmp_path}/x.sqlite"
    assert len(env["LETTERKIT_RESEARCHER_SECRET"]) >= 8


def test_sign_in_checks():
    from letterkit.panel.access import check_secret, configured_secret, email_allowed

    assert check_secret("long enough", "long enough")
    assert not check_secret("long enougH", "long enough")
    assert not check_secret("", "") and not check_secret("x", None)
    assert configured_secret({"researcher_secret": "short"}) is None or \
        configured_secret({"researcher_secret": "short"}) != "short"
    assert configured_secret({"researcher_secret": "eight chars"}) == "eight chars"
    allowed = ["ana@migri.fi", "@panel.example"]
    assert email_allowed("Ana@Migri.fi", allowed)
    assert email_allowed("bo@panel.example", allowed)
    assert not email_allowed("eve@migri.fi.evil", allowed)
    assert not email_allowed(None, allowed) and not email_allowed("a@b.c", None)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_cloze_never_blanks_names_numbers_or_abbreviations(pins, lang):
    from letterkit.text import analyze

    pin = _pin(pins, "asylum-interview-invitation", lang)
    firsts = {s.words[0].start for s in analyze(pin.markdown, lang).sentences if s.words}
    for offset in range(5):
        cloze = make_cloze(pin.markdown, lang, pin.body_start, 5, offset, 250)
        for blank in cloze.blanks:
            text = blank.answer
            assert not any(ch.isdigit() for ch in text), text
            assert text.casefold() not in {"klo", "kl", "esim", "t.ex"}, text
            assert blank.start in firsts or not text[0].isupper(), f"{text!r} looks like a name"
        answers = {b.answer for b in cloze.blanks}
        assert not answers & {"Kuopio", "Esimerkkikatu", "Maahanmuuttovirasto", "Migri"}


def test_cloze_versions_blank_as_many_words_each(pins):
    pin = _pin(pins, "supplement-request-family-ties", "fi")
    counts = [len(make_cloze(pin.markdown, "fi", pin.body_start, 5, k, 250).blanks)
              for k in range(5)]
    assert max(counts) - min(counts) <= 1, counts


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_mark_on_a_heading_keeps_the_heading(project, lang):
    letter = load_letter(project.letters_dir / "asylum-interview-invitation", project.kinds)
    rendered = render_letter(letter, lang, "default")
    md = rendered.markdown
    heading = md.index("\n## ") + 1
    line_end = md.index("\n", heading)
    marks = [Mark(heading, line_end, "words", "T1", "whole heading line"),
             Mark(heading, heading + 5, "words", "T2", "starts on the hashes")]
    html = marked_html(md, marks)
    assert "##" not in html and "{#" not in html
    first_heading = html[html.index("<h2"):html.index("</h2>")]
    assert 'class="lk-hit"' in first_heading
    assert html.count("<h2") == md.count("\n## ")


def test_every_mark_is_reachable_from_a_list_and_back(project):
    from letterkit.panel.writer import findings_list_html, placed_marks, sentence_marks
    from letterkit.text import analyze

    letter = load_letter(project.letters_dir / "asylum-interview-invitation", project.kinds)
    rendered = render_letter(letter, "en", "default")
    md = rendered.markdown
    # every sentence over six words marked, headings and list items among them
    marks = sentence_marks(analyze(md, "en"), rendered.body_start, 6)
    page = marked_html(md, marks, numbered=True)
    listed = findings_list_html(md, marks)
    placed = placed_marks(md, marks)
    assert len(placed) > 10
    for n, mark, _start, _end in placed:
        # the mark is focusable, points at its message, and the message points back
        assert f'id="lk-hit-{n}" tabindex="0" aria-describedby="lk-f-{n}"' in page
        assert f'<a href="#lk-f-{n}">{n}</a>' in page
        assert f'<li id="lk-f-{n}" value="{n}"><a href="#lk-hit-{n}"' in listed
        assert html_escape(mark.message) in listed


def test_three_languages_align_section_by_section(project):
    from letterkit.panel.writer import aligned_sections_html

    letter = load_letter(project.letters_dir / "asylum-interview-invitation", project.kinds)
    views = {lang: writer_view(render_letter(letter, lang, "default"), project.config.data).html
             for lang in ("fi", "sv", "en")}
    grid = aligned_sections_html(views)
    for section in letter.sections:
        row = grid[grid.index(f'data-section="{section}"'):]
        following = row.find('<div class="lk-row"', 1)
        row = row if following == -1 else row[:following]
        assert row.count('class="lk-cell lk-letter"') == 3
        assert row.count(f'<h2 id="{section}"') == 3, section


def test_readers_who_listened_are_compared_with_those_who_did_not(study):
    rows = []
    for person in range(1, 9):
        heard = person <= 4
        if heard:
            rows.append(_rows(person, "A", "en", "listen", "", True))
        rows.append(_rows(person, "A", "en", "deadline", "", 1, 1.0 if heard or person == 5
                          else 0.0))
    (row,) = [r for r in R.listening_comparison(study, rows)
              if r["letter"] == "supplement-request-family-ties"]
    assert row["readers_listened"] == 4
    assert row["share_right_listened"] == 1.0 and row["share_right_not"] == 0.25
    assert row["difference"] == 0.75 and row["difference_low"] > 0


def test_csv_exports_neutralise_formulas():
    rows = [_rows(1, "A", "en", "what-to-send", "", value)
            for value in ('=HYPERLINK("http://x.invalid","click")', "+1", "-2", "@SUM(A1)",
                          "\tx", "plain")]
    text = R.to_csv(rows)
    assert "'=HYPERLINK" in text and ",'+1," in text and ",'-2," in text
    assert ",'@SUM(A1)," in text and ",plain," in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    rules = R.to_csv([{"code": "WRD001", "precision": 0.5, "note": "=1+1"}])
    assert rules.splitlines() == ["code,precision,note", "WRD001,0.5,'=1+1"]
