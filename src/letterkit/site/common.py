"""What every generated page shares: the page furniture's words, links between languages,
the front matter that names the file a page came from, and writing files only when they change.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.i18n import gettext_for

# Page furniture only (titles, labels) comes from the gettext domain "site" in locales/; the
# texts themselves come from the rule packs, the term base and the letters, each written in
# its own language.
SITE_DOMAIN = "site"

# The names of the languages, in each language (a rule page says which languages it checks).
LANGUAGE_NAMES = {
    "fi": {"fi": "suomi", "sv": "ruotsi", "en": "englanti"},
    "sv": {"fi": "finska", "sv": "svenska", "en": "engelska"},
    "en": {"fi": "Finnish", "sv": "Swedish", "en": "English"},
}


def words(lang: str):
    """``_`` of the site's gettext domain for *lang*."""
    return gettext_for(lang, SITE_DOMAIN)


def prefix(lang: str) -> str:
    """The folder a language's pages are built in: the default language at the root."""
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def number(value, lang: str) -> str:
    """*value* as written in *lang* (Finnish and Swedish: decimal comma); "–" for None."""
    if value is None or isinstance(value, str):
        return value or "–"
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=lang)


def relative_source(path: Path | str, root: Path) -> str:
    """*path* relative to the project root, with forward slashes (for the edit link)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:  # a shipped pack outside the project: no edit link
        return ""


def page(source: str, lines: list[str]) -> str:
    """Markdown of a page, with front matter naming the file it came from (``source``):
    ``docs/hooks.py`` turns that into the page's edit link when a repository is configured."""
    head = ["---", f"source: {source}", "---", ""] if source else []
    return "\n".join(head + lines).rstrip() + "\n"


def text(value: str) -> str:
    """Data text for Markdown: HTML escaped, on one line."""
    return escape(" ".join(str(value).split()), quote=False)


def quote(value: str, lang: str) -> str:
    """A quoted example text in the quotation marks of *lang*."""
    marks = ("“", "”") if lang == "en" else ("”", "”")
    return marks[0] + text(value) + marks[1]


TABLE_LABEL = "Table (scroll sideways on a narrow screen)"
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def wrap_tables(html: str, lang: str) -> str:
    """Each table of a page's HTML in a region of its own that scrolls sideways on a narrow
    screen and can be reached and scrolled with the keyboard (WCAG 2.1.1; axe-core
    ``scrollable-region-focusable``). The table gets a class, so the theme leaves it alone."""
    _ = words(lang)
    label = escape(_(TABLE_LABEL), quote=True)
    return _TABLE.sub(lambda m: f'<div class="lk-table" role="region" tabindex="0" '
                                f'aria-label="{label}"><table class="lk-table__table">'
                                f"{m.group(1)}</table></div>", html)


def write_files(docs_dir: Path, files: dict[str, str | bytes | Path], owned: tuple[str, ...]
                ) -> list[Path]:
    """Write *files* (paths relative to *docs_dir*; a Path value is a file to copy, such as a
    video) when their content changed, and delete
    files in the *owned* folders that are no longer generated (a rule or a term that was
    removed). Returns the files written. Unchanged files keep their time stamp, so that
    ``mkdocs serve`` does not rebuild in a loop."""
    docs_dir = Path(docs_dir)
    changed = []
    for name, content in files.items():
        path = docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            if not path.is_file() or path.stat().st_size != content.stat().st_size:
                shutil.copyfile(content, path)
                changed.append(path)
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(path)
    keep = {(docs_dir / name).resolve() for name in files}
    for folder in owned:
        for path in sorted((docs_dir / folder).glob("**/*")):
            if path.is_file() and path.resolve() not in keep:
                path.unlink()
    return changed
