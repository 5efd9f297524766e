"""Merging a big log: time and peak memory (the issue's 139 MB log took 30 s and 686 MB).

    python bench/merge.py                    # about 140 MB: 20 classes x 30 pupils, 125,000 attempts
    python bench/merge.py --attempts 50000   # smaller
    TECHNIEKWERF_TEST_PG=postgresql+psycopg://... python bench/merge.py   # adds PostgreSQL

The log is written directly as JSON lines (as ``export_log`` writes them), then merged into an
empty SQLite store (and a fresh PostgreSQL schema when a server is given). Printed per store:
the seconds, the peak of Python's own allocations during the merge (``tracemalloc``), and the
process's peak resident memory (``resource.getrusage``; it includes SQLite's page cache and
every earlier step, so it only ever grows). It prints figures; it never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLASSES, PUPILS, LEVELS = 20, 30, 40
T0 = datetime(2026, 9, 1, 8, 30, tzinfo=timezone.utc)


def write_log(path: Path, attempts: int) -> int:
    """A school's log: classes, pupils and ``attempts`` attempts with real-sized builds."""
    classes = [str(uuid.uuid4()) for _ in range(CLASSES)]
    pupils = [(str(uuid.uuid4()), c) for c in classes for _ in range(PUPILS)]
    build = json.dumps([{"kind": "wire", "at": [x, y], "rotation": x % 4, "on": True,
                         "broken": False, "placed": True} for x in range(4) for y in range(2)],
                       separators=(",", ":"))
    count = 0
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"kind": "techniekwerf-log", "version": 3, "device": "bench",
                            "exported": T0.isoformat()}) + "\n")
        for n, class_id in enumerate(classes):
            f.write(json.dumps({"kind": "class", "id": class_id, "name": f"groep {n}",
                                "created": T0.isoformat(), "modified": T0.isoformat()}) + "\n")
            count += 1
        for n, (pupil_id, class_id) in enumerate(pupils):
            f.write(json.dumps({"kind": "pupil", "id": pupil_id, "class_id": class_id,
                                "name": f"Kind {n}", "avatar": "fox",
                                "modified": T0.isoformat()}) + "\n")
            count += 1
        for n in range(attempts):
            pupil_id = pupils[n % len(pupils)][0]
            started = T0 + timedelta(minutes=n)
            f.write(json.dumps({
                "kind": "attempt", "id": str(uuid.uuid4()), "pupil_id": pupil_id,
                "level_id": f"city-{n // len(pupils) % LEVELS:02d}", "lesson_id": None,
                "started": started.isoformat(),
                "ended": (started + timedelta(minutes=4)).isoformat(), "seconds": 240.0,
                "outcome": "solved" if n % 3 else "gave_up", "stars": 2 if n % 3 else 0,
                "parts_used": 8, "tests_run": 3, "failed_tests": 2, "hints_used": 1,
                "resets": 0, "answer": None, "build": build, "device": "bench-pc",
                "modified": started.isoformat()}, separators=(",", ":")) + "\n")
            count += 1
        f.write(json.dumps({"kind": "end", "records": count}) + "\n")
    return count


def peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def merge_into(url: str, log: Path, trace: bool) -> tuple[int, float, int]:
    """(records merged, seconds, peak Python bytes or 0) of one merge into a new store."""
    from game.progress.sql import SqlSchoolStore

    with SqlSchoolStore(url) as store:
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        report = store.merge_log_report(log)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        tracemalloc.stop()
    return report.added, seconds, peak


def measure(urls: Iterator[str], log: Path, label: str) -> None:
    """Timed without tracing (tracemalloc slows Python down a lot), then traced into a second
    new store for the memory."""
    added, seconds, _ = merge_into(next(urls), log, trace=False)
    _, _, peak = merge_into(next(urls), log, trace=True)
    print(f"{label}: merged {added} records in {seconds:.1f} s; peak Python memory "
          f"{peak / 2**20:.1f} MB; peak resident memory of the process {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=125_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="techniekwerf-merge-") as folder:
        log = Path(folder) / "big.jsonl"
        started = time.perf_counter()
        records = write_log(log, args.attempts)
        print(f"log: {records} records, {log.stat().st_size / 2**20:.0f} MB "
              f"(written in {time.perf_counter() - started:.1f} s)")
        measure((f"sqlite:///{Path(folder) / f'school-{n}.db'}" for n in range(2)), log,
                "SQLite")
        if os.environ.get("TECHNIEKWERF_TEST_PG"):
            from tests import pg

            def schemas() -> Iterator[str]:
                for _ in range(2):
                    with pg.pg_schema() as url:
                        yield url

            measure(schemas(), log, "PostgreSQL")


if __name__ == "__main__":
    main()
