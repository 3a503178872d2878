"""Shared helpers of the app's pages: state, cached engine objects, interface text, styles.

Thin on purpose: anything that decides, stores or counts is in ``letterkit``.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import streamlit as st

from letterkit.panel.access import Throttle, check_secret, configured_secret, email_allowed
from letterkit.panel.i18n import UI_LANGUAGES, gettext_for
from letterkit.project import Project, find_project

APP_DIR = Path(__file__).resolve().parent

# Scoped styles: a letter that reads like paper, and large type for participants. Constant
# text, no user data, so it may be passed to st.html as it is.
LETTER_CSS = """
<style>
.lk-letter { box-sizing: border-box; width: 100%; max-width: 210mm; margin: 0 auto 1rem;
  padding: 14mm 16mm 18mm; background: #fff; color: #1b1b1b; aspect-ratio: auto;
  min-height: 120mm; box-shadow: 0 1px 4px rgba(0,0,0,.2); border-radius: 2px;
  font: 17px/1.55 "Liberation Sans", Arial, Helvetica, sans-serif; }
.lk-letter h1 { font-size: 1.45em; line-height: 1.25; margin: 1.1em 0 .6em; }
.lk-letter h2 { font-size: 1.15em; margin: 1.3em 0 .4em; }
.lk-letter p, .lk-letter li { max-width: 70ch; }
.lk-letter a { color: #0b57a4; }
.lk-a4 { min-height: 297mm; }
mark.lk-missing { background: #ffe08a; color: #5c3c00; padding: 0 .15em;
  font-family: ui-monospace, monospace; outline: 2px dashed #b7791f; }
.lk-read.lk-now { background: #fde68a; outline: 2px solid #92400e; border-radius: 2px; }
mark.lk-hit { color: inherit; padding: 0 .05em; border-radius: 2px; }
.lk-findings { font-size: .95rem; line-height: 1.45; padding-left: 2em; margin: 0; }
.lk-findings li { margin: .25rem 0; }
.lk-findings li:target, mark.lk-hit:target { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.lk-findings .lk-f-kind { color: #374151; }
.lk-ref a { font-size: .7em; color: #1d4ed8; text-decoration: none; padding: 0 .1em; }
mark.lk-hit:focus-visible, .lk-findings a:focus-visible, .lk-ref a:focus-visible {
  outline: 3px solid #1d4ed8; outline-offset: 2px; }
.lk-aligned { display: grid; gap: 0; }
.lk-row { display: grid; grid-template-columns: repeat(var(--lk-cols), minmax(0, 1fr));
  gap: 1rem; }
.lk-cell.lk-letter { min-height: 0; margin: 0; padding: .4rem 1rem; box-shadow: none;
  border-left: 1px solid #d0d4d9; font-size: 15px; }
.lk-cell-head { font-weight: 700; padding: .3rem 1rem; border-bottom: 2px solid #1b1b1b; }
.lk-cell-lang { display: none; font-size: .8rem; font-weight: 700; color: #374151; }
/* The one-language switcher of the aligned view: only where the languages cannot stand
   side by side; there the aligned view shows the chosen language only. */
.st-key-w_narrow_lang { display: none; }
@media (max-width: 760px) {
  .lk-row { grid-template-columns: 1fr; gap: 0; }
  .lk-cell-head { display: none; }
  .lk-cell-lang { display: block; }
  .lk-cell.lk-letter { border-left: 4px solid #d0d4d9; margin-top: .5rem; }
  .st-key-w_narrow_lang { display: block; }
  .lk-aligned [data-other] { display: none; }
}
.lk-legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; font-size: .9rem; margin: .3rem 0; }
.lk-legend mark { padding: 0 .3em; border-radius: 2px; }
.lk-sentence { font-size: 1.2rem; line-height: 1.6; padding: .35rem .6rem; margin: .2rem 0 0;
  border-left: 6px solid #d0d4d9; border-radius: 3px; background: #fafafa; color: #1b1b1b; }
.lk-sentence.lk-heading { font-weight: 700; }
.lk-sentence.lk-clear { background: #d9f2df; border-left-color: #1f7a3a; }
.lk-sentence.lk-confusing { background: #ffe0cc; border-left-color: #c2410c; }
.lk-cloze { font-size: 1.25rem; line-height: 2.1; color: #1b1b1b; background: #fff;
  padding: .6rem .9rem; border-radius: 4px; }
.lk-cloze .lk-blank { display: inline-block; min-width: 4.5em; border-bottom: 2px solid #1b1b1b;
  text-align: center; font-weight: 600; }
.lk-cloze .lk-blank small { color: #595959; font-weight: 400; }
.lk-heat { font-size: 1rem; line-height: 1.6; }
.lk-heat span.lk-s { padding: .1em .15em; border-radius: 2px; }
.lk-heat .lk-lint { font-size: .75rem; color: #7c2d12; vertical-align: super; }
</style>
"""

# Every page: captions at 4.5:1 or more (Streamlit's default grey is 3.88:1 on white).
GLOBAL_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #4b5563 !important; opacity: 1 !important; }
</style>
"""

# Participants: large readable type, big touch targets, visible keyboard focus.
PARTICIPANT_CSS = """
<style>
section.main .block-container, [data-testid="stMainBlockContainer"] { max-width: 46rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
label p { font-size: 1.2rem !important; line-height: 1.6; }
[data-testid="stRadio"] label { padding: .25rem 0; }
input, textarea { font-size: 1.2rem !important; }
button { min-height: 2.8rem; font-size: 1.1rem !important; }
*:focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
/* Streamlit's own hints ("Press Enter to apply") are English and mean nothing on a phone:
   answers are saved as the participant types. */
[data-testid="InputInstructions"] { display: none !important; }
/* Titles wrap between words and hyphenate in the page's language, never mid-word. */
h1, h2, h3 { word-break: normal !important; overflow-wrap: normal !important;
  hyphens: auto; }
h1 { font-size: clamp(1.7rem, 7vw, 2.6rem) !important; }
/* The highlighter's choices in the colours the instructions name: clear green, confusing
   orange (white text on both at 5:1 or more). Only the highlighter uses segmented controls. */
[data-testid="stButtonGroup"] button[aria-checked="true"]:nth-of-type(1),
[data-testid="stButtonGroup"] button[aria-checked="true"]:nth-of-type(1) p {
  background: #1f7a3a !important; border-color: #1f7a3a !important; color: #fff !important; }
[data-testid="stButtonGroup"] button[aria-checked="true"]:nth-of-type(2),
[data-testid="stButtonGroup"] button[aria-checked="true"]:nth-of-type(2) p {
  background: #c2410c !important; border-color: #c2410c !important; color: #fff !important; }
</style>
"""

AUTOSAVE_JS = (APP_DIR / "autosave.js").read_text(encoding="utf-8")


def autosave() -> None:
    """Install the typing autosave (``autosave.js``) in the page; a no-op when it is there."""
    st.html(f"<script>{AUTOSAVE_JS}</script>", unsafe_allow_javascript=True)


@st.cache_resource
def _project(root: str) -> Project:
    return find_project(Path(root))


def project() -> Project:
    return _project(os.environ.get("LETTERKIT_PROJECT") or str(APP_DIR.parent))


@st.cache_resource
def _store(url: str):
    from letterkit.panel.store import open_store

    return open_store(url)


def store():
    """The answer store (cached per database URL, shared by all sessions)."""
    from letterkit.panel.store import default_url

    return _store(default_url(project().root))


def init_state() -> None:
    """Per-person state, set once per browser session."""
    defaults = {
        "lk_researcher": False,
        "lk_ui_lang": None,
        "lk_token": None,
        "lk_step_started": None,
    }
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value


def ui_lang() -> str:
    lang = st.session_state.get("lk_ui_lang")
    if lang in UI_LANGUAGES:
        return lang
    asked = st.query_params.get("lang")
    return asked if asked in UI_LANGUAGES else "en"


def keep_language_in_url() -> None:
    """Put the interface language in the address (``?lang=fi``), so that it survives moving
    between pages, a reload and a bookmark."""
    lang = st.session_state.get("lk_ui_lang")
    if lang in UI_LANGUAGES and st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang


def tr():
    """``_`` for the current interface language."""
    return gettext_for(ui_lang())


def secret() -> str | None:
    return configured_secret(_secrets())


def _secrets():
    try:
        secrets = st.secrets
        secrets.get("auth")  # raises when there is no secrets file
    except Exception:  # noqa: BLE001
        return None
    return secrets


def oidc_configured() -> bool:
    secrets = _secrets()
    return bool(secrets is not None and secrets.get("auth") and secrets.get("researcher_emails"))


def oidc_allowed(email: str | None) -> bool:
    secrets = _secrets()
    return secrets is not None and email_allowed(email, secrets.get("researcher_emails"))


@st.cache_resource
def throttle(name: str) -> Throttle:
    """One guessing throttle per purpose ("sign-in", "invite"), shared by every session."""
    return Throttle(name=name)


def client() -> str:
    """Who is trying: the browser's address (all sessions of one address count together)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context
        address = None
    return address if isinstance(address, str) and address else "unknown"


def throttled(name: str) -> bool:
    """True (with a message) when this client must wait before its next try."""
    wait = throttle(name).wait(client())
    if wait > 0:
        _ = tr()
        st.error(_("Too many wrong tries. Wait {seconds} seconds and try again.").format(
            seconds=int(wait) + 1))
    return wait > 0


def sign_in(given: str) -> bool:
    """Check the secret; False without checking while this client is locked out."""
    if throttled("sign-in"):
        return False
    ok = check_secret(given, secret())
    (throttle("sign-in").succeeded if ok else throttle("sign-in").failed)(client())
    st.session_state.lk_researcher = ok
    return ok


def require_researcher() -> bool:
    """True when signed in; otherwise ask for the secret on this page and stop it, so that a
    reloaded or bookmarked researcher page comes back to itself after signing in."""
    if st.session_state.get("lk_researcher"):
        return True
    _ = tr()
    st.warning(_("Sign in as a researcher or writer to see this page."))
    if secret() is not None:
        with st.form("page_sign_in_form"):
            given = st.text_input(_("Secret"), type="password", key="page_secret_input")
            sent = st.form_submit_button(_("Sign in"))
        if sent:
            if sign_in(given):
                st.rerun()
            elif not throttled("sign-in"):
                st.error(_("That is not the right secret."))
    st.stop()
    return False


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def md_escape(text: str) -> str:
    """Text for a widget label (labels are Markdown): backslash every Markdown character."""
    out = []
    for ch in str(text):
        if ch in "\\`*_{}[]()#+-.!|<>~$:":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def show_problems(problems) -> None:  # noqa: ANN001 - Problems, e.g. a StudyError's
    """One error box, one line per problem (``path:line:col: ...``), shown as written."""
    st.error("  \n".join(md_escape(str(problem)) for problem in problems))


def stored_study(store, study_id: str):  # noqa: ANN001, ANN201
    """The study *study_id* of the answer store; its problems shown (and the page stopped)
    when the stored copy does not read."""
    from letterkit.panel.study import StudyError

    try:
        return store.study(study_id)
    except StudyError as exc:
        show_problems(exc.problems)
        st.stop()


def letter_box(body_html: str, lang: str, a4: bool = False) -> str:
    """Wrap already-escaped letter HTML in the paper-like box."""
    extra = " lk-a4" if a4 else ""
    return f'{LETTER_CSS}<article class="lk-letter{extra}" lang="{esc(lang)}">{body_html}</article>'


LISTEN_JS = (APP_DIR / "listen.js").read_text(encoding="utf-8")


@st.cache_data(show_spinner=False, max_entries=64)
def _spoken(sentences: tuple[str, ...], lang: str, cache: str) -> tuple[bytes, list]:
    from letterkit import speech

    spoken = speech.speak(list(sentences), lang, cache=Path(cache))
    return spoken.path.read_bytes(), [[c.start, c.end] for c in spoken.cues]


def listen(markdown: str, lang: str, body_start: int, key: str, on_listen=None,  # noqa: ANN001
           args: tuple = ()) -> str | None:
    """A "listen" control: after the button, the letter read aloud (espeak-ng, offline,
    cached) with the sentence being read highlighted. Returns the letter's HTML with the
    sentences marked (to show instead of the plain letter), or None before listening."""
    from letterkit import speech
    from letterkit.panel.writer import reading_html

    _ = tr()
    problem = speech.available()
    if problem:
        st.caption(_("Listening is not available here: {reason}").format(reason=problem))
        return None
    if not st.session_state.get(key):
        def _start() -> None:
            st.session_state[key] = True
            if on_listen is not None:
                on_listen(*args)

        st.button("🔊 " + _("Listen to the letter"), key=f"{key}_button", on_click=_start)
        return None
    spans = speech.read_aloud_sentences(markdown, lang, body_start)
    audio, cues = _spoken(tuple(text for _s, _e, text in spans), lang,
                          str(project().root / "var" / "cache" / "speech"))
    st.audio(audio, format="audio/ogg", autoplay=True)
    st.html(f"<script>window.lkCues = {json.dumps(cues)};{LISTEN_JS}</script>",
            unsafe_allow_javascript=True)
    return reading_html(markdown, [(n, start, end) for n, (start, end, _t) in enumerate(spans)])
