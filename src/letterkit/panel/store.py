"""Where panel answers live: the store over SQLAlchemy (SQLite by default, PostgreSQL by URL).

The tables and migrations are in ``schema``, connecting (and read-only archives) in
``database``; both are re-exported here, so ``letterkit.panel.store`` stays the one import.

Access: a participant is found only by the hash of their invite token, and every read made
for a participant is filtered by that participant's id and study; there is no call that
takes a participant id from the outside. Researchers read whole studies.

Faults: a write the database refuses (a full disk, a read-only database, a lock held too
long) raises ``StoreUnavailable`` with the reason, never a raw driver error, so the
participant page can say what happened and keep the answer on the page. Two tabs on one
invite link are told apart by each answer's revision: a save that names the revision it
last saw fails with ``AnswerConflict`` (holding the other tab's answer) instead of
overwriting it. A finished participant's answers no longer change (``ParticipantFinished``).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from letterkit.panel.database import (
    DATABASE_ENV,
    READ_ONLY_ENV,
    StoreUnavailable,
    classify,
    default_url,
    is_read_only,
    make_engine,
    normalise_url,
)
from letterkit.panel.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    meta,
    metadata,
    participants,
    responses,
    studies,
    task_times,
    versions,
)
from letterkit.panel.schema import migrate as _migrate
from letterkit.panel.schema import schema_version as _schema_version
from letterkit.panel.study import Study, parse_study
from letterkit.panel.versions import PinnedVersion

__all__ = [
    "DATABASE_ENV", "MIGRATIONS", "READ_ONLY_ENV", "SCHEMA_VERSION", "TABLES", "AnswerConflict",
    "Invite", "Participant", "ParticipantFinished", "Store", "StoreUnavailable", "default_url",
    "make_engine", "meta", "metadata", "normalise_url", "now", "open_store", "participants",
    "responses", "studies", "task_times", "token_hash", "versions",
]


class AnswerConflict(Exception):
    """The answer was changed elsewhere (another tab) since this page last saw it."""

    def __init__(self, value: Any, revision: int):
        super().__init__(f"the answer is at revision {revision}")
        self.value = value
        self.revision = revision


class ParticipantFinished(Exception):
    """The participant has finished the study: their answers are final."""


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


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
        self.read_only = is_read_only(engine)
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
        """A write transaction; a refused write raises StoreUnavailable (never half-done)."""
        if self.read_only:
            raise StoreUnavailable("read_only", "the database was opened read-only")
        try:
            if self._write_lock is None:
                with self.engine.begin() as conn:
                    yield conn
                return
            with self._write_lock, self.engine.begin() as conn:
                yield conn
        except sa.exc.IntegrityError:
            raise
        except sa.exc.DBAPIError as exc:
            raise StoreUnavailable(classify(exc), str(exc.orig)) from exc

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except sa.exc.DBAPIError as exc:
            raise StoreUnavailable(classify(exc), str(exc.orig)) from exc

    # -- schema -----------------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the schema up to SCHEMA_VERSION; return the version it was at before.
        A read-only store is not changed: it reports its version."""
        try:
            if self.read_only:
                return _schema_version(self.engine)
            return _migrate(self.engine)
        except sa.exc.DBAPIError as exc:
            raise StoreUnavailable(classify(exc), str(exc.orig)) from exc

    def schema_version(self) -> int:
        try:
            return _schema_version(self.engine)
        except sa.exc.DBAPIError as exc:
            raise StoreUnavailable(classify(exc), str(exc.orig)) from exc

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
        with self._reading() as conn:
            return [r[0] for r in conn.execute(sa.select(studies.c.id).order_by(studies.c.id))]

    def study(self, study_id: str) -> Study | None:
        """The study as stored when it was opened; None when there is none. A copy that does
        not read (changed in the database since) is a StudyError that lists its problems."""
        with self._reading() as conn:
            row = conn.execute(sa.select(studies.c.source).where(studies.c.id == study_id)).first()
        if row is None:
            return None
        return parse_study(row[0], f"<study {study_id} as kept in the answer store>")

    def versions(self, study_id: str) -> list[dict[str, Any]]:
        with self._reading() as conn:
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
        with self._reading() as conn:
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
        with self._reading() as conn:
            row = conn.execute(sa.select(participants).where(
                participants.c.token_hash == token_hash(token))).mappings().first()
        return None if row is None else self._participant(row)

    def refresh(self, participant: Participant) -> Participant:
        with self._reading() as conn:
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
        if step is not None:  # a finished participant stays on the last page
            values["step"] = sa.case((participants.c.finished_at.is_(None), step),
                                     else_=participants.c.step)
        if ui_lang is not None:
            values["ui_lang"] = ui_lang
        if finished:
            values["finished_at"] = sa.func.coalesce(participants.c.finished_at, now())
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
                    value: Any, score: float | None = None, time_ms: int | None = None,
                    expected_revision: int | None = None) -> int:
        """Store one answer now (insert, or replace the participant's earlier answer) and
        return its revision (1 for the first answer, one more for each change).

        With *expected_revision* (the revision this page last saw, 0 for none) the answer
        is stored only if nobody changed it since; otherwise ``AnswerConflict`` is raised
        with the stored answer and nothing is written. A finished participant's answers
        are final: ``ParticipantFinished``.
        """
        version_id = commit = digest = None
        if letter_id:
            pin = self.version_for(participant, letter_id)
            if pin is None:
                raise KeyError(f"{letter_id} is not in this participant's study")
            key = (pin.study_id, pin.letter_id, pin.label, pin.lang)
            version_id, commit, digest = self._version_ids[key], pin.git_commit, pin.text_hash
        item = str(item)
        row = {"participant_id": participant.id, "study_id": participant.study_id,
               "letter_id": letter_id, "version_id": version_id, "task_id": task_id,
               "item": item, "value_json": json.dumps(value, ensure_ascii=False),
               "score": score, "time_ms": time_ms, "git_commit": commit, "text_hash": digest,
               "answered_at": now(), "revisions": 1}
        r = responses
        this = sa.and_(r.c.participant_id == participant.id, r.c.letter_id == letter_id,
                       r.c.task_id == task_id, r.c.item == item)
        conflict = False
        try:
            with self._writing() as conn:
                finished = conn.execute(sa.select(participants.c.finished_at).where(
                    participants.c.id == participant.id)).scalar()
                if finished is not None:
                    raise ParticipantFinished(participant.number)
                if expected_revision is None:
                    stmt = self._upsert(r, ["participant_id", "letter_id", "task_id", "item"],
                                        {"value_json": None, "score": None, "time_ms": None,
                                         "answered_at": None, "revisions": r.c.revisions + 1})
                    conn.execute(stmt, row)
                    return conn.execute(sa.select(r.c.revisions).where(this)).scalar_one()
                if expected_revision <= 0:
                    conn.execute(r.insert(), row)  # IntegrityError: the other tab was first
                    return 1
                done = conn.execute(
                    r.update().where(this, r.c.revisions == expected_revision)
                    .values(value_json=row["value_json"], score=score, time_ms=time_ms,
                            answered_at=row["answered_at"], revisions=r.c.revisions + 1))
                if done.rowcount == 1:
                    return expected_revision + 1
                conflict = True
        except sa.exc.IntegrityError:
            conflict = True
        assert conflict
        with self._reading() as conn:
            stored = conn.execute(sa.select(r.c.value_json, r.c.revisions).where(this)).first()
        if stored is None:  # cannot happen: answers are never deleted
            raise AnswerConflict(None, 0)
        raise AnswerConflict(json.loads(stored[0]), stored[1])

    def add_time(self, participant: Participant, step_key: str, ms: int) -> None:
        """Add *ms* to the time spent on one step (steps can be visited more than once)."""
        stmt = self._upsert(task_times, ["participant_id", "step_key"],
                            {"ms": task_times.c.ms + sa.literal_column("excluded.ms")})
        with self._writing() as conn:
            conn.execute(stmt, {"participant_id": participant.id, "step_key": step_key[:200],
                                "ms": max(0, int(ms))})

    def answers(self, participant: Participant) -> dict[tuple[str, str, str], Any]:
        """This participant's own answers, by (letter, task, item)."""
        with self._reading() as conn:
            rows = conn.execute(sa.select(responses.c.letter_id, responses.c.task_id,
                                          responses.c.item, responses.c.value_json)
                                .where(responses.c.participant_id == participant.id,
                                       responses.c.study_id == participant.study_id))
            return {(r[0], r[1], r[2]): json.loads(r[3]) for r in rows}

    def answer_revisions(self, participant: Participant
                         ) -> dict[tuple[str, str, str], tuple[Any, int]]:
        """This participant's own answers with their revisions, by (letter, task, item)."""
        with self._reading() as conn:
            rows = conn.execute(sa.select(responses.c.letter_id, responses.c.task_id,
                                          responses.c.item, responses.c.value_json,
                                          responses.c.revisions)
                                .where(responses.c.participant_id == participant.id,
                                       responses.c.study_id == participant.study_id))
            return {(r[0], r[1], r[2]): (json.loads(r[3]), r[4]) for r in rows}

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
        with self._reading() as conn:
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
        with self._reading() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def participant_summary(self, study_id: str) -> list[dict[str, Any]]:
        """Per participant: number, language, assignment, progress (no token, no names)."""
        query = (sa.select(participants.c.number, participants.c.lang, participants.c.ui_lang,
                           participants.c.assignment_json, participants.c.step,
                           participants.c.started_at, participants.c.finished_at)
                 .where(participants.c.study_id == study_id).order_by(participants.c.number))
        with self._reading() as conn:
            return [{**dict(r), "assignment_json": json.loads(r["assignment_json"])}
                    for r in conn.execute(query).mappings()]

    def count_answers(self, study_id: str) -> int:
        with self._reading() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(responses)
                                .where(responses.c.study_id == study_id)).scalar_one()


_STORES: dict[tuple[str, bool], Store] = {}
_STORES_LOCK = threading.Lock()


def open_store(url: str | None = None, read_only: bool | None = None) -> Store:
    """A migrated Store for *url* (default: LETTERKIT_DATABASE_URL or var/panel.sqlite).

    Read-only when *read_only* is true (or LETTERKIT_DATABASE_READ_ONLY=1), and whenever the
    SQLite file or its folder cannot be written (an archived study): such a store is not
    migrated and every write raises ``StoreUnavailable("read_only")``.
    """
    from letterkit.panel.database import wants_read_only

    url = url or default_url()
    ro = wants_read_only(normalise_url(url), read_only)
    with _STORES_LOCK:
        store = _STORES.get((url, ro))
        if store is None:
            store = Store(make_engine(url, read_only=ro))
            store.migrate()
            _STORES[(url, ro)] = store
        return store
