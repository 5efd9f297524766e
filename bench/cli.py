"""How long a teacher command takes, on the SQLite store and on a PostgreSQL server.

    python bench/cli.py                 # both stores, 5 runs of each command
    python bench/cli.py --runs 3
    python bench/cli.py --root DIR      # the commands of another checkout (before/after)

Every command runs as school IT runs it: a fresh ``python -m game teacher ...`` process. Each
line gives the median wall time and the median processor time (user + system of the child)
of the runs. PostgreSQL: the server of $TECHNIEKWERF_TEST_PG, else a throwaway cluster (as the
tests make one: tests/pg.py); without either, one line says why and that half is skipped.
Budget (issue 8): at most 0.2 s per command on either store. Figures only; it never fails.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(root: Path, env: dict[str, str], args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, processor seconds, stdout) of one ``python -m game teacher ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "game", "teacher", *args], cwd=root, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"teacher {' '.join(args)}: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def bench_store(label: str, root: Path, env: dict[str, str], runs: int) -> None:
    env = {**env, "PYTHONPATH": str(root), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    avatar = sorted(p.stem for p in (ROOT / "assets" / "avatars").glob("*.svg"))[0]
    out = Path(tempfile.mkdtemp()) / "log.twlog"
    wall, cpu, _ = timed(root, env, ["add-class", "Groep 5"])
    print(f"{label}: first command on a new store (makes the schema): {wall:.3f} s wall, "
          f"{cpu:.3f} s processor")
    names = iter(f"Kind {n}" for n in range(10_000))

    def add_pupil() -> list[str]:
        return ["add-pupil", "Groep 5", next(names), "--avatar", avatar]

    pupil_ids: list[str] = []
    commands = {
        "classes": lambda: ["classes"],
        "add-class": lambda: ["add-class", f"Groep {uuid.uuid4().hex[:6]}"],
        "pupils": lambda: ["pupils", "Groep 5"],
        "add-pupil": add_pupil,
        "lessons": lambda: ["lessons"],
        "export-log": lambda: ["export-log", str(out)],
        "delete-pupil": lambda: ["delete-pupil", pupil_ids.pop(), "--yes"],
    }
    for name, make in commands.items():
        walls, cpus = [], []
        for _ in range(runs):
            if name == "delete-pupil":
                pupil_ids.append(timed(root, env, add_pupil())[2].strip())
            wall, cpu, _ = timed(root, env, make())
            walls.append(wall)
            cpus.append(cpu)
        print(f"{label}: {name:13} {statistics.median(walls):.3f} s wall, "
              f"{statistics.median(cpus):.3f} s processor  [budget 0.2 s]")
    start = time.perf_counter()
    for _ in range(25):
        timed(root, env, add_pupil())
    print(f"{label}: 25 x add-pupil (a class)  {time.perf_counter() - start:.2f} s wall")
    if (root / "game" / "teacher_cli.py").read_text(encoding="utf-8").count('"add-pupils"'):
        names = Path(tempfile.mkdtemp()) / "class.txt"
        names.write_text("".join(f"Kind {k}\n" for k in range(25)), encoding="utf-8")
        timed(root, env, ["add-class", "Groep 8"])
        wall, _cpu, _out = timed(root, env, ["add-pupils", "Groep 8", str(names)])
        print(f"{label}: add-pupils, a list of 25 (a class)  {wall:.2f} s wall")


def postgres_url() -> tuple[str | None, str]:
    """A fresh schema on a PostgreSQL server, or (None, why not)."""
    try:
        from tests.pg import _with_query, server
    except ImportError as exc:  # the bench needs the test tools for a throwaway cluster
        return None, f"cannot start a throwaway server ({exc})"
    base, why = server()
    if base is None:
        return None, why
    import sqlalchemy as sa

    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    admin.dispose()
    return _with_query(base, options=f"-csearch_path={name}"), ""


def main(argv: list[str]) -> None:
    runs, root = 5, ROOT
    while argv:
        flag, value, *argv = argv
        if flag == "--runs":
            runs = int(value)
        elif flag == "--root":
            root = Path(value).resolve()
        else:
            raise SystemExit(f"unknown option {flag}")
    print(f"Teacher commands of {root}, median of {runs} runs, Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    env = {k: v for k, v in os.environ.items() if k != "TECHNIEKWERF_DB_URL"}
    env["TECHNIEKWERF_DATA"] = tempfile.mkdtemp()
    bench_store("SQLite", root, env, runs)
    url, why = postgres_url()
    if url is None:
        print(f"PostgreSQL: skipped: {why}")
        return
    bench_store("PostgreSQL", root, {**env, "TECHNIEKWERF_DB_URL": url}, runs)


if __name__ == "__main__":
    main(sys.argv[1:])
