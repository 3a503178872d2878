"""Results of a study per letter version and language: questions, cloze, confidence, time,
the highlighter heat map beside the linter's marks, A/B comparison and exports."""

import json

import altair as alt
import pandas as pd
import panel_ui as ui
import streamlit as st

from letterkit.panel import results as R
from letterkit.panel.writer import Mark, marked_html

ui.require_researcher()
_ = ui.tr()
store = ui.store()
st.title(_("Results"))
ids = store.study_ids()
if not ids:
    st.info(_("No study is open yet."))
    st.stop()
study_id = st.selectbox(_("Study"), ids, key="r_study")
study = ui.stored_study(store, study_id)
rows = store.study_rows(study_id)
versions = store.versions(study_id)
people = store.participant_summary(study_id)

done = sum(1 for p in people if p["finished_at"])
c1, c2, c3 = st.columns(3)
c1.metric(_("Participants"), len(people))
c2.metric(_("Finished"), done)
c3.metric(_("Answers"), len(rows))

left, right = st.columns(2)
left.download_button(_("Export CSV"), R.to_csv(rows), file_name=f"{study_id}.csv",
                     mime="text/csv", key="r_csv")
right.download_button(_("Export JSON"), R.to_json(study, versions, rows),
                      file_name=f"{study_id}.json", mime="application/json", key="r_json")
if not rows:
    st.info(_("No answers yet."))
    st.stop()

tab_q, tab_cloze, tab_heat, tab_ab, tab_bg = st.tabs(
    [_("Questions"), _("Cloze"), _("Highlighter"), _("A/B"), _("Background and time")])

with tab_q:
    table = R.question_table(study, rows, ui.ui_lang())
    if table:
        frame = pd.DataFrame(table)
        frame["group"] = frame["version"] + " · " + frame["lang"]
        frame["percent"] = (frame["share_right"] * 100).round(1)
        chart = alt.Chart(frame).mark_bar().encode(
            x=alt.X("percent:Q", title=_("% right"), scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("task:N", title=None), color="group:N", yOffset="group:N",
            tooltip=["letter", "task", "group", "answers", "percent"])
        st.altair_chart(chart, use_container_width=True)
        st.dataframe(frame[["letter", "version", "lang", "task", "type", "question", "answers",
                            "percent", "low", "high"]], hide_index=True,
                     use_container_width=True)
    heard = R.listening_comparison(study, rows)
    if any(h["readers_listened"] for h in heard):
        st.subheader(_("Readers who listened to the letter and readers who did not"))
        st.caption(_("Share of right answers to the choice questions; the difference is "
                     "listened minus did not, with its 95 % interval."))
        st.dataframe(heard, hide_index=True, use_container_width=True)
    conf = R.confidence_table(study, rows)
    if conf:
        st.subheader(_("Confidence (1–5)"))
        frame = pd.DataFrame(conf)
        frame["group"] = frame["letter"] + " · " + frame["version"] + " · " + frame["lang"]
        chart = alt.Chart(frame).mark_bar().encode(
            x=alt.X("mean_confidence:Q", title=_("mean confidence (1–5)"),
                    scale=alt.Scale(domain=[1, 5])),
            y=alt.Y("group:N", title=None), tooltip=list(frame.columns))
        st.altair_chart(chart, use_container_width=True)
        st.dataframe(frame, hide_index=True, use_container_width=True)

with tab_cloze:
    scores = R.cloze_scores(rows)
    if not scores:
        st.caption(_("No cloze answers yet."))
    else:
        st.caption(_("Bands: under 35 % frustration, 35–50 % instructional, over 50 % "
                     "independent reading."))
        summary = pd.DataFrame(R.cloze_summary(scores))
        st.dataframe(summary, hide_index=True, use_container_width=True)
        frame = pd.DataFrame(scores)
        chart = alt.Chart(frame).mark_bar().encode(
            x=alt.X("exact_percent:Q", bin=alt.Bin(step=10), title=_("% exact words")),
            y=alt.Y("count():Q", title=_("participants")),
            color=alt.Color("band:N", scale=alt.Scale(
                domain=["frustration", "instructional", "independent"],
                range=["#c2410c", "#ca8a04", "#15803d"])))
        st.altair_chart(chart, use_container_width=True)

def show_heat() -> None:
    marked = {}
    for r in rows:
        if r["value"] in ("clear", "confusing"):
            key = (r["letter_id"], r["label"], r["lang"])
            marked[key] = marked.get(key, 0) + 1
    # Versions of letters with a highlighter task, the most marked first.
    options = sorted(((v["letter_id"], v["label"], v["lang"]) for v in versions
                      if any(t.type == "highlighter" for t in study.letter(v["letter_id"]).tasks)),
                     key=lambda o: -marked.get(o, 0))
    if not options:
        st.caption(_("No letter in this study has a highlighter task."))
        return
    choice = st.selectbox(_("Letter version"), options, key="r_heat",
                          format_func=lambda o: f"{o[0]} · {o[1]} · {o[2]}")
    ver = next(v for v in versions if (v["letter_id"], v["label"], v["lang"]) == choice)
    task_ids = {t.id for t in study.letter(ver["letter_id"]).tasks if t.type == "highlighter"}
    marks = json.loads(ver["marks_json"])
    selected = [r for r in rows if (r["letter_id"], r["label"], r["lang"]) == choice
                and r["task_id"] in task_ids]
    heat = R.sentence_heat(ver["markdown"], ver["lang"], ver["body_start"], selected, marks)
    st.caption(_("Orange: share of readers who marked the sentence confusing. Green: marked "
                 "clear. Small codes: the linter's findings on the sentence."))
    parts = []
    unit = None
    for s in heat:
        if s["unit"] != unit:
            if unit is not None:
                parts.append("</p>")
            parts.append("<p>• " if s["unit_kind"] == "list_item" else "<p>")
            unit = s["unit"]
        readers = max(s["readers"], 1)
        confusing, clear = s["confusing"] / readers, s["clear"] / readers
        colour = (f"rgba(234,88,12,{0.15 + 0.75 * confusing:.2f})" if confusing
                  else f"rgba(22,163,74,{0.1 + 0.4 * clear:.2f})" if clear else "transparent")
        title = _("{c} of {n} confusing, {k} clear").format(c=s["confusing"], n=s["readers"],
                                                             k=s["clear"])
        lint = (f'<span class="lk-lint">{ui.esc(" ".join(s["lint"]))}</span>'
                if s["lint"] else "")
        tag = "strong" if s["heading"] else "span"
        parts.append(f'<{tag} class="lk-s" style="background:{colour}" title="{ui.esc(title)}">'
                     f"{ui.esc(s['text'])}</{tag}>{lint} ")
    parts.append("</p>")
    heat_col, lint_col = st.columns(2)
    with heat_col:
        st.markdown("**" + _("Readers") + "**")
        st.html(ui.LETTER_CSS + f'<div class="lk-letter lk-heat" lang="{ui.esc(ver["lang"])}">'
                + "".join(parts) + "</div>")
    with lint_col:
        st.markdown("**" + _("Linter") + "**")
        if marks:
            hits = [Mark(m["start"], m["end"], m["kind"], m["code"], m["message"]) for m in marks]
            st.html(ui.letter_box(marked_html(ver["markdown"], hits), ver["lang"]))
        else:
            st.caption(_("No linter findings were stored with this version (the linter was not "
                         "available when it was pinned, or it found nothing)."))
    st.dataframe([{k: v for k, v in s.items() if k not in ("unit", "unit_kind")}
                  for s in heat],
                 hide_index=True, use_container_width=True)
    precision = R.rule_precision(heat)
    if precision:
        st.subheader(_("Linter rules against the panel"))
        st.caption(_("For each rule: how often readers marked the sentences it flags "
                     "confusing, against the other sentences (95 % intervals). A difference "
                     "above 0 means readers stumble where the rule fires."))
        st.dataframe(precision, hide_index=True, use_container_width=True)
        st.download_button(_("Download as CSV"), R.to_csv(precision),
                           file_name=f"{study_id}-rules-vs-readers.csv", mime="text/csv",
                           key="r_rules_csv")
    missed = R.missed_by_rules(heat)
    if missed:
        st.subheader(_("Sentences readers found confusing"))
        st.caption(_("An empty 'flagged_by' means no rule flagged the sentence: a gap in the "
                     "rules for a language expert to look at."))
        st.dataframe(missed, hide_index=True, use_container_width=True)


with tab_heat:
    show_heat()

with tab_ab:
    pairs = {}
    for v in versions:
        pairs.setdefault((v["letter_id"], v["lang"]), set()).add(v["label"])
    comparable = {k: sorted(v) for k, v in pairs.items() if len(v) >= 2}
    if not comparable:
        st.caption(_("This study has one version of each letter. Add versions to the study "
                     "to compare them."))
    else:
        key = st.selectbox(_("Letter and language"), list(comparable), key="r_ab",
                           format_func=lambda k: f"{k[0]} · {k[1]}")
        labels = comparable[key]
        a = st.selectbox("A", labels, index=0, key="r_ab_a")
        b = st.selectbox("B", labels, index=1, key="r_ab_b")
        result = R.ab_compare(study, rows, key[0], key[1], a, b)
        points = []
        names = {"questions": _("Comprehension questions, % right"),
                 "cloze": _("Cloze test, % exact words")}
        for name, diff in result.items():
            label = names[name]
            if diff is None:
                st.caption(_("{what}: not enough answers yet.").format(what=label))
                continue
            scale = 100 if name == "questions" else 1  # both in percentage points
            st.metric(_("{what}: B − A").format(what=label), f"{diff.diff * scale:+.1f}",
                      help=diff.method)
            st.caption(_("A {a:.1f}, B {b:.1f} (n = {na}, {nb}); 95 % interval {low:+.1f} to "
                         "{high:+.1f}").format(a=diff.a * scale, b=diff.b * scale, na=diff.n_a,
                                               nb=diff.n_b, low=diff.low * scale,
                                               high=diff.high * scale))
            points.append({"measure": label, "diff": diff.diff * scale,
                           "low": diff.low * scale, "high": diff.high * scale})
        if points:
            frame = pd.DataFrame(points)
            base = alt.Chart(frame).encode(y=alt.Y("measure:N", title=None))
            chart = (base.mark_rule(strokeWidth=3).encode(
                x=alt.X("low:Q", title=_("difference B − A (percentage points)")), x2="high:Q")
                + base.mark_point(size=120, filled=True).encode(x="diff:Q"))
            st.altair_chart(chart, use_container_width=True)

with tab_bg:
    background = [r for r in rows if r["task_id"] == "background"]
    if background:
        frame = pd.DataFrame([{"participant": r["participant"], "question": r["item"],
                               "answer": str(r["value"])} for r in background])
        st.dataframe(frame.pivot_table(index="participant", columns="question", values="answer",
                                       aggfunc="first"), use_container_width=True)
    times = R.time_table(store.study_times(study_id), people)
    if times:
        st.subheader(_("Time on each task"))
        frame = pd.DataFrame(times)
        frame["step"] = frame["letter"] + " · " + frame["task"]
        st.bar_chart(frame, x="step", y="median_seconds", horizontal=True)
        st.dataframe(frame, hide_index=True, use_container_width=True)
