"""Interface text of the preview app (gettext domain ``preview_app``); see letterkit.i18n.

``pybabel compile -d locales -D preview_app`` builds the same catalogs as files.
"""

from __future__ import annotations

from pathlib import Path

from letterkit import i18n
from letterkit.i18n import UI_LANGUAGES, locales_dir

DOMAIN = "preview_app"
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}

__all__ = ["DOMAIN", "LANGUAGE_NAMES", "UI_LANGUAGES", "compile_catalogs", "gettext_for",
           "locales_dir", "translations"]


def translations(lang: str, folder: str | None = None):
    """Compiled translations for *lang*; English text is the message id itself."""
    return i18n.translations(lang, DOMAIN, folder)


def gettext_for(lang: str):
    """``_`` for *lang*."""
    return i18n.gettext_for(lang, DOMAIN)


def compile_catalogs(folder: Path | None = None) -> list[Path]:
    return i18n.compile_catalogs(DOMAIN, folder)
