"""Batch production: one letter, many cases, every core, flat memory, resumable.

Records stream from CSV or JSONL (or JSONL on stdin); each is checked against the letter's
variable types with the catalogue's own validation (same wording as ``letterkit check``),
rendered in a worker process that loaded the letter and compiled its templates once, and
written atomically. ``manifest.jsonl`` ties each output to its input, template and commit.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import sys
from array import array
from collections import deque
from collections.abc import Callable, Iterator
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

CHUNK = 64  # records per task: cheap letters travel in chunks to save the pickling
# Slow formats go one by one (a PDF takes some 70 ms): otherwise, at the end of a run, one
# worker still renders its last big chunk while the others idle (100 PDFs in chunks of 64
# are 64 letters for one worker and 36 for the other).
CHUNKS = {"pdf": 1, "docx": 16}
MANIFEST, PARTIAL, ERRORS = "manifest.jsonl", "manifest.partial.jsonl", "errors.csv"
RESUME = "manifest.resume.jsonl"  # rows of interrupted runs, until a run finishes


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
# The letter the main process loaded (and for PDF rendered once, templates compiled): workers
# forked from it use it as it is instead of loading and compiling it again.
_inherited: dict[tuple[str, str], Letter] = {}


def _init_worker(letter_path: str, lang: str, fmt: str) -> None:
    from letterkit.project import project_of

    letter = _inherited.get((letter_path, lang)) or load_letter(Path(letter_path))
    _worker.update(letter=letter, lang=lang, fmt=fmt)
    # The templates are hashed into every record's input hash when the run starts; a run
    # renders them as they were then, without a stat() of every template per letter.
    project_of(letter).environment(lang, letters_root=letter.path.parent).auto_reload = False


# Checks run on every record after its values are typed, before it is rendered: each takes
# (letter, lang, values, record) and returns problems worded as ``letterkit check`` words them.
# Add one with ``VALIDATORS.append(check)``; they run in the worker processes.
Validator = Callable[[Letter, str, dict, "Record"], list[Problem]]
VALIDATORS: list[Validator] = []


def validate(letter: Letter, record: Record, source: str, lang: str = "fi"
             ) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    located = Located(source, record.raw, {(): (record.line, 0)})
    values = coerce_values(letter, record.raw, _Collector(located, problems))
    _check_deadlines(letter, values, Location(source, record.line), problems)
    if not problems:
        for check in VALIDATORS:
            problems.extend(check(letter, lang, values, record))
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
    """Render and write the letters of *chunk*; per record, what the main process needs and
    nothing it already has (the records stay there): ``(index, sha256)`` for a letter
    written, ``(index, None, [(field, message), ...])`` for a record that failed."""
    from letterkit.render import render_letter
    from letterkit.render.formats import render_format

    letter, lang, fmt = _worker["letter"], _worker["lang"], _worker["fmt"]
    results: list[tuple] = []
    for index, (record, out_path, _input_hash) in enumerate(chunk):
        if record.problem:
            results.append((index, None, [("", record.problem)]))
            continue
        values, problems = validate(letter, record, source, lang)
        if problems:
            results.append((index, None, [(_field_of(problem.message), problem.message)
                                          for problem in problems]))
            continue
        try:
            data = render_format(render_letter(letter, lang, values), fmt)
            _write(out_path, data)
        except LetterkitError as exc:
            results.append((index, None, [("", str(exc))]))
            continue
        except OSError as exc:
            results.append((index, None, [("", f"cannot write {out_path}: {exc.strerror}")]))
            continue
        results.append((index, hashlib.sha256(data).hexdigest()))
    return results


def _write(path: str, data: bytes) -> None:
    """Write the output in place (no temporary file and rename: that doubled the cost of a
    small letter). A file cut off by an interrupted run is never in the manifest, and only
    outputs in the manifest are skipped on a re-run, so it is written again."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def _field_of(message: str) -> str:
    match = re.match(r"(?:missing required value |deadline )?'?([A-Za-z_][A-Za-z0-9_]*)'?", message)
    return match.group(1) if match else ""


# --- main side -----------------------------------------------------------------------
def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


class KeySet:
    """Every output path of a run with the number of the record that made it, for finding
    duplicate keys, in 16 to 32 bytes a key.

    A Python dict of 100,000 paths takes some 20 MB; this keeps 64-bit hashes in an open
    addressing table (an array, at most half full) and the record numbers in a parallel one.
    Two different keys would share a hash with a probability of about 3 in 10^10 per 100,000
    keys.
    """

    def __init__(self) -> None:
        self._table = array("Q", bytes(8 * 1024))
        self._numbers = array("Q", bytes(8 * 1024))
        self._mask = 1023
        self._count = 0

    def add(self, text: str, number: int = 0) -> int | None:
        """Add *text*, made by record *number*; if it was there already, the number of the
        record that added it first (and *text* keeps that number)."""
        key = _digest(text) or 1  # 0 marks an empty slot
        earlier = self._insert(self._table, self._numbers, self._mask, key, number)
        if earlier is not None:
            return earlier
        self._count += 1
        if self._count * 2 > self._mask:
            old, numbers, size = self._table, self._numbers, (self._mask + 1) * 2
            self._table, self._numbers = array("Q", bytes(8 * size)), array("Q", bytes(8 * size))
            self._mask = size - 1
            for slot, slot_number in zip(old, numbers, strict=True):
                if slot:
                    self._insert(self._table, self._numbers, self._mask, slot, slot_number)
        return None

    @staticmethod
    def _insert(table: array, numbers: array, mask: int, key: int, number: int) -> int | None:
        index = key & mask
        while True:
            slot = table[index]
            if not slot:
                table[index] = key
                numbers[index] = number
                return None
            if slot == key:
                return numbers[index]
            index = (index + 1) & mask


class Previous:
    """The manifest rows of earlier runs, found by output path without holding them all.

    Only a hash of each output path and where its row is (file, offset) stay in memory
    (about 100 bytes a row); the row itself is read back when its record comes up.
    """

    def __init__(self, paths: list[Path]):
        self._files = []
        self._where: dict[int, int] = {}
        for path in paths:
            if not path.exists():
                continue
            handle = path.open("rb")
            self._files.append(handle)
            index = len(self._files) - 1
            offset = 0
            for line in handle:
                output = _output_of(line)
                if output is not None:
                    self._where[_digest(output)] = offset * 4 + index
                offset += len(line)

    def get(self, output: str) -> tuple[dict, bytes] | None:
        where = self._where.get(_digest(output))
        if where is None:
            return None
        handle = self._files[where % 4]
        handle.seek(where // 4)
        line = handle.readline()
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            return None
        return (row, line.rstrip(b"\n") + b"\n") if row.get("output") == output else None

    def close(self) -> None:
        for handle in self._files:
            handle.close()


def _output_of(line: bytes) -> str | None:
    try:
        row = json.loads(line)
        output = row["output"]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError):
        return None  # a line cut off by an interrupted run
    return output if isinstance(output, str) else None


def _unchanged(old: dict | None, input_hash: str, path: str) -> bool:
    """The earlier output is still there, whole, and was made from the same input."""
    if not old or old.get("input") != input_hash:
        return False
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest() == old.get("sha256")
    except OSError:
        return False


def _take_up_interrupted(out: Path) -> list[Path]:
    """The manifests to resume from: the last finished one and the rows of interrupted runs."""
    partial, resume = out / PARTIAL, out / RESUME
    if partial.exists():
        with resume.open("ab") as target, partial.open("rb") as source:
            for line in source:
                if line.endswith(b"\n"):
                    target.write(line)
        partial.unlink()
    return [out / MANIFEST, resume]


def _warm_up_pdf(letter: Letter, lang: str) -> None:
    """Render one sample of *letter* to PDF before the workers are forked: they inherit
    WeasyPrint loaded, the font faces, the compiled templates and the page CSS parsed, which
    each of them would otherwise pay for on its first letters (some 0.2 s of CPU each)."""
    from letterkit.render import render_letter
    from letterkit.render.formats import render_format
    from letterkit.render.model import load_layout
    from letterkit.render.pdf import warm_up

    warm_up(load_layout(letter.path.parent, lang).font)
    sample = next((s for s in letter.samples.values() if not s.problems), None)
    if sample is None:
        return
    # a broken sample: the records are checked and reported one by one anyway
    with contextlib.suppress(LetterkitError):
        render_format(render_letter(letter, lang, sample), "pdf")


def run_batch(letter: Letter, lang: str, records: Iterator[Record], fmt: str, out: Path,
              source: str, *, workers: int | None = None, progress=None,  # noqa: ANN001
              on_error=None) -> BatchResult:  # noqa: ANN001
    from letterkit.render.model import templates_commit

    if lang not in letter.languages:
        raise LetterkitError(f"{letter.id} has no {lang!r} version; languages: "
                             f"{', '.join(letter.languages)}", letter.location("languages"))
    if fmt in ("docx", "pdf", "print"):
        from letterkit.render.model import load_layout

        load_layout(letter.path.parent, lang)  # a broken layout: all its problems, once
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".letterkit-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise LetterkitError(f"cannot write to the output folder: {exc.strerror}; choose "
                             "another --out", Location(str(out))) from None
    previous = Previous(_take_up_interrupted(out))
    template_hash = templates_hash(letter)
    commit = templates_commit(letter.path.parent)
    ext = FORMATS[fmt]
    folder = str(out)
    result = BatchResult()
    errors_file = (out / ERRORS).open("w", encoding="utf-8", newline="")
    errors = csv.writer(errors_file)
    errors.writerow(["record", "line", "key", "field", "message"])
    manifest = (out / PARTIAL).open("wb")
    seen = KeySet()
    pending: deque = deque()
    workers = workers or os.cpu_count() or 1
    chunk_size = CHUNKS.get(fmt, CHUNK)
    # A manifest row is json.dumps({"key", "output", "sha256", "letter", "version", "lang",
    # "commit", "input"}); the part every row shares is encoded once.
    fixed = json.dumps({"letter": letter.id, "version": letter.version, "lang": lang,
                        "commit": commit})[1:-1]

    def collect(submitted: tuple) -> None:
        future, chunk = submitted
        for item in future.result():
            record, path, input_hash = chunk[item[0]]
            if item[1] is None:
                for field_name, message in item[2]:
                    result.failed.append((record.number, record.key, field_name, message))
                    errors.writerow([record.number, record.line, record.key, field_name,
                                     message])
                    if on_error:
                        on_error(f"{source}:{record.line}: record {record.number} "
                                 f"({record.key}): {message}")
            else:
                manifest.write(
                    f'{{"key": {json.dumps(record.key)}, "output": {json.dumps(path)}, '
                    f'"sha256": "{item[1]}", {fixed}, "input": "{input_hash}"}}\n'.encode())
                result.done += 1
            if progress:
                progress()
        manifest.flush()

    if fmt == "pdf" and workers > 1:
        _warm_up_pdf(letter, lang)  # the workers are forked warm
    _inherited.clear()
    _inherited[(str(letter.path), lang)] = letter
    try:
        with ProcessPoolExecutor(workers, initializer=_init_worker,
                                 initargs=(str(letter.path), lang, fmt)) as pool:
            chunk: list = []
            for record in records:
                path = os.path.join(folder, f"{safe_name(record.key)}.{ext}")
                input_hash = hashlib.sha256((template_hash + fmt + json.dumps(
                    record.raw, sort_keys=True, default=str)).encode()).hexdigest()
                first = seen.add(path, record.number)
                if first is not None:
                    record.problem = (
                        f"duplicate key {record.key!r}: record {first} has the same key, or "
                        f"one with the same file name ({os.path.basename(path)}); keys must "
                        "be unique")
                    path = ""
                else:
                    found = previous.get(path)
                    if found and _unchanged(found[0], input_hash, path):
                        manifest.write(found[1])
                        result.skipped += 1
                        if progress:
                            progress()
                        continue
                chunk.append((record, path, input_hash))
                if len(chunk) >= chunk_size:
                    pending.append((pool.submit(_render_chunk, chunk, source), chunk))
                    chunk = []
                    while len(pending) > workers * 2:
                        collect(pending.popleft())
            if chunk:
                pending.append((pool.submit(_render_chunk, chunk, source), chunk))
            while pending:
                collect(pending.popleft())
    finally:
        manifest.close()
        errors_file.close()
        previous.close()
    os.replace(out / PARTIAL, out / MANIFEST)
    (out / RESUME).unlink(missing_ok=True)
    return result
