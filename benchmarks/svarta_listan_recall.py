"""How much of Svarta listan does the Swedish pack flag? Recall on the dev set.

    .venv/bin/python benchmarks/svarta_listan_recall.py [--evalsets DIR] [--linting DIR] [--show]

``../shared/evalsets/svarta-listan-sv/entries.jsonl`` holds entries of Regeringskansliet's
Svarta listan (PM 2011:1; A–L, as converted in github.com/peterk/skrivregler-check, MIT): each
has the words to avoid (``avoid``, sometimes with a qualifier in brackets: "angå (i vissa
fraser)") and the plainer alternatives (``prefer``, empty when the list gives none). Every avoided
word, with its qualifier removed, is linted as a short Swedish text; an entry counts as found when
any Swedish rule flags one of its words at any severity, and as found at warning when a
warning- or error-level rule does. Prints recall over all entries and over the entries that
give an alternative (those a rule can suggest something for). ``--linting`` points at another
rule folder (e.g. main's, for a before/after figure). The set is a development set: the full
list is longer, so this measures coverage of its first part, not of the list. Last, it says
how the plain-words rule's list (WRD002) stands against this source: how many of its phrases
are entries of it, how many the rule marks ``unverified`` (the M–Ö part of the list, not held
here) and how many come from other guidance.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.lint import lint_text, load_rules  # noqa: E402

SERIOUS = {"warning", "error"}


def probes(entry: dict) -> list[str]:
    """The avoided words without their qualifiers: "angå (i vissa fraser)" -> "angå"."""
    out = []
    for word in entry["avoid"]:
        word = re.sub(r"\([^)]*\)", "", word).strip()
        if word:
            out.append(word)
    return out


def pack_vs_source(ruleset, entries: list[dict]) -> str:
    """How the plain-words rule's list (WRD002) stands against the source: how many of its
    phrases are entries of the part of the list held here (A-L), how many it marks
    unverified (its ``unverified`` list: the M-Ö part, which the dev set does not hold)."""
    spec = next((r.spec for r in ruleset.rules + list(ruleset.dormant)
                 if r.spec.lang == "sv" and r.code == "WRD002"), None)
    if spec is None:
        return "  WRD002 not found: no pack figures"
    swap = spec.options.get("swap", {})
    unverified = set(spec.options.get("unverified", []))
    source = {w.split()[0] for entry in entries for w in probes(entry)}
    # "anföra besvär" is the source's "besvär (om att överklaga beslut)": any content word.
    in_source = sum(1 for phrase in swap if phrase not in unverified
                    and any(w in source for w in phrase.split() if len(w) > 3))
    return (f"  WRD002 lists {len(swap)} phrases: {in_source} are entries of the source's "
            f"A-L part ({len(entries)} entries), {len(unverified)} are marked unverified "
            f"(not in the part of the list held here: M-Ö and two A-L words), "
            f"{len(swap) - in_source - len(unverified)} come from other guidance")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evalsets", type=Path, default=next(
        (p / "shared" / "evalsets" for p in ROOT.parents if (p / "shared" / "evalsets").is_dir()),
        ROOT.parent / "shared" / "evalsets"))
    parser.add_argument("--linting", type=Path, default=ROOT / "linting")
    parser.add_argument("--show", action="store_true", help="list the entries nothing flags")
    args = parser.parse_args(argv)
    path = args.evalsets / "svarta-listan-sv" / "entries.jsonl"
    if not path.is_file():
        print(f"skipped: {path} not found (the evaluation sets)")
        return 0
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    ruleset = load_rules(args.linting)
    found = serious = with_alt = with_alt_found = with_alt_serious = 0
    missed = []
    for entry in entries:
        codes = set()
        severities = set()
        for word in probes(entry):
            for f in lint_text(word, "sv", ruleset):
                if f.code in ("SPL001", "REA001"):
                    continue  # spelling and readability say nothing about officialese
                codes.add(f.code)
                severities.add(f.severity.value)
        hit = bool(codes)
        hit_serious = bool(severities & SERIOUS)
        found += hit
        serious += hit_serious
        has_alt = any(p.strip() for p in entry.get("prefer", []))
        if has_alt:
            with_alt += 1
            with_alt_found += hit
            with_alt_serious += hit_serious
        if not hit:
            missed.append(entry)
    n = len(entries)
    print(f"Svarta listan dev set ({path}), rules {args.linting}")
    print(f"  all entries:            {found}/{n} found ({found / n:.0%}), "
          f"{serious}/{n} at warning or error ({serious / n:.0%})")
    print(f"  with an alternative:    {with_alt_found}/{with_alt} found "
          f"({with_alt_found / with_alt:.0%}), {with_alt_serious}/{with_alt} at warning or error "
          f"({with_alt_serious / with_alt:.0%})")
    print(pack_vs_source(ruleset, entries))
    if args.show:
        for entry in missed:
            print(f"  not found: {', '.join(entry['avoid'])} -> {', '.join(entry['prefer'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
