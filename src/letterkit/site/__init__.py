"""Pages of the documentation site generated from the project's data.

``docs/hooks.py`` calls :func:`write_pages` before ``mkdocs build``. Each module of this
package makes one part of the site, in every language, from the data it documents:

- :mod:`.rules`: the rules index and one page per rule (``rules/<name>/``), with the letters
  each rule flags now and the customer panel's figures for it;
- :mod:`.letters`: the catalogue and one page per letter;
- :mod:`.terms`: the phrasebook and one page per concept of the term base;
- :mod:`.guides`: the customer guides with their pictures and videos;
- :mod:`.readability`: the measures table of the readability page.

Pages are real files (mkdocs-static-i18n cannot handle virtual ones) under ``docs/`` (git
ignores them), written only when their content changed, so that ``mkdocs serve`` does not loop.
Each page's front matter names the file it came from (``source:``), for its edit link. To add
a part, write a module with a ``pages(project, ...)`` function and add it to :func:`generate`.
"""

from __future__ import annotations

from pathlib import Path

from letterkit.project import Project
from letterkit.site import guides, letters, rules, terms
from letterkit.site.common import write_files

# Folders whose every file is generated: a file there that is no longer made is deleted.
OWNED = (rules.FOLDER, letters.FOLDER, terms.FOLDER, guides.FOLDER)


def generate(project: Project) -> dict[str, str | Path]:
    """Every generated file: path under ``docs/`` -> content (or a file to copy)."""
    from letterkit.site.findings import catalogue_findings
    from letterkit.site.panel import panel_figures

    findings = catalogue_findings(project)
    files: dict[str, str | Path] = {}
    files.update(rules.pages(project, findings, panel_figures(project),
                             letters.letter_titles(project)))
    files.update(letters.pages(project, findings))
    files.update(terms.pages(project))
    files.update(guides.pages(project))
    return files


def write_pages(docs_dir: Path, project: Project) -> list[Path]:
    """Write every generated page under *docs_dir*; return the files that changed."""
    return write_files(docs_dir, generate(project), OWNED)
