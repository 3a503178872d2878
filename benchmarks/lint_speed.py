"""Lint speed against the targets of issue 14, side by side with proselint in the same run.

    python benchmarks/lint_speed.py [--runs 7] [--copies 3] [--words 100000]

(a) one letter-sized English file (benchmarks/data/letter-en.md: names, typos), whole command in
    a new process, median of --runs (wall time, and CPU time of the process), and the same
    letter in Finnish and Swedish (letter-fi.md, letter-sv.md):
      - nothing cached at all, as on the first run after installing (no compiled rule packs,
        no word tables, empty analysis store);
      - empty analysis store (the compiled cache and word tables built once before);
      - the store grown by linting the English corpus (--copies x 189 OneStopEnglish articles,
        about 128,000 words a copy);
(b) that corpus as separate files, whole command, letterkit (every language's rules loaded, as
    in the project; default --jobs, and --jobs 1) against proselint;
(c) Finnish (Voikko) and Swedish words/s in one process, warm (UD treebank segments).

Processes run with byte-code caching on (as an installed package) and with their own
LETTERKIT_CACHE_DIR and XDG_CACHE_HOME, so neither the project's var/cache nor ~/.cache is
touched.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command."""
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False,
                   env={**environ, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(runs: int, command: list[str], env: dict[str, str] | None = None,
              before=None) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        if before is not None:
            before()
        wall, cpu = run(command, env)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def letterkit(*args: str) -> list[str]:
    return [sys.executable, "-m", "letterkit", "lint", *args]


def proselint(*paths: str, config: Path) -> list[str]:
    return [sys.executable, "-m", "proselint", "check", "--config", str(config), *paths]


def verdict(ok: bool) -> str:
    return "target met" if ok else "target MISSED"


def ms(figures: tuple[float, float]) -> str:
    return f"{figures[0] * 1000:.0f} ms (CPU {figures[1] * 1000:.0f} ms)"


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
        empty, grown, home = tmp_path / "empty", tmp_path / "grown", tmp_path / "home"
        env_empty = {"LETTERKIT_CACHE_DIR": str(empty), "XDG_CACHE_HOME": str(home)}
        env_grown = {"LETTERKIT_CACHE_DIR": str(grown), "XDG_CACHE_HOME": str(home)}

        def clear_all() -> None:
            shutil.rmtree(empty, ignore_errors=True)
            shutil.rmtree(home, ignore_errors=True)

        def clear_store() -> None:
            for f in empty.glob("analyses.sqlite3*"):
                f.unlink()

        letter = letterkit(str(LETTER), "--lang", "en")
        print(f"(a) one file, {LETTER.relative_to(ROOT)} ({letter_words} words), whole command, "
              f"new process, median of {args.runs}:")
        theirs = median_of(args.runs, proselint(str(LETTER), config=config))
        cold = median_of(max(3, args.runs // 2), letter, env_empty, clear_all)
        first = median_of(args.runs, letter, env_empty, clear_store)
        run(letter, env_empty)
        again = median_of(args.runs, letter, env_empty)
        # (b) fills the grown store: the whole corpus, then the letter once. "Empty store" as
        # in (a): the rule packs compiled and the word tables built before, no analyses.
        run(letter, env_grown)
        for f in grown.glob("analyses.sqlite3*"):
            f.unlink()
        corpus_cmd = letterkit(*files, "--lang", "en")
        corpus_first = run(corpus_cmd, env_grown)
        corpus_again = run(corpus_cmd, env_grown)
        corpus_serial = run([*corpus_cmd, "--jobs", "1"], env_grown)
        run(letter, env_grown)
        rows = _rows(grown / "analyses.sqlite3")
        after = median_of(args.runs, letter, env_grown)
        print(f"    proselint {ms(theirs)}")
        print(f"    letterkit, nothing cached (first run after install) {ms(cold)}")
        print(f"    letterkit, empty analysis store {ms(first)} "
              f"({verdict(first[0] * 1000 <= TARGETS['letter_ms'])} <= {TARGETS['letter_ms']} ms)")
        print(f"    letterkit, the file's words stored {ms(again)}")
        print(f"    letterkit, store grown by {words:,} words ({rows:,} rows) "
              f"{ms(after)} ({verdict(after[0] * 1000 <= TARGETS['letter_ms'])})")
        for lang in ("fi", "sv"):  # the same letter, written in Finnish and in Swedish
            other = ROOT / "benchmarks" / "data" / f"letter-{lang}.md"
            command = letterkit(str(other), "--lang", lang)
            empty_store = median_of(args.runs, command, env_empty, clear_store)
            run(command, env_empty)
            stored = median_of(args.runs, command, env_empty)
            print(f"    letterkit --lang {lang}, {other.name} "
                  f"({len(other.read_text(encoding='utf-8').split())} words): empty analysis "
                  f"store {ms(empty_store)}, the file's words stored {ms(stored)} "
                  f"({verdict(max(empty_store[0], stored[0]) * 1000 <= TARGETS['letter_ms'])})")
        theirs_corpus = run(proselint(*files, config=config))
        print(f"(b) English corpus, {len(files)} files, {words:,} words, whole command:")
        print(f"    proselint {theirs_corpus[0]:.2f} s ({words / theirs_corpus[0]:,.0f} words/s, "
              f"CPU {theirs_corpus[1]:.2f} s)")
        for label, (took, cpu) in (("empty store", corpus_first), ("store filled", corpus_again),
                                   ("store filled, --jobs 1", corpus_serial)):
            ratio = theirs_corpus[0] / took
            print(f"    letterkit, {label} {took:.2f} s ({words / took:,.0f} words/s, CPU "
                  f"{cpu:.2f} s): {ratio:.2f}x proselint "
                  f"({verdict(ratio >= TARGETS['corpus_ratio'])} >= {TARGETS['corpus_ratio']}x)")
    _in_process(args.words)


def _rows(path: Path) -> int:
    import sqlite3

    try:
        return sqlite3.connect(path).execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    except sqlite3.Error:
        return 0


def _in_process(target_words: int) -> None:
    from letterkit.lint import lint_text
    from letterkit.project import find_project

    os.environ["LETTERKIT_NO_CACHE"] = "1"  # in this process: leave var/cache alone
    project = find_project(ROOT)
    rules = project.rules()
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
