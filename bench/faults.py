"""The store under faults, many times over: what is lost (nothing should be) and how long a
pupil's save waits. Prints figures; never fails (tests/test_store_faults.py and
tests/test_server_timeouts.py are the short versions that do).

    python bench/faults.py                 # every fault, the default number of rounds
    python bench/faults.py --rounds 200    # more kill -9 rounds
    TECHNIEKWERF_TEST_PG=postgresql+psycopg://... python bench/faults.py   # adds the servers

Faults:

1. kill -9 of a game while it saves attempts straight into its SQLite store;
2. kill -9 while every save goes to the pending queue (the store locked by another program);
3. a full disk: a child process whose files may not grow (RLIMIT_FSIZE), saving on;
4. a read-only store (SQLite's mode=ro): saves kept, delivered once it can be written;
5. a store locked by another program: how long a save waits before it is kept;
6. a school server that accepts and never answers (opening), and one that hangs mid-lesson
   (a relay in front of the real server): how long a save waits, what arrives afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITER = """
import sys
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore

store = SqlSchoolStore(sys.argv[1], pending=sys.argv[2])
pupil = sys.argv[3] or None
limit = int(sys.argv[4])
if limit:
    import resource, signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
print("open", flush=True)
n = 0
while n < int(sys.argv[5]):
    a = Attempt(new_id(), pupil, "city-01", None, now(), now(), Outcome.SOLVED, stars=2,
                answer="x" * 300)
    try:
        store.save_attempt(a)
    except Exception as exc:
        print(f"raised {a.id} {type(exc).__name__}", flush=True)
    else:
        print(f"saved {a.id} {store.waiting}", flush=True)
    n += 1
print("done", flush=True)
"""


def writer(path: Path, kept: Path, pupil: str, fsize: int = 0, count: int = 10**9):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(kept), pupil,
                             str(fsize), str(count)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))


def lines_of(out: str) -> list[list[str]]:
    whole = out[: out.rfind("\n") + 1]  # a kill may cut the last line short
    return [line.split() for line in whole.splitlines()]


def new_store(folder: Path):
    from game.progress.sql import SqlSchoolStore

    path = folder / "school.db"
    with SqlSchoolStore(path) as store:
        pupil = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox").id
    return path, pupil


def delivered(path: Path, kept: Path) -> set[str]:
    """Send what waits, then every attempt id in the store."""
    from game.progress.sql import SqlSchoolStore

    with SqlSchoolStore(path, pending=kept) as store:
        store.send_pending()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return {a.id for a in store.attempts()}


def kill_rounds(folder: Path, rounds: int, locked: bool, rng: random.Random) -> None:
    path, pupil = new_store(folder)
    kept = folder / "kept"
    reported: set[str] = set()
    killed_writing = 0
    holder = None
    if locked:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    try:
        for _ in range(rounds):
            child = writer(path, kept, pupil)
            try:
                child.stdout.readline()  # open
                if locked and not reported:
                    reported.add(child.stdout.readline().split()[1])  # the first waits ~5 s
                time.sleep(rng.uniform(0.01, 0.25))
            finally:
                child.send_signal(signal.SIGKILL)
                out, _ = child.communicate(timeout=60)
            saved = {w[1] for w in lines_of(out) if len(w) == 3 and w[0] == "saved"}
            killed_writing += bool(saved)
            reported |= saved
    finally:
        if holder is not None:
            holder.rollback()
            holder.close()
    found = delivered(path, kept)
    print(f"  {rounds} kills ({killed_writing} while writing), {len(reported)} attempts "
          f"reported saved, {len(reported - found)} lost")


def full_disk(folder: Path, saves: int) -> None:
    path, pupil = new_store(folder)
    kept = folder / "kept"
    size = path.stat().st_size + (path.with_name(path.name + "-wal").stat().st_size
                                  if path.with_name(path.name + "-wal").exists() else 0)
    child = writer(path, kept, pupil, fsize=size + 64 * 1024, count=saves)
    out, err = child.communicate(timeout=600)
    rows = lines_of(out)
    saved = {w[1] for w in rows if w[0] == "saved"}
    raised = [w for w in rows if w[0] == "raised"]
    waiting = max((int(w[2]) for w in rows if w[0] == "saved"), default=0)
    found = delivered(path, kept)
    print(f"  {saves} saves with the files held to {size // 1024 + 64} KiB: {len(raised)} "
          f"raised, {waiting} kept on the PC at the end, {len(saved - found)} lost after room "
          f"was made" + (f" ({err.strip().splitlines()[-1]})" if child.returncode else ""))


def read_only(folder: Path, saves: int) -> None:
    from game.progress.records import Attempt, Outcome, new_id, now
    from game.progress.sql import SqlSchoolStore

    path, pupil = new_store(folder)
    kept = folder / "kept"
    ro = SqlSchoolStore(f"sqlite:///file:{path}?mode=ro&uri=true", device_id="pc",
                        pending=kept)
    ids, took = [], []
    try:
        for _ in range(saves):
            a = Attempt(new_id(), pupil, "city-01", None, now(), now(), Outcome.SOLVED, stars=1)
            start = time.perf_counter()
            ro.save_attempt(a)
            took.append(time.perf_counter() - start)
            ids.append(a.id)
        waiting = ro.waiting
    finally:
        ro.close()
    rw = SqlSchoolStore(f"sqlite:///file:{path}?mode=rw&uri=true", device_id="pc", pending=kept)
    try:
        sent = rw.send_pending()
        found = {a.id for a in rw.attempts()}
    finally:
        rw.close()
    print(f"  {saves} saves: {waiting} kept, slowest {max(took) * 1000:.0f} ms; writable again: "
          f"{sent} sent, {len(set(ids) - found)} lost")


def locked(folder: Path, saves: int) -> None:
    from game.progress.records import Attempt, Outcome, new_id, now
    from game.progress.sql import SqlSchoolStore

    path, pupil = new_store(folder)
    store = SqlSchoolStore(path, pending=folder / "kept")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    took = []
    try:
        for _ in range(saves):
            start = time.perf_counter()
            store.save_attempt(Attempt(new_id(), pupil, "city-01", None, now(), now(),
                                       Outcome.SOLVED, stars=1))
            took.append(time.perf_counter() - start)
    finally:
        holder.rollback()
        holder.close()
    sent = store.send_pending()
    store.close()
    print(f"  first save waited {took[0]:.1f} s, then each {statistics.median(took[1:]) * 1000:.1f}"
          f" ms (median) into the queue; {sent} sent once the lock went")


def window_while_opening(url: str) -> tuple[int, float]:
    """The real game (no window: SDL's dummy driver) started on ``url``: frames drawn while
    the school store opens, and the longest one."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.app import App

    with tempfile.TemporaryDirectory() as data:
        app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data, db_url=url)
        app.wait_for_school = False
        frames, slowest = 0, 0.0
        try:
            app.step_frame()
            while app._opening is not None or frames < 2:
                start = time.perf_counter()
                app.step_frame()
                slowest = max(slowest, time.perf_counter() - start)
                frames += 1
                time.sleep(1 / 60)
        finally:
            app.close()
    return frames, slowest


def servers(saves: int) -> None:
    url = os.environ.get("TECHNIEKWERF_TEST_PG")
    if not url:
        print("  (no TECHNIEKWERF_TEST_PG: the server faults are left out)")
        return
    import uuid

    import sqlalchemy as sa

    from game.progress.records import Attempt, Outcome, new_id, now
    from game.progress.sql import SqlSchoolStore
    from tests.hang_server import Relay, SilentServer

    with SilentServer() as silent:
        start = time.perf_counter()
        try:
            SqlSchoolStore(silent.url)
        except Exception as exc:  # noqa: BLE001 - the figure is the point
            print(f"  a silent server: opening gave up after {time.perf_counter() - start:.1f} s"
                  f" ({str(exc)[:70]}...)")
        frames, slowest = window_while_opening(silent.url)
        print(f"  the game's window meanwhile: {frames} frames drawn, the slowest "
              f"{slowest * 1000:.0f} ms (it was one frame of 130 s before)")
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        schema_url = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{name}"
        with Relay(schema_url) as relay, tempfile.TemporaryDirectory() as kept:
            store = SqlSchoolStore(relay.url, pending=kept)
            pupil = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox").id
            relay.hang = True
            took, ids = [], []
            for _ in range(saves):
                a = Attempt(new_id(), pupil, "city-01", None, now(), now(), Outcome.SOLVED,
                            stars=2)
                start = time.perf_counter()
                store.save_attempt(a)
                took.append(time.perf_counter() - start)
                ids.append(a.id)
            relay.hang = False
            sent = store.send_pending()
            found = {a.id for a in store.attempts()}
            store.close()
        print(f"  a server that hangs mid-lesson: the first save waited {took[0]:.1f} s, then "
              f"{statistics.median(took[1:]) * 1000:.1f} ms (median); {sent} sent when it "
              f"answered, {len(set(ids) - found)} lost")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="kill -9 rounds per kind")
    parser.add_argument("--saves", type=int, default=200, help="saves per fault")
    args = parser.parse_args()
    rng = random.Random(20261206)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("1. kill -9 while saving straight into the store:")
        kill_rounds(folder / "direct", args.rounds, False, rng)
        print("2. kill -9 while saves are kept on the PC (store locked):")
        kill_rounds(folder / "queued", args.rounds, True, rng)
        if hasattr(signal, "SIGXFSZ"):
            print("3. a full disk (RLIMIT_FSIZE):")
            full_disk(folder / "full", args.saves)
        print("4. a read-only store:")
        read_only(folder / "ro", args.saves)
        print("5. a store locked by another program:")
        locked(folder / "locked", max(3, args.saves // 10))
        print("6. a school server that does not answer:")
        servers(max(3, args.saves // 10))


if __name__ == "__main__":
    main()
