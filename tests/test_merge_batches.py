"""A big merge is written in batches, on SQLite and on PostgreSQL (tests/pg.py):

- while another process merges a big log, this one keeps saving attempts, as a pupil's game
  does: no save fails, and saves go through while the merge is part done (before, the merge
  was one transaction and held SQLite's lock for all of it: two saves failed with "database
  is locked");
- kill -9 in the middle of a merge: every batch committed before it stays, the store is whole
  (the dashboard's summary agrees with the attempts), and merging the same log again finishes
  it, ending exactly where a merge in one go ends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from game.progress.logfile import LogWriter, header_line
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.sql import MERGE_COMMIT, SqlSchoolStore
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url

ROOT = Path(__file__).resolve().parent.parent
LEVELS = [f"city-{n:02d}" for n in range(1, 9)]
#: at most this long for a child process; far above what it needs (a bound, not an assertion)
PATIENCE = 600.0

#: the merge in another process. It pauses for waiting saves after holding the lock for
#: MERGE_HOLD; that is a twentieth here, so the pauses come however fast the disk under the
#: test is (on a fast one the whole log merged in less than the game's half second).
MERGE = """
import sys
from game.progress import sql

sql.MERGE_HOLD = sql.MERGE_HOLD / 20
with sql.SqlSchoolStore(sys.argv[1]) as store:
    print(store.merge_log(sys.argv[2]), flush=True)
"""

#: the merge, killed with SIGKILL after the given number of records went into the batches
#: (in the middle of a batch: earlier batches committed, this one not)
KILLED = """
import os, signal, sys
from game.progress import sql

seen = [0]
add = sql._Merger.add

def add_then_die(self, record):
    add(self, record)
    seen[0] += 1
    if seen[0] == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)

sql._Merger.add = add_then_die
with sql.SqlSchoolStore(sys.argv[1]) as store:
    store.merge_log(sys.argv[2])
"""


def big_log(path: Path, attempts: int, pupils: int = 2) -> tuple[str, list[str]]:
    """A log of one class, ``pupils`` pupils and many attempts; returns the class and pupil ids."""
    class_id = str(uuid.uuid4())
    kids = [str(uuid.uuid4()) for _ in range(pupils)]
    when = (now().replace(microsecond=0)).isoformat()
    build = json.dumps([{"kind": "wire", "at": [x, 1], "rotation": 0, "on": True,
                         "broken": False, "placed": True} for x in range(6)])
    with path.open("w", encoding="utf-8") as f:
        log = LogWriter(lambda line: f.write(line + "\n"))
        f.write(header_line("pc-big", now()) + "\n")
        log.record(json.dumps({"kind": "class", "id": class_id, "name": "groep 8",
                               "created": when, "modified": when}))
        for n, kid in enumerate(kids):
            log.record(json.dumps({"kind": "pupil", "id": kid, "class_id": class_id,
                                   "name": f"Kind {n}", "avatar": "fox", "modified": when}))
        for n in range(attempts):
            log.record(json.dumps({
                "kind": "attempt", "id": str(uuid.uuid4()), "pupil_id": kids[n % pupils],
                "level_id": LEVELS[n % len(LEVELS)], "lesson_id": None, "started": when,
                "ended": when, "seconds": 61.0, "outcome": "solved" if n % 3 else "gave_up",
                "stars": n % 4, "parts_used": 6, "tests_run": 2, "failed_tests": n % 5,
                "hints_used": 0, "resets": 0, "answer": None, "build": build,
                "device": "pc-big", "modified": when}))
        log.end()
    return class_id, kids


def child(script: str, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)


def merged_count(store, pupils: list[str]) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(
            "SELECT COUNT(*) FROM attempts WHERE pupil_id IN ("
            + ", ".join(f"'{p}'" for p in pupils) + ")")).scalar()


def summary_agrees(store, class_id: str) -> dict:
    """The dashboard's cells, after checking each against the attempts themselves."""
    board = store.dashboard(class_id, LEVELS)
    for pupil in board.pupils:
        for level in LEVELS:
            goes = store.attempts(pupil_id=pupil.id, level_id=level)
            cell = board.cell(pupil.id, level)
            assert cell.attempts == len(goes), (pupil.name, level)
            solved = [a.stars for a in goes if a.outcome == Outcome.SOLVED]
            assert cell.best_stars == max(solved, default=0), (pupil.name, level)
    return {key: (c.status, c.best_stars, c.attempts, c.failed_tests)
            for key, c in board.cells.items()}


def test_pupils_saves_go_through_while_another_process_merges_a_big_log(store, store_url,
                                                                        tmp_path):
    attempts = 12 * MERGE_COMMIT
    log = tmp_path / "big.jsonl"
    _class_id, kids = big_log(log, attempts)
    merging = child(MERGE, store_url, str(log))
    saved, failed, during = [], [], 0
    give_up = time.monotonic() + PATIENCE
    while merging.poll() is None and time.monotonic() < give_up:
        go = Attempt(new_id(), None, "city-01", None, now(), now(), Outcome.SOLVED, 2)
        try:
            store.save_attempt(go)  # the guest plays on, as on a pupil's PC
            saved.append(go.id)
        except Exception as exc:  # noqa: BLE001 - what we look for
            failed.append(repr(exc))
        if 0 < merged_count(store, kids) < attempts:
            during += 1  # this save went through while the merge was part done
    out, err = merging.communicate(timeout=PATIENCE)
    assert merging.returncode == 0, err
    assert int(out) == attempts + 3
    assert failed == []
    assert during > 0, f"{len(saved)} saves, none while the merge was part done"
    assert merged_count(store, kids) == attempts
    assert set(saved) <= {a.id for a in store.guest_attempts()}


def test_kill_9_during_a_merge_keeps_what_was_committed_and_merging_again_finishes_it(
        store, store_url, tmp_path):
    attempts = 5 * MERGE_COMMIT
    log = tmp_path / "big.jsonl"
    class_id, kids = big_log(log, attempts)
    own = Attempt(new_id(), None, "city-02", None, now(), now(), Outcome.SOLVED, 3)
    store.save_attempt(own)  # committed on this PC before the merge
    killed = child(KILLED, store_url, str(log), str(2 * MERGE_COMMIT + MERGE_COMMIT // 2))
    _out, err = killed.communicate(timeout=PATIENCE)
    assert killed.returncode == -9, err
    # the two batches committed before the kill are there, the third is not; nothing else
    # was lost, and the store is whole
    assert merged_count(store, kids) == 2 * MERGE_COMMIT - 3  # the class and pupils came first
    assert [a.id for a in store.guest_attempts()] == [own.id]
    summary_agrees(store, class_id)
    if store_url.startswith("sqlite"):
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"
    # merging the same log again finishes it, as a merge in one go would have done
    report = store.merge_log_report(log)
    assert report.refused is None and report.added == attempts + 3 - 2 * MERGE_COMMIT
    assert merged_count(store, kids) == attempts
    assert store.merge_log_report(log).line() == "big.jsonl: already merged"
    with SqlSchoolStore(pg.made_sqlite(tmp_path / 'in-one-go.db')) as clean:
        assert clean.merge_log(log) == attempts + 3
        assert summary_agrees(store, class_id) == summary_agrees(clean, class_id)


def test_a_database_error_part_way_says_what_was_merged_and_merging_again_finishes_it(
        store, tmp_path, monkeypatch):
    from game.progress import sql

    attempts = 4 * MERGE_COMMIT
    log = tmp_path / "big.jsonl"
    class_id, kids = big_log(log, attempts)
    batches = [0]
    write = sql._Merger._attempt

    def third_batch_fails(self, batch):
        batches[0] += 1
        if batches[0] == 3:
            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        write(self, batch)

    monkeypatch.setattr(sql._Merger, "_attempt", third_batch_fails)
    report = store.merge_log_report(log)
    committed = 2 * MERGE_COMMIT
    assert report.stopped and report.added == committed
    line = report.line()  # the store's own words for the problem (naming its file or server)
    assert line.startswith(f"big.jsonl: stopped after {committed} records: the database "
                           "stopped the merge (") and "\n" not in line, line
    assert line.endswith("); merge it again to finish"), line
    assert merged_count(store, kids) == committed - 3
    summary_agrees(store, class_id)
    monkeypatch.setattr(sql._Merger, "_attempt", write)
    report = store.merge_log_report(log)
    assert report.refused is None and report.added == attempts + 3 - committed
    assert merged_count(store, kids) == attempts
    summary_agrees(store, class_id)


def test_a_log_changed_while_it_merges_stops_and_says_so(store, tmp_path, monkeypatch):
    """Checked whole first, then read again to write: a file copied over meanwhile (the same
    name, other records) is caught on the second read; what was merged stays, one line."""
    from game.progress import sql

    log = tmp_path / "big.jsonl"
    _class_id, kids = big_log(log, 3 * MERGE_COMMIT)
    other = tmp_path / "other.jsonl"
    big_log(other, 3 * MERGE_COMMIT)
    flush = sql._Merger.flush

    def copied_over_after_the_first_batch(self):
        flush(self)
        if self.report.added and not other.samefile(log):
            log.write_bytes(other.read_bytes())  # in place: the open file changes under it

    monkeypatch.setattr(sql._Merger, "flush", copied_over_after_the_first_batch)
    report = store.merge_log_report(log)
    line = report.line()
    assert report.stopped and report.added == MERGE_COMMIT, line
    assert line == (f"big.jsonl: stopped after {MERGE_COMMIT} records: the file changed "
                    "while it was merged (copy it again from the other PC); merge it again to "
                    "finish")
    assert merged_count(store, kids) == MERGE_COMMIT - 3  # nothing of the other file
