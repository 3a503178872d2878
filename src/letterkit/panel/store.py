"""Where panel answers live: SQLAlchemy on SQLite (default, WAL) or PostgreSQL by URL.

The same statements run on both. The schema carries a version in the ``meta`` table and is
upgraded by numbered, additive migrations (``MIGRATIONS``): a migration may add tables,
columns or indexes but never drops or rewrites a response, so an upgrade loses nothing.

Access: a participant is found only by the hash of their invite token, and every read made
for a participant is filtered by that participant's id and study; there is no call that
takes a participant id from the outside. Researchers read whole studies.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from letterkit.panel.study import Study, parse_study
from letterkit.panel.versions import PinnedVersion

SCHEMA_VERSION = 1
DATABASE_ENV = "LETTERKIT_DATABASE_URL"

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


def _migration_1(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


# Numbered, additive migrations. Add ``_migration_2`` etc. here; never drop a table or column.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migration_1}


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def default_url(root: Path | None = None) -> str:
    url = os.environ.get(DATABASE_ENV, "").strip()
    if url:
        return url
    if root is None:
        from letterkit.project import find_project

        root = find_project().root
    folder = root / "var"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'panel.sqlite'}"


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 when that is what is installed."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            try:
                import psycopg  # noqa: F401
            except ImportError:
                return url
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        kwargs: dict[str, Any] = {"connect_args": {"timeout": 30, "check_same_thread": False}}
        if in_memory:
            kwargs["poolclass"] = sa.pool.StaticPool
        else:
            kwargs.update(pool_size=10, max_overflow=40, pool_timeout=60)
        engine = sa.create_engine(url, **kwargs)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_size=10, max_overflow=40, pool_pre_ping=True)


@dataclass(frozen=True)
class Participant:
    """A participant as their own session sees them: no token, no other participant."""

    id: int
    study_id: str
    number: int
    lang: str
    ui_lang: str | None
    assignment: dict[str, Any]
    step: int
    finished: bool

    def label_for(self, letter_id: str) -> str:
        return self.assignment["labels"][letter_id]

    @property
    def cloze_offset(self) -> int:
        return int(self.assignment.get("cloze_offset", 0))


@dataclass(frozen=True)
class Invite:
    number: int
    token: str
    lang: str


class Store:
    """All reads and writes of panel data."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._version_cache: dict[tuple, PinnedVersion | None] = {}
        self._version_ids: dict[tuple, int] = {}
        self._lock = threading.Lock()
        self._statements: dict[tuple, Any] = {}
        # SQLite allows one writer at a time and makes waiting writers sleep and retry
        # (busy_timeout), which gives long tails under load. All sessions of the app share
        # this process, so writes queue on a lock instead; other processes still wait on
        # busy_timeout. PostgreSQL needs no lock.
        self._write_lock = threading.Lock() if engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        if self._write_lock is None:
            with self.engine.begin() as conn:
                yield conn
            return
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    # -- schema -----------------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the schema up to SCHEMA_VERSION; return the version it was at before."""
        with self.engine.begin() as conn:
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

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema")).first()
        return int(row[0]) if row else 0

    # -- studies ----------------------------------------------------------------------------

    def add_study(self, study: Study, pinned: Iterable[PinnedVersion]) -> bool:
        """Store *study* with its pinned versions; False if it is there already.

        An existing study keeps its first pins; versions it lacks (a new language or
        label) are added.
        """
        created = False
        with self._writing() as conn:
            exists = conn.execute(sa.select(studies.c.id).where(studies.c.id == study.id)).first()
            if exists is None:
                conn.execute(studies.insert().values(
                    id=study.id, title_json=json.dumps(study.title, ensure_ascii=False),
                    source=study.source, source_hash=study.source_hash, created_at=now()))
                created = True
            have = {(r.letter_id, r.label, r.lang) for r in conn.execute(
                sa.select(versions.c.letter_id, versions.c.label, versions.c.lang)
                .where(versions.c.study_id == study.id))}
            for pin in pinned:
                if (pin.letter_id, pin.label, pin.lang) in have:
                    continue
                conn.execute(versions.insert().values(
                    study_id=study.id, letter_id=pin.letter_id, label=pin.label, lang=pin.lang,
                    sample=pin.sample, letter_version=pin.letter_version,
                    git_commit=pin.git_commit, git_dirty=pin.git_dirty,
                    text_hash=pin.text_hash, markdown=pin.markdown, body_start=pin.body_start,
                    title=pin.title, marks_json=json.dumps(list(pin.marks), ensure_ascii=False),
                    pinned_at=now()))
        return created

    def study_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(studies.c.id).order_by(studies.c.id))]

    def study(self, study_id: str) -> Study | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(studies.c.source).where(studies.c.id == study_id)).first()
        return None if row is None else parse_study(row[0], f"<study {study_id}>")

    def versions(self, study_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(versions).where(versions.c.study_id == study_id)
                                .order_by(versions.c.letter_id, versions.c.label,
                                          versions.c.lang)).mappings().all()
        return [dict(r) for r in rows]

    def _version(self, study_id: str, letter_id: str, label: str, lang: str
                 ) -> PinnedVersion | None:
        key = (study_id, letter_id, label, lang)
        with self._lock:
            if key in self._version_cache:
                return self._version_cache[key]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(versions).where(
                versions.c.study_id == study_id, versions.c.letter_id == letter_id,
                versions.c.label == label, versions.c.lang == lang)).mappings().first()
        pin = None
        if row is not None:
            pin = PinnedVersion(row["study_id"], row["letter_id"], row["label"], row["lang"],
                                row["sample"], row["letter_version"], row["git_commit"],
                                bool(row["git_dirty"]), row["text_hash"], row["markdown"],
                                row["body_start"], row["title"],
                                tuple(json.loads(row["marks_json"])))
            with self._lock:
                self._version_ids[key] = row["id"]
                self._version_cache[key] = pin
        return pin

    # -- participants -----------------------------------------------------------------------

    def create_participants(self, study_id: str, lang: str, count: int) -> list[Invite]:
        """Make *count* invites for *study_id*, letters in *lang*. Tokens are shown once."""
        study = self.study(study_id)
        if study is None:
            raise KeyError(study_id)
        if lang not in study.languages:
            raise ValueError(f"{study_id} has no letters in {lang!r}")
        invites = []
        with self._writing() as conn:
            highest = conn.execute(sa.select(sa.func.max(participants.c.number))
                                   .where(participants.c.study_id == study_id)).scalar() or 0
            for n in range(highest + 1, highest + 1 + count):
                token = secrets.token_urlsafe(18)
                labels = {e.letter: e.labels[(n - 1) % len(e.labels)] for e in study.letters}
                offsets = max((t.offsets for e in study.letters for t in e.tasks
                               if t.type == "cloze"), default=1)
                assignment = {"labels": labels, "cloze_offset": (n - 1) % offsets}
                conn.execute(participants.insert().values(
                    study_id=study_id, number=n, token_hash=token_hash(token), lang=lang,
                    assignment_json=json.dumps(assignment), step=0, created_at=now()))
                invites.append(Invite(n, token, lang))
        return invites

    def participant_by_token(self, token: str) -> Participant | None:
        """The participant whose invite token this is, or None."""
        if not token or len(token) > 200:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(participants).where(
                participants.c.token_hash == token_hash(token))).mappings().first()
        return None if row is None else self._participant(row)

    def refresh(self, participant: Participant) -> Participant:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(participants).where(
                participants.c.id == participant.id)).mappings().one()
        return self._participant(row)

    @staticmethod
    def _participant(row: Any) -> Participant:
        return Participant(row["id"], row["study_id"], row["number"], row["lang"],
                           row["ui_lang"], json.loads(row["assignment_json"]), row["step"],
                           row["finished_at"] is not None)

    def set_progress(self, participant: Participant, *, step: int | None = None,
                     ui_lang: str | None = None, finished: bool = False) -> None:
        values: dict[str, Any] = {}
        if step is not None:
            values["step"] = step
        if ui_lang is not None:
            values["ui_lang"] = ui_lang
        if finished:
            values["finished_at"] = now()
        if step is not None:
            values["started_at"] = sa.func.coalesce(participants.c.started_at, now())
        if not values:
            return
        with self._writing() as conn:
            conn.execute(participants.update().where(participants.c.id == participant.id)
                         .values(**values))

    def version_for(self, participant: Participant, letter_id: str) -> PinnedVersion | None:
        """The pinned letter text this participant reads (only from their own study)."""
        label = participant.assignment["labels"].get(letter_id)
        if label is None:
            return None
        return self._version(participant.study_id, letter_id, label, participant.lang)

    def study_for(self, participant: Participant) -> Study:
        study = self.study(participant.study_id)
        assert study is not None
        return study

    # -- answers ----------------------------------------------------------------------------

    def _insert(self, table: sa.Table):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    def _upsert(self, table: sa.Table, keys: list[str], update: dict[str, Any]):
        """An INSERT .. ON CONFLICT DO UPDATE for *table*, built once and reused."""
        cache_key = (table.name, tuple(keys))
        stmt = self._statements.get(cache_key)
        if stmt is None:
            stmt = self._insert(table)
            stmt = stmt.on_conflict_do_update(
                index_elements=keys,
                set_={name: (value if value is not None else stmt.excluded[name])
                      for name, value in update.items()})
            self._statements[cache_key] = stmt
        return stmt

    def save_answer(self, participant: Participant, letter_id: str, task_id: str, item: str,
                    value: Any, score: float | None = None, time_ms: int | None = None) -> None:
        """Store one answer now (insert, or replace the participant's earlier answer)."""
        version_id = commit = digest = None
        if letter_id:
            pin = self.version_for(participant, letter_id)
            if pin is None:
                raise KeyError(f"{letter_id} is not in this participant's study")
            key = (pin.study_id, pin.letter_id, pin.label, pin.lang)
            version_id, commit, digest = self._version_ids[key], pin.git_commit, pin.text_hash
        row = {"participant_id": participant.id, "study_id": participant.study_id,
               "letter_id": letter_id, "version_id": version_id, "task_id": task_id,
               "item": str(item), "value_json": json.dumps(value, ensure_ascii=False),
               "score": score, "time_ms": time_ms, "git_commit": commit, "text_hash": digest,
               "answered_at": now(), "revisions": 1}
        stmt = self._upsert(responses, ["participant_id", "letter_id", "task_id", "item"],
                            {"value_json": None, "score": None, "time_ms": None,
                             "answered_at": None, "revisions": responses.c.revisions + 1})
        with self._writing() as conn:
            conn.execute(stmt, row)

    def add_time(self, participant: Participant, step_key: str, ms: int) -> None:
        """Add *ms* to the time spent on one step (steps can be visited more than once)."""
        stmt = self._upsert(task_times, ["participant_id", "step_key"],
                            {"ms": task_times.c.ms + sa.literal_column("excluded.ms")})
        with self._writing() as conn:
            conn.execute(stmt, {"participant_id": participant.id, "step_key": step_key[:200],
                                "ms": max(0, int(ms))})

    def answers(self, participant: Participant) -> dict[tuple[str, str, str], Any]:
        """This participant's own answers, by (letter, task, item)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(responses.c.letter_id, responses.c.task_id,
                                          responses.c.item, responses.c.value_json)
                                .where(responses.c.participant_id == participant.id,
                                       responses.c.study_id == participant.study_id))
            return {(r[0], r[1], r[2]): json.loads(r[3]) for r in rows}

    # -- researcher reads -------------------------------------------------------------------

    def study_rows(self, study_id: str) -> list[dict[str, Any]]:
        """Every answer of a study, one row each, tied to version, commit and text hash."""
        p, r, v = participants, responses, versions
        query = (sa.select(p.c.number.label("participant"), p.c.lang,
                           p.c.finished_at.isnot(None).label("finished"), r.c.letter_id,
                           v.c.label, v.c.letter_version, r.c.git_commit, r.c.text_hash,
                           r.c.task_id, r.c.item, r.c.value_json, r.c.score, r.c.time_ms,
                           r.c.answered_at, r.c.revisions)
                 .select_from(r.join(p, p.c.id == r.c.participant_id)
                              .outerjoin(v, v.c.id == r.c.version_id))
                 .where(r.c.study_id == study_id)
                 .order_by(p.c.number, r.c.letter_id, r.c.task_id, r.c.item))
        out = []
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                item = dict(row)
                item["value"] = json.loads(item.pop("value_json"))
                item["finished"] = bool(item["finished"])
                item["answered_at"] = item["answered_at"].isoformat(timespec="seconds")
                out.append(item)
        return out

    def study_times(self, study_id: str) -> list[dict[str, Any]]:
        query = (sa.select(participants.c.number.label("participant"), participants.c.lang,
                           task_times.c.step_key, task_times.c.ms)
                 .select_from(task_times.join(participants,
                                              participants.c.id == task_times.c.participant_id))
                 .where(participants.c.study_id == study_id))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def participant_summary(self, study_id: str) -> list[dict[str, Any]]:
        """Per participant: number, language, assignment, progress (no token, no names)."""
        query = (sa.select(participants.c.number, participants.c.lang, participants.c.ui_lang,
                           participants.c.assignment_json, participants.c.step,
                           participants.c.started_at, participants.c.finished_at)
                 .where(participants.c.study_id == study_id).order_by(participants.c.number))
        with self.engine.connect() as conn:
            return [{**dict(r), "assignment_json": json.loads(r["assignment_json"])}
                    for r in conn.execute(query).mappings()]

    def count_answers(self, study_id: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(responses)
                                .where(responses.c.study_id == study_id)).scalar_one()


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def open_store(url: str | None = None) -> Store:
    """A migrated Store for *url* (default: LETTERKIT_DATABASE_URL or var/panel.sqlite)."""
    url = url or default_url()
    with _STORES_LOCK:
        store = _STORES.get(url)
        if store is None:
            store = Store(make_engine(url))
            store.migrate()
            _STORES[url] = store
        return store
