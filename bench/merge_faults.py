"""A merge under faults, the slow version of tests/test_merge_batches.py: prints figures.

    python bench/merge_faults.py                     # 20,000 attempts, 20 kill -9 rounds
    python bench/merge_faults.py --attempts 60000 --rounds 50
    TECHNIEKWERF_TEST_PG=postgresql+psycopg://... python bench/merge_faults.py   # adds PostgreSQL

1. Saves while merging: another process merges a big log into the store while this one saves
   attempts in a loop, as a pupil's game does. Printed: how many saves, how many failed, the
   longest and the median wait for one save, and the merge's own time.
2. kill -9 during a merge, ``--rounds`` times at random moments: after each kill the store must
   open, SQLite's quick check must pass, the dashboard's summary must agree with the attempts,
   and merging the log again must finish it. Printed: the rounds, how many records each kill
   left committed, and any round that broke a rule (the script exits 1 then).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.progress.records import Attempt, Outcome, new_id, now  # noqa: E402
from game.progress.sql import SqlSchoolStore  # noqa: E402
from tests.test_merge_batches import LEVELS, MERGE, big_log, merged_count  # noqa: E402

CHILD_ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def merge_child(url: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", MERGE, url, str(log)], env=CHILD_ENV,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def saves_while_merging(url: str, log: Path, kids: list[str]) -> float:
    """Prints the figures of part 1; returns how long the merge took (with start-up)."""
    with SqlSchoolStore(url) as store:
        waits: list[float] = []
        failed = 0
        started = time.monotonic()
        child = merge_child(url, log)
        while child.poll() is None:
            go = Attempt(new_id(), None, "city-01", None, now(), now(), Outcome.SOLVED, 2)
            t = time.monotonic()
            try:
                store.save_attempt(go)
            except Exception as exc:  # noqa: BLE001 - counted, the point of the figure
                failed += 1
                print(f"  a save failed: {exc!r}"[:200])
            waits.append(time.monotonic() - t)
        took = time.monotonic() - started
        _out, err = child.communicate()
        if child.returncode != 0:
            print(f"  the merge failed: {err.strip()[-300:]}")
        print(f"  saves while merging: {len(waits)}, failed {failed}, longest wait "
              f"{max(waits, default=0):.2f} s, median {statistics.median(waits or [0]):.3f} s; "
              f"merge (with start-up) {took:.1f} s; merged {merged_count(store, kids)}")
    return took


def check_store(store: SqlSchoolStore, class_id: str, sqlite: bool) -> list[str]:
    problems = []
    if sqlite:
        with store.engine.connect() as conn:
            check = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            if check != "ok":
                problems.append(f"quick_check: {check}")
    board = store.dashboard(class_id, LEVELS)
    for pupil in board.pupils:
        for level in LEVELS:
            goes = len(store.attempts(pupil_id=pupil.id, level_id=level))
            if board.cell(pupil.id, level).attempts != goes:
                problems.append(f"summary of {pupil.name} at {level} is not {goes}")
    return problems


def kill_rounds(make_url, log: Path, class_id: str, kids: list[str], attempts: int,
                rounds: int, sqlite: bool, took: float) -> bool:
    """Part 2: each round kills a merge at a random moment of the ``took`` seconds one takes."""
    rng = random.Random(9)
    left: list[int] = []
    bad = 0
    for n in range(rounds):
        url = make_url(n)
        with SqlSchoolStore(url):
            pass  # made and migrated before the clock starts
        child = merge_child(url, log)
        time.sleep(rng.uniform(0.1, 1.0) * took)
        child.kill()  # SIGKILL
        child.communicate()
        with SqlSchoolStore(url) as store:
            left.append(merged_count(store, kids))
            problems = check_store(store, class_id, sqlite)
            report = store.merge_log_report(log)
            if report.refused is not None or merged_count(store, kids) != attempts:
                problems.append(f"merging again: {report.line()}")
            problems += check_store(store, class_id, sqlite)
        if problems:
            bad += 1
            print(f"  round {n}: " + "; ".join(problems))
    print(f"  kill -9 rounds: {rounds}, broken {bad}; attempts committed at the kill: "
          f"{sorted(left)}")
    return bad == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="techniekwerf-merge-faults-"))
    log = folder / "big.jsonl"
    class_id, kids = big_log(log, args.attempts, pupils=20)
    print(f"log: {args.attempts} attempts, {log.stat().st_size / 1e6:.0f} MB")
    ok = True
    print("SQLite")
    took = saves_while_merging(f"sqlite:///{folder / 'saves.db'}", log, kids)
    ok &= kill_rounds(lambda n: f"sqlite:///{folder / f'kill-{n}.db'}", log, class_id, kids,
                      args.attempts, args.rounds, True, took)
    server = os.environ.get("TECHNIEKWERF_TEST_PG")
    if server:
        import sqlalchemy as sa

        print("PostgreSQL")
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        names = [f"bench_faults_{os.getpid()}_{n}" for n in range(args.rounds + 1)]
        joiner = "&" if "?" in server else "?"
        try:
            with admin.connect() as conn:
                for name in names:
                    conn.exec_driver_sql(f"CREATE SCHEMA {name}")

            def url(n: int) -> str:
                return f"{server}{joiner}options=-csearch_path%3D{names[n]}"

            took = saves_while_merging(url(args.rounds), log, kids)
            ok &= kill_rounds(url, log, class_id, kids, args.attempts, args.rounds, False, took)
        finally:
            with admin.connect() as conn:
                for name in names:
                    conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
            admin.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
