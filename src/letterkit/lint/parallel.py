"""Lint many text files in worker processes (``letterkit lint --jobs``).

The loaded project (rules, term base, compiled matchers) is shared with the workers by
``fork``: nothing is loaded twice. Each worker opens its own connection to the analysis store
and writes what it analysed at the end of each chunk. Where ``fork`` is not available, or for
a few files, the files are linted in this process.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError

CHUNK = 8  # files per task: small enough to balance, large enough to amortise the pickling
MIN_FILES = 2 * CHUNK  # fewer files are linted in this process

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
            chunks = [range(i, min(i + CHUNK, len(files))) for i in range(0, len(files), CHUNK)]
            with context.Pool(min(jobs, len(chunks)), initializer=_start_worker) as pool:
                results = pool.map(_lint_chunk, [(c.start, c.stop) for c in chunks])
        finally:
            _job.clear()
        findings = []
        for chunk_findings, errors in results:
            if errors and skipped is None:
                raise errors[0]
            if errors:
                skipped.extend(error.problem for error in errors)
            findings.extend(chunk_findings)
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


def _lint_chunk(bounds: tuple[int, int]) -> tuple[list, list[LetterkitError]]:
    from letterkit.text import store

    findings: list = []
    errors: list[LetterkitError] = []
    for index in range(*bounds):
        try:
            findings.extend(lint_file(_job["files"][index], _job["lang"], _job["ruleset"],
                                      _job["project"], _job["terms"]))
        except LetterkitError as exc:
            errors.append(LetterkitError(exc.message, exc.location))
            if not _job.get("keep_going"):
                break
    active = store.active_store()
    if active is not None:
        active.flush()
    return findings, errors
