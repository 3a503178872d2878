"""How long the glossary takes: loading, compiling the matchers, running the term rules.

Run: ``python benchmarks/glossary_speed.py`` from the project root.
"""

from __future__ import annotations

import time
from pathlib import Path

from letterkit.glossary import LANGS, load_glossary
from letterkit.glossary.exchange import export_tbx, import_tbx
from letterkit.glossary.matcher import matcher
from letterkit.lint import lint_text, load_rules

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<40} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    glossary = timed("load glossary/", lambda: load_glossary(ROOT / "glossary"))
    for lang in LANGS:
        timed(f"compile {lang} matcher", lambda lang=lang: matcher(glossary, lang))
    examples = {lang: " ".join(s for c in glossary for s in c.examples[lang].passing)
                for lang in LANGS}
    words = sum(len(t.split()) for t in examples.values())
    rules = load_rules(ROOT / "linting", select=("TRM",))
    timed(f"term rules on all pass examples ({words} words)",
          lambda: [lint_text(text, lang, rules, terms=glossary)
                   for lang, text in examples.items()])
    tbx = timed("export TBX", lambda: export_tbx(glossary))
    timed("import TBX", lambda: import_tbx(tbx))
    print(f"{len(glossary)} concepts, TBX {len(tbx) // 1024} KiB")


if __name__ == "__main__":
    main()
