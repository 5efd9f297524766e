"""The school store at scale: the class dashboard on 1 M attempts (budget 50 ms), attempt
insert latency, and the store's size.

    python bench/store.py                 # SQLite; the 1 M-attempt store is built once, cached
    python bench/store.py --rebuild       # build the cached store again
    TECHNIEKWERF_TEST_PG=postgresql+psycopg://... python bench/store.py   # adds PostgreSQL

The school: 20 classes x 30 pupils x 40 levels, about 42 attempts per pupil and level (a
school's few years of play), most given up or solved after a few failed tests. The rows are
written with bulk inserts (``SqlSchoolStore.save_attempts``), never one commit per attempt.
The insert latency is measured with ``save_attempt``, the game's own path: one committed,
fsynced transaction per call. It prints figures; it never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLASSES, PUPILS, LEVELS = 20, 30, 40
TOTAL = 1_000_000
REPEATS = 50
INSERTS = 200
CACHE = Path(tempfile.gettempdir()) / "techniekwerf-bench" / f"store-{TOTAL}.db"
DONE_KEY = "bench-built"


def level_ids() -> list[str]:
    return [f"{world}-{i:02d}" for world in ("city", "greenport", "logistics", "water")
            for i in range(1, LEVELS // 4 + 1)]


def attempts(pupil_ids: list[str], levels: list[str], total: int,
             seed: int = 1) -> Iterator:
    """``total`` plausible attempts spread over every pupil and level."""
    from game.progress.records import Attempt, BuildPiece, Outcome

    rng = random.Random(seed)
    start = datetime(2022, 9, 1, 8, 30, tzinfo=timezone.utc)
    build = tuple(BuildPiece("wire_straight", (x, 2), x % 4) for x in range(8))
    per = total // (len(pupil_ids) * len(levels))
    extra = total - per * len(pupil_ids) * len(levels)
    counter = 0
    for pupil_id in pupil_ids:
        for level_id in levels:
            n = per + (1 if extra > 0 else 0)
            extra -= 1
            for k in range(n):
                counter += 1
                began = start + timedelta(minutes=counter % 500_000)
                solved = k == n - 1 or rng.random() < 0.2
                yield Attempt(
                    f"00000000-0000-4000-8000-{counter:012d}", pupil_id, level_id, None, began,
                    began + timedelta(seconds=rng.randint(20, 900)),
                    Outcome.SOLVED if solved else Outcome.GAVE_UP,
                    rng.randint(1, 3) if solved else 0, parts_used=rng.randint(2, 14),
                    tests_run=rng.randint(1, 5), failed_tests=rng.randint(0, 4),
                    hints_used=rng.randint(0, 2), build=build, device="bench-pc")


def build_store(store) -> str:
    """Fill an empty store; returns the id of the class the dashboard is timed on."""
    pupil_ids, first = [], None
    for c in range(CLASSES):
        group = store.add_class(f"groep {c + 3}{'abcdef'[c % 6]}")
        first = first or group.id
        pupil_ids += [store.add_pupil(group.id, f"kind {c}-{p}", "fox").id
                      for p in range(PUPILS)]
    began = time.perf_counter()
    written = store.save_attempts(attempts(pupil_ids, level_ids(), TOTAL))
    print(f"  built {written:,} attempts in {time.perf_counter() - began:.0f} s")
    return first


def cached_store(url: str | None, rebuild: bool):
    from game.progress.sql import SqlSchoolStore

    if url is None:
        if rebuild and CACHE.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{CACHE}{suffix}").unlink(missing_ok=True)
        store = SqlSchoolStore(CACHE)
    else:
        store = SqlSchoolStore(url)
    classes = store.classes()
    if len(classes) >= CLASSES and len(store.dashboard(classes[0].id, level_ids()).cells) \
            == PUPILS * LEVELS:
        print(f"  using the cached store ({store.url})")
        return store, classes[0].id
    if classes:
        store.purge_school_year()
        for group in classes:
            store.delete_class(group.id)
    return store, build_store(store)


def ms(values: list[float]) -> str:
    values = sorted(v * 1000 for v in values)
    p95 = values[int(0.95 * (len(values) - 1))]
    p99 = values[int(0.99 * (len(values) - 1))]
    return (f"mean {statistics.fmean(values):6.2f} ms  p95 {p95:6.2f} ms  "
            f"p99 {p99:6.2f} ms  max {values[-1]:6.2f} ms")


def measure(store, class_id: str) -> None:
    from game.progress.records import Attempt, Outcome, new_id, now

    levels = level_ids()
    board = store.dashboard(class_id, levels)
    for _ in range(5):  # warm the cache, as a teacher's second look would
        store.dashboard(class_id, levels)
    times = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        store.dashboard(class_id, levels)
        times.append(time.perf_counter() - began)
    print(f"  dashboard, 1 class of {len(board.pupils)} x {len(levels)} levels "
          f"({sum(c.attempts for c in board.cells.values()):,} attempts): {ms(times)}"
          f"   [budget: 50 ms]")

    group = store.add_class("bench latency")
    pupil = store.add_pupil(group.id, "meetkind", "owl")
    times = []
    try:
        for i in range(INSERTS):
            attempt = Attempt(new_id(), pupil.id, levels[i % len(levels)], None, now(), now(),
                              Outcome.SOLVED, 2)
            began = time.perf_counter()
            store.save_attempt(attempt)
            times.append(time.perf_counter() - began)
    finally:
        store.delete_class(group.id)
    print(f"  save_attempt (committed, synced), {INSERTS} inserts: {ms(times)}")
    print(f"  store size: {store.storage_bytes() / 2**20:,.0f} MiB "
          f"({len(store.classes())} classes)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the cached store again")
    args = parser.parse_args(argv)
    print(f"SQLite ({CACHE})")
    store, class_id = cached_store(None, args.rebuild)
    try:
        measure(store, class_id)
    finally:
        store.close()
    url = os.environ.get("TECHNIEKWERF_TEST_PG")
    if url:
        print("PostgreSQL")
        store, class_id = cached_store(url, args.rebuild)
        try:
            measure(store, class_id)
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
