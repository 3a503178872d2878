"""Lint speed against the targets of issue 14, side by side with proselint in the same run.

    python benchmarks/lint_speed.py [--runs 7] [--copies 3] [--words 100000]

(a) one letter-sized English file (benchmarks/data/letter-en.md: names, typos), whole command in
    a new process, median of --runs: with an empty analysis store, and with one grown by linting
    the English corpus (--copies x 189 OneStopEnglish articles, about 128,000 words a copy);
(b) that corpus as separate files, whole command, letterkit (every language's rules loaded, as
    in the project) against proselint;
(c) Finnish (Voikko) and Swedish words/s in one process, warm (UD treebank segments).

Processes run with byte-code caching on (as an installed package) and each cache state in its
own LETTERKIT_CACHE_DIR, so the project's var/cache is not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/evalsets from the main checkout, ../../shared/evalsets from a worktree
EVALSETS = next((p / "shared" / "evalsets" for p in ROOT.parents
                 if (p / "shared" / "evalsets").is_dir()), ROOT.parent / "shared" / "evalsets")
LETTER = ROOT / "benchmarks" / "data" / "letter-en.md"
TARGETS = {"letter_ms": 150, "corpus_ratio": 1.7, "fi_words_s": 20_000}


def texts(name: str) -> list[str]:
    path = EVALSETS / name
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def run(command: list[str], env: dict[str, str] | None = None) -> float:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False,
                   env={**environ, **(env or {})})
    return time.perf_counter() - start


def median_of(runs: int, command: list[str], env: dict[str, str] | None = None,
              before=None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        times.append(run(command, env))
    return statistics.median(times)


def letterkit(*args: str) -> list[str]:
    return [sys.executable, "-m", "letterkit", "lint", *args]


def proselint(*paths: str, config: Path) -> list[str]:
    return [sys.executable, "-m", "proselint", "check", "--config", str(config), *paths]


def verdict(ok: bool) -> str:
    return "target met" if ok else "target MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    run(letterkit("--version"))  # byte-code compiled once, as after pip install
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        config = tmp_path / "proselintrc.json"
        config.write_text('{"max_errors": 1000000000}', encoding="utf-8")
        corpus_dir = tmp_path / "corpus"
        corpus_dir.mkdir()
        files = []
        articles = texts("onestop-english/articles.jsonl")
        for copy in range(args.copies):
            for n, text in enumerate(articles):
                path = corpus_dir / f"{copy}-{n:03d}.md"
                path.write_text(text, encoding="utf-8")
                files.append(str(path))
        words = sum(len(t.split()) for t in articles) * args.copies
        letter_words = len(LETTER.read_text(encoding="utf-8").split())
        empty, grown = tmp_path / "empty", tmp_path / "grown"

        def clear_empty() -> None:
            for f in empty.glob("*"):
                f.unlink()

        letter = letterkit(str(LETTER), "--lang", "en")
        print(f"(a) one file, {LETTER.relative_to(ROOT)} ({letter_words} words), whole command, "
              f"new process, median of {args.runs}:")
        theirs = median_of(args.runs, proselint(str(LETTER), config=config))
        first = median_of(args.runs, letter, {"LETTERKIT_CACHE_DIR": str(empty)}, clear_empty)
        run(letter, {"LETTERKIT_CACHE_DIR": str(empty)})
        again = median_of(args.runs, letter, {"LETTERKIT_CACHE_DIR": str(empty)})
        # (b) fills the grown store: the whole corpus, then the letter once
        corpus_cmd = letterkit(*files, "--lang", "en")
        start = time.perf_counter()
        run(corpus_cmd, {"LETTERKIT_CACHE_DIR": str(grown)})
        corpus_first = time.perf_counter() - start
        corpus_again = run(corpus_cmd, {"LETTERKIT_CACHE_DIR": str(grown)})
        run(letter, {"LETTERKIT_CACHE_DIR": str(grown)})
        rows = _rows(grown / "analyses.sqlite3")
        after = median_of(args.runs, letter, {"LETTERKIT_CACHE_DIR": str(grown)})
        print(f"    proselint {theirs * 1000:.0f} ms")
        print(f"    letterkit, empty store (first run) {first * 1000:.0f} ms "
              f"({verdict(first * 1000 <= TARGETS['letter_ms'])} <= {TARGETS['letter_ms']} ms)")
        print(f"    letterkit, the file's words stored {again * 1000:.0f} ms")
        print(f"    letterkit, store grown by {words:,} words ({rows:,} rows) "
              f"{after * 1000:.0f} ms ({verdict(after * 1000 <= TARGETS['letter_ms'])})")
        theirs_corpus = run(proselint(*files, config=config))
        print(f"(b) English corpus, {len(files)} files, {words:,} words, whole command:")
        print(f"    proselint {theirs_corpus:.2f} s ({words / theirs_corpus:,.0f} words/s)")
        for label, took in (("empty store", corpus_first), ("store filled", corpus_again)):
            ratio = theirs_corpus / took
            print(f"    letterkit, {label} {took:.2f} s ({words / took:,.0f} words/s): "
                  f"{ratio:.2f}x proselint ({verdict(ratio >= TARGETS['corpus_ratio'])} "
                  f">= {TARGETS['corpus_ratio']}x)")
    _in_process(args.words)


def _rows(path: Path) -> int:
    import sqlite3

    try:
        return sqlite3.connect(path).execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    except sqlite3.Error:
        return 0


def _in_process(target_words: int) -> None:
    from letterkit.lint import lint_text, load_rules
    from letterkit.project import find_project

    project = find_project(ROOT)
    rules = load_rules(project.linting_dir)
    print(f"(c) in one process, warm (second pass), every rule of the language, "
          f"{target_words:,} words:")
    for lang, name in (("fi", "ud-fi-tdt/segments.jsonl"),
                       ("sv", "ud-sv-talbanken/segments.jsonl")):
        base = texts(name)
        chunks, count = [], 0
        while count < target_words:
            for text in base:
                chunks.append(text)
                count += len(text.split())
        text = "\n\n".join(chunks)
        lint_text(text, lang, rules)
        start = time.perf_counter()
        findings = lint_text(text, lang, rules)
        took = time.perf_counter() - start
        rate = count / took
        target = (f" ({verdict(rate >= TARGETS['fi_words_s'])} >= {TARGETS['fi_words_s']:,})"
                  if lang == "fi" else "")
        print(f"    {lang}: {rate:,.0f} words/s, {len(findings)} findings{target}")


if __name__ == "__main__":
    main()
