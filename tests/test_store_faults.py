"""The store under faults: a lock held too long, a damaged file, a read-only store, a full
disk, kill -9 while attempts wait on this PC. Nothing a pupil saved is lost, the game gets one
line that names the file and says what to do, and no call hangs.

The slow version (many rounds, figures) is bench/faults.py; a server that does not answer is
tests/test_server_timeouts.py; kill -9 while the store itself writes is tests/test_store_crash.py.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from game.progress import db
from game.progress.records import Attempt, BuildPiece, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore, attempts_t
from tests import pg
from tests.test_server_timeouts import deadline, in_thread

open_store, store_url = pg.open_store, pg.store_url  # fixtures: SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parent.parent
BUILD = tuple(BuildPiece("wire_straight", (x, 1), x % 4) for x in range(8))


@pytest.fixture(autouse=True)
def short_waits(monkeypatch):
    """A save here waits 0.1 s per try for a lock, not the game's 1.5 s: the tests hold locks
    far longer than either, and the suite stays quick (the real waits: bench/faults.py)."""
    from game.progress import sql

    monkeypatch.setattr(sql, "SAVE_BUSY_MS", 100)
    monkeypatch.setattr(sql, "SAVE_PAUSES", (0.02, 0.02))


def attempt(pupil_id, level_id="city-01", **changes) -> Attempt:
    return replace(Attempt(new_id(), pupil_id, level_id, None, now(), None, Outcome.BUSY,
                           build=BUILD), **changes)


def stored_ids(url: str) -> list[str]:
    """Every attempt id in the store at ``url``, read straight from the database."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.select(attempts_t.c.id)).scalars())
    finally:
        engine.dispose()


@contextlib.contextmanager
def write_lock(store_url: str):
    """Another program holds the store's write lock: SQLite's file lock (BEGIN IMMEDIATE), or
    on PostgreSQL a lock on the attempts table that every insert waits for. Yields a function
    that lets go early."""
    if store_url.startswith("sqlite"):
        holder = sqlite3.connect(store_url.removeprefix("sqlite:///"), isolation_level=None,
                                 check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        release = holder.rollback
        try:
            yield release
        finally:
            release()
            holder.close()
        return
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("LOCK TABLE attempts IN EXCLUSIVE MODE")
            try:
                yield conn.rollback
            finally:
                conn.rollback()
    finally:
        engine.dispose()


# --- a store locked by someone else: tried again, then kept --------------------------------------


def test_a_save_that_meets_a_lock_tries_again_and_gets_in(open_store, store_url, tmp_path):
    store = open_store(pending=tmp_path)
    zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
    tries = []
    real = store._save_rows
    with write_lock(store_url) as release:

        def save_rows(rows, newer_only=False):
            tries.append(len(tries))
            if len(tries) == 2:  # the other program lets go between the first try and the next
                release()
            return real(rows, newer_only)

        store._save_rows = save_rows
        kept = attempt(zoe.id, outcome=Outcome.SOLVED, stars=3, ended=now())
        assert "error" not in in_thread(lambda: store.save_attempt(kept))
    assert len(tries) == 2  # the first try met the lock (a real "locked" error), the second won
    assert store.waiting == 0 and stored_ids(store_url) == [kept.id]


def test_a_lock_held_longer_than_a_save_waits_keeps_the_attempt_and_sends_it_after(
        open_store, store_url, tmp_path):
    told = []
    store = open_store(pending=tmp_path, on_pending=lambda n, p: told.append((n, p)))
    zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
    first = attempt(zoe.id)
    with write_lock(store_url):
        result = in_thread(lambda: store.save_attempt(first))
        assert "error" not in result  # the child's game goes on
        assert store.waiting == 1 and told[0][1].kind in ("locked", "no-answer")
        assert "\n" not in str(told[0][1]) and store.where in str(told[0][1])
        again = replace(first, outcome=Outcome.SOLVED, stars=2, ended=now())
        store.save_attempt(again)  # behind the first in the queue: no wait at all
        assert store.waiting == 1  # the same attempt, once
    assert store.send_pending() == 1 and store.waiting == 0
    assert stored_ids(store_url) == [first.id]
    assert store.attempt(first.id).stars == 2 and store.best_stars("city-01", zoe.id) == 2
    assert store.send_pending() == 0


def test_a_kept_attempt_of_a_pupil_deleted_meanwhile_is_not_brought_back(open_store, store_url,
                                                                          tmp_path):
    store = open_store(pending=tmp_path)
    group = store.add_class("groep 5")
    zoe, bob = (store.add_pupil(group.id, name, "fox") for name in ("Zoë", "Bob"))
    with write_lock(store_url):
        for pupil in (zoe, bob):
            in_thread(lambda p=pupil: store.save_attempt(attempt(p.id)))
    store.delete_pupil(zoe.id)  # the teacher deletes Zoë before the queue is sent
    assert store.send_pending() == 1
    assert [a.pupil_id for a in store.attempts()] == [bob.id] and store.waiting == 0


def test_another_process_holding_the_lock(tmp_path):
    """SQLite: the lock is held by another process, as the teacher's command line would."""
    path = tmp_path / "school.db"
    store = SqlSchoolStore(path, pending=tmp_path / "data")
    try:
        zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import sqlite3, sys\n"
             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "c.execute('BEGIN IMMEDIATE')\n"
             "print('locked', flush=True)\n"
             "sys.stdin.readline()\n"
             "c.execute('COMMIT')\n", str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            kept = attempt(zoe.id)
            assert "error" not in in_thread(lambda: store.save_attempt(kept))
            assert store.waiting == 1
        finally:
            holder.communicate("go\n", timeout=60)
        assert store.send_pending() == 1 and [a.id for a in store.attempts()] == [kept.id]
    finally:
        store.close()


# --- a damaged store file ----------------------------------------------------------------------


def damaged_store(folder: Path) -> Path:
    """A real store with a class of pupils and their attempts, then the cell pointers of one
    of the attempts table's pages overwritten with other bytes (as a bad disk sector does)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / db.DB_FILE
    store = SqlSchoolStore(path)
    group = store.add_class("groep 5")
    pupils = [store.add_pupil(group.id, f"Kind {i}", "fox") for i in range(12)]
    store.save_attempts([attempt(p.id, f"city-0{i % 8 + 1}", outcome=Outcome.SOLVED, stars=2,
                                 ended=now()) for p in pupils for i in range(10)])
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attempts'"
                            ).fetchone()[0]
    data = bytearray(path.read_bytes())
    base = (root - 1) * size
    assert data[base] == 0x05, "the attempts table should span pages here"
    cell = struct.unpack(">H", data[base + 12:base + 14])[0]  # its first child: a leaf page
    leaf = (struct.unpack(">I", data[base + cell:base + cell + 4])[0] - 1) * size
    assert data[leaf] == 0x0D  # a leaf page of a table
    data[leaf + 8:leaf + 24] = b"\xff\xf0" * 8  # its cell pointers, now pointing off the page
    path.write_bytes(data)
    return path


def test_quick_check_finds_the_damage_and_the_store_still_opens_without_it(tmp_path):
    path = damaged_store(tmp_path / "data")
    with sqlite3.connect(path) as conn:  # the damage is real: SQLite's own check sees it
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    with pytest.raises(db.StoreDamaged) as problem:
        SqlSchoolStore(path, check=True)
    line = str(problem.value)
    assert str(path) in line and "damaged" in line and "backup" in line and "\n" not in line
    assert problem.value.kind == "damaged"


def test_exports_of_a_damaged_store_stop_with_one_line_naming_the_file(tmp_path, capsys):
    from game import teacher_cli

    folder = tmp_path / "data"
    path = damaged_store(folder)
    out = tmp_path / "exports"
    out.mkdir()
    for command in (["export-log", str(out / "log.jsonl")],
                    ["export-csv", "groep 5", str(out / "class.csv"), "--all-levels"]):
        code = teacher_cli.main([*command, "--data", str(folder)], out=io.StringIO())
        err = capsys.readouterr().err.strip()
        assert code == 1 and len(err.splitlines()) == 1, (command, err)
        assert str(path) in err and "damaged" in err
    assert list(out.iterdir()) == []  # nothing exported half


def test_the_game_says_the_store_is_damaged_on_a_card_and_plays_on(tmp_path, fake_time,
                                                                    monkeypatch):
    from game.app import App
    from game.scenes.login import StoreProblemScene

    folder = tmp_path / "data"
    monkeypatch.setenv("TECHNIEKWERF_DATA", str(folder))
    path = damaged_store(folder)
    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=folder,
              time_source=fake_time)
    try:
        app.run_frames(3)
        card = app.ctx.stack.top
        assert isinstance(card, StoreProblemScene) and card.kind == "damaged"
        assert str(path) in card.detail and app.ctx.school is None
        assert any(str(path) in n.text for n in app.ctx.notices)
    finally:
        app.close()


# --- a read-only store, a full disk ---------------------------------------------------------------


def test_a_read_only_store_is_named_with_what_to_do(tmp_path, capsys):
    from game import teacher_cli

    path = tmp_path / "data" / db.DB_FILE
    SqlSchoolStore(path).close()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"  # SQLite refuses every write
    with SqlSchoolStore(read_only) as store:  # looking works (an export, the class list)
        assert store.classes() == []
        with pytest.raises(db.StoreProblem) as problem:
            store.add_class("groep 5")
    line = str(problem.value)
    assert problem.value.kind == "read-only" and str(path) in line and "\n" not in line
    assert "write access" in line
    code = teacher_cli.main(["add-class", "groep 5", "--db", read_only], out=io.StringIO())
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1 and str(path) in err
    assert "cannot be written" in err


def test_a_save_to_a_read_only_store_is_kept(tmp_path):
    path = tmp_path / "data" / db.DB_FILE
    with SqlSchoolStore(path) as store:
        zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
    told = []
    read_only = SqlSchoolStore(f"sqlite:///file:{path}?mode=ro&uri=true", device_id="pc",
                               pending=tmp_path / "kept",
                               on_pending=lambda n, p: told.append(p))
    try:
        kept = attempt(zoe.id, outcome=Outcome.SOLVED, stars=1, ended=now())
        read_only.save_attempt(kept)  # no exception for the child's game
        assert read_only.waiting == 1 and told[0].kind == "read-only"
    finally:
        read_only.close()
    with SqlSchoolStore(tmp_path / "other.db", pending=tmp_path / "kept") as other:
        assert other.waiting == 0  # another store's queue: never mixed in
    writable = SqlSchoolStore(path.parent, pending=tmp_path / "kept")  # the same file
    try:
        assert writable.waiting == 1 and writable.send_pending() == 1
        assert [a.id for a in writable.attempts()] == [kept.id]
    finally:
        writable.close()


def limit_pages(store: SqlSchoolStore, extra: int) -> None:
    """The store's file may grow by ``extra`` pages only: SQLite then says "database or disk
    is full" for real, as on a full disk."""
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + extra}")


def test_a_full_disk_keeps_every_attempt_and_names_the_file(tmp_path):
    path = tmp_path / "data" / db.DB_FILE
    told = []
    store = SqlSchoolStore(path, pending=tmp_path / "kept",
                           on_pending=lambda n, p: told.append(p))
    try:
        zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
        limit_pages(store, 3)
        saved = []
        for i in range(60):  # far more than three pages hold
            a = attempt(zoe.id, f"city-{i:02d}", answer="x" * 400)
            store.save_attempt(a)  # never raises
            saved.append(a.id)
        assert store.waiting > 0
        problem = next(p for p in told if p is not None)
        assert problem.kind == "full" and str(path) in str(problem) and "\n" not in str(problem)
    finally:
        store.close()
    with SqlSchoolStore(path, pending=tmp_path / "kept") as roomy:  # space again
        waiting = roomy.waiting
        assert waiting > 0 and roomy.send_pending() == waiting and roomy.waiting == 0
        assert sorted(a.id for a in roomy.attempts()) == sorted(saved)  # every one, once


# --- kill -9 while attempts wait on this PC --------------------------------------------------------

CHILD = """
import sys
from game.progress import sql
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore

sql.SAVE_BUSY_MS, sql.SAVE_PAUSES = 100, (0.02, 0.02)  # as short_waits: the lock is held anyway

store = SqlSchoolStore(sys.argv[1], pending=sys.argv[2])
pupil = sys.argv[3]
print("open", flush=True)
while True:
    a = Attempt(new_id(), pupil, "city-01", None, now(), now(), Outcome.SOLVED, stars=2)
    store.save_attempt(a)
    print(f"saved {a.id} {store.waiting}", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_while_attempts_are_kept_loses_none_of_them(tmp_path):
    """The store is locked by another program for the whole run, so every save of the child
    goes to the pending queue; the child is killed at random moments; then the lock goes and
    the queue is sent: every attempt the child saw saved is there, once."""
    import random

    path = tmp_path / "school.db"
    kept = tmp_path / "kept"
    with SqlSchoolStore(path) as store:
        pupil = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox").id
    url = db.sqlite_url(path)
    rng = random.Random(9)
    reported: set[str] = set()
    with write_lock(url):
        for _round in range(8):
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(kept), pupil],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
            try:
                assert child.stdout.readline().strip() == "open"
                deadline_at = time.monotonic() + 60
                while time.monotonic() < deadline_at:  # the first save waits for the lock
                    line = child.stdout.readline().split()
                    if len(line) == 3:
                        reported.add(line[1])
                        break
                time.sleep(rng.uniform(0.01, 0.3))
            finally:
                child.send_signal(signal.SIGKILL)
                out, _err = child.communicate(timeout=30)
            whole = out[: out.rfind("\n") + 1]
            reported |= {w[1] for w in (ln.split() for ln in whole.splitlines()) if len(w) == 3}
    assert len(reported) >= 4
    with SqlSchoolStore(path, pending=kept) as store:
        with deadline(120):
            store.send_pending()
        ids = [a.id for a in store.attempts()]
        assert reported <= set(ids) and len(ids) == len(set(ids))
        assert store.waiting == 0
    with sqlite3.connect(kept / "pending-attempts.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_pending_file_is_private(tmp_path):
    store = SqlSchoolStore(tmp_path / "school.db", pending=tmp_path / "kept")
    try:
        zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
        with write_lock(db.sqlite_url(tmp_path / "school.db")):
            in_thread(lambda: store.save_attempt(attempt(zoe.id)))
    finally:
        store.close()
    assert (tmp_path / "kept" / "pending-attempts.db").stat().st_mode & 0o077 == 0


def test_a_pupils_save_that_is_kept_is_a_note_for_the_teacher_not_the_child(data_dir, fake_time,
                                                                          monkeypatch):
    """The real play screen opens a level while another program holds the store's lock: the
    attempt waits on this PC, the teacher's notes say so (with the file), the child's screen
    stays the play screen; once the lock goes, the game's loop sends it by itself (in the
    background) and the note goes too."""
    from game import app as app_module
    from game.app import App
    from game.progress import sql
    from game.scenes.play import PlayScene
    from tests.play_helpers import start_play

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              time_source=fake_time)
    try:
        app.run_frames(3)
        school = app.ctx.school
        assert school is not None and not list(app.ctx.notices)
        with write_lock(db.sqlite_url(data_dir / db.DB_FILE)):
            with deadline(60):
                scene = start_play(app)  # saves the new attempt: it meets the lock
            assert isinstance(app.ctx.stack.top, PlayScene) and app.ctx.stack.top is scene
            assert school.waiting == 1
            notes = [n.text for n in app.ctx.notices]
            assert len(notes) == 1 and "1 attempt waits on this computer" in notes[0]
            assert str(data_dir / db.DB_FILE) in notes[0]
        monkeypatch.setattr(sql, "RETRY_AFTER", 0.0)  # the store's pause after a failed try
        fake_time.advance(app_module.PENDING_EVERY)
        app.run_frames(1)  # the loop looks at what waits: sent in a thread
        school._sender.join(60)
        assert school.waiting == 0 and len(school.guest_attempts()) == 1
        assert not list(app.ctx.notices)
    finally:
        app.close()


def start_game(folder: Path, fake_time):
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=folder,
              time_source=fake_time)
    app.run_frames(3)
    return app


def test_a_store_that_cannot_be_written_at_start_is_a_card_naming_it(data_dir, fake_time):
    from game.scenes.login import StoreProblemScene

    (data_dir / db.DB_FILE).mkdir(parents=True)  # SQLite cannot open it: a real "unable to open"
    app = start_game(data_dir, fake_time)
    try:
        card = app.ctx.stack.top
        assert isinstance(card, StoreProblemScene) and card.kind == "read-only"
        assert str(data_dir / db.DB_FILE) in card.detail and "--data" in card.detail
        assert app.ctx.school is None
    finally:
        app.close()


def test_a_full_disk_at_start_is_a_card_naming_the_file(data_dir, fake_time, monkeypatch):
    from game.scenes.login import StoreProblemScene

    real = db._install_sqlite_pragmas

    def with_a_full_disk(engine):
        real(engine)

        @event.listens_for(engine, "connect")
        def _full(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA max_page_count=2")  # SQLite: "disk is full"

    monkeypatch.setattr(db, "_install_sqlite_pragmas", with_a_full_disk)
    app = start_game(data_dir, fake_time)
    try:
        card = app.ctx.stack.top
        assert isinstance(card, StoreProblemScene) and card.kind == "full"
        assert str(data_dir / db.DB_FILE) in card.detail and "disk is full" in card.detail
        notes = [n.text for n in app.ctx.notices]
        assert any(str(data_dir / db.DB_FILE) in n for n in notes)
    finally:
        app.close()


def test_a_folder_that_cannot_be_made_is_named(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(db.StoreProblem) as problem:
        SqlSchoolStore(blocker / "data")
    assert problem.value.kind == "read-only" and str(blocker) in str(problem.value)


FULL_CHILD = """
import resource, signal, sys
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore

store = SqlSchoolStore(sys.argv[1], pending=sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
limit = int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
for _ in range(40):
    a = Attempt(new_id(), sys.argv[3], "city-01", None, now(), now(), Outcome.SOLVED, stars=2,
                answer="x" * 400)
    try:
        store.save_attempt(a)
    except Exception as exc:
        print("raised", a.id, type(exc).__name__, flush=True)
    else:
        print("saved", a.id, store.waiting, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs RLIMIT_FSIZE")
def test_a_process_whose_files_may_not_grow_loses_no_attempt(tmp_path):
    """A full disk for real: the game's process may not make any file bigger than the store
    is now (RLIMIT_FSIZE). Every save returns, the attempts that did not fit wait on the PC,
    and once there is room again each arrives once."""
    path = tmp_path / "school.db"
    with SqlSchoolStore(path) as store:
        pupil = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox").id
    size = sum(f.stat().st_size for f in tmp_path.glob("school.db*"))
    child = subprocess.run([sys.executable, "-c", FULL_CHILD, str(path), str(tmp_path / "kept"),
                            pupil, str(size + 48 * 1024)], capture_output=True, text=True,
                           cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    rows = [line.split() for line in child.stdout.splitlines()]
    assert child.returncode == 0, child.stderr[-2000:]
    assert len(rows) == 40 and all(r[0] == "saved" for r in rows), rows
    assert int(rows[-1][2]) > 0  # the store really could not grow: the last ones wait
    with SqlSchoolStore(path, pending=tmp_path / "kept") as roomy:
        roomy.send_pending()
        ids = [a.id for a in roomy.attempts()]
        assert sorted(ids) == sorted(r[1] for r in rows) and roomy.waiting == 0
        with roomy.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"


def test_a_damaged_queue_file_is_set_aside_and_a_new_one_started(tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    garbage = b"not a queue at all \x00\xff" * 100
    (kept / "pending-attempts.db").write_bytes(garbage)
    store = SqlSchoolStore(tmp_path / "school.db", pending=kept)  # opens as usual
    try:
        zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
        assert store.waiting == 0
        with write_lock(db.sqlite_url(tmp_path / "school.db")):
            in_thread(lambda: store.save_attempt(attempt(zoe.id)))
        assert store.waiting == 1 and store.send_pending() == 1
    finally:
        store.close()
    copies = list(kept.glob("pending-attempts.broken-*.db"))
    assert len(copies) == 1 and copies[0].read_bytes() == garbage  # kept beside, as it was


def test_rows_of_the_queue_file_are_read_as_hostile(tmp_path):
    """The queue is this PC's own file, but a damaged or crafted row must not put numbers out
    of range, a future date or a non-attempt into the store."""
    from datetime import timedelta

    from game.progress.pending import PendingAttempts

    store = SqlSchoolStore(tmp_path / "school.db", pending=tmp_path / "kept")
    try:
        zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
        good = attempt(zoe.id, outcome=Outcome.SOLVED, ended=now())
        row = {"id": good.id, "pupil_id": zoe.id, "level_id": "city-01", "lesson_id": None,
               "started": good.started, "ended": good.ended, "seconds": 1e308,
               "outcome": "solved", "stars": 999, "parts_used": -5, "tests_run": 10**30,
               "failed_tests": "many", "hints_used": 1, "resets": 0, "answer": None,
               "build": '[{"kind": "wire", "at": [1e999, 0]}]', "device": "pc",
               "modified": now() + timedelta(days=3650)}
        queue = PendingAttempts(tmp_path / "kept" / "pending-attempts.db")
        queue.add(store.queue_key, row)
        queue.add(store.queue_key, {**row, "id": "../../not-an-id"})
        queue.add(store.queue_key, {**row, "id": new_id(), "outcome": "hacked"})
        queue.add(store.queue_key, {**row, "id": new_id(), "level_id": ["a", "list"]})
        store._waiting = queue.count(store.queue_key)
        assert store.send_pending() == 1 and store.waiting == 0
        [kept] = store.attempts()
        assert (kept.id, kept.stars, kept.parts_used, kept.tests_run, kept.failed_tests) == (
            good.id, 3, 0, kept.tests_run, 0) and kept.tests_run < 10**30
        with store.engine.connect() as conn:
            modified, seconds = conn.execute(sa.select(attempts_t.c.modified,
                                                       attempts_t.c.seconds)).one()
        assert modified.replace(tzinfo=None) <= now().replace(tzinfo=None) and seconds < 1e9
    finally:
        store.close()
