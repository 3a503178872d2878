"""mkdocs hooks: generate the rules, phrasebook, catalogue and customer guide pages from the project's data."""

from __future__ import annotations

from pathlib import Path

from letterkit.project import find_project
from letterkit.site import write_guide_pages, write_pages
from letterkit.site_guidance import write_guidance_pages

# --- Hooks -------------------------------------------------------------------------------

def on_pre_build(config, **_kwargs):  # noqa: ANN001 - mkdocs' hook signature
    docs_dir = Path(config["docs_dir"])
    project = find_project(docs_dir.parent)
    write_pages(docs_dir, project)
    write_guide_pages(docs_dir, project)
    write_guidance_pages(docs_dir, project)
