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
    for lang in ("fi", "sv", "en"):
        text = corpus(lang, args.words)
        if lang == "en":
            english = text
        words = len(text.split())
        cold = timed(lambda text=text, lang=lang: lint_text(text, lang, rules))
        findings: list = []
        warm = timed(lambda text=text, lang=lang, out=findings: out.extend(
            lint_text(text, lang, rules)))
        print(f"{lang}: {words} words, first run {cold:.2f} s ({words / cold:,.0f} words/s), "
              f"warm {warm:.2f} s ({words / warm:,.0f} words/s), {len(findings)} findings")
    if shutil.which("proselint") or _has_module("proselint"):
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as handle:
            handle.write(english)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "proselint", "check", handle.name],
                       capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        words = len(english.split())
        print(f"proselint on the same English text: {elapsed:.2f} s ({words / elapsed:,.0f} "
              "words/s, including its start-up)")
    else:
        print("proselint is not installed; `pip install proselint` to compare side by side")
    letter = next(iter(sorted((ROOT / "letters").glob("*/letter.yaml")))).parent
    print(f"cold `letterkit lint {letter.relative_to(ROOT)}` (one letter, every language and "
          f"sample): {cold_cli(str(letter.relative_to(ROOT))) * 1000:.0f} ms (best of 3)")
    print(f"cold `letterkit lint` (whole catalogue): {cold_cli() * 1000:.0f} ms (best of 3)")
    sample = ROOT / "README.md"
    print(f"cold `letterkit lint README.md --lang en` (one file): "
          f"{cold_cli(str(sample.relative_to(ROOT)), '--lang', 'en') * 1000:.0f} ms (best of 3)")


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    main()
