"""Time of the printable class report for 30 pupils x 40 levels (budget: 1 s).

    python bench/report.py              # a fresh SQLite store in a temporary folder
    python bench/report.py --db URL     # or a PostgreSQL server (it adds a class to it)
    python bench/report.py --lang ar    # the report in another language (default: nl)

The store is filled with plausible play first: per pupil and level, none to five attempts,
most ending solved, some given up after failed tests. The time covers what the teacher
waits for after pressing the button: the dashboard query, drawing and writing the PDF.
It prints figures; it never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PUPILS, LEVELS, RUNS = 30, 40, 5


def forty_levels() -> list:
    """The game's levels, repeated under new ids up to 40 (the game has fewer yet)."""
    from game.content.loader import LevelCatalogue

    real = list(LevelCatalogue.load(ROOT / "levels"))
    return [real[i] if i < len(real) else replace(real[i % len(real)], id=f"extra-{i:02d}")
            for i in range(LEVELS)]


def fill(store, levels: list) -> tuple[str, int]:
    """A class of 30 with a school term of attempts; returns its id and the attempt count."""
    from game.progress.records import Attempt, Outcome, new_id, now

    rng = random.Random(42)
    group = store.add_class(f"groep 6b bench {rng.randrange(10**6)}")
    names = ["Zoë", "Daan", "Fleur", "Sem", "Noor", "Anouk", "Bram", "Sanne", "Mila", "Lucas"]
    count = 0
    start = now() - timedelta(days=60)
    for n in range(PUPILS):
        pupil = store.add_pupil(group.id, f"{names[n % 10]} {n // 10 + 1}", "fox")
        skill = rng.random()
        for i, level in enumerate(levels):
            for _ in range(rng.choice((0, 1, 1, 2, 3, 5)) if i < 30 else rng.choice((0, 0, 1))):
                solved = rng.random() < skill * (1.2 - i / LEVELS)
                began = start + timedelta(days=i, minutes=rng.randrange(600))
                store.save_attempt(Attempt(
                    new_id(), pupil.id, level.id, None, began,
                    began + timedelta(seconds=rng.randrange(60, 900)),
                    Outcome.SOLVED if solved else Outcome.GAVE_UP,
                    rng.randint(1, 3) if solved else 0, parts_used=rng.randrange(3, 12),
                    tests_run=rng.randrange(1, 6), failed_tests=0 if solved else rng.randrange(4),
                    hints_used=rng.randrange(3)))
                count += 1
    return group.id, count


def open_store(where):
    from game.progress.sql import SqlSchoolStore

    return SqlSchoolStore(where)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a database URL (default: a temporary SQLite store)")
    from game.settings import LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default="nl",
                        help="the report's language (default: nl)")
    args = parser.parse_args()

    from game.i18n import make_translator
    from game.progress.report import write_class_report

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(args.db or Path(folder) / "data")
        try:
            levels = forty_levels()
            t0 = time.perf_counter()
            class_id, attempts = fill(store, levels)
            print(f"filled: {PUPILS} pupils, {attempts} attempts "
                  f"in {time.perf_counter() - t0:.1f} s")
            gettext, ngettext = make_translator(args.lang)
            out = Path(folder) / "klas.pdf"
            times = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                write_class_report(store, class_id, levels, out, lesson_title="Bench",
                                   gettext=gettext, lang=args.lang, day=date.today(),
                                   ngettext=ngettext)
                times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.dashboard(class_id, [lv.id for lv in levels])
            query = time.perf_counter() - t0
            print(f"report {PUPILS} x {LEVELS} ({args.lang}): first {times[0]:.3f} s, "
                  f"median {statistics.median(times):.3f} s over {RUNS} runs "
                  f"(budget 1 s; dashboard query {query * 1000:.0f} ms; "
                  f"{out.stat().st_size // 1024} KiB)")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
