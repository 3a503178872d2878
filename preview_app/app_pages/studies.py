"""Studies: open a study file (pins its letter versions), invite participants, follow progress."""

import csv
import io

import panel_ui as ui
import streamlit as st

from letterkit.errors import LetterkitError
from letterkit.panel.study import StudyError, load_studies, parse_study
from letterkit.panel.versions import pin_study

ui.require_researcher()
_ = ui.tr()
project = ui.project()
store = ui.store()
studies_dir = project.root / "studies"

st.title(_("Studies"))
# What the last action did, kept across the rerun that follows it.
for kind, message in st.session_state.pop("lk_study_flash", []):
    (st.success if kind == "success" else st.info)(message)


def open_study(study) -> None:  # noqa: ANN001
    try:
        pins = pin_study(study, project)
    except LetterkitError as exc:
        st.error(ui.md_escape(str(exc)))
        return
    created = store.add_study(study, pins)
    flash = st.session_state.setdefault("lk_study_flash", [])
    if created:
        flash.append(("success", _("Study {id} is open: {n} letter versions pinned.").format(
            id=study.id, n=len(pins))))
    else:
        flash.append(("info", _("Study {id} was already open; its pinned versions are "
                                "kept.").format(id=study.id)))


files, problems = load_studies(studies_dir, project.letters_dir)
opened = set(store.study_ids())
st.subheader(_("Study files in {folder}").format(folder="studies/"))
for path in dict.fromkeys(problem.location.path for problem in problems):
    ui.show_problems([problem for problem in problems if problem.location.path == path])
for study in files:
    cols = st.columns([4, 2])
    cols[0].markdown(f"**{ui.md_escape(study.title_in(ui.ui_lang()))}**  \n`{study.id}`")
    if study.id in opened:
        cols[1].caption(_("open"))
    elif cols[1].button(_("Open study"), key=f"open_{study.id}"):
        open_study(study)
        st.rerun()

with st.expander(_("Define a new study here (YAML)")):
    st.caption(_("The same format as the files in studies/; see studies/README.md."))
    example = (files[0].source if files else "id: my-study\ntitle: {en: My study}\nletters: []\n")
    text = st.text_area(_("Study definition"), value=example, height=300, key="new_study_yaml")
    if st.button(_("Check and open"), key="new_study_open"):
        try:
            study = parse_study(text, "<study form>")
        except StudyError as exc:
            ui.show_problems(exc.problems)
        else:
            open_study(study)
            st.rerun()

ids = store.study_ids()
if not ids:
    st.info(_("No study is open yet."))
    st.stop()

st.divider()
study_id = st.selectbox(_("Open study"), ids, key="s_study")
study = ui.stored_study(store, study_id)
versions = store.versions(study_id)

st.subheader(_("Pinned letter versions"))
drift = {}
for ver in versions:
    entry = study.letter(ver["letter_id"])
    spec = next(s for s in entry.versions if s.label == ver["label"])
    if spec.ref:
        continue
    try:
        from letterkit.catalog import load_letter
        from letterkit.panel.versions import text_hash
        from letterkit.render import render_letter

        letter = load_letter(project.letters_dir / ver["letter_id"], project.kinds, project)
        now_hash = text_hash(render_letter(letter, ver["lang"], ver["sample"]).markdown)
        drift[ver["id"]] = now_hash != ver["text_hash"]
    except LetterkitError:
        drift[ver["id"]] = True
st.dataframe([{"letter": v["letter_id"], "version": v["label"], "lang": v["lang"],
               "letter.yaml version": v["letter_version"],
               "git commit": (v["git_commit"] or _("no git"))[:10]
               + (" +" if v["git_dirty"] else ""),
               "sha256": v["text_hash"][:12],
               "changed since": _("changed") if drift.get(v["id"]) else ""} for v in versions],
             hide_index=True, use_container_width=True)
if any(drift.values()):
    st.warning(_("Some letters have changed since the study pinned them. Participants still "
                 "read the pinned text. To test the new text, add it as a new version."))

st.subheader(_("Invite participants"))
with st.form("invite_form"):
    cols = st.columns(2)
    lang = cols[0].selectbox(_("Letter language"), list(study.languages), key="inv_lang")
    count = cols[1].number_input(_("How many invitations"), min_value=1, max_value=500,
                                 value=5, key="inv_count")
    made = st.form_submit_button(_("Create invitations"))
if made:
    invites = store.create_participants(study_id, lang, int(count))
    st.session_state["lk_invites"] = (study_id, invites)
base = st.context.url.split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
base = base or "http://localhost:8501"
shown = st.session_state.get("lk_invites")
if shown and shown[0] == study_id:
    st.warning(_("Copy these links now: the codes are stored only as hashes and cannot be shown "
                 "again."))
    rows = [{"participant": i.number, "lang": i.lang, "code": i.token,
             "link": f"{base}/?invite={i.token}"} for i in shown[1]]
    st.dataframe(rows, hide_index=True, use_container_width=True,
                 column_config={"link": st.column_config.LinkColumn(_("link"))})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["participant", "lang", "code", "link"])
    writer.writeheader()
    writer.writerows(rows)
    # Made only when the researcher clicks (deferred data), so that the codes are not put in
    # Streamlit's media store, which serves files to anyone with the link, before that.
    codes = buffer.getvalue()
    st.download_button(_("Download the links (CSV)"), lambda: codes,
                       file_name=f"{study_id}-invites.csv", mime="text/csv", key="inv_csv")

st.subheader(_("Participants"))
people = store.participant_summary(study_id)
if people:
    st.dataframe([{"participant": p["number"], "lang": p["lang"], "interface": p["ui_lang"],
                   "versions": ", ".join(f"{k}: {v}" for k, v in
                                         p["assignment_json"]["labels"].items()),
                   "step": p["step"], "started": p["started_at"], "finished": p["finished_at"]}
                  for p in people], hide_index=True, use_container_width=True)
    st.caption(_("{n} answers stored").format(n=store.count_answers(study_id)))
else:
    st.caption(_("No participants yet."))
