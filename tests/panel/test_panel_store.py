"""The answer store on SQLite (always) and PostgreSQL (when configured)."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
import sqlalchemy as sa

from letterkit.panel import parse_study
from letterkit.panel.store import SCHEMA_VERSION, Store, responses

LETTER = "supplement-request-family-ties"


def test_every_answer_records_the_commit_and_the_text_hash(opened, study, pins):
    invite = opened.create_participants(study.id, "sv", 1)[0]
    me = opened.participant_by_token(invite.token)
    opened.save_answer(me, LETTER, "deadline", "", 1, 1.0, 900)
    pin = next(p for p in pins if p.letter_id == LETTER and p.lang == "sv")
    (row,) = opened.study_rows(study.id)
    assert row["text_hash"] == pin.text_hash and len(pin.text_hash) == 64
    assert row["git_commit"] == pin.git_commit
    assert row["label"] == "A" and row["lang"] == "sv" and row["score"] == 1.0
    assert opened.version_for(me, LETTER).markdown == pin.markdown


def test_answers_resume_and_a_changed_answer_replaces_the_old_one(opened, study):
    invite = opened.create_participants(study.id, "fi", 1)[0]
    me = opened.participant_by_token(invite.token)
    opened.save_answer(me, LETTER, "deadline", "", 0, 0.0)
    opened.save_answer(me, LETTER, "deadline", "", 1, 1.0)
    opened.save_answer(me, "", "background", "first_language", "arabia")
    opened.set_progress(me, step=7, ui_lang="sv")
    again = opened.participant_by_token(invite.token)  # a new session, the same link
    assert again.step == 7 and again.ui_lang == "sv"
    assert opened.answers(again) == {(LETTER, "deadline", ""): 1,
                                     ("", "background", "first_language"): "arabia"}
    rows = opened.study_rows(study.id)
    assert [r["revisions"] for r in rows if r["task_id"] == "deadline"] == [2]


def test_versions_are_given_in_turn(store, project):
    from letterkit.panel import pin_study

    text = f"""\
id: ab
title: {{en: AB}}
languages: [en]
letters:
  - letter: {LETTER}
    versions: [{{label: A}}, {{label: B}}]
    tasks: [{{id: read, type: read}}]
"""
    ab = parse_study(text)
    store.add_study(ab, pin_study(ab, project))
    invites = store.create_participants("ab", "en", 4)
    labels = [store.participant_by_token(i.token).label_for(LETTER) for i in invites]
    assert labels == ["A", "B", "A", "B"]


def test_a_token_reads_only_its_own_study_and_answers(store, study, pins, project):
    from letterkit.panel import pin_study

    other = parse_study("""\
id: other-study
title: {en: Other}
languages: [en]
letters:
  - letter: asylum-interview-invitation
    tasks: [{id: read, type: read}, {id: sure, type: confidence}]
""")
    store.add_study(study, pins)
    store.add_study(other, pin_study(other, project))
    mine, neighbour = store.create_participants(study.id, "en", 2)
    stranger = store.create_participants("other-study", "en", 1)[0]
    me = store.participant_by_token(mine.token)
    them = store.participant_by_token(neighbour.token)
    outsider = store.participant_by_token(stranger.token)
    store.save_answer(me, LETTER, "deadline", "", 1, 1.0)
    store.save_answer(them, LETTER, "deadline", "", 3, 0.0)
    store.save_answer(outsider, "asylum-interview-invitation", "sure", "", 5)

    assert store.answers(me) == {(LETTER, "deadline", ""): 1}
    assert store.answers(them) == {(LETTER, "deadline", ""): 3}
    assert store.answers(outsider) == {("asylum-interview-invitation", "sure", ""): 5}
    # The outsider's study has no supplement letter: no text, and no way to answer on it.
    assert store.version_for(outsider, LETTER) is None
    with pytest.raises(KeyError):
        store.save_answer(outsider, LETTER, "deadline", "", 1)
    # A participant object cannot be pointed at another study by changing its fields.
    forged = replace(outsider, study_id=study.id)
    assert store.answers(forged) == {}
    # Wrong, empty and overlong codes find nobody.
    for token in ("", "x" * 500, mine.token[:-1], mine.token.upper()):
        assert store.participant_by_token(token) is None
    # Tokens are not stored in clear.
    with store.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(sa.text(
            "SELECT * FROM lk_participants")) for v in row)
    assert mine.token not in dump and neighbour.token not in dump


def test_thirty_participants_at_once_lose_no_answer(opened, study):
    invites = opened.create_participants(study.id, "fi", 30)
    people = [opened.participant_by_token(i.token) for i in invites]
    per_person = 40
    errors: list[BaseException] = []
    start = threading.Barrier(len(people))

    def answer(person) -> None:
        try:
            start.wait()
            for n in range(per_person):
                opened.save_answer(person, LETTER, "marks", str(n), "confusing" if n % 3 else
                                   "clear", None, n)
                opened.add_time(person, f"{LETTER}/marks#0", 10)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=answer, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert opened.count_answers(study.id) == 30 * per_person
    for person in people:
        assert len(opened.answers(person)) == per_person
    times = opened.study_times(study.id)
    assert sorted(t["ms"] for t in times) == [10 * per_person] * 30


def test_migrating_again_keeps_every_response(opened, study):
    invite = opened.create_participants(study.id, "en", 1)[0]
    me = opened.participant_by_token(invite.token)
    opened.save_answer(me, LETTER, "deadline", "", 1, 1.0)
    assert opened.schema_version() == SCHEMA_VERSION
    reopened = Store(opened.engine)
    assert reopened.migrate() == SCHEMA_VERSION  # nothing to do
    with opened.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(responses)).scalar() == 1
    assert reopened.answers(me) == {(LETTER, "deadline", ""): 1}


def test_opening_a_study_twice_keeps_the_first_pins(opened, study, pins):
    changed = [replace(p, text_hash="0" * 64, markdown="changed") for p in pins]
    assert opened.add_study(study, changed) is False
    assert {v["text_hash"] for v in opened.versions(study.id)} == {p.text_hash for p in pins}
