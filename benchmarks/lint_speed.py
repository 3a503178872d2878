"""Lint speed: words per second per language (warm, whole rule pack), cold `letterkit lint`
of the catalogue and of one file, and proselint on the same English text when installed.

    python benchmarks/lint_speed.py [--words 100000]

Texts: OneStopEnglish articles (en), UD Finnish-TDT (fi) and UD Swedish-Talbanken (sv)
segments from ../shared/evalsets, repeated to the word count; without the evalsets the
project's own letters are used.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from letterkit.lint import lint_text, load_rules
from letterkit.project import find_project

ROOT = Path(__file__).resolve().parent.parent
EVALSETS = ROOT.parent / "shared" / "evalsets"
SOURCES = {
    "en": ("onestop-english/articles.jsonl", "text"),
    "fi": ("ud-fi-tdt/segments.jsonl", "text"),
    "sv": ("ud-sv-talbanken/segments.jsonl", "text"),
}


def corpus(lang: str, words: int) -> str:
    name, key = SOURCES[lang]
    path = EVALSETS / name
    if path.exists():
        texts = [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        texts = [p.read_text(encoding="utf-8") for p in (ROOT / "letters").rglob(f"{lang}.md.j2")]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            paragraphs.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(paragraphs)


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def cold_cli(*args: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "letterkit", "lint", *args], cwd=ROOT,
                       capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    project = find_project(ROOT)
    rules = load_rules(project.linting_dir)
    per_lang = ", ".join(f"{lang} {len(rules.for_lang(lang))}" for lang in ("fi", "sv", "en"))
    print(f"rules: {len(rules.rules)} ({per_lang})")
    english = ""
    english_warm = 0.0
    for lang in ("fi", "sv", "en"):
        text = corpus(lang, args.words)
        if lang == "en":
            english = text
        words = len(text.split())
        cold = timed(lambda text=text, lang=lang: lint_text(text, lang, rules))
        findings: list = []
        warm = timed(lambda text=text, lang=lang, out=findings: out.extend(
            lint_text(text, lang, rules)))
        if lang == "en":
            english_warm = warm
        print(f"{lang}: {words} words, first run {cold:.2f} s ({words / cold:,.0f} words/s), "
              f"warm {warm:.2f} s ({words / warm:,.0f} words/s), {len(findings)} findings")
    if shutil.which("proselint") or _has_module("proselint"):
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "english.md"
            big.write_text(english, encoding="utf-8")
            words = len(english.split())
            config = Path(tmp) / "proselintrc.json"
            config.write_text('{"max_errors": 1000000000}', encoding="utf-8")
            theirs = _best_of(3, [sys.executable, "-m", "proselint", "--config", str(config),
                                  "check", str(big)])
            command = [sys.executable, "-m", "letterkit", "lint", str(big), "--lang", "en"]
            cold = _best_of(3, command, env={"LETTERKIT_NO_CACHE": "1"})
            _best_of(1, command)  # fills var/cache with this text's word analyses
            cached = _best_of(3, command)
            in_process = _proselint_in_process(english)
            if in_process is not None:
                print(f"side by side, in one process on the same {words} English words: "
                      f"proselint {in_process:.2f} s ({words / in_process:,.0f} words/s), "
                      f"letterkit warm {english_warm:.2f} s ({words / english_warm:,.0f} "
                      f"words/s): {in_process / english_warm:.2f}x")
            print(f"side by side, whole command on the same {words} English words (best of 3, "
                  f"start-up included): proselint {theirs:.2f} s; letterkit lint {cold:.2f} s "
                  f"without its analysis cache ({theirs / cold:.2f}x), {cached:.2f} s with it "
                  f"({theirs / cached:.2f}x)")
    else:
        print("proselint is not installed; `pip install proselint` to compare side by side")
    letter = next(iter(sorted((ROOT / "letters").glob("*/letter.yaml")))).parent
    print(f"cold `letterkit lint {letter.relative_to(ROOT)}` (one letter, every language and "
          f"sample): {cold_cli(str(letter.relative_to(ROOT))) * 1000:.0f} ms (best of 3)")
    print(f"cold `letterkit lint` (whole catalogue): {cold_cli() * 1000:.0f} ms (best of 3)")
    sample = ROOT / "README.md"
    print(f"cold `letterkit lint README.md --lang en` (one file): "
          f"{cold_cli(str(sample.relative_to(ROOT)), '--lang', 'en') * 1000:.0f} ms (best of 3)")


def _proselint_in_process(text: str) -> float | None:
    """proselint's own linting of *text* after a warm-up, as its library runs it."""
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    # NOTE: proselint stops after max_errors (1000 by default); lift it so it reads it all.
    config = {**DEFAULT, "max_errors": 10**9}
    LintFile("warm-up.md", text[:2000]).lint(config)
    start = time.perf_counter()
    results = LintFile("english.md", text).lint(config)
    elapsed = time.perf_counter() - start
    print(f"proselint found {len(results)} problems")
    return elapsed


def _best_of(runs: int, command: list[str], env: dict | None = None) -> float:
    import os

    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False,
                       env={**os.environ, **(env or {})})
        best = min(best, time.perf_counter() - start)
    return best


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    main()
