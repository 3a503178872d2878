"""letterkit preview app: the writer preview and customer-panel testing.

    streamlit run preview_app/app.py          # or: letterkit serve

Participants open their invite link (``/?invite=...``) and see only the panel page.
Researchers and writers sign in to get the writer view, studies and results.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import panel_ui as ui  # noqa: E402 - after the path is set

ui.init_state()
_ = ui.tr()

PAGES = Path(__file__).resolve().parent / "app_pages"
participant = st.Page(PAGES / "participant.py", title=_("Take part"), url_path="take-part",
                      default=True)

# The researcher pages are always routable, so that reloading or bookmarking /writer comes
# back to it (each asks for the secret when the session is new); only a signed-in session
# sees them in the menu.
researcher_pages = [
    st.Page(PAGES / "writer.py", title=_("Writer preview"),
            url_path="writer"),
    st.Page(PAGES / "studies.py", title=_("Studies"),
            url_path="studies"),
    st.Page(PAGES / "results.py", title=_("Results"),
            url_path="results"),
]
sign_in = st.Page(PAGES / "sign_in.py",
                  title=_("Sign out") if st.session_state.lk_researcher
                  else _("Researcher sign-in"), url_path="sign-in")
pages = [participant, *researcher_pages, sign_in]
# Someone with an invite sees only the study, without any menu.
invited = bool(st.session_state.lk_token or st.query_params.get("invite"))
if not invited:
    with st.sidebar:
        shown = pages if st.session_state.lk_researcher else [participant, sign_in]
        for entry in shown:
            st.page_link(entry, query_params={"lang": ui.ui_lang()})

page = st.navigation(pages, position="hidden")
ui.keep_language_in_url()
# Participants get a narrow column of large text; researchers and writers the full width.
wide = page.url_path in ("writer", "results", "studies")
# A local icon, and no ":material/…:" page icons: the browser would fetch those from a font
# CDN (a third party) as the tab's icon.
st.set_page_config(page_title="letterkit", page_icon=str(PAGES.parent / "icon.svg"),
                   layout="wide" if wide else "centered")
st.html(ui.GLOBAL_CSS)
page.run()
