"""Writer preview: a letter as the reader will see it, findings marked, figures against targets.

The catalogue is reloaded whenever a file under letters/ changes (its fingerprint is part of
the cache key), and a small fragment polls for changes, so edits show without a restart.
"""

import hashlib
from pathlib import Path

import panel_ui as ui
import streamlit as st

from letterkit.catalog import load_catalog
from letterkit.errors import LetterkitError
from letterkit.panel.versions import git_state, text_hash
from letterkit.panel.writer import (
    DOWNLOAD_TYPES,
    KIND_LABELS,
    aligned_sections_html,
    download_name,
    findings_list_html,
    legend_html,
    letter_file,
    writer_view,
)
from letterkit.render import render_letter
from letterkit.text.measures import MEASURES

ui.require_researcher()
_ = ui.tr()
project = ui.project()


def fingerprint() -> str:
    """A digest of every file's name, size and modification time under letters/."""
    digest = hashlib.sha256()
    for path in sorted(project.letters_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=8)
def catalog(letters_dir: str, files_fingerprint: str):
    """The catalogue; a new fingerprint (any file changed) loads it again."""
    return load_catalog(Path(letters_dir), project.kinds, project)


current = fingerprint()
st.session_state.lk_letters_fp = current
cat = catalog(str(project.letters_dir), current)

st.title(_("Writer preview"))
for problem in cat.problems[:5]:
    st.error(ui.md_escape(f"{problem.location}: {problem.message}"))
if not cat.letters:
    st.info(_("There are no letters in {folder}.").format(folder=project.letters_dir))
    st.stop()

top = st.columns([3, 2, 3])
letter_id = top[0].selectbox(_("Letter"), sorted(cat.letters), key="w_letter")
letter = cat.letters[letter_id]
samples = sorted(letter.samples) or ["default"]
sample = top[1].selectbox(_("Sample"), samples, key="w_sample",
                          index=samples.index("default") if "default" in samples else 0)
choices = [*letter.languages, "all"]
view = top[2].radio(_("Language"), choices, horizontal=True, key="w_lang",
                    format_func=lambda c: _("all three") if c == "all" else c)
follow = st.toggle(_("Follow file changes"), value=True, key="w_follow",
                   help=_("Reload the preview when a letter file changes."))

if follow:
    @st.fragment(run_every=2.0)
    def _watch() -> None:
        if fingerprint() != st.session_state.get("lk_letters_fp"):
            st.rerun(scope="app")

    _watch()

commit, dirty = git_state(project.root, [letter.path, project.letters_dir / "_shared"])
langs = list(letter.languages) if view == "all" else [view]
views = {}
for lang in langs:
    try:
        rendered = render_letter(letter, lang, sample, preview=True, project=project)
    except LetterkitError as exc:
        st.error(ui.md_escape(str(exc)))
        continue
    views[lang] = writer_view(rendered, project.config.data, project)

if not views:
    st.stop()

version_line = _("Version {version} · {status} · commit {commit}{dirty}").format(
    version=letter.version, status=letter.status,
    commit=(commit or _("no git"))[:10], dirty=_(" (with uncommitted changes)") if dirty else "")
st.caption(version_line)

first = next(iter(views.values()))
if first.lint_note:
    st.info(_("Linter not available: {reason} The letter, the readability figures and the long "
              "sentences are shown.").format(reason=first.lint_note))
kinds = sorted({k for v in views.values() for k in v.kinds})
if kinds:
    st.html(ui.LETTER_CSS + legend_html(kinds, _))


def figures_table(v) -> list[dict]:  # noqa: ANN001
    headline = v.figures["difficulty"]
    rows = []
    for t in v.targets:
        measure = MEASURES[t["measure"]]
        rows.append({_("met"): "✓ " + _("yes") if t["ok"] else "✗ " + _("NO"),
                     _("measure"): measure.label, _("value"): t["value"],
                     _("target"): ("≤ " if t["kind"] == "max" else "≥ ") + f"{t['target']:g}",
                     _("band"): measure.band(t["value"])})
    if headline["measure"] not in {t["measure"] for t in v.targets}:
        rows.insert(0, {_("met"): "", _("measure"): MEASURES[headline["measure"]].label,
                        _("value"): headline["value"], _("target"): "",
                        _("band"): headline["band"]})
    return rows


def findings_rows(v) -> list[dict]:  # noqa: ANN001
    rows = []
    for mark in sorted(v.marks, key=lambda m: m.start):
        where = mark.path and f"{mark.path}:{mark.line}:{mark.column}"
        if not where:
            pos = v.rendered.locate(mark.start)
            where = f"{pos.path}:{pos.line}" if pos else ""
        rows.append({_("message"): mark.message, _("text"): v.rendered.markdown[
                         mark.start:mark.end][:80], _("suggestion"): mark.suggestion,
                     _("severity"): mark.severity, _("code"): mark.code,
                     _("kind"): _(KIND_LABELS.get(mark.kind, "other finding")),
                     _("where"): where, _("rule page"): mark.url or None})
    return rows


def show_details(v) -> None:  # noqa: ANN001
    if v.missing:
        st.warning(_("Missing values (highlighted in the letter): {names}").format(
            names=", ".join(v.missing)))
    st.dataframe(figures_table(v), hide_index=True, use_container_width=True, column_config={
        _("met"): st.column_config.TextColumn(width="small"),
        _("band"): st.column_config.TextColumn(width="medium")})
    rows = findings_rows(v)
    digest = text_hash(v.rendered.markdown)[:12]
    st.caption(_("{words} words, {sentences} sentences").format(
        words=v.figures["words"], sentences=v.figures["sentences"])
        + " · " + _("{n} marks").format(n=len(rows)) + f" · sha256 {digest}")
    if rows:
        st.dataframe(rows, hide_index=True, use_container_width=True, column_config={
            _("message"): st.column_config.TextColumn(width="large"),
            _("rule page"): st.column_config.LinkColumn(_("rule page"))})


def downloads(v, lang: str) -> None:  # noqa: ANN001
    """The .docx and the PDF of the letter shown, made only when the button is clicked."""
    from letterkit.errors import ProblemsError
    from letterkit.render import letters_root
    from letterkit.render.layout import load_layout

    # A broken letters/_shared/layout.yaml: say what is wrong where, instead of a download
    # that fails with a traceback when it is clicked (read again only when the files change).
    try:
        load_layout(letters_root(v.rendered.letter), lang)
        broken = []
    except ProblemsError as exc:
        broken = exc.problems
    if broken:
        st.error(ui.md_escape(_("No .docx or PDF until the print layout is fixed:") + "\n\n"
                              + "\n\n".join(f"{p.location}: {p.message}" for p in broken)))
        return
    labels = {"docx": _("Download .docx"), "pdf": _("Download PDF")}
    columns = st.columns(len(DOWNLOAD_TYPES))
    for column, (fmt, mime) in zip(columns, DOWNLOAD_TYPES.items(), strict=True):
        column.download_button(
            labels[fmt], data=lambda fmt=fmt: letter_file(v.rendered, fmt),
            file_name=download_name(letter_id, lang, sample, fmt), mime=mime,
            key=f"w_download_{fmt}_{lang}", on_click="ignore", icon=":material/download:",
            help=_("The letter as {format}, from the same layout as the batch output.").format(
                format=".docx" if fmt == "docx" else "PDF"))


if len(views) == 1:
    (lang, v), = views.items()
    left, right = st.columns([3, 2])
    with left:
        reading = ui.listen(v.rendered.markdown, lang, v.rendered.body_start,
                            f"w_listen|{letter_id}|{sample}|{lang}")
        st.html(ui.letter_box(reading or v.html, lang, a4=True))
        downloads(v, lang)
    with right:
        st.subheader(_("Findings in the letter"))
        st.html(ui.LETTER_CSS + (findings_list_html(v.rendered.markdown, v.marks, _)
                                 or ui.esc(_("No findings."))))
        st.subheader(_("Figures"))
        show_details(v)
else:
    # One row per section, the languages side by side, so that the same section can be
    # compared across languages; on a narrow screen (a phone) one language at a time, chosen
    # with the switcher (hidden where the languages fit side by side).
    narrow = st.segmented_control(_("Language shown"), list(views), default=next(iter(views)),
                                  key="w_narrow_lang", required=True,
                                  help=_("On a narrow screen the languages are shown one at "
                                         "a time."))
    st.html(ui.LETTER_CSS + aligned_sections_html({lang: v.html for lang, v in views.items()},
                                                  narrow=narrow))
    tabs = st.tabs(list(views))
    for tab, (lang, v) in zip(tabs, views.items(), strict=True):
        with tab:
            downloads(v, lang)
            st.html(ui.LETTER_CSS + findings_list_html(v.rendered.markdown, v.marks, _))
            show_details(v)
