"""Interface text through gettext, in fi, sv and en, for every part of letterkit.

Catalogs are ``locales/<lang>/LC_MESSAGES/<domain>.po`` (domains: ``preview_app`` for the app,
``site`` for the documentation site's page furniture). They are compiled with Babel when first
used, in memory, so a stale ``.mo`` can never be served. English text is the message id.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

UI_LANGUAGES = ("fi", "sv", "en")


def locales_dir() -> Path:
    from letterkit.project import find_project

    return find_project(Path(__file__)).root / "locales"


@cache
def translations(lang: str, domain: str, folder: str | None = None) -> gettext.NullTranslations:
    """Compiled translations of *domain* for *lang*."""
    po = Path(folder or locales_dir()) / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str, domain: str):
    """``_`` for *lang* in *domain*."""
    return translations(lang if lang in UI_LANGUAGES else "en", domain).gettext


def compile_catalogs(domain: str, folder: Path | None = None) -> list[Path]:
    """Write ``.mo`` files beside the ``.po`` files (for installs that want files)."""
    folder = folder or locales_dir()
    written = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{domain}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name, domain=domain)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as out:
            write_mo(out, catalog)
        written.append(mo)
    return written
