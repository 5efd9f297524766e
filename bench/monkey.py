"""The monkey at full length: 10,000 seeded random events on every screen of the game.

    python bench/monkey.py                          # every gallery state, 10,000 events each
    python bench/monkey.py --state dashboard --seed 1234 --events 10000   # replay one
    python bench/monkey.py --seeds 5                # five different seeds per state

Each state runs in a game of its own on a fresh seeded school store (tests/scene_gallery.py),
headless, on a manual clock, with clicks and drags aimed at what the screen shows, keys,
typing, the wheel, window resizes, focus loss and quit requests (tests/monkey.py). A line per
run: the state, the seed, the events posted, the events per second; a failure prints its
traceback and the command that replays it. Figures only; it never fails (the suite's
tests/test_monkey.py runs a short version of every state and does fail).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", action="append", help="a gallery state (repeatable)")
    parser.add_argument("--seed", type=int, help="the seed (default: a new one per run)")
    parser.add_argument("--seeds", type=int, default=1, help="runs per state")
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

    import game.scenes.dashboard as dashboard
    from game.clock import ManualTime
    from tests.monkey import MonkeyFailure, run_state
    from tests.scene_gallery import STATE_NAMES, catalogue, gallery_app

    dashboard.open_with_viewer = lambda path: True  # never launch a viewer from a bench
    states = args.state or list(STATE_NAMES)
    unknown = [s for s in states if s not in STATE_NAMES]
    if unknown:
        parser.error(f"unknown state {unknown[0]!r}; one of: {', '.join(STATE_NAMES)}")
    catalogue()
    failures = total = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for state in states:
            for run in range(args.seeds):
                seed = args.seed if args.seed is not None else random.randrange(2**31)
                data = Path(scratch) / f"{state}-{run}"
                os.environ["TECHNIEKWERF_DATA"] = str(data)
                fake_time = ManualTime()
                app = gallery_app(data, fake_time)
                t = time.perf_counter()
                try:
                    posted = run_state(app, fake_time, state, seed, args.events)
                except MonkeyFailure as failure:
                    failures += 1
                    print(f"FAIL {failure}", flush=True)
                    traceback.print_exception(failure.error, file=sys.stdout)
                    continue
                finally:
                    app.close()
                total += posted
                took = time.perf_counter() - t
                print(f"ok   {state:28} seed {seed:>10}  {posted:6} events  "
                      f"{posted / took:6.0f} events/s", flush=True)
    print(f"{total} events on {len(states)} states in {time.perf_counter() - started:.0f} s; "
          f"{failures} failure(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
