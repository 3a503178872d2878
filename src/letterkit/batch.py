"""Batch production: one letter, many cases, every core, flat memory, resumable.

Records stream from CSV or JSONL (or JSONL on stdin); each is checked against the letter's
variable types with the catalogue's own validation (same wording as ``letterkit check``),
rendered in a worker process that loaded the letter and compiled its templates once, and
written atomically. ``manifest.jsonl`` ties each output to its input, template and commit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit import __version__
from letterkit.catalog import _Collector, coerce_values, load_letter
from letterkit.errors import LetterkitError, Location, Problem
from letterkit.model.letter import Letter
from letterkit.render.formats import FORMATS
from letterkit.yamlio import Located

CHUNK = 64
MANIFEST, PARTIAL, ERRORS = "manifest.jsonl", "manifest.partial.jsonl", "errors.csv"


@dataclass
class Record:
    number: int
    line: int
    key: str
    raw: dict[str, Any]
    problem: str | None = None  # a record that could not even be read as data


@dataclass
class BatchResult:
    done: int = 0
    skipped: int = 0
    failed: list[tuple[int, str, str, str]] = field(default_factory=list)


def read_records(source: Path | None, letter: Letter, key_field: str | None,
                 stdin: io.TextIOBase | None = None) -> Iterator[Record]:
    """Stream records from a CSV or JSONL file (``None``: JSONL from stdin)."""
    name = str(source) if source else "<stdin>"
    if source is None:
        yield from _jsonl(stdin or sys.stdin, name, letter, key_field)
        return
    try:
        handle = source.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise LetterkitError(f"cannot read: {exc.strerror}", Location(name)) from None
    with handle:
        try:
            if source.suffix.lower() == ".csv":
                yield from _csv(handle, name, letter, key_field)
            else:
                yield from _jsonl(handle, name, letter, key_field)
        except UnicodeDecodeError:
            raise LetterkitError("the file is not UTF-8; save it as UTF-8 (in Excel: CSV UTF-8)",
                                 Location(name)) from None


def _key(raw: dict[str, Any], key_field: str | None, number: int) -> str:
    value = raw.get(key_field) if key_field else None
    return str(value) if value not in (None, "") else f"record-{number}"


def _csv(handle, name: str, letter: Letter, key_field: str | None) -> Iterator[Record]:
    reader = csv.DictReader(handle)
    header = reader.fieldnames
    if not header:
        raise LetterkitError("the file is empty; the first line names the columns",
                             Location(name, 1))
    extra = [c for c in header if c not in letter.variables]
    if extra:
        raise LetterkitError(
            f"unknown column {extra[0]!r}: not a variable of {letter.id}; columns: "
            f"{', '.join(letter.variables)}", Location(name, 1))
    missing = [v.name for v in letter.variables.values() if v.required and v.name not in header]
    if missing:
        raise LetterkitError(f"missing column {missing[0]!r} ({letter.variables[missing[0]].type})"
                             "; add it to the first line", Location(name, 1))
    line = reader.line_num + 1  # a quoted cell may hold line breaks; report the first line
    for number, row in enumerate(reader, start=1):
        start, line = line, reader.line_num + 1
        raw: dict[str, Any] = {}
        for column, cell in row.items():
            if column is None:
                yield Record(number, start, _key(row, key_field, number), {},
                             "more cells than columns; check the quoting of this line")
                break
            if cell is None or cell == "":
                continue
            variable = letter.variables[column]
            if variable.type == "list":
                raw[column] = _list_cell(cell)
            elif variable.type == "bool":
                raw[column] = {"true": True, "false": False}.get(cell.strip().lower(), cell)
            else:
                raw[column] = cell
        else:
            yield Record(number, start, _key(raw, key_field, number), raw)


def _list_cell(cell: str) -> Any:
    """A list in one cell: a JSON array, or one item per line."""
    if cell.lstrip().startswith("["):
        try:
            return json.loads(cell)
        except json.JSONDecodeError:
            return cell
    return [line.strip() for line in cell.splitlines() if line.strip()]


def _jsonl(handle, name: str, letter: Letter, key_field: str | None) -> Iterator[Record]:
    seen_any = False
    number = 0
    for line_number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        seen_any = True
        number += 1
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(number, line_number, f"record-{number}", {},
                         f"not valid JSON ({exc.msg}); one JSON object per line")
            continue
        if not isinstance(raw, dict):
            yield Record(number, line_number, f"record-{number}", {},
                         "expected a JSON object with one key per variable")
            continue
        yield Record(number, line_number, _key(raw, key_field, number), raw)
    if not seen_any:
        raise LetterkitError("the file is empty; give one JSON object per line", Location(name))


def templates_hash(letter: Letter) -> str:
    """A hash of everything the output depends on besides the record."""
    digest = hashlib.sha256(__version__.encode())
    shared = letter.path.parent / "_shared"
    paths = [p for p in sorted(letter.path.iterdir()) if p.is_file()]
    paths += sorted(p for p in shared.rglob("*") if p.is_file())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def safe_name(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("._") or "record"


# --- worker side: one letter per process, loaded once ---------------------------------
_worker: dict[str, Any] = {}


def _init_worker(letter_path: str, lang: str, fmt: str) -> None:
    _worker.update(letter=load_letter(Path(letter_path)), lang=lang, fmt=fmt)


def validate(letter: Letter, record: Record, source: str) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    located = Located(source, record.raw, {(): (record.line, 0)})
    values = coerce_values(letter, record.raw, _Collector(located, problems))
    _check_deadlines(letter, values, Location(source, record.line), problems)
    return values, problems


def _check_deadlines(letter: Letter, values: dict, where: Location,
                     problems: list[Problem]) -> None:
    """A ``deadline: true`` date on a Saturday or a holiday: the record's letter would state
    a day the time limit does not end on (the wording of ``letterkit check``)."""
    from letterkit.workdays import deadline_problem

    for variable in letter.variables.values():
        if variable.deadline:
            message = deadline_problem(variable.name, values.get(variable.name))
            if message is not None:
                problems.append(Problem(where, message))


def _render_chunk(chunk: list[tuple[Record, str, str]], source: str) -> list[tuple]:
    from letterkit.render import render_letter
    from letterkit.render.formats import render_format

    letter, lang, fmt = _worker["letter"], _worker["lang"], _worker["fmt"]
    results = []
    for record, out_path, input_hash in chunk:
        if record.problem:
            results.append(("error", record, "", record.problem, out_path))
            continue
        values, problems = validate(letter, record, source)
        if problems:
            for problem in problems:
                results.append(("error", record, _field_of(problem.message), problem.message,
                                out_path))
            continue
        try:
            data = render_format(render_letter(letter, lang, values), fmt)
            tmp = out_path + ".tmp"
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.replace(tmp, out_path)
        except LetterkitError as exc:
            results.append(("error", record, "", str(exc), out_path))
            continue
        except OSError as exc:
            results.append(("error", record, "", f"cannot write {out_path}: {exc.strerror}",
                            out_path))
            continue
        results.append(("done", record, out_path, hashlib.sha256(data).hexdigest(), input_hash))
    return results


def _field_of(message: str) -> str:
    match = re.match(r"(?:missing required value |deadline )?'?([A-Za-z_][A-Za-z0-9_]*)'?", message)
    return match.group(1) if match else ""


# --- main side -----------------------------------------------------------------------
def _previous(out: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for name in (MANIFEST, PARTIAL):
        path = out / name
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        row = json.loads(line)
                        rows[row["output"]] = row
                    except (json.JSONDecodeError, KeyError, TypeError):
                        continue  # a line cut off by an interrupted run
    return rows


def run_batch(letter: Letter, lang: str, records: Iterator[Record], fmt: str, out: Path,
              source: str, *, workers: int | None = None, progress=None,  # noqa: ANN001
              on_error=None) -> BatchResult:  # noqa: ANN001
    from letterkit.render.model import templates_commit

    if lang not in letter.languages:
        raise LetterkitError(f"{letter.id} has no {lang!r} version; languages: "
                             f"{', '.join(letter.languages)}", letter.location("languages"))
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".letterkit-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise LetterkitError(f"cannot write to the output folder: {exc.strerror}; choose "
                             "another --out", Location(str(out))) from None
    previous = _previous(out)
    template_hash = templates_hash(letter)
    commit = templates_commit(letter.path.parent)
    ext = FORMATS[fmt]
    result = BatchResult()
    errors_file = (out / ERRORS).open("w", encoding="utf-8", newline="")
    errors = csv.writer(errors_file)
    errors.writerow(["record", "line", "key", "field", "message"])
    manifest = (out / PARTIAL).open("a", encoding="utf-8")
    in_flight: set[str] = set()
    pending: deque = deque()
    workers = workers or os.cpu_count() or 1

    def collect(future) -> None:  # noqa: ANN001
        for item in future.result():
            if item[0] == "error":
                _, record, field_name, message, path = item
                if not message.startswith("duplicate key"):
                    in_flight.discard(path)
                result.failed.append((record.number, record.key, field_name, message))
                errors.writerow([record.number, record.line, record.key, field_name, message])
                if on_error:
                    on_error(f"{source}:{record.line}: record {record.number} ({record.key}): "
                             f"{message}")
            else:
                _, record, path, sha, input_hash = item
                in_flight.discard(path)
                manifest.write(json.dumps(_row(record.key, path, sha, input_hash)) + "\n")
                result.done += 1
            if progress:
                progress()
        manifest.flush()

    def _row(key: str, path: str, sha: str, input_hash: str) -> dict:
        return {"key": key, "output": path, "sha256": sha, "letter": letter.id,
                "version": letter.version, "lang": lang, "commit": commit, "input": input_hash}

    try:
        with ProcessPoolExecutor(workers, initializer=_init_worker,
                                 initargs=(str(letter.path), lang, fmt)) as pool:
            chunk: list = []
            for record in records:
                path = str(out / f"{safe_name(record.key)}.{ext}")
                input_hash = hashlib.sha256((template_hash + fmt + json.dumps(
                    record.raw, sort_keys=True, default=str)).encode()).hexdigest()
                old = previous.get(path)
                if old and old.get("input") == input_hash and os.path.exists(path):
                    manifest.write(json.dumps(old) + "\n")
                    result.skipped += 1
                    if progress:
                        progress()
                    continue
                if path in in_flight:
                    record.problem = (f"duplicate key {record.key!r}: another record writes "
                                      f"{path}; keys must be unique")
                else:
                    in_flight.add(path)
                chunk.append((record, path, input_hash))
                if len(chunk) >= CHUNK:
                    pending.append(pool.submit(_render_chunk, chunk, source))
                    chunk = []
                    while len(pending) > workers * 2:
                        collect(pending.popleft())
            if chunk:
                pending.append(pool.submit(_render_chunk, chunk, source))
            while pending:
                collect(pending.popleft())
    finally:
        manifest.close()
        errors_file.close()
    os.replace(out / PARTIAL, out / MANIFEST)
    return result
