"""Speed of the preview app's engine work, against the targets of issue 6.

1. Writer view: re-render and re-lint one letter in one language (render_letter in preview
   mode, the language layer, readability figures, the linter, the marked HTML), warm.
   Target: under 300 ms.
   And the same after a template edit: the catalogue is loaded again from disk (what the
   writer view does when a file changed), then rendered, linted and marked.
2. Participant "Next": one script run of the participant page (AppTest, server side, the
   highlighter page with its form and a question page). Target: under 300 ms.
3. Saving an answer with 30 participants answering at the same time (threads, as in the
   Streamlit server) on a fresh SQLite file in WAL mode. Target: p95 under 50 ms.

    .venv/bin/python benchmarks/panel_speed.py [--participants 30] [--answers 60]
        [--database URL]   # e.g. a PostgreSQL URL instead of the SQLite default
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.catalog import load_catalog  # noqa: E402
from letterkit.panel import load_study, pin_study  # noqa: E402
from letterkit.panel.store import Store, make_engine, meta, metadata  # noqa: E402
from letterkit.panel.writer import linter_available, writer_view  # noqa: E402
from letterkit.project import find_project  # noqa: E402
from letterkit.render import render_letter  # noqa: E402

WRITER_TARGET_MS = 300
SAVE_TARGET_MS = 50


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def writer_figures(repeat: int) -> bool:
    project = find_project(ROOT)
    catalog = load_catalog(project.letters_dir, project.kinds)
    print(f"Writer view: render + lint + figures + marked HTML, warm, {repeat} runs each "
          f"(linter {'on' if linter_available() else 'NOT AVAILABLE'})")
    worst = 0.0
    for letter_id, letter in sorted(catalog.letters.items()):
        for lang in letter.languages:
            writer_view(render_letter(letter, lang, "default", preview=True),
                        project.config.data)  # warm-up: caches, rule packs, lexicons
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                view = writer_view(render_letter(letter, lang, "default", preview=True),
                                   project.config.data)
                times.append((time.perf_counter() - start) * 1000)
            worst = max(worst, pct(times, 95))
            print(f"  {letter_id:32} {lang}  median {statistics.median(times):6.1f} ms  "
                  f"p95 {pct(times, 95):6.1f} ms  ({len(view.marks)} marks)")
    ok = worst < WRITER_TARGET_MS
    print(f"  worst p95 {worst:.1f} ms; target < {WRITER_TARGET_MS} ms: "
          f"{'met' if ok else 'MISSED'}")
    return ok


def edit_figures(repeat: int) -> bool:
    """Writer view after an edit: copy the letters, change a template, reload, re-render."""
    import shutil

    project = find_project(ROOT)
    worst = 0.0
    print(f"Writer view after a template edit (catalogue reloaded), {repeat} edits each")
    with tempfile.TemporaryDirectory() as tmp:
        letters = Path(tmp) / "letters"
        shutil.copytree(project.letters_dir, letters)
        for letter_id in sorted(p.name for p in letters.iterdir() if not p.name.startswith("_")):
            for lang in ("fi", "sv", "en"):
                template = letters / letter_id / f"{lang}.md.j2"
                original = template.read_text(encoding="utf-8")
                times = []
                for n in range(repeat + 1):
                    template.write_text(original + f"\n{{# edit {n} #}}\n", encoding="utf-8")
                    start = time.perf_counter()
                    letter = load_catalog(letters, project.kinds).letters[letter_id]
                    writer_view(render_letter(letter, lang, "default", preview=True),
                                project.config.data)
                    if n:  # the first one warms the language layer
                        times.append((time.perf_counter() - start) * 1000)
                template.write_text(original, encoding="utf-8")
                worst = max(worst, pct(times, 95))
                print(f"  {letter_id:32} {lang}  median {statistics.median(times):6.1f} ms  "
                      f"p95 {pct(times, 95):6.1f} ms")
    ok = worst < WRITER_TARGET_MS
    print(f"  worst p95 {worst:.1f} ms; target < {WRITER_TARGET_MS} ms: "
          f"{'met' if ok else 'MISSED'}")
    return ok


def next_figures(repeat: int) -> bool:
    """Server-side time of the participant page's "Next" (one script run), with AppTest."""
    import os

    from streamlit.testing.v1 import AppTest

    project = find_project(ROOT)
    study = load_study(ROOT / "studies" / "panel-2026-12.yaml")
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'next.sqlite'}"
        os.environ["LETTERKIT_DATABASE_URL"] = url
        store = Store(make_engine(url))
        store.migrate()
        store.add_study(study, pin_study(study, project))
        token = store.create_participants(study.id, "fi", 1)[0].token
        at = AppTest.from_file(str(ROOT / "preview_app" / "app.py"), default_timeout=60)
        at.query_params["invite"] = token
        at.run()
        for _ in range(repeat):
            buttons = [b for b in at.button if b.key and b.key.startswith("next_")] or [
                b for b in at.button if b.key and b.key.startswith("FormSubmitter:hl_")][-1:]
            if not buttons:
                break
            start = time.perf_counter()
            buttons[0].click().run()
            times.append((time.perf_counter() - start) * 1000)
    if not times:
        print("Participant Next: no step measured")
        return False
    ok = pct(times, 95) < WRITER_TARGET_MS
    print(f"Participant Next (AppTest, server side), {len(times)} steps: median "
          f"{statistics.median(times):.1f} ms  p95 {pct(times, 95):.1f} ms  max "
          f"{max(times):.1f} ms; target < {WRITER_TARGET_MS} ms: {'met' if ok else 'MISSED'}")
    return ok


def save_figures(participants: int, answers: int, url: str | None) -> bool:
    project = find_project(ROOT)
    study = load_study(ROOT / "studies" / "panel-2026-12.yaml")
    pins = pin_study(study, project)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        if url:
            metadata.drop_all(engine)
            meta.drop(engine, checkfirst=True)
        store = Store(engine)
        store.migrate()
        store.add_study(study, pins)
        invites = store.create_participants(study.id, "fi", participants)
        people = [store.participant_by_token(i.token) for i in invites]
        latencies: list[list[float]] = [[] for _ in people]
        barrier = threading.Barrier(len(people))

        def run(n: int) -> None:
            me = people[n]
            barrier.wait()
            for k in range(answers):
                start = time.perf_counter()
                store.save_answer(me, "supplement-request-family-ties", "marks", str(k),
                                  "confusing" if k % 3 else "clear", None, 1200)
                latencies[n].append((time.perf_counter() - start) * 1000)

        threads = [threading.Thread(target=run, args=(n,)) for n in range(len(people))]
        wall = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - wall
        flat = [x for per in latencies for x in per]
        stored = store.count_answers(study.id)
        engine.dispose()
    name = engine.url.get_backend_name()
    print(f"Answer saves: {participants} participants at once, {answers} answers each, "
          f"{name}")
    print(f"  p50 {pct(flat, 50):.1f} ms  p95 {pct(flat, 95):.1f} ms  p99 {pct(flat, 99):.1f} ms"
          f"  max {max(flat):.1f} ms  ({len(flat) / wall:.0f} saves/s)")
    lost = participants * answers - stored
    ok = pct(flat, 95) < SAVE_TARGET_MS and lost == 0
    print(f"  stored {stored} of {participants * answers} (lost {lost}); p95 target "
          f"< {SAVE_TARGET_MS} ms: {'met' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--answers", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    ok = writer_figures(args.repeat)
    ok = edit_figures(max(3, args.repeat // 4)) and ok
    ok = next_figures(40) and ok
    ok = save_figures(args.participants, args.answers, args.database) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
