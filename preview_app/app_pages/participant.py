"""The participant's page: join with an invite, then one task at a time.

Every answer is stored the moment it is given (the widget's on_change), and the step number
is stored on every move, so the same invite link resumes where the participant left off.
Letter text and participant text are shown escaped; no names or contact details are asked.

Faults: an answer the store cannot save (full disk, read-only database) stays in the page
and in ``lk_unsaved``; it is tried again on every rerun and with "Try to save again", and
the participant cannot leave the step until it is saved. Each answer carries the revision
this tab last saw (``lk_rev``): when another tab on the same link changed it meanwhile, the
participant sees both answers and chooses (``lk_conflict``), and neither text is lost. A
finished participant sees only the last page; the store refuses their changes.
"""

import logging
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
from letterkit.panel.store import AnswerConflict, ParticipantFinished, StoreUnavailable
from letterkit.panel.study import StudyError
from letterkit.render.markdown import to_html

log = logging.getLogger("letterkit.panel")
ss = st.session_state
for _name in ("lk_rev", "lk_unsaved", "lk_conflict", "lk_labels"):
    ss.setdefault(_name, {})
ss.setdefault("lk_fault", None)
ss.setdefault("lk_notice", None)

st.html(ui.PARTICIPANT_CSS)
ui.autosave()


def _cannot_open() -> None:
    _ = ui.tr()
    st.error(_("We cannot open your answers just now because of a fault in the service. Try "
               "again in a moment with the same link."))
    st.stop()


try:
    store = ui.store()
except StoreUnavailable as exc:
    log.error("panel store unavailable: %s", exc)
    _cannot_open()


def _choose_ui_lang(key: str) -> None:
    st.session_state.lk_ui_lang = st.session_state[key]


def _ui_lang_picker(key: str) -> None:
    current = ui.ui_lang()
    st.radio("Kieli · Språk · Language", UI_LANGUAGES, index=UI_LANGUAGES.index(current),
             format_func=LANGUAGE_NAMES.get, horizontal=True, key=key,
             on_change=_choose_ui_lang, args=(key,))


# -- who is this? -----------------------------------------------------------------------------
token = st.session_state.lk_token or st.query_params.get("invite")
try:
    participant = store.participant_by_token(token) if token else None
except StoreUnavailable as exc:
    log.error("panel store unavailable: %s", exc)
    _cannot_open()

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
        try:
            found = store.participant_by_token(code.strip())
        except StoreUnavailable as exc:
            log.error("panel store unavailable: %s", exc)
            _cannot_open()
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
try:
    study = store.study_for(participant)
    pins = {e.letter: store.version_for(participant, e.letter) for e in study.letters}
    stored_answers = store.answer_revisions(participant)
except StoreUnavailable as exc:
    log.error("panel store unavailable: %s", exc)
    _cannot_open()
except StudyError as exc:  # its stored copy was changed; researchers see the problems
    log.error("study %s in the answer store does not read:\n%s", participant.study_id, exc)
    _cannot_open()
all_steps = steps(study, {k: v for k, v in pins.items() if v is not None},
                  participant.cloze_offset)
answers = {k: value for k, (value, _rev) in stored_answers.items()}
# A finished participant sees only the last page: the study is closed for them.
index = (len(all_steps) - 1 if participant.finished
         else min(max(participant.step, 0), len(all_steps) - 1))
step = all_steps[index]

started = st.session_state.lk_step_started
if not started or started[0] != step.key:
    st.session_state.lk_step_started = (step.key, time.monotonic())


def _elapsed_ms() -> int:
    key, since = st.session_state.lk_step_started
    return int((time.monotonic() - since) * 1000)


def _store_answer(letter_id: str, task_id: str, item: str, key: str, value, score,  # noqa: ANN001
                  revision: int | None = None) -> bool:
    """Save one answer against the revision this tab last saw; False (and the answer kept
    in the session) when the store refused it or another tab changed it meanwhile."""
    expected = ss.lk_rev.get(key, 0) if revision is None else revision
    try:
        saved = store.save_answer(participant, letter_id, task_id, item, value, score,
                                  _elapsed_ms(), expected_revision=expected)
    except AnswerConflict as conflict:
        ss.lk_unsaved.pop(key, None)
        ss.lk_conflict[key] = {"args": (letter_id, task_id, item), "value": value,
                               "score": score, "other": conflict.value,
                               "revision": conflict.revision}
        return False
    except StoreUnavailable as exc:
        log.error("answer not saved (%s): %s", exc.reason, exc.detail)
        ss.lk_unsaved[key] = {"args": (letter_id, task_id, item), "value": value,
                              "score": score}
        ss.lk_fault = exc.reason
        return False
    except ParticipantFinished:
        ss.lk_notice = "finished"
        return False
    ss.lk_rev[key] = saved
    ss.lk_unsaved.pop(key, None)
    ss.lk_conflict.pop(key, None)
    if not ss.lk_unsaved:
        ss.lk_fault = None
    return True


def _retry_unsaved() -> None:
    for key, pending in list(ss.lk_unsaved.items()):
        _store_answer(*pending["args"], key, pending["value"], pending["score"])


def _go(delta: int) -> None:
    _retry_unsaved()
    if ss.lk_unsaved or ss.lk_conflict:  # leaving would drop the text of this step's boxes
        ss.lk_notice = "unsaved" if ss.lk_unsaved else "conflict"
        return
    target = min(max(index + delta, 0), len(all_steps) - 1)
    try:
        store.add_time(participant, step.key, _elapsed_ms())
        store.set_progress(participant, step=target,
                           finished=all_steps[target].kind == "done")
    except StoreUnavailable as exc:
        log.error("progress not saved (%s): %s", exc.reason, exc.detail)
        ss.lk_fault, ss.lk_notice = exc.reason, "unsaved"
        return
    st.session_state.lk_step_started = None


def _key(item: str = "") -> str:
    return f"a|{step.letter_id}|{step.task_id}|{item}"


def _preload(key: str, letter_id: str, task_id: str, item: str = "") -> None:
    stored, revision = stored_answers.get((letter_id, task_id, item), (None, 0))
    if key not in st.session_state:
        ss.lk_rev[key] = revision  # what this tab has seen: a later change is another tab's
        pending = ss.lk_unsaved.get(key) or ss.lk_conflict.get(key)
        if pending is not None:  # an answer not yet saved comes back into its box
            stored = pending["value"]
        if stored is not None:
            st.session_state[key] = stored


def _save(letter_id: str, task_id: str, item: str, key: str, scorer=None) -> None:
    if participant.finished:  # a finished study is closed: answers no longer change
        ss.lk_notice = "finished"
        return
    value = st.session_state.get(key)
    score = None
    if scorer is not None:
        value, score = scorer(value)
    _store_answer(letter_id, task_id, item, key, value, score)


def _fault_text(reason: str | None) -> str:
    texts = {"full": _("Your answer could not be saved just now, because the service has run "
                       "out of storage space. Your answer is still here on this page. Keep "
                       "the page open and try again in a moment."),
             "read_only": _("Your answer could not be saved just now, because answers cannot "
                            "be saved in the service at the moment. Your answer is still here "
                            "on this page. Keep the page open and try again later.")}
    return texts.get(reason or "", _("Your answer could not be saved just now because of a "
                                     "fault in the service. Your answer is still here on "
                                     "this page. Keep the page open and try again in a "
                                     "moment."))


def _shown(key: str, value) -> str:  # noqa: ANN001
    if isinstance(value, dict):
        value = value.get("text", "")
    labels = ss.lk_labels.get(key)
    if labels is not None and value in labels:
        value = labels[value]
    text = "" if value is None else str(value).strip()
    return text or _("(empty)")


def _keep_here(key: str) -> None:
    conflict = ss.lk_conflict.get(key)
    if conflict is not None:
        _store_answer(*conflict["args"], key, conflict["value"], conflict["score"],
                      revision=conflict["revision"])


def _keep_other(key: str) -> None:
    conflict = ss.lk_conflict.pop(key, None)
    if conflict is None:
        return
    other = conflict["other"]
    st.session_state[key] = other.get("text", "") if isinstance(other, dict) else other
    ss.lk_rev[key] = conflict["revision"]


def _field_status(key: str) -> None:
    """Under an answer: why it is not saved yet, or the other tab's answer to choose from."""
    conflict = ss.lk_conflict.get(key)
    if conflict is not None:
        st.warning(ui.md_escape(_(
            "You have also answered this in another tab or window. The answer saved there: "
            "“{other}”. The answer on this page: “{here}”. Which one do you want to keep?"
        ).format(other=_shown(key, conflict["other"]), here=_shown(key, conflict["value"]))))
        left, right = st.columns(2)
        left.button(_("Keep the answer on this page"), key=f"keep_here|{key}",
                    on_click=_keep_here, args=(key,), use_container_width=True)
        right.button(_("Keep the answer from the other tab"), key=f"keep_other|{key}",
                     on_click=_keep_other, args=(key,), use_container_width=True)
    elif key in ss.lk_unsaved:
        st.error(ui.md_escape(_fault_text(ss.lk_fault)))
        st.button(_("Try to save again"), key=f"retry|{key}", on_click=_retry_unsaved)


def _pick(key: str, value, save_args: tuple) -> None:  # noqa: ANN001
    st.session_state[key] = value
    _save(*save_args)


def _choose(question: str, options: dict, key: str, save_args: tuple) -> None:
    """A one-answer question as a button per option: each is its own Tab stop and Enter or
    Space chooses it (a radio group needs the arrow keys, which many keyboard users never
    find). The chosen option is the primary button, marked with ✓ and "chosen" in words."""
    chosen = st.session_state.get(key)
    ss.lk_labels[key] = dict(options)
    st.markdown(f"**{question}**")
    for value, label in options.items():
        picked = chosen == value
        st.button(("✓ " + label + " · " + _("chosen")) if picked else label,
                  key=f"{key}#{value}", type="primary" if picked else "secondary",
                  use_container_width=True, on_click=_pick, args=(key, value, save_args))
    _field_status(key)


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


def _page_status() -> None:
    """Why the participant is still on this step, or why nothing changed."""
    notice, ss.lk_notice = ss.lk_notice, None
    if notice == "finished":
        st.info(_("You have already finished the letter test, so your answers can no longer "
                  "be changed."))
    elif notice == "conflict":
        st.warning(_("Choose which answer to keep before you go on."))
    elif notice == "unsaved":
        st.error(ui.md_escape(_fault_text(ss.lk_fault)) + "\n\n"
                 + _("You can go on when your answer has been saved."))
        st.button(_("Try to save again"), key="retry_all", on_click=_retry_unsaved)


def _nav(can_go_back: bool = True, next_label: str | None = None) -> None:
    _page_status()
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
        try:
            store.set_progress(participant, ui_lang=lang)
        except StoreUnavailable as exc:  # the language is a preference, not an answer
            log.warning("interface language not saved (%s)", exc.reason)
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
        _field_status(key)
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

    def _listened() -> None:
        if participant.finished:
            return
        try:
            store.save_answer(participant, step.letter_id, "listen", "", True, None,
                              _elapsed_ms())
        except (StoreUnavailable, ParticipantFinished) as exc:  # a record, not an answer
            log.warning("listening not recorded: %s", exc)

    st.subheader(_("Read the letter"))
    st.write(_("Read the letter as you would read it at home. Take your time. You can look "
               "at it again while you answer the questions."))
    # Listening is recorded with the answers, so results can compare readers who listened
    # with those who did not.
    reading = ui.listen(pin.markdown, pin.lang, pin.body_start, f"listen|{step.letter_id}",
                        on_listen=_listened)
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
    for _item, key in items:
        _field_status(key)
    _page_status()

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
    _field_status(key)
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
            _field_status(key)
    _nav()

else:  # done
    _page_status()
    st.title(_("Thank you!"))
    st.write(_("Your answers have been saved. You can close this page."))
    st.write(_("What you told us helps us write letters that are easier to understand."))
