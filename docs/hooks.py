"""mkdocs hooks: generate the pages made from the project's data (``letterkit.site``), give each
generated page an edit link to the file it came from, fill the readability tables and write the
redirect pages from rule codes to rule names."""

from __future__ import annotations

import time
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.project import find_project
from letterkit.site import readability, rules, write_pages
from letterkit.site.common import prefix, wrap_tables
from letterkit.site.search import patch_worker
from letterkit.site_guidance import write_guidance_pages

# mkdocs-static-i18n runs the whole build once per language, hooks included: the pages are
# generated on the first run of a build and reused by the others (``mkdocs serve`` starts a
# new build on every change, so a new build time stamp generates again).
_generated: dict[str, float] = {}


def _project(config):
    return find_project(Path(config["docs_dir"]).parent)


def _language(config) -> str:
    i18n = config["plugins"].get("i18n")
    return getattr(i18n, "current_language", None) or LANGUAGES[0]


def on_startup(command, dirty, **_kwargs):  # noqa: ANN001 - mkdocs' hook signature
    _generated.clear()


def on_pre_build(config, **_kwargs):  # noqa: ANN001
    docs_dir = str(Path(config["docs_dir"]).resolve())
    if _language(config) != LANGUAGES[0] and docs_dir in _generated:
        return  # another language of the same build
    project = _project(config)
    write_pages(Path(docs_dir), project)
    write_guidance_pages(Path(docs_dir), project)  # the writing guide and staff training
    _generated[docs_dir] = time.time()


def _edit_base(config) -> str | None:
    """The repository's edit address for files at its root: ``repo_url`` + ``edit_uri``
    without its last folder (``edit/main/docs/`` edits docs/; a rule file is at the root)."""
    repo, edit = config.get("repo_url"), config.get("edit_uri")
    if not repo or not edit:
        return None
    docs = Path(config["docs_dir"]).name + "/"
    root = edit[: -len(docs)] if edit.endswith(docs) else edit
    return repo.rstrip("/") + "/" + root.strip("/") + "/"


def on_page_markdown(markdown, page, config, **_kwargs):  # noqa: ANN001
    source = page.meta.get("source")
    if source is not None:  # a generated page: edit the data it came from, or nothing
        base = _edit_base(config)
        page.edit_url = base + source if base and source else None
    if page.file.src_uri.startswith("readability"):
        markdown = readability.fill(markdown, _language(config), _project(config))
    return markdown


def on_page_content(html, page, config, **_kwargs):  # noqa: ANN001
    return wrap_tables(html, _language(config))


def on_post_build(config, **_kwargs):  # noqa: ANN001
    # mkdocs-static-i18n keeps one site_dir and puts each language under its prefix (sv/, en/).
    lang = _language(config)
    rules.write_redirects(Path(config["site_dir"]) / prefix(lang), _project(config), lang)
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    if search is not None:
        patch_worker(Path(config["site_dir"]), list(search.config.lang or ["en"]))
