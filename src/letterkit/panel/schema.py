"""The panel database's tables and their numbered, additive migrations.

The schema carries a version in the ``lk_meta`` table and is upgraded by ``MIGRATIONS``: a
migration may add tables, columns or indexes but never drops or rewrites a response, so an
upgrade loses nothing. The same statements run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

SCHEMA_VERSION = 1

metadata = sa.MetaData()

meta = sa.Table(
    "lk_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
studies = sa.Table(
    "lk_studies", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title_json", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
versions = sa.Table(
    "lk_letter_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("study_id", sa.String(64), sa.ForeignKey("lk_studies.id"), nullable=False),
    sa.Column("letter_id", sa.String(128), nullable=False),
    sa.Column("label", sa.String(16), nullable=False),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("sample", sa.String(128), nullable=False),
    sa.Column("letter_version", sa.Integer, nullable=False),
    sa.Column("git_commit", sa.String(64)),
    sa.Column("git_dirty", sa.Boolean, nullable=False),
    sa.Column("text_hash", sa.String(64), nullable=False),
    sa.Column("markdown", sa.Text, nullable=False),
    sa.Column("body_start", sa.Integer, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("marks_json", sa.Text, nullable=False),
    sa.Column("pinned_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("study_id", "letter_id", "label", "lang", name="uq_version"),
)
participants = sa.Table(
    "lk_participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("study_id", sa.String(64), sa.ForeignKey("lk_studies.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("ui_lang", sa.String(8)),
    sa.Column("assignment_json", sa.Text, nullable=False),
    sa.Column("step", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("started_at", sa.DateTime),
    sa.Column("finished_at", sa.DateTime),
    sa.UniqueConstraint("study_id", "number", name="uq_participant_number"),
)
responses = sa.Table(
    "lk_responses", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("lk_participants.id"), nullable=False),
    sa.Column("study_id", sa.String(64), nullable=False),
    sa.Column("letter_id", sa.String(128), nullable=False),  # "" for background questions
    sa.Column("version_id", sa.Integer, sa.ForeignKey("lk_letter_versions.id")),
    sa.Column("task_id", sa.String(64), nullable=False),
    sa.Column("item", sa.String(64), nullable=False),  # sentence / blank / "" for one answer
    sa.Column("value_json", sa.Text, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("time_ms", sa.Integer),
    sa.Column("git_commit", sa.String(64)),
    sa.Column("text_hash", sa.String(64)),
    sa.Column("answered_at", sa.DateTime, nullable=False),
    sa.Column("revisions", sa.Integer, nullable=False, default=1),
    sa.UniqueConstraint("participant_id", "letter_id", "task_id", "item", name="uq_answer"),
    sa.Index("ix_responses_study", "study_id"),
)
task_times = sa.Table(
    "lk_task_times", metadata,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("lk_participants.id"),
              primary_key=True),
    sa.Column("step_key", sa.String(200), primary_key=True),
    sa.Column("ms", sa.Integer, nullable=False),
)

# Tables in the order a copy must fill them (a row's foreign keys come first).
TABLES = (meta, studies, versions, participants, responses, task_times)


def _migration_1(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


# Numbered, additive migrations. Add ``_migration_2`` etc. here; never drop a table or column.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migration_1}


def migrate(engine: Engine) -> int:
    """Bring the schema up to SCHEMA_VERSION; return the version it was at before."""
    with engine.begin() as conn:
        meta.create(conn, checkfirst=True)
        row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema")).first()
        before = int(row[0]) if row else 0
        for number in sorted(MIGRATIONS):
            if number > before:
                MIGRATIONS[number](conn)
        if row is None:
            conn.execute(meta.insert().values(key="schema", value=str(SCHEMA_VERSION)))
        elif before < SCHEMA_VERSION:
            conn.execute(meta.update().where(meta.c.key == "schema")
                         .values(value=str(SCHEMA_VERSION)))
    return before


def schema_version(engine: Engine) -> int:
    """The version the database is at (0 for an empty one)."""
    if not sa.inspect(engine).has_table(meta.name):
        return 0
    with engine.connect() as conn:
        row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema")).first()
    return int(row[0]) if row else 0
