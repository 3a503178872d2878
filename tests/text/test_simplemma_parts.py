"""simplemma's strategies loaded for one language give simplemma's own lemmas."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from letterkit.text import simplemma_parts, wordbase

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _words(lang: str) -> list[str]:
    """Words of the project's own text in *lang*: real text with names, compounds and
    hyphens, in the forms a lint meets them (as written, lower case, capitalised)."""
    texts = [*sorted((ROOT / "benchmarks" / "data" / "official" / lang).glob("*.txt")),
             *sorted((ROOT / "letters").glob(f"*/{lang}.md.j2")),
             *sorted((ROOT / "guides").glob(f"**/{lang}.md"))]
    found: dict[str, None] = {}
    for path in texts:
        for word in WORD.findall(path.read_text(encoding="utf-8")):
            for form in (word, word.lower(), word.capitalize()):
                found.setdefault(form)
    return list(found)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_same_lemmas_as_simplemma_itself(lang):
    table = wordbase._lemma_table(lang)
    assert table is not None
    factory = wordbase._TableFactory(lang, table)
    parts = simplemma_parts.strategy(lang, factory)
    whole = wordbase.full_lemmatizer(lang, factory)
    words = _words(lang)
    # The table's own words are answered before either is asked; what matters is the rest.
    misses = [w for w in words if table.get(w) is None]
    assert len(misses) > 300
    tricky = ["Al-Hassan", "O'Brien", "naapurimaa-asiat", "e-tjänsten", "Liisa", "ahmadin"]
    differ = {w: (parts.lemmatize(w, lang), whole.lemmatize(w, lang))
              for w in [*misses, *tricky] if parts.lemmatize(w, lang) != whole.lemmatize(w, lang)}
    assert differ == {}


def test_a_lint_does_not_import_the_simplemma_package(tmp_path):
    # The point of the module: a word outside the lemma dictionary costs no package import.
    code = ("import sys\n"
            "from letterkit.text import wordbase\n"
            "print(wordbase.lemmatize('Zorblaxian', 'en'),\n"
            "      wordbase.lemmatize('ansökningarna', 'sv'))\n"
            "print('simplemma' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "Zorblaxian ansökning"
    assert out[1] == "False"

