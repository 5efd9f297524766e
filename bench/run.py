"""Speed and memory figures of the game, against the budgets in DESIGN.md section 6.

    python bench/run.py            # everything; starts Xvfb for a real window when it can
    python bench/run.py sim        # only the simulation step (of the slowest-stepping level)
    python bench/run.py sim WORLD  # the simulation step of WORLD's slowest-stepping level (ict)

It prints figures; it never fails on a slow machine (budgets are judged by people, not CI).
Each measurement of the game runs in a fresh child process, the way a pupil starts it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --- pieces shared by the parent and the child ------------------------------------------------
def heaviest_level(world: str | None = None):
    """The level with the most to simulate and draw: board size, then parts, then ticks (of
    one world, when given)."""
    from game.content.loader import load_levels
    from game.sim.goals import play_solution

    def weight(level):
        board, _ = play_solution(level)
        return (level.width * level.height + 4 * len(board.pieces), level.ticks)

    levels = [lv for lv in load_levels(ROOT / "levels") if world in (None, lv.world)]
    if not levels:
        sys.exit(f"no levels of a world called {world!r}")
    return max(levels, key=weight)


def memory() -> dict[str, float]:
    """Resident and private (anonymous) memory of this process in MiB (Linux)."""
    out = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon"):
                out[key] = int(value.split()[0]) / 1024
    return out


# --- child processes ------------------------------------------------------------------------
def child_startup() -> None:
    """Report wall-clock times of the first window and the first interactive frame."""
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    from game.app import App

    data = tempfile.mkdtemp()
    app = App(data_dir=data)
    window = time.time()  # App shows the window before it returns
    app.step_frame()
    first = time.time()
    app.run_frames(2)  # levels load behind the first picture
    ready = time.time()
    print(json.dumps({"window": window, "first_frame": first, "levels_ready": ready}))


def child_play(frames: int) -> None:
    """Open the heaviest level, press Test, and time every frame while it simulates."""
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    import pygame

    from game.app import App
    from game.scenes.play import PlayScene
    from game.sim.model import StepAction

    level = heaviest_level()
    app = App(data_dir=tempfile.mkdtemp())
    app.run_frames(3)
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    for step in level.solution.steps:
        if step.action != StepAction.ANSWER:
            scene.editor.apply(step)
    scene._after_edit()
    app.run_frames(5)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_t, mod=0, unicode="t",
                                         scancode=0))
    times = []
    clock = pygame.time.Clock()
    for _ in range(frames):
        t0 = time.perf_counter()
        app.step_frame()
        times.append(time.perf_counter() - t0)
        clock.tick(60)  # a real frame rate, so the simulation advances as in play
    mem = memory()
    print(json.dumps({"level": level.id, "size": f"{level.width}x{level.height}",
                      "times": times, "running": scene.mode, **mem}))


# --- the parent -------------------------------------------------------------------------------
def start_xvfb() -> tuple[subprocess.Popen | None, dict[str, str]]:
    env = dict(os.environ)
    if shutil.which("Xvfb") is None:
        env["SDL_VIDEODRIVER"] = "dummy"
        return None, env
    display = ":97"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    env["DISPLAY"] = display
    env.pop("SDL_VIDEODRIVER", None)
    return proc, env


def slowest_sim_level(world: str | None = None):
    """The level whose simulation steps take longest (of one world, when given), timed over
    a few runs of its solution: a small board with heat, power and pipes (the Datacenter's
    capstone) can step slower than a big board of wires."""
    from game.content.loader import load_levels
    from game.sim.goals import play_solution
    from game.sim.simulation import Simulation

    def per_step(level) -> float:  # the quickest of five runs: the least disturbed
        board, _ = play_solution(level)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            steps = len(Simulation(board).run())
            times.append((time.perf_counter() - start) / max(1, steps))
        return min(times)

    levels = [lv for lv in load_levels(ROOT / "levels") if world in (None, lv.world)]
    if not levels:
        sys.exit(f"no levels of a world called {world!r}")
    return max(levels, key=per_step)


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    env = {**env, "SDL_AUDIODRIVER": env.get("SDL_AUDIODRIVER", "dummy")}
    start = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", *args], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return start, json.loads(out.stdout.strip().splitlines()[-1])


def bench_sim(world: str | None = None) -> None:
    from game.sim.goals import play_solution
    from game.sim.simulation import Simulation

    level = slowest_sim_level(world)
    board, _ = play_solution(level)
    setups, steps = [], []
    for _ in range(200):
        t0 = time.perf_counter()
        sim = Simulation(board)
        setups.append(time.perf_counter() - t0)
        while not sim.done:
            s0 = time.perf_counter()
            sim.step()
            steps.append(time.perf_counter() - s0)
    steps.sort()
    print(f"sim step ({level.id}, {level.width}x{level.height}, {len(board.pieces)} parts): "
          f"mean {statistics.mean(steps) * 1000:.4f} ms, p99 {steps[int(len(steps) * .99)] * 1000:.4f} ms"
          f"  [budget 1 ms]; run set-up {statistics.mean(setups) * 1000:.3f} ms")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        if argv[1] == "startup":
            child_startup()
        else:
            child_play(int(argv[2]))
        return
    if argv[:1] == ["sim"]:
        bench_sim(argv[1] if len(argv) > 1 else None)
        return
    xvfb, env = start_xvfb()
    where = "real window under Xvfb" if xvfb else "dummy video driver (no Xvfb found)"
    try:
        print(f"Techniekwerf benchmarks, {where}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
        runs = []
        for _ in range(5):
            start, t = run_child(["startup"], env)
            runs.append((t["window"] - start, t["first_frame"] - start, t["levels_ready"] - start))
        window, first, ready = (statistics.median(col) for col in zip(*runs, strict=True))
        print(f"cold start: first window {window:.3f} s [budget 0.35], first interactive frame "
              f"{first:.3f} s [budget 0.5], levels loaded {ready:.3f} s (median of 5)")
        _, r = run_child(["play", "600"], env)
        times = sorted(r["times"][10:])
        print(f"frame time while simulating {r['level']} ({r['size']}): mean "
              f"{statistics.mean(times) * 1000:.2f} ms [budget 8], p99 "
              f"{times[int(len(times) * .99)] * 1000:.2f} ms [budget 16] over {len(times)} frames "
              f"(play mode at the end: {r['running']})")
        print(f"memory after playing: resident {r['VmRSS']:.0f} MiB [budget 170], private "
              f"{r['RssAnon']:.0f} MiB [budget 100]")
    finally:
        if xvfb:
            xvfb.terminate()
    bench_sim()


if __name__ == "__main__":
    main(sys.argv[1:])
