"""letterkit batch LETTER --lang L --data FILE|- --format html|text|docx|pdf --out DIR"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from letterkit import LANGUAGES
from letterkit.cli.common import resolve_letter
from letterkit.errors import EXIT_BAD_INPUT, EXIT_PROBLEMS, LetterkitError, Location


@click.command("batch")
@click.argument("letter")
@click.option("--lang", "-l", required=True, type=click.Choice(LANGUAGES), help="Language.")
@click.option("--data", "-d", required=True,
              help="Cases: a .csv or .jsonl file, or - for JSONL on standard input.")
@click.option("--format", "-f", "fmt", default="pdf", show_default=True,
              type=click.Choice(["html", "print", "text", "md", "docx", "pdf"]))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="Folder for the letters, manifest.jsonl and errors.csv.")
@click.option("--key", "key_field", default=None,
              help="Column that names each output (default: case_number, if the letter has it).")
@click.option("--workers", "-j", type=int, default=None, help="Processes (default: every core).")
def command(letter: str, lang: str, data: str, fmt: str, out: Path, key_field: str | None,
            workers: int | None) -> None:
    """Render LETTER once per record of --data; a bad record is reported, the rest produced."""
    from letterkit.batch import read_records, run_batch

    loaded = resolve_letter(letter)
    if key_field is None and "case_number" in loaded.variables:
        key_field = "case_number"
    source = None if data == "-" else Path(data)
    if source is not None and not source.is_file():
        raise LetterkitError("file not found" if not source.exists() else "is a folder, "
                             "expected a .csv or .jsonl file", Location(data))
    name = data if source else "<stdin>"
    records = read_records(source, loaded, key_field)
    progress = None
    bar = None
    if sys.stderr.isatty():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        bar = Progress("[progress.description]{task.description}", BarColumn(),
                       MofNCompleteColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                       TimeRemainingColumn(), transient=True)
        total = _count_lines(source)
        task = bar.add_task(f"{loaded.id} {lang} {fmt}", total=total)
        bar.start()

        def progress() -> None:
            bar.advance(task)
    try:
        result = run_batch(loaded, lang, records, fmt, out, name, workers=workers,
                           progress=progress,
                           on_error=(bar.console.print if bar else
                                     lambda line: click.echo(line, err=True)))
    except LetterkitError as exc:
        if bar:
            bar.stop()
        click.echo(f"{exc} (letters written so far are kept; run again to resume)"
                   if (out / "manifest.partial.jsonl").exists() else str(exc), err=True)
        sys.exit(EXIT_BAD_INPUT)
    if bar:
        bar.stop()
    failed_records = len({number for number, *_ in result.failed})
    click.echo(f"{result.done} written, {result.skipped} unchanged, {failed_records} failed"
               f" -> {out}/manifest.jsonl" + (f", {out}/errors.csv" if result.failed else ""),
               err=True)
    if result.failed:
        sys.exit(EXIT_PROBLEMS)


def _count_lines(source: Path | None) -> int | None:
    if source is None:
        return None
    with source.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return max(lines - 1, 0) if source.suffix.lower() == ".csv" else lines
