"""The participant's page: join with an invite, then one task at a time.

Every answer is stored the moment it is given (the widget's on_change), and the step number
is stored on every move, so the same invite link resumes where the participant left off.
Letter text and participant text are shown escaped; no names or contact details are asked.
"""

import time

import panel_ui as ui
import streamlit as st
from babel import Locale

from letterkit.panel.cloze import score_blank
from letterkit.panel.flow import (
    cloze_for,
    highlight_pages,
    score_choice,
    score_free_text,
    sentence_texts,
    steps,
)
from letterkit.panel.i18n import LANGUAGE_NAMES, UI_LANGUAGES
from letterkit.render.markdown import to_html

store = ui.store()
st.html(ui.PARTICIPANT_CSS)
ui.autosave()


def _choose_ui_lang(key: str) -> None:
    st.session_state.lk_ui_lang = st.session_state[key]


def _ui_lang_picker(key: str) -> None:
    current = ui.ui_lang()
    st.radio("Kieli · Språk · Language", UI_LANGUAGES, index=UI_LANGUAGES.index(current),
             format_func=LANGUAGE_NAMES.get, horizontal=True, key=key,
             on_change=_choose_ui_lang, args=(key,))


# -- who is this? -----------------------------------------------------------------------------
token = st.session_state.lk_token or st.query_params.get("invite")
participant = store.participant_by_token(token) if token else None

if participant is None:
    _ = ui.tr()
    _ui_lang_picker("join_lang")
    st.title(_("Welcome to the letter test"))
    st.write(_("You need an invitation code to take part. It is in the link or message you "
               "got from us."))
    if token:
        st.error(_("We could not find this code. Check that you copied all of it."))
    with st.form("join_form"):
        code = st.text_input(_("Invitation code"), key="join_code", max_chars=200)
        joined = st.form_submit_button(_("Start"))
    if joined and code.strip() and not ui.throttled("invite"):
        found = store.participant_by_token(code.strip())
        if found is None:
            ui.throttle("invite").failed(ui.client())
            if not ui.throttled("invite"):
                st.error(_("We could not find this code. Check that you copied all of it."))
        else:
            st.session_state.lk_token = code.strip()
            st.query_params["invite"] = code.strip()
            st.rerun()
    st.stop()

st.session_state.lk_token = token
if st.query_params.get("invite") != token:
    st.query_params["invite"] = token
if st.session_state.lk_ui_lang is None:
    asked = st.query_params.get("lang")
    st.session_state.lk_ui_lang = (participant.ui_lang or (asked if asked in UI_LANGUAGES
                                                            else participant.lang))
_ = ui.tr()
lang = ui.ui_lang()
study = store.study_for(participant)
pins = {e.letter: store.version_for(participant, e.letter) for e in study.letters}
all_steps = steps(study, {k: v for k, v in pins.items() if v is not None},
                  participant.cloze_offset)
answers = store.answers(participant)
index = min(max(participant.step, 0), len(all_steps) - 1)
step = all_steps[index]

started = st.session_state.lk_step_started
if not started or started[0] != step.key:
    st.session_state.lk_step_started = (step.key, time.monotonic())


def _elapsed_ms() -> int:
    key, since = st.session_state.lk_step_started
    return int((time.monotonic() - since) * 1000)


def _go(delta: int) -> None:
    store.add_time(participant, step.key, _elapsed_ms())
    target = min(max(index + delta, 0), len(all_steps) - 1)
    store.set_progress(participant, step=target,
                       finished=all_steps[target].kind == "done")
    st.session_state.lk_step_started = None


def _key(item: str = "") -> str:
    return f"a|{step.letter_id}|{step.task_id}|{item}"


def _preload(key: str, letter_id: str, task_id: str, item: str = "") -> None:
    stored = answers.get((letter_id, task_id, item))
    if key not in st.session_state and stored is not None:
        st.session_state[key] = stored


def _save(letter_id: str, task_id: str, item: str, key: str, scorer=None) -> None:
    if participant.finished:  # a finished study is closed: answers no longer change
        return
    value = st.session_state.get(key)
    score = None
    if scorer is not None:
        value, score = scorer(value)
    store.save_answer(participant, letter_id, task_id, item, value, score, _elapsed_ms())


def _pick(key: str, value, save_args: tuple) -> None:  # noqa: ANN001
    st.session_state[key] = value
    _save(*save_args)


def _choose(question: str, options: dict, key: str, save_args: tuple) -> None:
    """A one-answer question as a button per option: each is its own Tab stop and Enter or
    Space chooses it (a radio group needs the arrow keys, which many keyboard users never
    find). The chosen option is the primary button, marked with ✓ and "chosen" in words."""
    chosen = st.session_state.get(key)
    st.markdown(f"**{question}**")
    for value, label in options.items():
        picked = chosen == value
        st.button(("✓ " + label + " · " + _("chosen")) if picked else label,
                  key=f"{key}#{value}", type="primary" if picked else "secondary",
                  use_container_width=True, on_click=_pick, args=(key, value, save_args))


def _saved_note(key: str, letter_id: str, task_id: str, item: str = "") -> None:
    """ "Saved" under a text box once what it shows is stored."""
    stored = answers.get((letter_id, task_id, item))
    if isinstance(stored, dict):
        stored = stored.get("text")
    shown = st.session_state.get(key)
    if stored and shown is not None and str(stored).strip() == str(shown).strip()[:2000]:
        st.caption("✓ " + _("Saved"))


def _save_page(letter_id: str, task_id: str, items: list, delta: int) -> None:
    """Save every mark of a highlighter page that changed, then move *delta* steps."""
    for item, key in items:
        if st.session_state.get(key) != answers.get((letter_id, task_id, item)):
            _save(letter_id, task_id, item, key)
    _go(delta)


def _letter_html(pin) -> str:
    return ui.letter_box(to_html(pin.markdown), pin.lang)


def _language_name(code: str) -> str:
    try:
        return Locale.parse(lang).languages.get(code, code)
    except Exception:  # noqa: BLE001
        return code


def _nav(can_go_back: bool = True, next_label: str | None = None) -> None:
    left, right = st.columns(2)
    if can_go_back and index > 0:
        left.button(_("Back"), key=f"back_{index}", on_click=_go, args=(-1,),
                    use_container_width=True)
    right.button(next_label or _("Next"), key=f"next_{index}", on_click=_go, args=(1,),
                 type="primary", use_container_width=True)


# -- the step ---------------------------------------------------------------------------------
if step.kind != "done":
    # Progress by part (about you, then each letter), not by one of twenty-odd steps.
    groups = list(dict.fromkeys(s.letter_id or "" for s in all_steps[1:-1]))
    part = groups.index(step.letter_id or "") + 1 if step.kind != "welcome" else 0
    st.progress(index / (len(all_steps) - 1),
                text=_("Part {n} of {total}").format(n=max(part, 1), total=len(groups)))

if step.kind not in ("welcome", "done"):
    # The interface language can be changed at any step, not only on the first one.
    with st.expander("Kieli · Språk · Language"):
        _ui_lang_picker(f"ui_lang_choice_{index}")

if step.kind == "welcome":
    _ui_lang_picker("ui_lang_choice")
    if participant.ui_lang != lang:
        store.set_progress(participant, ui_lang=lang)
    st.title(study.title_in(lang))
    st.write(ui.md_escape(study.description_in(lang)))
    st.markdown("- " + _("We do not ask for your name or contact details.") + "\n- "
                + _("Your answers are saved as soon as you give them.") + "\n- "
                + _("If you stop, open the same link again to continue."))
    st.write(_("There are no wrong answers about you: if something is unclear, it is the "
               "letter that needs to change."))
    _nav(next_label=_("Start"))

elif step.kind == "background":
    name = step.key.split("/", 1)[1]
    key = f"a||background|{name}"
    _preload(key, "", "background", name)
    st.subheader(_("About you"))
    if name == "first_language":
        st.text_input(_("What is your first language (the language you learned first)?"),
                      key=key, max_chars=60, on_change=_save,
                      args=("", "background", name, key))
        _saved_note(key, "", "background", name)
        st.caption(_("Write only the name of the language."))
    elif name == "reading_level":
        levels = {1: _("I am just starting to learn it"), 2: _("I read it with difficulty"),
                  3: _("I read it fairly well"), 4: _("I read it well"),
                  5: _("It is my first language or I read it like one")}
        _choose(ui.md_escape(_("How well do you read {language}?").format(
                    language=_language_name(participant.lang))), levels, key,
                ("", "background", name, key))
    else:
        options = {"yes": _("Yes, usually"), "sometimes": _("Sometimes"), "no": _("No")}
        _choose(_("When you deal with the authorities, do you usually use an interpreter?"),
                options, key, ("", "background", name, key))
    _nav()

elif step.kind == "read":
    pin = pins[step.letter_id]
    st.subheader(_("Read the letter"))
    st.write(_("Read the letter as you would read it at home. Take your time. You can look "
               "at it again while you answer the questions."))
    # Listening is recorded with the answers, so results can compare readers who listened
    # with those who did not.
    reading = ui.listen(pin.markdown, pin.lang, pin.body_start, f"listen|{step.letter_id}",
                        on_listen=lambda: None if participant.finished else store.save_answer(
                            participant, step.letter_id, "listen", "", True, None,
                            _elapsed_ms()))
    st.html(ui.letter_box(reading, pin.lang) if reading else _letter_html(pin))
    _nav(next_label=_("I have read the letter"))

elif step.kind == "highlighter":
    pin = pins[step.letter_id]
    texts = sentence_texts(pin.markdown, pin.lang)
    page = highlight_pages(pin.markdown, pin.lang, pin.body_start)[step.page]
    st.subheader(_("Mark what is clear and what is confusing"))
    st.write(_("Mark each sentence: clear (green) or confusing (orange). You can leave a "
               "sentence unmarked."))
    st.caption(_("Page {n} of {total}").format(n=step.page + 1, total=step.pages))
    marks = {"clear": _("Clear"), "confusing": _("Confusing")}
    items = []
    # One form per page: choosing marks costs no round trip; "Next" (or "Back") saves them
    # all at once.
    with st.form(f"hl_{index}", border=False):
        for number, sentence_index in enumerate(page, start=1):
            item = str(sentence_index)
            key = _key(item)
            items.append((item, key))
            _preload(key, step.letter_id, step.task_id, item)
            state = st.session_state.get(key)
            text, heading = texts[sentence_index]
            classes = "lk-sentence" + (" lk-heading" if heading else "") + (
                f" lk-{state}" if state in marks else "")
            st.html(f'{ui.LETTER_CSS}<p class="{classes}" lang="{ui.esc(pin.lang)}">'
                    f"{ui.esc(text)}</p>")
            st.segmented_control(
                _("Sentence {n}").format(n=number), list(marks), format_func=marks.get,
                key=key, label_visibility="collapsed")
        left, right = st.columns(2)
        if index > 0:
            left.form_submit_button(_("Back"), use_container_width=True, on_click=_save_page,
                                    args=(step.letter_id, step.task_id, items, -1))
        right.form_submit_button(_("Next"), type="primary", use_container_width=True,
                                 on_click=_save_page,
                                 args=(step.letter_id, step.task_id, items, 1))

elif step.kind == "choice":
    task = step.task
    pin = pins[step.letter_id]
    options = task.option_texts(lang, pin.lang)
    key = _key()
    _preload(key, step.letter_id, task.id)
    _choose(ui.md_escape(task.text(lang, pin.lang)), dict(enumerate(options)), key,
            (step.letter_id, task.id, "", key, lambda v: (v, score_choice(task, v))))
    with st.expander(_("Show the letter again")):
        st.html(_letter_html(pin))
    _nav()

elif step.kind == "free_text":
    task = step.task
    pin = pins[step.letter_id]
    key = _key()
    _preload(key, step.letter_id, task.id)

    def _score_text(value, task=task):
        score, _found = score_free_text(task, value or "")
        return value or "", score

    st.text_area(ui.md_escape(task.text(lang, pin.lang)), key=key, max_chars=2000,
                 on_change=_save, args=(step.letter_id, task.id, "", key, _score_text))
    _saved_note(key, step.letter_id, task.id)
    st.caption(_("Write in any language you like. Short answers are fine."))
    with st.expander(_("Show the letter again")):
        st.html(_letter_html(pin))
    _nav()

elif step.kind == "confidence":
    task = step.task
    pin = pins[step.letter_id]
    key = _key()
    _preload(key, step.letter_id, task.id)
    scale = {1: _("1 – not at all sure"), 2: _("2 – not very sure"), 3: _("3 – fairly sure"),
             4: _("4 – sure"), 5: _("5 – completely sure")}
    _choose(ui.md_escape(task.text(lang, pin.lang) or _("How sure are you that you "
                                                         "understood the letter?")),
            scale, key, (step.letter_id, task.id, "", key))
    _nav()

elif step.kind == "cloze":
    task = step.task
    pin = pins[step.letter_id]
    cloze = cloze_for(pin, task, participant.cloze_offset)
    units = cloze.pages()[step.page]
    st.subheader(_("Fill in the missing words"))
    st.write(_("Some words are missing from this text. Write the word you think fits in each "
               "gap. If you are not sure, guess."))
    st.caption(_("Page {n} of {total}").format(n=step.page + 1, total=step.pages))
    def _score_gap(value, blank, cloze=cloze):
        text = value.get("text", "") if isinstance(value, dict) else (value or "")
        result = score_blank(blank, text, pin.lang)
        result.update({"of": len(cloze.blanks), "offset": cloze.offset})
        return result, 1.0 if result["exact"] else 0.0

    # Each paragraph with its numbered gaps, and right below it a box for each gap, so the
    # text and the boxes stay together on a small screen.
    for unit in units:
        inner = []
        for part in unit.parts:
            if isinstance(part, int):
                key = _key(str(part))
                _preload(key, step.letter_id, task.id, str(part))
                given = st.session_state.get(key)
                if isinstance(given, dict):
                    given = st.session_state[key] = given.get("text", "")
                shown = ui.esc(given) if given else "&nbsp;"
                inner.append(f'<span class="lk-blank"><small>({part + 1})</small> {shown}'
                             "</span>")
            else:
                inner.append(ui.esc(part))
        tag = "strong" if unit.kind == "heading" else "span"
        st.html(f'{ui.LETTER_CSS}<div class="lk-cloze" lang="{ui.esc(pin.lang)}">'
                f"<{tag}>{''.join(inner)}</{tag}></div>")
        for blank_index in unit.blanks:
            blank = cloze.blanks[blank_index]
            key = _key(str(blank_index))
            st.text_input(
                _("Gap {n}").format(n=blank_index + 1), key=key, max_chars=60,
                on_change=_save, args=(step.letter_id, task.id, str(blank_index), key,
                                       lambda v, b=blank: _score_gap(v, b)))
            _saved_note(key, step.letter_id, task.id, str(blank_index))
    _nav()

else:  # done
    st.title(_("Thank you!"))
    st.write(_("Your answers have been saved. You can close this page."))
    st.write(_("What you told us helps us write letters that are easier to understand."))
