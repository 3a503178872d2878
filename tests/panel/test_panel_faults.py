"""Panel data under faults: kill -9 mid-answer, a full disk, read-only and archived
databases, backups and exports while answers keep coming, two tabs on one link."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from letterkit.panel.backup import backup, export, integrity
from letterkit.panel.store import (
    AnswerConflict,
    ParticipantFinished,
    Store,
    StoreUnavailable,
    make_engine,
    open_store,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
KILL_ROUNDS = int(os.environ.get("LETTERKIT_KILL_ROUNDS", "30"))


def _sqlite_store(path: Path, study, pins) -> Store:
    store = Store(make_engine(f"sqlite:///{path}"))
    store.migrate()
    store.add_study(study, pins)
    return store


def _rows(path: Path) -> dict[str, tuple[str, int]]:
    conn = sqlite3.connect(path)
    try:
        return {item: (json.loads(value), revisions) for item, value, revisions in conn.execute(
            "SELECT item, value_json, revisions FROM lk_responses")}
    finally:
        conn.close()


def test_kill_9_mid_answer_loses_nothing_that_was_acknowledged(tmp_path, study, pins):
    db = tmp_path / "panel.sqlite"
    store = _sqlite_store(db, study, pins)
    invite = store.create_participants(study.id, "fi", 1)[0]
    store.engine.dispose()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    rng = random.Random(13)
    acknowledged = lost = 0
    for round_ in range(KILL_ROUNDS):
        side = tmp_path / f"acked-{round_}.tsv"
        side.touch()
        writer = subprocess.Popen([sys.executable, str(HERE / "kill_writer.py"),
                                   f"sqlite:///{db}", invite.token, str(side), str(round_)],
                                  env=env, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while side.stat().st_size == 0:  # wait until it is writing
            assert writer.poll() is None, writer.stderr.read().decode()
            assert time.monotonic() < deadline, "the writer never saved an answer"
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.15))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stderr.close()
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", round_
        conn.close()
        stored = _rows(db)
        last: dict[str, tuple[int, int]] = {}
        for line in side.read_text().splitlines():
            item, revision, i = line.split("\t")
            last[item] = (int(revision), int(i))
            acknowledged += 1
        for item, (revision, i) in last.items():
            value, have = stored.get(item, (None, 0))
            if have < revision or (have == revision and not value.startswith(f"answer {i} ")):
                lost += 1
    print(f"\nkill -9: {KILL_ROUNDS} rounds, {acknowledged} answers acknowledged, "
          f"{lost} lost, integrity ok every round")
    assert KILL_ROUNDS >= 30 or "LETTERKIT_KILL_ROUNDS" in os.environ
    assert acknowledged > KILL_ROUNDS
    assert lost == 0


def _fill(store: Store, me, prefix: str) -> int:
    """Save answers until the database refuses; the number that went in."""
    saved = 0
    for size in (3000, 1000, 300, 60, 10):
        for n in range(100_000):
            try:
                store.save_answer(me, "", "background", f"{prefix}{size}-{n}", "x" * size)
            except StoreUnavailable as exc:
                assert exc.reason == "full", exc
                break
            saved += 1
    return saved


def limit_pages(engine: sa.Engine) -> callable:
    """Make SQLite refuse to grow the file from now on (SQLITE_FULL, as on a full disk);
    returns the function that lifts the limit."""
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def _limit(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    sa.event.listen(engine, "connect", _limit)
    engine.dispose()

    def lift() -> None:
        sa.event.remove(engine, "connect", _limit)
        engine.dispose()

    return lift


def test_a_full_database_refuses_with_a_reason_and_keeps_what_it_had(tmp_path, study, pins):
    store = _sqlite_store(tmp_path / "panel.sqlite", study, pins)
    me = store.participant_by_token(store.create_participants(study.id, "fi", 1)[0].token)
    store.save_answer(me, "", "background", "first_language", "arabia")
    lift = limit_pages(store.engine)
    assert _fill(store, me, "fill") >= 0
    with pytest.raises(StoreUnavailable) as refused:
        store.save_answer(me, "", "background", "interpreter", "x" * 3000)
    assert refused.value.reason == "full"
    lift()
    assert store.save_answer(me, "", "background", "interpreter", "x" * 3000) == 1
    assert store.answers(me)[("", "background", "first_language")] == "arabia"
    assert integrity(tmp_path / "panel.sqlite")[0] == "ok"


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system of its own (tmpfs; needs root), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_disk_and_a_read_only_file_system(small_disk, study, pins):
    db = small_disk / "panel.sqlite"
    store = _sqlite_store(db, study, pins)
    me = store.participant_by_token(store.create_participants(study.id, "sv", 1)[0].token)
    store.save_answer(me, "", "background", "first_language", "somaliska")
    filler = small_disk / "filler"
    with filler.open("wb") as handle:  # take every free block
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    with pytest.raises(StoreUnavailable) as refused:
        for n in range(200):  # the WAL may still have room for a few
            store.save_answer(me, "", "background", f"big{n}", "y" * 4000)
    assert refused.value.reason == "full", refused.value.detail
    filler.unlink()
    assert store.save_answer(me, "", "background", "interpreter", "no") == 1
    store.engine.dispose()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    archived = open_store(f"sqlite:///{db}")  # read-only file system: opened read-only
    assert archived.read_only
    assert archived.answers(me)[("", "background", "interpreter")] == "no"
    with pytest.raises(StoreUnavailable) as refused:
        archived.save_answer(me, "", "background", "interpreter", "yes")
    assert refused.value.reason == "read_only"


@pytest.mark.parametrize("how", ["file 0444", "folder 0555"])
def test_an_archived_database_opens_for_reading_and_is_not_touched(tmp_path, study, pins,
                                                                   how):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "panel.sqlite"
    store = _sqlite_store(db, study, pins)
    me = store.participant_by_token(store.create_participants(study.id, "en", 2)[0].token)
    store.save_answer(me, "", "background", "first_language", "Tigrinya")
    store.engine.dispose()  # the last connection checkpoints and removes the WAL
    before = db.read_bytes()
    if how == "file 0444":
        db.chmod(0o444)
    else:
        folder.chmod(0o555)
    try:
        archived = open_store(f"sqlite:///{db}")
        assert archived.read_only
        assert archived.schema_version() == 1
        assert archived.answers(me) == {("", "background", "first_language"): "Tigrinya"}
        rows = archived.study_rows(study.id)
        assert [r["value"] for r in rows] == ["Tigrinya"]
        assert "Tigrinya" in export(archived, study.id, "csv")
        with pytest.raises(StoreUnavailable) as refused:
            archived.save_answer(me, "", "background", "first_language", "Amharic")
        assert refused.value.reason == "read_only"
        archived.engine.dispose()
        assert db.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["panel.sqlite"]  # no -wal, -shm
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


def test_read_only_on_request_sees_what_the_app_writes(tmp_path, study, pins):
    db = tmp_path / "panel.sqlite"
    store = _sqlite_store(db, study, pins)
    me = store.participant_by_token(store.create_participants(study.id, "fi", 1)[0].token)
    reader = open_store(f"sqlite:///{db}", read_only=True)
    assert reader.read_only and reader is not store
    store.save_answer(me, "", "background", "first_language", "viro")
    assert reader.answers(me) == {("", "background", "first_language"): "viro"}
    with pytest.raises(StoreUnavailable):
        reader.create_participants(study.id, "fi", 1)


def _write_in_turn(store: Store, me, stop: threading.Event, written: list) -> None:
    n = 0
    while not stop.is_set():
        store.save_answer(me, "", "background", f"n{n:06d}", n)
        written.append(n)
        n += 1


def test_a_backup_taken_while_answers_arrive_is_whole_and_a_prefix(opened, study, tmp_path):
    me = opened.participant_by_token(opened.create_participants(study.id, "fi", 1)[0].token)
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_write_in_turn, args=(opened, me, stop, written))
    writer.start()
    try:
        while len(written) < 50:
            time.sleep(0.01)
        copies = [backup(opened, tmp_path / f"copy{k}.sqlite") for k in range(3)]
    finally:
        stop.set()
        writer.join()
    for report in copies:
        assert report.integrity == "ok"
        conn = sqlite3.connect(report.path)
        numbers = sorted(int(v) for (v,) in conn.execute(
            "SELECT value_json FROM lk_responses WHERE item LIKE 'n%'"))
        conn.close()
        assert numbers == list(range(len(numbers))), "the copy is a prefix of the writes"
        assert len(numbers) >= 50
        copy = open_store(f"sqlite:///{report.path}", read_only=True)
        assert copy.study_ids() == [study.id]
    assert len({r.answers for r in copies}) >= 1
    with pytest.raises(Exception, match="exists already"):
        backup(opened, copies[0].path)


def test_panel_commands_back_up_export_and_describe(run_cli, tmp_path, study, pins):
    db = tmp_path / "panel.sqlite"
    store = _sqlite_store(db, study, pins)
    me = store.participant_by_token(store.create_participants(study.id, "fi", 2)[0].token)
    store.save_answer(me, "", "background", "first_language", "=HYPERLINK(\"http://x\")")
    url = f"sqlite:///{db}"
    result = run_cli("panel", "--database", url, "info", cwd=tmp_path)
    assert result.exit_code == 0, result.err
    assert f"{study.id}: 2 participants (0 finished), 1 answers" in result.out
    result = run_cli("panel", "--database", url, "backup", str(tmp_path / "b.sqlite"))
    assert result.exit_code == 0, result.err
    assert "1 answers, integrity ok" in result.out
    again = run_cli("panel", "--database", url, "backup", str(tmp_path / "b.sqlite"))
    assert again.exit_code == 2 and "b.sqlite: " in again.err and "exists" in again.err
    result = run_cli("panel", "--database", f"sqlite:///{tmp_path / 'b.sqlite'}",
                     "--read-only", "export")
    assert result.exit_code == 0, result.err
    assert "'=HYPERLINK" in result.out  # neutralised, as the results page does
    out = tmp_path / "answers.json"
    result = run_cli("panel", "--database", url, "export", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.err
    assert json.loads(out.read_text())["study"] == study.id
    result = run_cli("panel", "--database", url, "export", "--study", "nope")
    assert result.exit_code == 2 and "there is no study 'nope'" in result.err
    result = run_cli("panel", "--database", f"sqlite:///{tmp_path / 'none.sqlite'}", "info")
    assert result.exit_code == 2 and "none.sqlite: there is no panel database" in result.err
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    result = run_cli("panel", "--database", f"sqlite:///{tmp_path / 'junk.sqlite'}", "info")
    assert result.exit_code == 2 and "junk.sqlite: cannot open the panel database" in result.err
    assert "Traceback" not in result.err


def test_two_tabs_cannot_overwrite_each_other_unseen(opened, study):
    me = opened.participant_by_token(opened.create_participants(study.id, "fi", 1)[0].token)
    key = ("", "background", "first_language")
    assert opened.save_answer(me, *key, "somali", expected_revision=0) == 1  # tab A
    with pytest.raises(AnswerConflict) as conflict:  # tab B had seen no answer
        opened.save_answer(me, *key, "arabia", expected_revision=0)
    assert (conflict.value.value, conflict.value.revision) == ("somali", 1)
    assert opened.save_answer(me, *key, "somali ja arabia", expected_revision=1) == 2
    with pytest.raises(AnswerConflict):  # tab A still thinks it is at revision 1
        opened.save_answer(me, *key, "somali!", expected_revision=1)
    assert opened.answers(me)[key] == "somali ja arabia"


def test_a_finished_participant_cannot_change_answers(opened, study):
    me = opened.participant_by_token(opened.create_participants(study.id, "sv", 1)[0].token)
    opened.save_answer(me, "", "background", "first_language", "persiska")
    opened.set_progress(me, step=5, finished=True)
    with pytest.raises(ParticipantFinished):
        opened.save_answer(me, "", "background", "first_language", "dari")
    opened.set_progress(me, step=2)  # a tab left open at step 2 goes "back"
    after = opened.refresh(me)
    assert after.finished and after.step == 5
    assert opened.answers(me)[("", "background", "first_language")] == "persiska"
