"""Results of a study: per letter version and language, from the stored answers.

Everything here is plain Python over ``Store.study_rows`` so that the app, a notebook and
the tests compute the same figures. Uncertainty: a difference of two proportions gets
Newcombe's hybrid score interval (method 10, built from Wilson intervals); a difference of
two means gets a Welch interval with the normal quantile (say so when groups are small).
"""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from letterkit.panel.cloze import band
from letterkit.panel.study import Study
from letterkit.text import analyze

Z95 = 1.959963984540054
CONFUSING_SHARE = 0.3  # a sentence "found confusing" when at least this share marked it


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Difference:
    a: float
    b: float
    n_a: int
    n_b: int
    diff: float  # b - a
    low: float
    high: float
    method: str

    @property
    def clear(self) -> bool:
        """The interval excludes zero."""
        return self.low > 0 or self.high < 0


def diff_proportions(x_a: int, n_a: int, x_b: int, n_b: int) -> Difference | None:
    """B minus A with Newcombe's hybrid score 95 % interval."""
    if n_a == 0 or n_b == 0:
        return None
    p_a, p_b = x_a / n_a, x_b / n_b
    l_a, u_a = wilson(x_a, n_a)
    l_b, u_b = wilson(x_b, n_b)
    d = p_b - p_a
    low = d - math.sqrt((p_b - l_b) ** 2 + (u_a - p_a) ** 2)
    high = d + math.sqrt((u_b - p_b) ** 2 + (p_a - l_a) ** 2)
    return Difference(p_a, p_b, n_a, n_b, d, low, high, "Newcombe hybrid score (95 %)")


def diff_means(a: Sequence[float], b: Sequence[float]) -> Difference | None:
    """Mean of B minus mean of A with a Welch 95 % interval (normal quantile)."""
    if len(a) < 2 or len(b) < 2:
        return None
    m_a, m_b = statistics.fmean(a), statistics.fmean(b)
    se = math.sqrt(statistics.variance(a) / len(a) + statistics.variance(b) / len(b))
    d = m_b - m_a
    return Difference(m_a, m_b, len(a), len(b), d, d - Z95 * se, d + Z95 * se,
                      "Welch, normal approximation (95 %)")


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["letter_id"], row["label"] or "", row["lang"])


def question_table(study: Study, rows: Iterable[dict[str, Any]], lang: str = "en"
                   ) -> list[dict[str, Any]]:
    """Share right per choice question and mean key-point score per free-text question."""
    groups: dict[tuple, list[float]] = defaultdict(list)
    for row in rows:
        if not row["letter_id"] or row["score"] is None:
            continue
        try:
            task = study.letter(row["letter_id"]).task(row["task_id"])
        except KeyError:
            continue
        if task.type in ("choice", "free_text"):
            groups[(*_key(row), task.id)].append(row["score"])
    out = []
    for (letter_id, label, letter_lang, task_id), scores in sorted(groups.items()):
        task = study.letter(letter_id).task(task_id)
        right = sum(scores)
        low, high = wilson(round(right), len(scores)) if task.type == "choice" else (None, None)
        out.append({"letter": letter_id, "version": label, "lang": letter_lang,
                    "task": task_id, "type": task.type,
                    "question": task.text(lang, letter_lang), "answers": len(scores),
                    "share_right": right / len(scores), "low": low, "high": high})
    return out


def listened(rows: Iterable[dict[str, Any]]) -> set[tuple[Any, str]]:
    """``(participant, letter id)`` of every reader who used "listen" on a letter."""
    return {(r["participant"], r["letter_id"]) for r in rows
            if r["task_id"] == "listen" and r["value"] is True}


def listening_comparison(study: Study, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Right answers to the choice questions of each letter by readers who listened to it and
    by readers who did not, with the difference (B = listened, A = did not) and its interval."""
    heard = listened(rows)
    out = []
    for letter in study.letters:
        right = {True: [0, 0], False: [0, 0]}
        for row in rows:
            if row["letter_id"] != letter.letter or row["score"] is None:
                continue
            try:
                task = letter.task(row["task_id"])
            except KeyError:
                continue
            if task.type != "choice":
                continue
            group = right[(row["participant"], letter.letter) in heard]
            group[0] += round(row["score"])
            group[1] += 1
        (x_b, n_b), (x_a, n_a) = right[True], right[False]
        if not n_a and not n_b:
            continue
        diff = diff_proportions(x_a, n_a, x_b, n_b)
        out.append({"letter": letter.letter,
                    "readers_listened": len({p for p, lid in heard if lid == letter.letter}),
                    "answers_listened": n_b,
                    "share_right_listened": x_b / n_b if n_b else None,
                    "answers_not": n_a, "share_right_not": x_a / n_a if n_a else None,
                    "difference": diff.diff if diff else None,
                    "difference_low": diff.low if diff else None,
                    "difference_high": diff.high if diff else None})
    return out


def cloze_scores(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per participant and cloze task: exact and lemma-tolerant percentage and band."""
    per: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        value = row["value"]
        if not isinstance(value, dict) or "exact" not in value or "of" not in value:
            continue
        key = (row["participant"], *_key(row), row["task_id"])
        entry = per.setdefault(key, {"exact": 0, "lemma": 0, "of": int(value["of"]),
                                     "offset": value.get("offset")})
        entry["exact"] += bool(value["exact"])
        entry["lemma"] += bool(value["lemma"])
    out = []
    for (participant, letter_id, label, lang, task_id), e in sorted(per.items()):
        exact = 100 * e["exact"] / e["of"] if e["of"] else None
        out.append({"participant": participant, "letter": letter_id, "version": label,
                    "lang": lang, "task": task_id, "offset": e["offset"], "blanks": e["of"],
                    "exact_percent": exact,
                    "lemma_percent": 100 * e["lemma"] / e["of"] if e["of"] else None,
                    "band": band(exact)})
    return out


def cloze_summary(scores: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for s in scores:
        groups[(s["letter"], s["version"], s["lang"])].append(s)
    out = []
    for (letter_id, label, lang), items in sorted(groups.items()):
        exact = [i["exact_percent"] for i in items if i["exact_percent"] is not None]
        mean = statistics.fmean(exact) if exact else None
        counts = {b: sum(1 for i in items if i["band"] == b)
                  for b in ("frustration", "instructional", "independent")}
        out.append({"letter": letter_id, "version": label, "lang": lang,
                    "participants": len(items), "mean_exact_percent": mean, "band": band(mean),
                    "mean_lemma_percent": statistics.fmean(
                        [i["lemma_percent"] for i in items]) if items else None, **counts})
    return out


def confidence_table(study: Study, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple, list[float]] = defaultdict(list)
    for row in rows:
        if not row["letter_id"]:
            continue
        try:
            task = study.letter(row["letter_id"]).task(row["task_id"])
        except KeyError:
            continue
        if task.type == "confidence" and isinstance(row["value"], int | float):
            groups[_key(row)].append(float(row["value"]))
    return [{"letter": k[0], "version": k[1], "lang": k[2], "answers": len(v),
             "mean_confidence": statistics.fmean(v), "scale": "1-5"}
            for k, v in sorted(groups.items())]


def time_table(times: Iterable[dict[str, Any]], participants: Iterable[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    """Median and total seconds per task step, by letter version and language."""
    labels = {p["number"]: p["assignment_json"].get("labels", {}) for p in participants}
    groups: dict[tuple, list[float]] = defaultdict(list)
    for t in times:
        letter_id, _, rest = t["step_key"].partition("/")
        task = rest.split("#", 1)[0]
        label = labels.get(t["participant"], {}).get(letter_id, "")
        groups[(letter_id, label, t["lang"], task, t["participant"])].append(t["ms"] / 1000)
    per_task: dict[tuple, list[float]] = defaultdict(list)
    for (letter_id, label, lang, task, _p), secs in groups.items():
        per_task[(letter_id, label, lang, task)].append(sum(secs))
    return [{"letter": k[0], "version": k[1], "lang": k[2], "task": k[3],
             "participants": len(v), "median_seconds": statistics.median(v)}
            for k, v in sorted(per_task.items())]


def sentence_heat(markdown: str, lang: str, body_start: int, rows: Iterable[dict[str, Any]],
                  marks: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Per sentence of the body: how many marked it clear / confusing, and linter codes."""
    doc = analyze(markdown, lang)
    clear: dict[int, int] = defaultdict(int)
    confusing: dict[int, int] = defaultdict(int)
    people: set = set()
    for row in rows:
        if row["value"] not in ("clear", "confusing"):
            continue
        people.add(row["participant"])
        index = int(row["item"])
        (confusing if row["value"] == "confusing" else clear)[index] += 1
    out = []
    n = len(people)
    for index, sentence in enumerate(doc.sentences):
        if sentence.start < body_start or not sentence.words:
            continue
        codes = sorted({m["code"] for m in marks
                        if m["start"] < sentence.end and m["end"] > sentence.start})
        out.append({"sentence": index, "text": sentence.text, "unit": sentence.unit,
                    "unit_kind": doc.units[sentence.unit].kind,
                    "heading": doc.units[sentence.unit].kind == "heading",
                    "clear": clear[index], "confusing": confusing[index], "readers": n,
                    "confusing_share": confusing[index] / n if n else 0.0,
                    "lint": codes})
    return out


def rule_precision(heat: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per linter code, measured against the readers: how often readers marked the sentences
    the rule flags confusing, against the sentences it does not flag, with 95 % intervals.

    ``flagged_sentences`` / ``also_confusing``: sentences the rule flags, and how many of them
    at least CONFUSING_SHARE of readers found confusing (``precision``, with ``low``/``high``).
    ``confusing_rate_flagged`` / ``confusing_rate_other``: the share of all reader marks that
    were "confusing" on flagged and on other sentences; ``difference`` is their difference
    with its interval (Newcombe): above 0 when readers stumble more where the rule fires.
    """
    heat = list(heat)
    flagged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in heat:
        for code in s["lint"]:
            flagged[code].append(s)
    out = []
    for code, hits in sorted(flagged.items()):
        confusing_hits = sum(s["confusing_share"] >= CONFUSING_SHARE for s in hits)
        low, high = wilson(confusing_hits, len(hits))
        others = [s for s in heat if code not in s["lint"]]
        x_in, n_in = _marks(hits)
        x_out, n_out = _marks(others)
        diff = diff_proportions(x_out, n_out, x_in, n_in)  # flagged (B) minus others (A)
        out.append({
            "code": code, "flagged_sentences": len(hits), "also_confusing": confusing_hits,
            "precision": confusing_hits / len(hits), "low": low, "high": high,
            "confusing_rate_flagged": x_in / n_in if n_in else None,
            "confusing_rate_other": x_out / n_out if n_out else None,
            "difference": diff.diff if diff else None,
            "difference_low": diff.low if diff else None,
            "difference_high": diff.high if diff else None})
    return out


def _marks(sentences: Iterable[dict[str, Any]]) -> tuple[int, int]:
    """(confusing marks, all marks) over *sentences*."""
    confusing = marked = 0
    for s in sentences:
        confusing += s["confusing"]
        marked += s["confusing"] + s["clear"]
    return confusing, marked


def missed_by_rules(heat: Iterable[dict[str, Any]], share: float = CONFUSING_SHARE
                    ) -> list[dict[str, Any]]:
    """Sentences at least *share* of readers found confusing, each with the rules that
    flagged it (``[]``: no rule did: a gap in the rules, for a language expert to look at)."""
    return [{"sentence": s["sentence"], "text": s["text"], "confusing": s["confusing"],
             "readers": s["readers"], "confusing_share": s["confusing_share"],
             "flagged_by": s["lint"]}
            for s in heat if s["readers"] and s["confusing_share"] >= share]


def ab_compare(study: Study, rows: list[dict[str, Any]], letter_id: str, lang: str,
               a: str, b: str) -> dict[str, Difference | None]:
    """Version B against version A of one letter in one language."""
    def right(label: str) -> tuple[int, int]:
        scores = []
        for row in rows:
            if (row["letter_id"], row["label"], row["lang"]) != (letter_id, label, lang):
                continue
            try:
                task = study.letter(letter_id).task(row["task_id"])
            except KeyError:
                continue
            if task.type == "choice" and row["score"] is not None:
                scores.append(row["score"])
        return round(sum(scores)), len(scores)

    x_a, n_a = right(a)
    x_b, n_b = right(b)
    cloze = [s for s in cloze_scores(rows) if s["letter"] == letter_id and s["lang"] == lang]
    c_a = [s["exact_percent"] for s in cloze if s["version"] == a]
    c_b = [s["exact_percent"] for s in cloze if s["version"] == b]
    return {"questions": diff_proportions(x_a, n_a, x_b, n_b), "cloze": diff_means(c_a, c_b)}


EXPORT_FIELDS = ("participant", "lang", "finished", "letter_id", "label", "letter_version",
                 "git_commit", "text_hash", "task_id", "item", "value", "score", "time_ms",
                 "answered_at", "revisions")


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @ tab CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """*value*, with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Iterable[dict[str, Any]], fields: Sequence[str] | None = None) -> str:
    """The rows as CSV (the answer export's columns unless *fields* are given); text that a
    spreadsheet would run as a formula is neutralised, since answers come from anyone."""
    rows = list(rows)
    if fields is None:
        fields = EXPORT_FIELDS if not rows or "participant" in rows[0] else list(rows[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        out = dict(row)
        if "value" in out:
            value = out["value"]
            out["value"] = value if isinstance(value, str) else json.dumps(value,
                                                                           ensure_ascii=False)
        writer.writerow({key: safe_cell(val) if not isinstance(val, (list, dict)) else
                         json.dumps(val, ensure_ascii=False) for key, val in out.items()})
    return buffer.getvalue()


def to_json(study: Study, versions: list[dict[str, Any]], rows: list[dict[str, Any]]) -> str:
    return json.dumps({
        "study": study.id,
        "versions": [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                      for k, v in ver.items() if k not in ("markdown", "marks_json")}
                     for ver in versions],
        "responses": rows,
    }, ensure_ascii=False, indent=1)
