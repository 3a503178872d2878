"""Researchers and writers sign in with the shared secret; signing out forgets it."""

import panel_ui as ui
import streamlit as st

from letterkit.panel.access import SECRET_ENV

_ = ui.tr()

if st.session_state.lk_researcher:
    st.title(_("Signed in"))
    st.write(_("You can use the writer preview, the studies and the results."))
    if st.button(_("Sign out"), key="sign_out"):
        st.session_state.lk_researcher = False
        st.rerun()
    st.stop()

st.title(_("Sign in for researchers and writers"))

if ui.oidc_configured():
    # The platform's OpenID Connect login ([auth] in secrets.toml), limited to the e-mail
    # addresses or domains listed in researcher_emails.
    if st.user.is_logged_in:
        if ui.oidc_allowed(st.user.get("email")):
            st.session_state.lk_researcher = True
            st.rerun()
        st.error(_("This account may not use the researcher pages."))
    else:
        st.button(_("Sign in with your organisation's account"), key="oidc_login",
                  on_click=st.login)
    st.divider()

if ui.secret() is None:
    st.info(_("Sign-in is not set up. Set the environment variable {env} (at least 8 "
              "characters) or researcher_secret in .streamlit/secrets.toml, then restart "
              "the app.").format(env=SECRET_ENV))
    st.stop()

with st.form("sign_in_form"):
    given = st.text_input(_("Secret"), type="password", key="secret_input")
    sent = st.form_submit_button(_("Sign in"))
if sent:
    if ui.sign_in(given):
        st.rerun()
    elif not ui.throttled("sign-in"):
        st.error(_("That is not the right secret."))
