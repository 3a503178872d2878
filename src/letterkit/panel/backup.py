"""Consistent copies of the panel database while the app keeps running.

``backup`` writes a new SQLite file. From SQLite it uses the online backup API in one step,
which reads one snapshot (a WAL reader does not block the app's writers, and they do not
change what it sees). From PostgreSQL it copies every letterkit table inside one
``REPEATABLE READ READ ONLY`` transaction, so the copy is one snapshot too, and it opens
with ``letterkit panel --database sqlite:///COPY``; for the server's own format use
``pg_dump`` (which also reads one snapshot). Either way the copy is written under a
temporary name, checked with ``PRAGMA integrity_check`` and only then renamed to OUT.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from letterkit.panel import results
from letterkit.panel.schema import TABLES, metadata, responses
from letterkit.panel.store import Store

BATCH = 2000


class BackupError(Exception):
    """The copy could not be made; nothing was left at OUT."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    answers: int
    integrity: str  # "ok" or SQLite's first complaint


def integrity(path: Path) -> tuple[str, int]:
    """``PRAGMA integrity_check`` of a SQLite file, and its number of answers."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        count = conn.execute(f"SELECT count(*) FROM {responses.name}").fetchone()[0]
    finally:
        conn.close()
    return verdict, count


def _from_sqlite(store: Store, partial: Path) -> None:
    raw = store.engine.raw_connection()
    try:
        source = raw.driver_connection
        target = sqlite3.connect(partial)
        try:
            source.backup(target)  # pages=-1: the whole database in one step, one snapshot
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            target.close()
    finally:
        raw.close()


def _from_server(store: Store, partial: Path) -> None:
    target = sa.create_engine(f"sqlite:///{partial}")
    try:
        metadata.create_all(target)
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with store.engine.connect().execution_options(**options) as source, \
                target.begin() as out, source.begin():
            for table in TABLES:
                rows = source.execute(sa.select(table)).mappings()
                while chunk := rows.fetchmany(BATCH):
                    out.execute(table.insert(), [dict(r) for r in chunk])
    finally:
        target.dispose()


def backup(store: Store, out: Path) -> BackupReport:
    """Copy the whole database to the new SQLite file *out* (which must not exist)."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} exists already; give a new file name")
    if not out.parent.is_dir():
        raise BackupError(f"there is no folder {out.parent}")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if store.dialect == "sqlite":
            _from_sqlite(store, partial)
        else:
            _from_server(store, partial)
        verdict, count = integrity(partial)
        if verdict != "ok":
            raise BackupError(f"the copy failed its integrity check: {verdict}")
        os.replace(partial, out)
    except (OSError, sqlite3.Error, sa.exc.SQLAlchemyError) as exc:
        raise BackupError(f"could not write the copy: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(out, count, verdict)


def export(store: Store, study_id: str, fmt: str = "csv") -> str:
    """One study's answers as CSV (one row per answer, formulas neutralised) or JSON (with
    the pinned versions), exactly as the results page downloads them. The answers are read
    in one statement, so the export is one consistent snapshot."""
    study = store.study(study_id)
    if study is None:
        raise KeyError(study_id)
    rows = store.study_rows(study_id)
    if fmt == "csv":
        return results.to_csv(rows)
    return results.to_json(study, store.versions(study_id), rows)
