"""The sounds of a Test run come from one table (game.scenes.play_run: RUN_LOOPS, RUN_SOUNDS):
a loop while current, water or things on belts move, a one-shot when something new happens.
Heard through a recording audio on a real play screen."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.play_run import LOOP_SOUNDS, RUN_LOOPS, RUN_SOUNDS  # noqa: E402
from game.screenshot import make_context  # noqa: E402
from game.sim.media import media  # noqa: E402
from game.sim.model import StepAction  # noqa: E402

SOUNDS = PROJECT_ROOT / "assets" / "sounds"


class Recording:
    muted = False

    def __init__(self) -> None:
        self.played: list[tuple[str, bool]] = []
        self.stopped: list[str] = []

    def play(self, name: str, loop: bool = False) -> None:
        self.played.append((name, loop))

    def stop(self, name: str) -> None:
        self.stopped.append(name)

    def toggle_mute(self) -> None:
        self.muted = not self.muted


def run_level(path, build: bool = True, seconds: float = 4.0) -> Recording:
    level = load_level(path)
    ctx = make_context()
    ctx.audio = audio = Recording()
    scene = PlayScene(ctx, level)
    ctx.stack.push(scene)
    if build:
        for step in level.solution.steps:
            if step.action != StepAction.ANSWER:
                scene.editor.apply(step)
        scene._after_edit()
    scene.start_test()
    t = 0.0
    while t < seconds and scene.mode == "run":
        scene.update(1 / 30)
        t += 1 / 30
    return audio


def test_every_run_sound_is_a_sound_file_and_every_fact_a_medium_makes():
    facts = {fact for medium in media() for fact in medium.FACTS} | {"live", "wet", "powered",
                                                                      "leaks"}
    for fact, sound in (*RUN_LOOPS, *RUN_SOUNDS):
        assert fact in facts, fact
        assert (SOUNDS / f"{sound}.wav").is_file(), sound


def test_bags_on_a_belt_hum_and_a_plane_chimes_when_it_takes_one():
    audio = run_level(PROJECT_ROOT / "levels" / "logistics" / "01-to-the-plane.yaml")
    assert ("belt", True) in audio.played
    assert ("item_in", False) in audio.played
    assert ("power_hum", True) not in audio.played, "no current flows on this board"
    assert set(LOOP_SOUNDS) <= set(audio.stopped), "the loops stop when the run ends"


def test_bags_that_pile_up_bump():
    audio = run_level(PROJECT_ROOT / "levels" / "logistics" / "04-pile-up.yaml", build=False)
    assert ("jam", False) in audio.played
    assert ("item_in", False) not in audio.played


def test_a_lamp_that_lights_still_sounds():
    audio = run_level(PROJECT_ROOT / "levels" / "city" / "01-first-light.yaml")
    assert ("lamp_on", False) in audio.played and ("power_hum", True) in audio.played
    assert ("belt", True) not in audio.played


def test_an_electric_truck_whirrs_off_and_bumps_when_it_runs_flat():
    audio = run_level(PROJECT_ROOT / "levels" / "logistics" / "10-heavy-load.yaml", build=False,
                      seconds=6.0)
    assert ("truck", False) in audio.played and ("jam", False) in audio.played


def test_gears_whirr_while_they_turn_and_a_workbench_lamp_and_magnet_sound():
    from game.content.loader import load_levels

    levels = {lv.id: lv for lv in load_levels(PROJECT_ROOT / "levels")}
    gears = next(lv for lv in levels.values() if lv.world == "hightech" and any(
        s.kind and s.kind.startswith("gear") for s in lv.solution.steps))
    audio = run_level(gears.source)
    assert ("gears", True) in audio.played
    assert ("belt", True) not in audio.played and ("water", True) not in audio.played
    assert "gears" in audio.stopped
    lamp = next(lv for lv in levels.values() if lv.world == "hightech" and any(
        p.kind == "bulb" for p in lv.parts) and not any(
        s.kind and s.kind.startswith("gear") for s in lv.solution.steps))
    audio = run_level(lamp.source)
    assert ("lamp_on", False) in audio.played and ("power_hum", True) in audio.played
    assert ("gears", True) not in audio.played
    magnet = next(lv for lv in levels.values() if lv.world == "hightech" and (any(
        s.kind == "electromagnet" for s in lv.solution.steps) or any(
        p.kind == "electromagnet" for p in lv.parts)))
    audio = run_level(magnet.source)
    assert ("magnet", False) in audio.played  # it grabs the steel
