"""letterkit readability [LETTER | LETTERS-DIR | FILE ...] [--lang L] [--format text|json]"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from letterkit import LANGUAGES
from letterkit.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEMS, LetterkitError, display_path

FILE_SUFFIXES = {".md", ".txt", ".text", ".markdown", ".j2"}
LANG_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}


@click.command("readability")
@click.argument("targets", nargs=-1)
@click.option("--lang", "-l", "langs", multiple=True, type=click.Choice(LANGUAGES),
              help="Language of FILE arguments; for letters, only these languages.")
@click.option("--sample", "-s", "samples", multiple=True,
              help="Only these samples of a letter (default: all).")
@click.option("--format", "-f", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Output format.")
@click.option("--top", default=None, type=int,
              help="How many sentences to name that pull a figure up (default from config: 3).")
def command(targets: tuple[str, ...], langs: tuple[str, ...], samples: tuple[str, ...], fmt: str,
            top: int | None) -> None:
    """Readability figures for letters or for any .md / .txt file.

    A LETTER (its id or folder) or a folder of letters is measured per language, per sample
    and per section on the rendered text after the letterhead, against the targets in
    linting/config.yaml, naming the sentences that pull each figure up. A FILE needs --lang
    (unless its name ends in .fi.md, fi.md and so on). With no argument: the whole catalogue.

    The verdicts are lint's: the rules that check the targets (REA001 on the body and every
    section, STY001 on every sentence) run on the same text, so `letterkit lint` and
    `letterkit readability` agree. Exit 0 unless a missed target is an error-level finding of
    its rule (then 1, as in lint); 2 for unusable input.
    """
    from letterkit.project import find_project

    project = find_project(Path(targets[0]) if targets and Path(targets[0]).exists() else None)
    config = project.config.data if project.config else {}
    block = config.get("readability") or {}
    top = top if top is not None else int(block.get("pulling_up", 3) or 3)
    from letterkit.cli.common import analysis_cache

    with analysis_cache(project):
        results, exit_code = _measure(targets, langs, samples, config, top, project)
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for row in results:
            click.echo(_text(row))
    sys.exit(exit_code)


def _measure(targets, langs, samples, config, top, project) -> tuple[list[dict[str, Any]], int]:
    results: list[dict[str, Any]] = []
    exit_code = EXIT_OK
    for target in targets or (str(project.letters_dir),):
        try:
            path = Path(target)
            if not path.exists() and (path.suffix.lower() in FILE_SUFFIXES or "/" in target):
                raise LetterkitError("no such file or folder", _loc(path))
            if path.is_file():
                results.append(_file(path, _file_lang(path, langs)))
            else:
                letters, unreadable = _letters(target, project)
                if unreadable:
                    exit_code = EXIT_BAD_INPUT
                for letter in letters:
                    try:
                        rows = letter_rows(letter, langs, samples, config, top, project)
                    except LetterkitError as exc:
                        click.echo(str(exc), err=True)
                        exit_code = EXIT_BAD_INPUT
                        continue
                    results.extend(rows)
                    if any(row["errors"] for row in rows):
                        exit_code = max(exit_code, EXIT_PROBLEMS)
        except LetterkitError as exc:
            click.echo(str(exc), err=True)
            exit_code = EXIT_BAD_INPUT
    return results, exit_code


def _file_lang(path: Path, langs: tuple[str, ...]) -> str:
    if len(langs) == 1:
        return langs[0]
    if len(langs) > 1:
        raise LetterkitError("give one --lang for a file", _loc(path))
    parts = path.name.lower().split(".")
    for part in (*parts[:-1], path.stem.lower().rsplit("_", 1)[-1]):
        if part in LANGUAGES:
            return part
    raise LetterkitError("which language? add --lang fi, sv or en", _loc(path))


def _loc(path: Path):
    from letterkit.errors import Location

    return Location(str(path))


def read_text(path: Path) -> str:
    """The file as text, or LetterkitError saying in one line why it cannot be measured."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LetterkitError(f"cannot read: {exc.strerror or exc}", _loc(path)) from None
    if not data.strip():
        raise LetterkitError("empty file: nothing to measure", _loc(path))
    if b"\x00" in data[:8192]:
        raise LetterkitError("binary file, not text: nothing to measure", _loc(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LetterkitError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8", _loc(path)) from None


def _file(path: Path, lang: str) -> dict[str, Any]:
    from letterkit.text import analyze
    from letterkit.text.report import figures

    text = read_text(path)
    markdown = path.suffix.lower() not in (".txt", ".text")
    doc = analyze(text, lang, markdown=markdown)
    row: dict[str, Any] = {"path": display_path(path), "lang": lang}
    row.update(figures(doc))
    if row["words"] == 0:
        raise LetterkitError("no words to measure", _loc(path))
    warnings = _language_warnings(doc, lang, path)
    if doc.approximate:
        row["approximate"] = sorted(doc.approximate)
    if warnings:
        row["warnings"] = warnings
    return row


def _language_warnings(doc, lang: str, path: Path) -> list[str]:
    words = [w for w in doc.words if w.kind == "word" and w.is_known is not None]
    if len(words) < 5:
        return []
    unknown = sum(1 for w in words if not w.is_known) / len(words)
    if unknown > 0.6 and len(words) >= 10:
        raise LetterkitError(
            f"does not look like {LANG_NAMES[lang]}: {unknown:.0%} of its words are not in the "
            f"{LANG_NAMES[lang]} dictionary; check --lang", _loc(path))
    if unknown > 0.25:
        return [f"{unknown:.0%} of the words are not in the {LANG_NAMES[lang]} dictionary; "
                "figures may be off"]
    return []


def _letters(target: str, project) -> tuple[list, bool]:
    """The letter named by ``target`` (an id or a folder), or every letter of a folder,
    and whether a letter, sample or template of the folder could not be read."""
    from letterkit.catalog import is_letter_dir, load_catalog
    from letterkit.cli.common import report_unreadable, resolve_letter

    path = Path(target)
    if path.is_dir() and not is_letter_dir(path):
        catalog = load_catalog(path, project.kinds, project)
        if not catalog.letters:
            detail = f": {catalog.problems[0]}" if catalog.problems else ""
            raise LetterkitError(f"no letters to measure{detail}", _loc(path))
        if catalog.problems:
            click.echo(f"{display_path(path)}: {len(catalog.problems)} problems in the catalogue; "
                       "measuring the letters that load (see `letterkit check`)", err=True)
        return list(catalog.letters.values()), report_unreadable([catalog])
    return [resolve_letter(target)], False


def letter_rows(letter, langs, samples, config, top, project=None) -> list[dict[str, Any]]:
    from letterkit.lint.readability import verdicts
    from letterkit.lint.runner import context_for
    from letterkit.project import find_project
    from letterkit.render import render_letter
    from letterkit.text.report import (
        figures,
        offenders,
        sections,
        targets_from_config,
    )

    project = project or find_project(letter.path)
    ruleset = project.rules()
    rows = []
    for lang in letter.languages:
        if langs and lang not in langs:
            continue
        goals = targets_from_config(config, lang)
        names = [s for s in (samples or letter.samples or ["default"]) if not samples
                 or s in letter.samples]
        if samples and not names:
            raise LetterkitError(f"{letter.id} has no sample {', '.join(samples)}; samples: "
                                 f"{', '.join(letter.samples) or 'none'}")
        for sample in names:
            rendered = render_letter(letter, lang, sample)
            ctx = context_for(rendered, project)
            doc = ctx.doc  # the very analysis lint uses
            judged = verdicts(ctx, ruleset)
            text_end = len(rendered.markdown)
            body = doc.sentences_between(rendered.body_start, text_end)
            row: dict[str, Any] = {
                "path": display_path(letter.path), "letter": letter.id, "lang": lang,
                "sample": sample,
            }
            row.update(figures(doc, body))
            row["targets"] = [
                judged.target(name, rendered.body_start, text_end, row["measures"].get(name), limit)
                for name, limit in goals.items()]
            row["errors"] = judged.errors
            row["sections"] = []
            for section in sections(doc, rendered.body_start):
                chosen = doc.sentences_between(section.start, section.end)
                entry = {"id": section.id, "heading": section.heading}
                entry.update(figures(doc, chosen))
                entry["targets"] = [
                    judged.target(name, section.start, section.end,
                                  entry["measures"].get(name), limit)
                    for name, limit in goals.items()]
                row["sections"].append(entry)
            row["pulling_up"] = [
                _offender(rendered, s, drop) for s, drop in offenders(doc, body, top=top)]
            longest = max(body, key=lambda s: len(s.words), default=None)
            if longest is not None and "longest_sentence" in goals \
                    and len(longest.words) > goals["longest_sentence"]:
                row["longest"] = _offender(rendered, longest, None)
            if doc.approximate:
                row["approximate"] = sorted(doc.approximate)
            rows.append(row)
    return rows


def _offender(rendered, sentence, drop: float | None) -> dict[str, Any]:
    where = rendered.locate(sentence.start)
    return {
        "text": " ".join(sentence.text.split()),
        "words": len(sentence.words),
        "lowers_by": None if drop is None else round(drop, 2),
        "source": None if where is None else f"{display_path(where.path)}:{where.line}",
    }


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _text(row: dict[str, Any]) -> str:
    from letterkit.text.measures import MEASURES

    head = f"{row['path']} ({row['lang']})" if "letter" not in row else \
        f"{row['letter']} ({row['lang']}, sample {row['sample']})"
    lines = [f"{head}: {row['words']} words, {row['sentences']} sentences"]
    headline = row["difficulty"]["measure"]
    goals = {t["measure"]: t for t in row.get("targets", [])}
    for name, value in row["measures"].items():
        m = MEASURES[name]
        band = m.band(value) or ""
        goal = goals.get(name)
        verdict = ""
        if goal:
            sign = "≤" if goal["kind"] == "max" else "≥"
            verdict = f"target {sign} {goal['target']:g}: " + ("ok" if goal["ok"] else "MISSED")
            if not goal["ok"] and goal.get("rule"):
                verdict += f" ({goal['rule']} {goal['severity']})"
        mark = "  (headline)" if name == headline else ""
        lines.append(f"  {m.label:40s}{_fmt(value):>8s}  {band:32s}{verdict}{mark}".rstrip())
    for section in row.get("sections", []):
        missed = [t["measure"] + (f" ({t['rule']} {t['severity']})" if t.get("rule") else "")
                  for t in section["targets"] if not t["ok"]]
        lines.append(
            f"  § {section['id']:28s}{section['words']:4d} words  "
            f"{section['difficulty']['measure']} {_fmt(section['difficulty']['value'])}  "
            f"longest {_fmt(section['measures'].get('longest_sentence'))}"
            + (f"  missed: {', '.join(missed)}" if missed else ""))
    if row.get("pulling_up"):
        lines.append(f"  sentences that pull {headline} up most (it would be this much lower "
                     "without each):")
        for o in row["pulling_up"]:
            lines.append(f"    {o['lowers_by']:5.2f}  {o['source'] or '?'}  "
                         f"({o['words']} words) {_clip(o['text'])}")
    if row.get("longest"):
        o = row["longest"]
        lines.append(f"  longest sentence: {o['source'] or '?'} ({o['words']} words) "
                     f"{_clip(o['text'])}")
    if row.get("approximate"):
        lines.append(f"  approximate (Voikko missing): {', '.join(row['approximate'])}")
    for warning in row.get("warnings", []):
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
