"""Does the easier text score easier? Prints figures; times nothing.

    .venv/bin/python benchmarks/readability_eval.py [--evalsets DIR] [--letters DIR]

- OneStopEnglish (dev): per article, elementary < intermediate < advanced (each adjacent pair and
  elementary < advanced), for each English measure and for a naive LIX.
- plainlanguage.gov (dev pairs): "after" scores easier than "before".
- Finnish and Swedish: standard text (UD treebanks) against easy texts written for this
  evaluation (tests/text/data/easy_*.jsonl) and the project's own letters, as ROC AUC
  (the chance that a random standard text scores harder than a random easy one).

Sets that are missing are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.text import analyze  # noqa: E402
from letterkit.text.measures import (  # noqa: E402
    FI_INDEX_SENTENCE_WEIGHT,
    FI_INDEX_WORD_WEIGHT,
    HEADLINE,
    MEASURES,
    count,
    measure,
)

_NAIVE_SPLIT = re.compile(r"[.!?]+")


def naive_lix(text: str) -> float:
    """LIX as a naive tool computes it: split on . ! ?, words at whitespace."""
    sentences = [s for s in _NAIVE_SPLIT.split(text) if s.strip()]
    words = [w.strip(".,;:!?\"'()[]") for w in text.split()]
    words = [w for w in words if w]
    if not words or not sentences:
        return 0.0
    return len(words) / len(sentences) + 100 * sum(len(w) > 6 for w in words) / len(words)


def scores(text: str, lang: str, markdown: bool) -> dict[str, float]:
    doc = analyze(text, lang, markdown=markdown)
    values = {k: v for k, v in measure(doc).items() if v is not None}
    values["naive_lix"] = naive_lix(text)
    if lang == "en":
        # Flesch-Kincaid with our words and syllables but sentences split only on . ! ?
        c = count(doc.sentences)
        naive_sentences = max(1, len([s for s in _NAIVE_SPLIT.split(text) if s.strip()]))
        if c.words:
            values["naive_split_fk"] = (0.39 * c.words / naive_sentences
                                        + 11.8 * c.syllables / c.words - 15.59)
    return values


def harder(name: str, a: float, b: float) -> bool:
    """True when score ``a`` means harder than ``b`` (a strict ordering)."""
    if name not in MEASURES:
        return a > b
    return a > b if MEASURES[name].higher_is_harder else a < b


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def onestop(folder: Path) -> None:
    path = folder / "onestop-english" / "articles.jsonl"
    if not path.exists():
        print(f"OneStopEnglish: skipped ({path} not found)")
        return
    by_article: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for row in read_jsonl(path):
        if row.get("split", "dev") == "dev":
            by_article[row["article"]][row["level"]] = scores(row["text"], "en", markdown=False)
    pairs = [("ele", "int"), ("int", "adv"), ("ele", "adv")]
    names = ["fk_grade", "flesch_reading_ease", "smog", "lix", "words_per_sentence", "naive_lix",
             "naive_split_fk"]
    print(f"OneStopEnglish dev: {len(by_article)} articles; % of articles where the easier "
          "level scores easier")
    print(f"  {'measure':22s}" + "".join(f"{a + '<' + b:>9s}" for a, b in pairs))
    for name in names:
        cells = []
        for easy, hard in pairs:
            ok = [harder(name, lv[hard][name], lv[easy][name]) for lv in by_article.values()
                  if easy in lv and hard in lv]
            cells.append(f"{100 * sum(ok) / len(ok):9.1f}")
        mark = "  <- headline" if name == HEADLINE["en"] else ""
        print(f"  {name:22s}" + "".join(cells) + mark)


def plainlanguage(folder: Path) -> None:
    path = folder / "plainlanguage-gov" / "pairs.jsonl"
    if not path.exists():
        print(f"plainlanguage.gov: skipped ({path} not found)")
        return
    rows = [r for r in read_jsonl(path) if r.get("split", "dev") == "dev"]
    names = ["fk_grade", "flesch_reading_ease", "smog", "lix", "words_per_sentence", "naive_lix",
             "naive_split_fk"]
    kinds = sorted({r.get("kind", "") for r in rows})
    results = {(n, k): 0 for n in names for k in [*kinds, "all"]}
    for row in rows:
        before = scores(row["before"], "en", markdown=True)
        after = scores(row["after"], "en", markdown=True)
        for n in names:
            ok = harder(n, before[n], after[n])
            results[n, row.get("kind", "")] += ok
            results[n, "all"] += ok
    sizes = {k: sum(r.get("kind", "") == k for r in rows) for k in kinds} | {"all": len(rows)}
    print(f"plainlanguage.gov dev: {len(rows)} before/after pairs; % where 'after' scores easier "
          "(block = passages, table = phrase and sentence rows)")
    print(f"  {'measure':22s}" + "".join(f"{k + f' ({sizes[k]})':>14s}" for k in [*kinds, "all"]))
    for n in names:
        mark = "  <- headline" if n == HEADLINE["en"] else ""
        print(f"  {n:22s}" + "".join(f"{100 * results[n, k] / sizes[k]:14.1f}"
                                     for k in [*kinds, "all"]) + mark)


def auc(hard: list[float], easy: list[float]) -> float:
    total = sum((h > e) + 0.5 * (h == e) for h in hard for e in easy)
    return total / (len(hard) * len(easy))


def letter_texts(letters: Path, lang: str) -> list[str]:
    """Rendered letter bodies (after the letterhead) for every letter and sample."""
    try:
        from letterkit.catalog import load_catalog
        from letterkit.render import render_letter
    except Exception:  # noqa: BLE001 - the catalogue code may be mid-change; skip letters
        return []
    texts = []
    try:
        catalog = load_catalog(letters)
    except Exception:  # noqa: BLE001 - the catalogue may be half-written; skip it
        return []
    for letter in catalog.letters.values():
        if lang not in letter.languages:
            continue
        for sample in letter.samples or {None: None}:
            try:
                rendered = render_letter(letter, lang, sample)
            except Exception:  # noqa: BLE001
                continue
            texts.append(rendered.markdown[rendered.body_start:])
    return texts


def standard_vs_easy(folder: Path, letters: Path, lang: str, treebank: str) -> None:
    path = folder / treebank / "segments.jsonl"
    if not path.exists():
        print(f"{lang}: skipped ({path} not found)")
        return
    rows = read_jsonl(path)
    standard = [scores(r["text"], lang, markdown=False) for r in rows]
    easy_path = ROOT / "tests" / "text" / "data" / f"easy_{lang}.jsonl"
    groups = {"own easy texts": [scores(r["text"], lang, markdown=True)
                                 for r in read_jsonl(easy_path)]}
    groups["project letters"] = [scores(t, lang, markdown=True)
                                 for t in letter_texts(letters, lang)]
    names = [n for n in standard[0] if n != "ovix"]
    print(f"{lang}: {len(standard)} standard segments ({treebank}) against "
          + ", ".join(f"{len(v)} {k}" for k, v in groups.items()))
    print(f"  {'measure':22s}{'standard mean':>14s}" + "".join(
        f"{k + ' mean':>22s}{'AUC':>7s}" for k in groups))
    for n in names:
        row = f"  {n:22s}{sum(s[n] for s in standard) / len(standard):14.2f}"
        for values in groups.values():
            if not values:
                row += f"{'-':>22s}{'-':>7s}"
                continue
            easy = [v[n] for v in values]
            hard = [s[n] for s in standard]
            a = auc(hard, easy) if MEASURES.get(n, None) is None or MEASURES[n].higher_is_harder \
                else auc([-h for h in hard], [-e for e in easy])
            row += f"{sum(easy) / len(easy):22.2f}{a:7.3f}"
        mark = "  <- headline" if n == HEADLINE[lang] else ""
        print(row + mark)
    if lang == "fi":
        fi_weights(standard, groups, rows)


def fi_weights(standard, groups, rows) -> None:
    """How the weights of the Finnish index change the separation (docs/readability.md)."""
    def index(v, a, b):
        return a * v["words_per_sentence"] + b * (v["wiio"] - 2.7) / 0.3

    print("  fi_index weights: a x words per sentence + b x % long base forms; AUC per group")
    for a, b in [(1, 0), (0.5, 0.05), (0.5, 0.1), (0.5, 0.15), (0.5, 0.2), (0.5, 0.3),
                 (0.4, 0.4), (0, 1)]:
        cells = []
        for name, values in groups.items():
            if values:
                hard = [index(v, a, b) for v in standard]
                cells.append(f"{name} {auc(hard, [index(v, a, b) for v in values]):.3f}")
        chosen = "  <- chosen" if (a, b) == (FI_INDEX_SENTENCE_WEIGHT, FI_INDEX_WORD_WEIGHT) else ""
        print(f"    a={a:<4} b={b:<4} " + "  ".join(cells) + chosen)
    by_genre: dict[str, list[dict[str, float]]] = defaultdict(list)
    for row, values in zip(rows, standard, strict=True):
        by_genre[row.get("genre", "?")].append(values)
    print("  standard Finnish by genre: mean fi_index / wiio / lix / words per sentence")
    for genre, values in sorted(by_genre.items(), key=lambda kv: sum(
            v["fi_index"] for v in kv[1]) / len(kv[1])):
        means = [sum(v[k] for v in values) / len(values)
                 for k in ("fi_index", "wiio", "lix", "words_per_sentence")]
        print(f"    {genre:28s} n={len(values):3d}  " + " / ".join(f"{m:.1f}" for m in means))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evalsets", type=Path, default=ROOT.parent / "shared" / "evalsets")
    parser.add_argument("--letters", type=Path, default=ROOT / "letters")
    args = parser.parse_args()
    if not args.evalsets.is_dir():
        print(f"evaluation sets not found at {args.evalsets}: nothing to evaluate")
        return
    onestop(args.evalsets)
    print()
    plainlanguage(args.evalsets)
    print()
    standard_vs_easy(args.evalsets, args.letters, "fi", "ud-fi-tdt")
    print()
    standard_vs_easy(args.evalsets, args.letters, "sv", "ud-sv-talbanken")


if __name__ == "__main__":
    main()
