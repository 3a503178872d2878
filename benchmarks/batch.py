"""Batch production figures: HTML end to end, .docx and PDF letters/s, peak memory 1k vs 100k.

    PYTHONPATH=src python benchmarks/batch.py [--html 100000] [--docx 2000] [--pdf 200]
                                              [--text 100000]

A count of 0 leaves that part out (``--html 0 --docx 0 --pdf 100``: the PDF figure only);
``--text`` is left out unless given.

Each figure is a real ``letterkit batch`` run in a subprocess (every core), from a generated
JSONL file of invented cases. Besides the wall clock it prints the CPU time of the command and
its workers (wait4), which does not depend on what else the machine runs, and the letters/s
that makes on free cores. Peak memory is the whole run's (main process + workers, summed from
/proc every 50 ms) and the largest single process's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cases(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            record = {
                "recipient_name": f"Aino Esimerkki {number}",
                "recipient_address": ["Esimerkkitie 1 A 2", "00100 Helsinki"],
                "letter_date": "2026-11-23", "case_number": f"TUR/2026/{number:06d}",
                "interview_at": "2026-12-09 09:00", "interview_hours": 4,
                "interview_address": ["Esimerkkikatu 1", "70100 Kuopio"],
                "interview_language": "dari", "documents": ["passi", "todistukset"],
                "handler_name": "Tuomas Virta", "contact_phone": "0295 000 000",
                "contact_hours": "arkisin klo 9.00–15.00", "signer_name": "Tuomas Virta",
                "signer_title": "ylitarkastaja", "signer_unit": "Turvapaikkayksikkö",
            }
            if number % 3:  # two cases in three have legal counsel
                record["counsel_name"] = "Jussi Salmela"
            handle.write(json.dumps(record) + "\n")
    return path


def _tree_rss(root: int) -> int:
    """Resident memory of *root* and its descendants now, in bytes (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


@dataclass
class Figures:
    seconds: float  # wall clock, end to end
    cpu: float  # user + system seconds of the command and every worker
    peak_process_mb: float  # the largest single process (getrusage)
    peak_tree_mb: float  # the whole run: main process + workers, sampled every 50 ms
    load: float  # the machine's 1-minute load average when the run ended


def run(fmt: str, count: int, work: Path, data: Path | None = None) -> Figures:
    data = data or cases(work / f"cases-{fmt}-{count}.jsonl", count)
    out = work / f"out-{fmt}-{count}"
    command = [sys.executable, "-m", "letterkit", "batch", "asylum-interview-invitation",
               "--lang", "fi", "--data", str(data), "--format", fmt, "--out", str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    peak_tree = 0
    while True:  # wait4 gives the CPU time and peak RSS of the command and its workers
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak_tree = max(peak_tree, _tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    print(f"  $ {' '.join(command[1:])}")
    return Figures(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   peak_tree / 2**20, os.getloadavg()[0])


def _rates(label: str, count: int, figures: Figures, target: str) -> None:
    cores = os.cpu_count() or 1
    print(f"{label} {count:,} letters: {figures.seconds:.1f} s end to end, "
          f"{count / figures.seconds:,.0f} letters/s ({target}); CPU {figures.cpu:.1f} s = "
          f"{figures.cpu / count * 1000:.2f} ms a letter, so {cores * count / figures.cpu:,.0f}"
          f" letters/s on {cores} free cores; load average {figures.load:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--html", type=int, default=100_000)
    parser.add_argument("--docx", type=int, default=2000)
    parser.add_argument("--pdf", type=int, default=200)
    parser.add_argument("--text", type=int, default=0)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; the machine may be shared: the CPU time per letter is the "
          "figure that does not depend on what else runs")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.html:
            _html(args.html, work)
        if args.text:
            _rates("text", args.text, run("text", args.text, work), "")
        if args.docx:
            _rates("docx", args.docx, run("docx", args.docx, work), "target >= 200 letters/s")
        if args.pdf:
            _rates("pdf", args.pdf, run("pdf", args.pdf, work), "target >= 20 letters/s")


def _html(count: int, work: Path) -> None:
    small = run("html", 1000, work)
    _rates("html", 1000, small, "")
    big = run("html", count, work)
    _rates("html", count, big, "target: 100,000 in <= 30 s")
    print(f"peak memory, whole run (main + workers): {small.peak_tree_mb:.0f} MB for 1,000, "
          f"{big.peak_tree_mb:.0f} MB for {count:,} "
          f"({(big.peak_tree_mb / small.peak_tree_mb - 1) * 100:+.1f} %; target within "
          f"10 %); largest process {small.peak_process_mb:.0f} MB vs "
          f"{big.peak_process_mb:.0f} MB")
    stdin = work / "stdin.jsonl"
    cases(stdin, count)
    piped = _stdin_run(stdin, work)
    print(f"html {count:,} letters, JSONL on standard input: peak memory "
          f"{piped.peak_tree_mb:.0f} MB, {count / piped.seconds:,.0f} letters/s")
    again = run("html", count, work, work / f"cases-html-{count}.jsonl")
    print(f"html {count:,} unchanged re-run (resume, nothing rendered): "
          f"{again.seconds:.1f} s, peak memory {again.peak_tree_mb:.0f} MB")


def _stdin_run(data: Path, work: Path) -> Figures:
    out = work / "out-stdin"
    command = [sys.executable, "-m", "letterkit", "batch", "asylum-interview-invitation",
               "--lang", "fi", "--data", "-", "--format", "html", "--out", str(out)]
    start = time.perf_counter()
    with data.open("rb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, stdin=handle, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        peak_tree = 0
        while process.poll() is None:
            peak_tree = max(peak_tree, _tree_rss(process.pid))
            time.sleep(0.05)
    print(f"  $ {' '.join(command[1:])} < {data.name}")
    return Figures(time.perf_counter() - start, 0, 0, peak_tree / 2**20, os.getloadavg()[0])


if __name__ == "__main__":
    main()
