"""Batch production figures: HTML end to end, .docx and PDF letters/s, peak memory 1k vs 100k.

    PYTHONPATH=src python benchmarks/batch.py [--html 100000] [--docx 400] [--pdf 100]

Each figure is a real ``letterkit batch`` run in a subprocess (every core), from a generated
JSONL file of invented cases; peak memory is the maximum RSS of the main process and its
workers (getrusage of the children is the largest single worker).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
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


def run(fmt: str, count: int, work: Path) -> tuple[float, float]:
    data = cases(work / f"cases-{fmt}-{count}.jsonl", count)
    out = work / f"out-{fmt}-{count}"
    command = [sys.executable, "-m", "letterkit", "batch", "asylum-interview-invitation",
               "--lang", "fi", "--data", str(data), "--format", fmt, "--out", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"  $ {' '.join(command[1:])}")
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--html", type=int, default=100_000)
    parser.add_argument("--docx", type=int, default=400)
    parser.add_argument("--pdf", type=int, default=100)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small, small_peak = run("html", 1000, work)
        print(f"html 1,000 letters: {small:.1f} s, peak RSS {small_peak:.0f} MB")
        seconds, peak = run("html", args.html, work)
        print(f"html {args.html:,} letters: {seconds:.1f} s end to end (target <= 30 s), "
              f"{args.html / seconds:.0f} letters/s, peak RSS {peak:.0f} MB "
              f"({(peak / small_peak - 1) * 100:+.1f} % vs 1,000; target within 10 %)")
        seconds, _ = run("docx", args.docx, work)
        print(f"docx {args.docx} letters: {args.docx / seconds:.0f} letters/s (target >= 200)")
        seconds, _ = run("pdf", args.pdf, work)
        print(f"pdf {args.pdf} letters: {args.pdf / seconds:.1f} letters/s (target >= 20)")


if __name__ == "__main__":
    main()
