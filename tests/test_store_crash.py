"""kill -9 of a game while it writes attempts, many times over: the store still opens, SQLite
finds it intact, and no attempt the game saw committed is missing or stale.

A child process saves attempts in a loop and prints each id after ``save_attempt`` returned;
the parent kills it with SIGKILL at random moments (also while it is still opening and
migrating a brand-new store), then checks. Bounded: a fixed number of rounds and a time cap.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 18
FRESH_ROUNDS = 4  # of which: killed while creating a new store
TIME_CAP = 120.0  # seconds for all rounds together

CHILD = """
import sys
from dataclasses import replace
from game.progress.records import Attempt, BuildPiece, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore

store = SqlSchoolStore(sys.argv[1])
sys.stdout.write("open\\n"); sys.stdout.flush()
build = tuple(BuildPiece("wire_straight", (x, 1), x % 4) for x in range(12))
while True:
    a = Attempt(new_id(), None, "city-01", None, now(), None, Outcome.BUSY, build=build)
    store.save_attempt(a)
    sys.stdout.write(f"new {a.id}\\n"); sys.stdout.flush()
    store.save_attempt(replace(a, outcome=Outcome.SOLVED, stars=2, ended=now()))
    sys.stdout.write(f"solved {a.id}\\n"); sys.stdout.flush()
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def run_and_kill(path: Path, delay: float, after_open: bool = False) -> list[list[str]]:
    """Start a writer on ``path``, SIGKILL it ``delay`` s after its start (or, with
    ``after_open``, ``delay`` s after it reported the store open: a loaded machine that is
    slow to start Python still gets killed while writing), return what it reported."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    first = ""
    try:
        if after_open:
            first = child.stdout.readline()  # blocks until the store is open (or it died)
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
    out = first + out
    assert child.returncode == -signal.SIGKILL, err[-2000:]  # it was writing, not failing
    # A kill can cut the last report short: only whole lines (newline-ended, two words) count.
    whole = out[: out.rfind("\n") + 1]
    return [words for words in (line.split() for line in whole.splitlines())
            if (words == ["open"]) or len(words) == 2]


def check(path: Path, new: set[str], solved: set[str]) -> None:
    from game.progress.records import Outcome
    from game.progress.sql import SqlSchoolStore

    store = SqlSchoolStore(path)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            stored = {row.id: row for row in conn.execute(
                sa.text("SELECT id, outcome, stars FROM attempts"))}
    finally:
        store.close()
    assert new <= set(stored), f"lost {len(new - set(stored))} committed attempts"
    for attempt_id in solved:
        assert (stored[attempt_id].outcome, stored[attempt_id].stars) == (
            Outcome.SOLVED.value, 2), "a committed update was lost"


def test_killing_the_writer_never_loses_a_committed_attempt(tmp_path):
    rng = random.Random(20250304)
    path = tmp_path / "school.db"
    new: set[str] = set()
    solved: set[str] = set()
    opened = killed_writing = 0
    started = time.monotonic()
    for round_number in range(ROUNDS):
        if time.monotonic() - started > TIME_CAP:
            break
        if round_number < FRESH_ROUNDS:  # a new store each time, killed mid-creation or soon
            fresh = tmp_path / f"fresh-{round_number}.db"
            lines = run_and_kill(fresh, rng.uniform(0.05, 0.9))
            check(fresh, {w[1] for w in lines if w[0] == "new"},
                  {w[1] for w in lines if w[0] == "solved"})
            continue
        lines = run_and_kill(path, rng.uniform(0.02, 0.4), after_open=True)
        opened += any(w[0] == "open" for w in lines)
        killed_writing += len(lines) > 1
        new |= {w[1] for w in lines if w[0] == "new"}
        solved |= {w[1] for w in lines if w[0] == "solved"}
        check(path, new, solved)
    assert opened >= 8 and killed_writing >= 8, "the kills did not hit the writing loop"
    assert len(new) > 50
