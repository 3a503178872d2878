"""How often is a lint finding right? Precision per rule and per language on real text by others.

    .venv/bin/python benchmarks/lint_precision.py [--evalsets DIR] [--per-rule N] [--seed S]
                                                  [--unjudged] [--write-unjudged]

Lints the real text in ``../shared/evalsets`` (see its README for sources and licences):
UD Finnish-TDT and Swedish-Talbanken segments, the eVaka e-service texts in fi/sv/en, the
plainlanguage.gov before/after pairs and OneStopEnglish articles (en), Finland-Swedish
administrative law (``benchmarks/data/finlex-sv``, public domain) and official texts free of
copyright in ``benchmarks/data/official/<lang>/`` (sources.yaml). For every rule it takes a
fixed random sample of findings (the findings already judged, then the others in the order of a
seeded hash of each finding's id: the sample is the same on every run, and narrowing a rule
only removes the findings it no longer makes) and compares it with the judgments stored in
``benchmarks/judgments/<lang>.yaml``:
each judged finding has its rule, the text found, the sentence around it, a verdict
(``true`` = a real problem a clear-language editor would fix, ``false`` = a false alarm) and a
one-line reason written by a language expert reading it.

Prints precision per rule and per language (Wilson 95 % interval, number judged) and lists the
sampled findings that have no judgment yet, so a judge can add them (``--write-unjudged``
appends them to the judgment files with ``verdict: null``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.lint import lint_text, load_rules  # noqa: E402

JUDGMENTS = ROOT / "benchmarks" / "judgments"
OFFICIAL = ROOT / "benchmarks" / "data" / "official"
SERIOUS = {"warning", "error"}
MIN_JUDGED = 10


def corpus(evalsets: Path) -> dict[str, list[tuple[str, str]]]:
    """(source id, text) per language."""
    texts: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def rows(rel: str) -> list[dict]:
        path = evalsets / rel
        if not path.is_file():
            print(f"note: {path} not found, skipped")
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]

    for row in rows("ud-fi-tdt/segments.jsonl"):
        texts["fi"].append((f"ud-fi:{row['id']}", row["text"]))
    for row in rows("ud-sv-talbanken/segments.jsonl"):
        texts["sv"].append((f"ud-sv:{row['id']}", row["text"]))
    for index, row in enumerate(rows("evaka-citizen-i18n-fi-sv-en/aligned.jsonl")):
        for lang in ("fi", "sv", "en"):
            # Interface strings of two words or fewer are labels and buttons, not prose.
            if row.get(lang) and len(row[lang].split()) > 2:
                texts[lang].append((f"evaka:{row.get('key') or index}:{lang}", row[lang]))
    for index, row in enumerate(rows("plainlanguage-gov/pairs.jsonl")):
        for side in ("before", "after"):
            texts["en"].append((f"plgov:{index}:{side}", row[side]))
    for row in rows("onestop-english/articles.jsonl"):
        texts["en"].append((f"onestop:{row['id']}", row["text"]))
    # Finland-Swedish administrative law (public domain), kept in the repository: see its README.
    law = ROOT / "benchmarks" / "data" / "finlex-sv" / "segments.jsonl"
    for line in law.read_text(encoding="utf-8").splitlines() if law.is_file() else []:
        if line.strip():
            row = json.loads(line)
            texts["sv"].append((f"finlex-sv:{row['id']}", row["text"]))
    # Official texts free of copyright (decisions of Finnish authorities, US federal works),
    # each with its source and legal basis in benchmarks/data/official/<lang>/sources.yaml.
    for path in sorted(OFFICIAL.glob("*/*.txt")):
        texts[path.parent.name].append((f"official:{path.stem}",
                                        path.read_text(encoding="utf-8")))
    return texts


def context_of(text: str, finding, width: int = 90) -> str:
    lines = text.splitlines() or [text]
    line = lines[min(finding.line, len(lines)) - 1]
    start = max(0, finding.column - 1 - width)
    return re.sub(r"\s+", " ", line[start:finding.column - 1 + width]).strip()


def finding_id(lang: str, code: str, source: str, found: str, context: str) -> str:
    digest = hashlib.sha1(f"{lang}|{code}|{source}|{found}|{context}".encode()).hexdigest()
    return digest[:12]


def collect(texts, ruleset) -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lang, items in texts.items():
        for source, text in items:
            for f in lint_text(text, lang, ruleset):
                context = context_of(text, f)
                found[(lang, f.code)].append({
                    "id": finding_id(lang, f.code, source, f.found, context),
                    "rule": f.code, "name": f.name, "severity": f.severity.value,
                    "source": source, "found": f.found, "context": context,
                    "message": f.message})
    return found


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def load_judgments(lang: str) -> dict[str, dict]:
    path = JUDGMENTS / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {item["id"]: item for item in data}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evalsets", type=Path, default=next(
        (p / "shared" / "evalsets" for p in ROOT.parents if (p / "shared" / "evalsets").is_dir()),
        ROOT.parent / "shared" / "evalsets"))
    parser.add_argument("--per-rule", type=int, default=12, help="findings sampled per rule")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--unjudged", action="store_true", help="print every unjudged finding")
    parser.add_argument("--write-unjudged", action="store_true",
                        help="append unjudged sampled findings to the judgment files")
    args = parser.parse_args(argv)
    if not args.evalsets.is_dir():
        print(f"skipped: {args.evalsets} not found (the evaluation sets)")
        return 0
    # Every rule, the opt-in ones too (off unless a project enables them): their precision is
    # measured as well, and the overall figures are given for the default rules and for all.
    ruleset = load_rules(ROOT / "linting", opt_in=True)
    opt_in = {(r.spec.lang, r.code) for r in ruleset.rules if r.spec.opt_in}
    found = collect(corpus(args.evalsets), ruleset)
    per_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_lang_all: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_lang_serious: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unjudged: dict[str, list[dict]] = defaultdict(list)
    missing: list[tuple] = []
    fired: dict[tuple[str, str], int] = {}
    print(f"{'lang':4} {'rule':28} {'sev':10} {'fired':>5} {'judged':>6} {'prec':>5}"
          "  95 % interval")
    for (lang, code) in sorted(found):
        # Each finding's place in the sample order comes from its own id: narrowing a rule
        # drops its false alarms from the sample and keeps every other sampled finding (and
        # its judgment) where it was.
        # Findings already judged come first: they were drawn at random from the rule's
        # findings, so those still found are a random sample of what the rule finds now.
        judgments = load_judgments(lang)
        items = sorted(found[(lang, code)], key=lambda item: (
            judgments.get(item["id"], {}).get("verdict") is None,
            hashlib.sha1(f"{args.seed}:{lang}:{code}:{item['id']}".encode()).hexdigest()))
        sample = list({item["id"]: item for item in items}.values())[:args.per_rule]
        verdicts = [judgments[i["id"]]["verdict"] for i in sample
                    if i["id"] in judgments and judgments[i["id"]].get("verdict") is not None]
        unjudged[lang] += [i for i in sample if judgments.get(i["id"], {}).get("verdict") is None]
        k, n = sum(bool(v) for v in verdicts), len(verdicts)
        per_lang_all[lang][0] += k
        per_lang_all[lang][1] += n
        if (lang, code) not in opt_in:
            per_lang[lang][0] += k
            per_lang[lang][1] += n
        if sample[0]["severity"] in SERIOUS and (lang, code) not in opt_in:
            per_lang_serious[lang][0] += k
            per_lang_serious[lang][1] += n
        low, high = wilson(k, n)
        first = sample[0]
        fired[(lang, code)] = len(items)
        severity = "opt-in" if (lang, code) in opt_in else first["severity"]
        if severity in SERIOUS and (n < MIN_JUDGED or k / n < 0.7):
            missing.append((lang, code, first["name"], first["severity"], k, n))
        prec = f"{k / n:5.2f}" if n else "  -  "
        flag = "  < 0.7" if n and k / n < 0.7 and first["severity"] in SERIOUS else ""
        print(f"{lang:4} {code + ' ' + first['name']:28.28} {severity:10} "
              f"{len(items):5} {n:6} {prec}  [{low:.2f}, {high:.2f}]{flag}")
    print()
    for lang, (k, n) in sorted(per_lang.items()):
        low, high = wilson(k, n)
        prec = f"{k / n:.2f}" if n else "-"
        print(f"{lang}: precision {prec} [{low:.2f}, {high:.2f}] over {n} judged findings of "
              f"the default rules ({len(unjudged[lang])} sampled findings unjudged)")
        k, n = per_lang_all[lang]
        low, high = wilson(k, n)
        print(f"    with the opt-in rules too: {k / n if n else 0:.2f} [{low:.2f}, {high:.2f}] "
              f"over {n}")
        k, n = per_lang_serious[lang]
        low, high = wilson(k, n)
        print(f"    at warning or error: {k / n if n else 0:.2f} [{low:.2f}, {high:.2f}] over {n}")
    print()
    print("Rules at warning or error that miss the target (precision >= 0.7 over >= "
          f"{MIN_JUDGED} judged findings):")
    for lang, code, name, severity, k, n in sorted(missing):
        why = (f"{k}/{n} = {k / n:.2f}" if n >= MIN_JUDGED else
               f"only {n} judged (the evaluation sets give {fired[(lang, code)]} findings)")
        print(f"  {lang} {code} {name} [{severity}]: {why}")
    if args.unjudged:
        for lang, items in sorted(unjudged.items()):
            for item in items:
                print(f"  {lang} {item['id']} {item['rule']} «{item['found']}» … {item['context']}")
    if args.write_unjudged:
        for lang, items in unjudged.items():
            known = load_judgments(lang)
            new = [{"id": i["id"], "rule": i["rule"], "found": i["found"],
                    "context": i["context"], "verdict": None, "reason": ""}
                   for i in items if i["id"] not in known]
            if new:
                path = JUDGMENTS / f"{lang}.yaml"
                with path.open("a", encoding="utf-8") as out:
                    out.write(yaml.safe_dump(new, allow_unicode=True, sort_keys=False, width=100))
                print(f"{path}: {len(new)} unjudged findings appended")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
