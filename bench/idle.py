"""What the game costs while a pupil looks at the screen and does nothing.

    python bench/idle.py              # title, unchanged play screen, map, levels: 10 s each
    python bench/idle.py --seconds 5

Each screen runs in a fresh child process with the game's own main loop (``App.run``) in a
real window under Xvfb (a private display; the dummy video driver when Xvfb is missing). The
child measures its own processor time (os.times: user + system, all threads) over the idle
stretch only, after start-up, and prints it as a percentage of one core, with the number of
frames it drew and showed. The X server's own time for the same stretch is printed beside it.
Budget (issue 8): at most 2 % of a core. Figures only; it never fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETTLE = 4.0  # seconds before measuring: levels loaded, the store opened, the pictures of
#                each size the slow movements pass through drawn once (kept after that)


def _proc_cpu(pid: int | None) -> float:
    """Processor seconds used so far by another process (Linux), 0 when unknown."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(screen: str, seconds: float, muted: bool) -> None:
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    import pygame

    from game.app import App

    data = tempfile.mkdtemp()
    app = App(data_dir=data)
    if muted != bool(app.ctx.audio.muted):
        app.toggle_mute()
    app.run_frames(3)  # levels load, the school store opens
    if screen == "play":
        from game.scenes.play import PlayScene

        level = next(iter(app.ctx.levels))
        app.ctx.stack.push(PlayScene(app.ctx, level))
    elif screen == "map":
        from game.scenes.world_map import WorldMapScene

        app.ctx.stack.push(WorldMapScene(app.ctx))
    elif screen == "levels":
        from game.scenes.level_select import LevelSelectScene

        app.ctx.stack.push(LevelSelectScene(app.ctx, "city"))
    elif screen == "settings":
        from game.scenes.settings_menu import SettingsScene

        app.ctx.stack.push(SettingsScene(app.ctx))

    flips = [0]
    real_flip = pygame.display.flip
    real_update = pygame.display.update

    def counted_flip(*a, **k):
        flips[0] += 1
        return real_flip(*a, **k)

    def counted_update(*a, **k):
        flips[0] += 1
        return real_update(*a, **k)

    pygame.display.flip = counted_flip
    pygame.display.update = counted_update
    marks: dict[str, tuple] = {}
    xpid = int(os.environ.get("IDLE_BENCH_XPID", "0") or 0)

    def start_measuring() -> None:
        marks["start"] = (time.perf_counter(), os.times(), flips[0], app.frames, _proc_cpu(xpid))

    def stop() -> None:
        marks["stop"] = (time.perf_counter(), os.times(), flips[0], app.frames, _proc_cpu(xpid))
        app.quit()
        pygame.event.post(pygame.event.Event(pygame.USEREVENT))  # wake a sleeping loop

    threading.Timer(SETTLE, start_measuring).start()
    threading.Timer(SETTLE + seconds, stop).start()
    app.run()
    (w0, t0, f0, n0, x0), (w1, t1, f1, n1, x1) = marks["start"], marks["stop"]
    wall = w1 - w0
    cpu = (t1.user - t0.user) + (t1.system - t0.system)
    print(json.dumps({"wall": wall, "cpu": cpu, "shown": f1 - f0, "frames": n1 - n0,
                      "xserver": x1 - x0}))


def start_xvfb() -> tuple[subprocess.Popen | None, dict[str, str]]:
    """A private X display (Xvfb picks a free number), else the dummy video driver."""
    env = dict(os.environ)
    env["SDL_AUDIODRIVER"] = env.get("SDL_AUDIODRIVER", "dummy")
    if shutil.which("Xvfb") is None:
        env["SDL_VIDEODRIVER"] = "dummy"
        return None, env
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    env["DISPLAY"] = f":{number}"
    env.pop("SDL_VIDEODRIVER", None)
    env["IDLE_BENCH_XPID"] = str(proc.pid)
    return proc, env


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], float(argv[2]), argv[3] == "muted")
        return
    seconds = 10.0
    if argv[:1] == ["--seconds"]:
        seconds = float(argv[1])
    xvfb, env = start_xvfb()
    where = "a real window under Xvfb" if xvfb else "the dummy video driver (no Xvfb found)"
    print(f"Idle cost, {where}, {seconds:g} s per screen, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores [budget: 2 % of a core]")
    try:
        for screen, label in (("title", "title screen"), ("play", "unchanged play screen"),
                              ("map", "world map"), ("levels", "level select (city)"),
                              ("settings", "settings (nothing moves: the loop's floor)")):
            for muted in (False, True) if screen in ("title", "play") else (True,):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", screen, str(seconds),
                     "muted" if muted else "sound"],
                    env=env, cwd=ROOT, capture_output=True, text=True)
                if out.returncode:
                    print(f"{label}: the game stopped with an error:\n{out.stderr}")
                    continue
                r = json.loads(out.stdout.strip().splitlines()[-1])
                sound = "muted" if muted else "music on"
                print(f"{label:22} ({sound:8}): {100 * r['cpu'] / r['wall']:5.1f} % of a core, "
                      f"{r['shown'] / r['wall']:5.1f} frames shown/s, "
                      f"{r['frames'] / r['wall']:5.1f} loop passes/s; X server "
                      f"{100 * r['xserver'] / r['wall']:4.1f} %")
    finally:
        if xvfb:
            xvfb.terminate()
            xvfb.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
