"""The participant's flow through the example study, with AppTest."""

from __future__ import annotations

import pytest

LETTER = "supplement-request-family-ties"


def _answer_everything(at) -> None:
    """Give an answer to each widget of the current step (the right one where known)."""
    questions = {b.key.split("#", 1)[0] for b in at.button if b.key and "#" in b.key
                 and b.key.startswith("a|")}
    for question in sorted(questions):
        _button(at, f"{question}#{_choice(question)}").click().run()
    for control in at.segmented_control:
        if control.key and control.key.startswith("a|"):
            item = int(control.key.rsplit("|", 1)[1])
            control.set_value("confusing" if item % 2 else "clear")
    for box in at.text_input:
        if box.key and box.key.startswith("a|"):
            box.input("arabia" if "background" in box.key else "sinut")
    for area in at.text_area:
        if area.key and area.key.startswith("a|"):
            area.input("Avioliittotodistus ja passin sivut <b>heti</b>")


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


def _choice(key: str):
    """A valid answer for each radio of the example study (the right one for questions)."""
    if key.endswith("reading_level"):
        return 3
    if key.endswith("interpreter"):
        return "no"
    if "|sure|" in key:
        return 4
    return 1 if "|deadline|" in key or "|no-reply|" in key else 0


def _next(at) -> bool:
    # "Next" of a step, or of a highlighter page's form (its last submit button)
    buttons = [b for b in at.button if b.key and b.key.startswith("next_")] or [
        b for b in at.button if b.key and b.key.startswith("FormSubmitter:hl_")][-1:]
    if not buttons:
        return False
    buttons[0].click().run()
    assert not at.exception, at.exception
    return True


def test_a_participant_completes_the_study(panel_env, app_test):
    store, study = panel_env
    invite = store.create_participants(study.id, "fi", 1)[0]
    at = app_test(invite=invite.token).run()
    assert not at.exception
    assert at.title[0].value == study.title["fi"]  # the letter language is the default
    at.radio(key="ui_lang_choice").set_value("fi").run()
    assert [b.label for b in at.button] == ["Aloita"]
    steps = 0
    while True:
        highlighter = bool(at.segmented_control)
        _answer_everything(at)
        if not highlighter:  # a highlighter page's marks are sent with its form's "Next"
            at.run()
        assert not at.exception, at.exception
        if not _next(at):
            break
        steps += 1
    assert at.title[0].value == "Kiitos!"
    me = store.participant_by_token(invite.token)
    assert me.finished and me.ui_lang == "fi"
    rows = store.study_rows(study.id)
    by_task = {}
    for row in rows:
        by_task.setdefault((row["letter_id"], row["task_id"]), []).append(row)
    assert len(by_task[("", "background")]) == 3
    assert by_task[(LETTER, "deadline")][0]["score"] == 1.0
    assert by_task[(LETTER, "no-reply")][0]["score"] == 1.0
    (free,) = by_task[(LETTER, "what-to-send")]
    assert free["value"] == "Avioliittotodistus ja passin sivut <b>heti</b>"
    assert free["score"] == pytest.approx(2 / 3)
    assert len(by_task[(LETTER, "marks")]) > 20
    cloze = by_task[("asylum-interview-invitation", "cloze")]
    assert cloze and all(r["value"]["of"] == len(cloze) for r in cloze)
    assert {r["text_hash"] for r in rows if r["letter_id"]} == {
        v["text_hash"] for v in store.versions(study.id) if v["lang"] == "fi"}
    assert all(r["time_ms"] is not None for r in rows)
    times = store.study_times(study.id)
    assert {t["step_key"] for t in times} >= {"welcome", f"{LETTER}/read", f"{LETTER}/deadline"}


def test_the_same_link_resumes_with_answers_kept(panel_env, app_test):
    store, study = panel_env
    invite = store.create_participants(study.id, "en", 1)[0]
    at = app_test(invite=invite.token).run()
    _next(at)  # welcome -> first language
    at.text_input(key="a||background|first_language").input("Somali").run()
    _next(at)
    _button(at, "a||background|reading_level#3").click().run()

    again = app_test(invite=invite.token).run()  # the tab was closed; the link opened again
    assert not again.exception
    chosen = _button(again, "a||background|reading_level#3")
    assert chosen.label == "✓ I read it fairly well · chosen"
    [back] = [b for b in again.button if b.key.startswith("back_")]
    back.click().run()
    assert again.text_input(key="a||background|first_language").value == "Somali"


def test_a_wrong_code_is_refused_and_the_join_form_works(panel_env, app_test):
    store, study = panel_env
    at = app_test(invite="not-a-real-code").run()
    assert not at.exception
    assert "could not find" in at.error[0].value
    invite = store.create_participants(study.id, "sv", 1)[0]
    at = app_test().run()
    at.text_input(key="join_code").input(invite.token)
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == study.title["sv"]
    assert at.query_params["invite"] in (invite.token, [invite.token])


@pytest.mark.parametrize(("lang", "start", "welcome"), [
    ("fi", "Aloita", "Emme kysy nimeäsi tai yhteystietojasi."),
    ("sv", "Börja", "Vi frågar inte efter ditt namn eller dina kontaktuppgifter."),
    ("en", "Start", "We do not ask for your name or contact details."),
])
def test_the_interface_speaks_the_chosen_language(panel_env, app_test, lang, start, welcome):
    store, study = panel_env
    invite = store.create_participants(study.id, "en", 1)[0]
    at = app_test(invite=invite.token).run()
    at.radio(key="ui_lang_choice").set_value(lang).run()
    assert at.button[0].label == start
    assert any(welcome in m.value for m in at.markdown)
    assert at.title[0].value == study.title[lang]


def test_listening_is_offered_and_recorded_with_the_answers(panel_env, app_test):
    from letterkit import speech

    if speech.available():
        pytest.skip(speech.available())
    store, study = panel_env
    invite = store.create_participants(study.id, "sv", 1)[0]
    at = app_test(invite=invite.token).run()
    while not any(b.key and b.key.startswith("listen|") for b in at.button):
        assert _next(at), "no step offers listening"
    [listen] = [b for b in at.button if b.key and b.key.startswith("listen|")]
    assert listen.label == "🔊 Lyssna på brevet"
    listen.click().run()
    assert not at.exception
    letter_id = listen.key.split("|")[1].removesuffix("_button")
    me = store.participant_by_token(invite.token)
    assert store.answers(me)[(letter_id, "listen", "")] is True
    spans = [h for h in at.get("html") if 'class="lk-read" data-cue="0"' in h.proto.body]
    assert spans, "the letter is shown with its spoken sentences marked"
    assert at.get("audio"), "the audio player is on the page"


def test_a_study_changed_in_the_store_shows_a_participant_no_details(panel_env, app_test):
    import os
    import sqlite3

    store, study = panel_env
    invite = store.create_participants(study.id, "fi", 1)[0]
    path = os.environ["LETTERKIT_DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("update lk_studies set source = ?",
                     (study.source.replace("type: highlighter", "type: highlight", 1),))
    at = app_test(invite=invite.token).run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Emme juuri nyt saa vastauksiasi auki")  # fi: the letter language
    assert "highlight" not in error.value
