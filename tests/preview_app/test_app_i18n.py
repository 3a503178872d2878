"""The interface text catalogs: complete in fi, sv and en, placeholders kept, compilable."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from panel_app_paths import REPO

from letterkit.i18n import translations
from letterkit.panel.i18n import DOMAIN, gettext_for

PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}")


def _extracted() -> set[str]:
    found = set()
    for folder in (REPO / "preview_app", REPO / "src" / "letterkit" / "panel"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), method_map=[("**.py", "python")]):
            if isinstance(message, str):
                found.add(message)
    return found


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_interface_text_is_translated(lang):
    path = REPO / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    messages = {m.id: m.string for m in catalog if m.id}
    missing = _extracted() - set(messages)
    assert not missing, f"run pybabel extract and add to {path.name}: {sorted(missing)}"
    for msgid, msgstr in messages.items():
        assert msgstr, f"{lang}: no translation for {msgid!r}"
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid


def test_catalogs_compile_and_speak_each_language():
    translations.cache_clear()
    assert gettext_for("fi")("Next") == "Seuraava"
    assert gettext_for("sv")("Next") == "Nästa"
    assert gettext_for("en")("Next") == "Next"
    assert gettext_for("xx")("Next") == "Next"
