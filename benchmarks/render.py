"""Letters rendered per second, to HTML and to plain text, over the whole catalogue.

Run with `make bench` or `python benchmarks/render.py [letters-dir] [--seconds N]`.
Counts one letter as one (letter, language, sample) render including the Jinja render, the
source map and the Markdown conversion. Prints cold (first render, templates compiled) and
warm figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from letterkit.catalog import load_catalog
from letterkit.project import find_project
from letterkit.render import render_letter
from letterkit.render.markdown import to_text
from letterkit.render.page import letter_page


def jobs(catalog):
    return [(letter, lang, sample) for letter in catalog.letters.values()
            for lang in letter.languages for sample in letter.samples]


def run(jobs_list, convert, seconds: float) -> tuple[int, float]:
    count = 0
    start = time.perf_counter()
    while True:
        for letter, lang, sample in jobs_list:
            convert(render_letter(letter, lang, sample))
            count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return count, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("letters", nargs="?", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    project = find_project()
    catalog = load_catalog(args.letters or project.letters_dir, project.kinds)
    work = jobs(catalog)
    start = time.perf_counter()
    for letter, lang, sample in work:
        letter_page(render_letter(letter, lang, sample))
    cold = time.perf_counter() - start
    print(f"catalogue: {len(catalog.letters)} letters, {len(work)} (letter, language, sample) "
          "renders per pass")
    print(f"cold first pass (compiling templates): {cold * 1000:.0f} ms")
    for name, convert in (("HTML page", letter_page),
                          ("plain text", lambda rendered: to_text(rendered.markdown)),
                          ("Markdown only", lambda rendered: rendered.markdown)):
        count, elapsed = run(work, convert, args.seconds)
        print(f"{name:>13}: {count / elapsed:8.0f} letters/s  "
              f"({elapsed / count * 1000:.2f} ms per letter, {count} renders)")


if __name__ == "__main__":
    main()
