"""Rules measured against readers on the docs site: figures from a real answer store."""

from dataclasses import replace

from letterkit.site.panel import figures_from_store, panel_figures
from letterkit.site.rules import collect_rules, rule_page, rules_index

LETTER = "supplement-request-family-ties"


def test_rule_page_shows_the_panels_figures_for_the_rule(store, study, pins, project):
    from letterkit.text import analyze

    # The Finnish version's pinned lint marks: STY001 on the first two sentences of the body.
    pin = next(p for p in pins if p.letter_id == LETTER and p.lang == "fi")
    doc = analyze(pin.markdown, "fi")
    body = [s for s in doc.sentences if s.start >= pin.body_start and s.words]
    marks = tuple({"start": s.start, "end": s.end, "kind": "limit", "code": "STY001",
                   "message": "long"} for s in body[:2])
    store.add_study(study, [replace(p, marks=marks) if p is pin else p for p in pins])
    people = [store.participant_by_token(i.token)
              for i in store.create_participants(study.id, "fi", 3)]
    task = next(t.id for t in study.letter(LETTER).tasks if t.type == "highlighter")
    index = {id(s): i for i, s in enumerate(doc.sentences)}
    for person in people:  # everyone finds the flagged sentences confusing, the rest clear
        for n, sentence in enumerate(body[:6]):
            store.save_answer(person, LETTER, task, str(index[id(sentence)]),
                              "confusing" if n < 2 else "clear")
    figures = figures_from_store(store)
    (row,) = figures.for_rule("STY001", "fi")
    assert row["study"] == study.id and row["flagged_sentences"] == 2
    assert row["also_confusing"] == 2 and row["confusing_rate_flagged"] == 1.0
    assert row["confusing_rate_other"] == 0.0 and row["difference"] > 0
    info = next(r for r in collect_rules(project) if r.code == "STY001")
    page = rule_page(info, "fi", project, figures=figures)
    assert f"| `{study.id}` | 2 | 2 (100 %" in page and "| 100 % / 0 % |" in page
    assert "ei ole vielä tallennettu" not in page
    # No rule flagged the other sentences, and none was found confusing: nothing missed.
    assert "Virkkeitä, jotka moni lukija" not in rules_index(collect_rules(project), "fi",
                                                               None, figures)


def test_no_store_means_no_figures_and_the_page_says_so(project, tmp_path, monkeypatch):
    monkeypatch.delenv("LETTERKIT_DATABASE_URL", raising=False)
    empty = replace(project, root=tmp_path)  # no var/panel.sqlite there: none is created
    figures = panel_figures(empty)
    assert figures.rules == {} and not (tmp_path / "var").exists()
    info = next(r for r in collect_rules(project) if r.code == "STY001")
    assert "ei ole vielä tallennettu asiakasraadin tuloksia" in rule_page(
        info, "fi", project, figures=figures)
