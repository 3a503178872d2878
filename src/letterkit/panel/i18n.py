"""Interface text of the preview app through gettext, in fi, sv and en.

The ``.po`` catalogs in ``locales/<lang>/LC_MESSAGES/preview_app.po`` are the source; they are
compiled with Babel when the app starts (in memory, so a stale ``.mo`` can never be served).
``pybabel compile -d locales -D preview_app`` builds the same catalogs as files.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "preview_app"
UI_LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}


def locales_dir() -> Path:
    from letterkit.project import find_project

    return find_project(Path(__file__)).root / "locales"


@cache
def translations(lang: str, folder: str | None = None) -> gettext.NullTranslations:
    """Compiled translations for *lang*; English text is the message id itself."""
    po = Path(folder or locales_dir()) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str):
    """``_`` for *lang*."""
    return translations(lang if lang in UI_LANGUAGES else "en").gettext


def compile_catalogs(folder: Path | None = None) -> list[Path]:
    """Write ``.mo`` files beside the ``.po`` files (for installs that want files)."""
    folder = folder or locales_dir()
    written = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name, domain=DOMAIN)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as out:
            write_mo(out, catalog)
        written.append(mo)
    return written
