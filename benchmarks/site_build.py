"""The documentation site: full build time, the largest page, and nothing loaded from outside.

    python benchmarks/site_build.py [--runs N]

Builds the site from a fresh copy of the project's content (docs/, letters/, linting/,
glossary/, guides/, training/, mkdocs.yml, pyproject.toml) with ``mkdocs build --strict``, as
``make docs`` does:

- cold: an empty cache folder (no word analyses, no catalogue lint results) and no generated
  pages, as on a fresh clone;
- warm: the same copy built again (caches filled, generated pages unchanged); the median of
  ``--runs`` builds.

Then it measures every built page's own HTML plus the SVG pictures it embeds (the theme's
shared bundle is not counted) and scans the built HTML and CSS for anything loaded from
another host (scripts, style sheets, fonts, images, media, frames). Links the content means to
show (``<a href="https://migri.fi/...">``) are fine. The JavaScript is listed by host for a
person to judge; the browser test (tests/test_site_browser.py) checks at view time that no
request leaves the site.

Targets (issue 10): full build ≤ 15 s on the 2-core project machine; no page over 200 KB.
Exit 1 when something is loaded from outside.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
CONTENT = ("docs", "letters", "linting", "glossary", "guides", "training")
BUILD_TARGET_S = 15.0
PAGE_TARGET_KB = 200.0
TAGS = re.compile(r"<(script|link|img|source|track|video|audio|iframe|embed|object)\b[^>]*>",
                  re.I)
ATTRS = re.compile(r'\b(src|href|data|poster|srcset|rel)="([^"]*)"', re.I)
LOAD_RELS = {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}
CSS_LOADS = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])(https?://[^'\")\s]+)", re.I)
JS_URLS = re.compile(r"https?://[A-Za-z0-9.-]+")


def build(work: Path, cache: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``mkdocs build --strict``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LETTERKIT_CACHE_DIR": str(cache),
           "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("LETTERKIT_REPO_URL", None)
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-d", str(work / "out")], cwd=work, env=env, capture_output=True,
                            text=True, check=False)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return seconds, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def page_sizes(site: Path) -> list[tuple[int, str]]:
    sizes = []
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        total = len(text.encode("utf-8"))
        for src in set(re.findall(r'<img[^>]+src="([^"]+\.svg)"', text)):
            svg = (html.parent / src).resolve()
            if svg.is_file():
                total += svg.stat().st_size
        sizes.append((total, html.relative_to(site).as_posix()))
    return sorted(sizes, reverse=True)


def external_loads(site: Path) -> list[str]:
    found = []
    for html in site.rglob("*.html"):
        for match in TAGS.finditer(html.read_text(encoding="utf-8")):
            attrs = {k.lower(): v for k, v in ATTRS.findall(match.group(0))}
            if match.group(1).lower() == "link" and not (
                    set(attrs.get("rel", "").split()) & LOAD_RELS):
                continue  # <link rel="canonical|alternate"> names a page, it loads nothing
            for key in ("src", "href", "data", "poster", "srcset"):
                if attrs.get(key, "").startswith(("http://", "https://", "//")):
                    found.append(f"{html.relative_to(site)}: {match.group(0)[:120]}")
    for css in site.rglob("*.css"):
        for url in CSS_LOADS.findall(css.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{css.relative_to(site)}: {url}")
    return found


def js_hosts(site: Path) -> dict[str, int]:
    hosts: dict[str, int] = {}
    for js in site.rglob("*.js"):
        for url in JS_URLS.findall(js.read_text(encoding="utf-8", errors="replace")):
            host = urlsplit(url).hostname or url
            hosts[host] = hosts.get(host, 0) + 1
    return dict(sorted(hosts.items(), key=lambda item: -item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm builds (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work, cache = Path(tmp) / "project", Path(tmp) / "cache"
        for name in CONTENT:
            shutil.copytree(REPO / name, work / name,
                            ignore=shutil.ignore_patterns("generated", "rules", "design.md"))
        shutil.copy(REPO / "docs" / "design.md", work / "docs" / "design.md")
        for name in ("mkdocs.yml", "pyproject.toml"):
            shutil.copy(REPO / name, work / name)
        cold = build(work, cache)
        warm = [build(work, cache) for _ in range(max(1, args.runs))]
        site = work / "out"
        pages = page_sizes(site)
        loads = external_loads(site)
        hosts = js_hosts(site)
        count = sum(1 for _ in site.rglob("index.html"))
    median = statistics.median(w for w, _cpu in warm)
    median_cpu = statistics.median(c for _w, c in warm)
    load = os.getloadavg()[0]
    print(f"site build (mkdocs build --strict, {count} pages in 3 languages; "
          f"load average {load:.1f} on {os.cpu_count()} cores):")
    print(f"  cold (fresh copy, empty caches): {cold[0]:6.2f} s wall, {cold[1]:6.2f} s CPU   "
          f"target ≤ {BUILD_TARGET_S:.0f} s: {'met' if cold[0] <= BUILD_TARGET_S else 'MISSED'}")
    print(f"  warm (median of {len(warm)}: {', '.join(f'{w:.2f}' for w, _ in warm)}): "
          f"{median:6.2f} s wall, {median_cpu:6.2f} s CPU   target ≤ {BUILD_TARGET_S:.0f} s: "
          f"{'met' if median <= BUILD_TARGET_S else 'MISSED'}")
    print(f"largest pages (own HTML + embedded SVG), target ≤ {PAGE_TARGET_KB:.0f} KB: "
          f"{'met' if pages[0][0] / 1024 <= PAGE_TARGET_KB else 'MISSED'}")
    for size, name in pages[:5]:
        print(f"  {size / 1024:7.1f} KB  {name}")
    print(f"loaded from another host (HTML and CSS): {len(loads)}")
    for line in loads[:20]:
        print(f"  {line}")
    print("host names written in the JavaScript (strings, not requests; the browser test "
          "checks requests):")
    for host, n in list(hosts.items())[:10]:
        print(f"  {n:5d}  {host}")
    if loads:
        sys.exit(1)


if __name__ == "__main__":
    main()
