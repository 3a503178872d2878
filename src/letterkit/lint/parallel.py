"""Lint many text files in worker processes (``letterkit lint --jobs``).

The loaded project (rules, term base, compiled matchers) is shared with the workers by
``fork``: nothing is loaded twice. The files are split into ranges of about the same size in
bytes, a few per worker, handed out as workers become free; the findings come back as plain
tuples and are put back in file order. Each worker opens its own connection to the analysis
store and writes what it analysed at the end of each range. Where ``fork`` is not available,
or for a few files, the files are linted in this process.
"""

from __future__ import annotations

import gc
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError
from letterkit.model.finding import Finding

FINDING_FIELDS = tuple(f.name for f in fields(Finding))

TASKS_PER_JOB = 6  # tasks per worker: enough to balance, few enough to amortise each one
MIN_FILES = 16  # fewer files are linted in this process
GC_THRESHOLD = 20_000  # allocations between two runs of the cycle collector while linting

_job: dict[str, Any] = {}  # what the forked workers inherit, set only during lint_files


def default_jobs() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except (AttributeError, OSError):
        return max(1, min(os.cpu_count() or 1, 8))


def lint_files(files: list[Path], lang: str, ruleset, project, terms, jobs: int,
               skipped: list | None = None) -> list:
    """The findings of each text file in *files* (``.md`` as Markdown, ``.txt`` as plain
    text), in file order; LetterkitError for the first file that cannot be read (or over
    its time budget), or, with a *skipped* list, its problem added there and the other
    files still linted."""
    # Linting allocates many small objects that die young by reference counting; with the
    # default threshold the cycle collector ran some 370 times over 189 articles (a tenth of
    # the time). A larger first threshold (as mypy does) runs it a few times. What is loaded
    # (rules, term base, matchers) lives as long as the command: frozen, a full collection
    # does not walk it, and forked workers do not copy its pages by touching them.
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], GC_THRESHOLD), *thresholds[1:])
    gc.freeze()
    try:
        return _lint_files(files, lang, ruleset, project, terms, jobs, skipped)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def _lint_files(files: list[Path], lang: str, ruleset, project, terms, jobs: int,
                skipped: list | None) -> list:
    if jobs > 1 and len(files) >= MIN_FILES:
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1
    if jobs > 1 and len(files) >= MIN_FILES:
        import multiprocessing

        _warm(ruleset, terms, lang)
        _job.update(lang=lang, ruleset=ruleset, project=project, terms=terms, files=files,
                    keep_going=skipped is not None)
        try:
            context = multiprocessing.get_context("fork")
            tasks = split(files, jobs)
            results: list = [None] * len(tasks)
            with context.Pool(min(jobs, len(tasks)), initializer=_start_worker) as pool:
                for number, result in pool.imap_unordered(_lint_task, enumerate(tasks)):
                    results[number] = result
        finally:
            _job.clear()
        findings = []
        for rows, errors in results:  # in file order again
            if errors and skipped is None:
                raise errors[0]
            if errors:
                skipped.extend(error.problem for error in errors)
            findings.extend(Finding(*row) for row in rows)
        return findings
    findings = []
    for path in files:
        try:
            findings.extend(lint_file(path, lang, ruleset, project, terms))
        except LetterkitError as exc:
            if skipped is None:
                raise
            skipped.append(exc.problem)
    return findings


def lint_file(path: Path, lang: str, ruleset, project, terms) -> list:
    from letterkit.lint.runner import lint_text
    from letterkit.yamlio import read_text

    text = read_text(path)
    if "\x00" in text:
        from letterkit.errors import Location

        raise LetterkitError("this is not a text file", Location(str(path)))
    return lint_text(text, lang, ruleset, path=str(path), markdown=path.suffix.lower() != ".txt",
                     project=project, terms=terms)


def _warm(ruleset, terms, lang: str) -> None:
    """Compile what the rules compile on first use before forking, so that each worker does
    not do it again (and the parent saves it to the compiled cache)."""
    for rule in ruleset.for_lang(lang):
        if hasattr(type(rule), "matcher"):
            rule.matcher  # noqa: B018 - builds the phrase matcher
    if terms is not None:
        from letterkit.glossary.matcher import matcher

        matcher(terms, lang)


def _start_worker() -> None:
    from letterkit.text import store

    # The parent's connection must not be used after fork: open this worker's own.
    parent = store.active_store()
    store._active = None
    if parent is not None:
        store.AnalysisStore.open(parent.path, parent.limit)


def split(files: list[Path], jobs: int) -> list[tuple[int, int]]:
    """(first, end) index ranges of consecutive files, about TASKS_PER_JOB per worker and
    of about the same size in bytes (a worker that gets the long texts last would keep the
    others waiting)."""
    sizes = []
    for path in files:
        try:
            sizes.append(max(os.stat(path).st_size, 1))
        except OSError:
            sizes.append(1)  # reported by the worker that lints it
    count = min(len(files), jobs * TASKS_PER_JOB)
    share = sum(sizes) / count
    tasks = []
    first = 0
    filled = 0.0
    for index, size in enumerate(sizes):
        filled += size
        if filled >= share * (len(tasks) + 1) and index + 1 < len(files):
            tasks.append((first, index + 1))
            first = index + 1
    tasks.append((first, len(files)))
    return tasks


def _lint_task(task: tuple[int, tuple[int, int]]) -> tuple[int, tuple[list, list]]:
    """Lint one range of files in a worker: the findings go back as plain tuples (faster to
    pickle and unpickle than the objects)."""
    from letterkit.text import store

    number, (first, end) = task
    rows: list[tuple] = []
    errors: list[LetterkitError] = []
    for index in range(first, end):
        try:
            found = lint_file(_job["files"][index], _job["lang"], _job["ruleset"],
                              _job["project"], _job["terms"])
        except LetterkitError as exc:
            errors.append(LetterkitError(exc.message, exc.location))
            if not _job.get("keep_going"):
                break
            continue
        rows.extend(tuple(getattr(f, name) for name in FINDING_FIELDS) for f in found)
    active = store.active_store()
    if active is not None:
        active.flush()
    return number, (rows, errors)
