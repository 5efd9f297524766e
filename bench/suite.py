"""How long the whole test suite takes on this machine (issue 8's target: at most 3 minutes).

    python bench/suite.py            # the README's test command, as it is
    python bench/suite.py -- -k gear # ... with more pytest arguments (figures of that part)

It runs the README's test command (``python -m pytest``, with its pytest-xdist workers) in a
child process and prints the wall-clock time, the processor time of the child and all its
workers (user + system), the number of cores, how many tests passed, and the test files that
took longest (the sum of their tests' set-up, call and tear-down). PostgreSQL's own time for
the server-store tests is not in the processor time (it is another program). Figures only: it
never fails on a slow machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION = re.compile(r"^([\d.]+)s (setup|call|teardown)\s+(\S+?)::")


def main(argv: list[str]) -> int:
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0",
               "--durations-min=0", *extra]
    before = os.times()
    start = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system)
    per_file: dict[str, float] = defaultdict(float)
    for line in run.stdout.splitlines():
        found = DURATION.match(line)
        if found:
            per_file[found.group(3)] += float(found.group(1))
    summary = next((line for line in reversed(run.stdout.splitlines())
                    if " passed" in line or " failed" in line), "(no summary)")
    print(f"command: {' '.join(command[1:])}")
    print(f"cores: {os.cpu_count()}")
    print(f"wall: {wall:.0f} s ({wall / 60:.1f} min; target 180 s)")
    print(f"processor: {cpu:.0f} s (user + system of pytest and its workers)")
    print(f"result: {summary.strip('= ')}")
    total = sum(per_file.values())
    print(f"test time: {total:.0f} s (every test's set-up, call and tear-down, all workers)")
    if per_file:
        slowest, seconds = max(per_file.items(), key=lambda kv: kv[1])
        print(f"without {slowest}: {total - seconds:.0f} s, at least "
              f"{(total - seconds) / (os.cpu_count() or 1):.0f} s of wall clock on "
              f"{os.cpu_count()} cores")
    print("slowest files (seconds of their tests):")
    for name, seconds in sorted(per_file.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {seconds:7.1f}  {name}")
    if run.returncode not in (0, 5):
        print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
