"""The participant page under faults: a full or read-only database keeps the answer on the
page with a message in the participant's language; two tabs on one link; a finished test."""

from __future__ import annotations

import sqlalchemy as sa

from letterkit.panel.store import StoreUnavailable

KEY = "a||background|first_language"


def _to_first_language(at, lang: str):
    if any(r.key == "ui_lang_choice" for r in at.radio):  # the welcome page
        at.radio(key="ui_lang_choice").set_value(lang).run()
        next(b for b in at.button if b.key and b.key.startswith("next_")).click().run()
    else:  # the link resumes at the step another tab reached
        at.radio(key="ui_lang_choice_1").set_value(lang).run()
    assert not at.exception, at.exception
    assert at.text_input(key=KEY)
    return at


def _fault(store, pragma: str):
    """Inject a real SQLite refusal in the app's own engine: ``max_page_count`` (the file
    may not grow: SQLITE_FULL, as on a full disk) or ``query_only`` (SQLITE_READONLY)."""
    engine = store.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    statement = {"full": f"PRAGMA max_page_count={pages}", "read_only": "PRAGMA query_only=ON"}

    def _apply(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.execute(statement[pragma])

    sa.event.listen(engine, "connect", _apply)
    engine.dispose()

    def lift() -> None:
        sa.event.remove(engine, "connect", _apply)
        engine.dispose()

    return lift


def _fill(store, other) -> None:
    for size in (3000, 1000, 300, 60, 10, 1):
        for n in range(100_000):
            try:
                store.save_answer(other, "", "background", f"fill{size}-{n}", "x" * size)
            except StoreUnavailable:
                break


def test_a_full_disk_keeps_the_answer_on_the_page_until_it_is_saved(panel_env, app_test):
    store, study = panel_env
    me_invite, other_invite = store.create_participants(study.id, "fi", 2)
    at = _to_first_language(app_test(invite=me_invite.token).run(), "fi")
    lift = _fault(store, "full")
    _fill(store, store.participant_by_token(other_invite.token))
    answer = "somali ja arabia"
    at.text_input(key=KEY).input(answer).run()
    assert not at.exception, at.exception
    assert at.text_input(key=KEY).value == answer  # nothing cleared
    errors = " ".join(e.value for e in at.error)
    assert "palvelun tallennustila on täynnä" in errors and "Vastauksesi on yhä" in errors
    me = store.participant_by_token(me_invite.token)
    assert KEY.split("|")[-1] not in {k[2] for k in store.answers(me)}
    next(b for b in at.button if b.key and b.key.startswith("next_")).click().run()
    assert at.text_input(key=KEY).value == answer, "the step is not left while unsaved"
    assert "Voit jatkaa, kun vastauksesi on tallennettu." in " ".join(
        e.value for e in at.error)
    lift()
    next(b for b in at.button if b.key == f"retry|{KEY}").click().run()
    assert store.answers(me)[("", "background", "first_language")] == answer
    assert not at.error
    assert any("Tallennettu" in c.value for c in at.caption)


def test_a_read_only_database_says_so_in_swedish_and_keeps_the_answer(panel_env, app_test):
    store, study = panel_env
    invite = store.create_participants(study.id, "sv", 1)[0]
    at = _to_first_language(app_test(invite=invite.token).run(), "sv")
    lift = _fault(store, "read_only")
    at.text_input(key=KEY).input("tigrinja").run()
    assert not at.exception, at.exception
    assert at.text_input(key=KEY).value == "tigrinja"
    assert any("det för tillfället inte går att spara svar i tjänsten" in e.value
               for e in at.error)
    lift()
    at.text_input(key=KEY).input("tigrinja och arabiska").run()  # the next edit saves
    me = store.participant_by_token(invite.token)
    assert store.answers(me)[("", "background", "first_language")] == "tigrinja och arabiska"
    assert not at.error


def test_two_tabs_on_one_link_are_told_and_keep_both_texts(panel_env, app_test):
    store, study = panel_env
    invite = store.create_participants(study.id, "en", 1)[0]
    tab_a = _to_first_language(app_test(invite=invite.token).run(), "en")
    tab_b = _to_first_language(app_test(invite=invite.token).run(), "en")
    me = store.participant_by_token(invite.token)
    tab_a.text_input(key=KEY).input("Somali").run()
    tab_b.text_input(key=KEY).input("Arabic").run()
    assert not tab_b.exception, tab_b.exception
    assert store.answers(me)[("", "background", "first_language")] == "Somali"
    [warning] = [w.value for w in tab_b.warning]
    assert "another tab or window" in warning
    assert "“Somali”" in warning and "“Arabic”" in warning
    assert tab_b.text_input(key=KEY).value == "Arabic"
    next(b for b in tab_b.button if b.key and b.key.startswith("next_")).click().run()
    assert tab_b.text_input(key=KEY).value == "Arabic", "no moving on before choosing"
    next(b for b in tab_b.button if b.key == f"keep_here|{KEY}").click().run()
    assert store.answers(me)[("", "background", "first_language")] == "Arabic"
    assert not tab_b.warning
    tab_a.text_input(key=KEY).input("Somali, Arabic").run()  # tab A has not seen that
    assert any("“Arabic”" in w.value for w in tab_a.warning)
    next(b for b in tab_a.button if b.key == f"keep_other|{KEY}").click().run()
    assert tab_a.text_input(key=KEY).value == "Arabic"
    assert store.answers(me)[("", "background", "first_language")] == "Arabic"


def test_after_finishing_another_tab_cannot_change_answers(panel_env, app_test):
    store, study = panel_env
    invite = store.create_participants(study.id, "fi", 1)[0]
    at = _to_first_language(app_test(invite=invite.token).run(), "fi")
    at.text_input(key=KEY).input("viro").run()
    me = store.participant_by_token(invite.token)
    store.set_progress(me, step=99, finished=True)  # finished in another tab
    at.text_input(key=KEY).input("venäjä").run()
    assert not at.exception, at.exception
    assert store.answers(me)[("", "background", "first_language")] == "viro"
    assert at.title[0].value == "Kiitos!"
    assert any("vastauksiasi ei voi enää muuttaa" in i.value for i in at.info)
    again = app_test(invite=invite.token).run()
    assert again.title[0].value == "Kiitos!"
    assert not again.text_input
