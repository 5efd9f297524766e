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
    return run_made(load_level(path), build, seconds)


def run_made(level, build: bool = True, seconds: float = 4.0) -> Recording:
    """A run of ``level`` (a Level) on a real play screen, heard through a recording."""
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
    assert ("relay", False) not in audio.played, "no gate on this board"


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


def test_signals_tick_a_relay_clack_a_door_open_and_ring_a_gentle_bell():
    """A signal lamp lit from the start and a NOT gate whose input is off tick like a relay; a
    badge reader that reads a badge later opens a door lock (chk-clack); a smoke sensor that
    smells smoke later still rings the alarm bell. No current or water sound plays."""
    from game.sim.model import PlacedPart
    from tests.sim_helpers import make_level

    parts = [PlacedPart("push_button", (0, 0), 0, params={"pressed": True}),
             PlacedPart("signal_lamp", (1, 0), 0),
             PlacedPart("badge_reader", (0, 1), 0, params={"senses": True, "after": 3}),
             PlacedPart("door_lock", (1, 1), 0),
             PlacedPart("smoke_sensor", (0, 2), 0, params={"senses": True, "after": 5}),
             PlacedPart("alarm_bell", (1, 2), 0),
             PlacedPart("push_button", (0, 3), 0),
             PlacedPart("not_gate", (1, 3), 0)]
    audio = run_made(make_level(parts=parts, goals=(), width=4, height=4, ticks=8),
                     build=False)
    assert ("relay", False) in audio.played
    assert ("door_lock", False) in audio.played and ("alarm_bell", False) in audio.played
    assert audio.played.index(("door_lock", False)) < audio.played.index(("alarm_bell", False))
    assert not [sound for sound, loop in audio.played if loop], "signals hum nothing"

    quiet = [p for p in parts if p.kind not in ("badge_reader", "smoke_sensor")]
    audio = run_made(make_level(parts=quiet, goals=(), width=4, height=4, ticks=8), build=False)
    assert ("door_lock", False) not in audio.played and ("alarm_bell", False) not in audio.played


def test_a_message_blips_each_time_it_reaches_its_address():
    """Each message a server or home computer takes blips (a count per device that goes up
    sounds again); a board of signals and gears never blips."""
    from game.scenes.play_run import newly

    assert newly({}, {(1, 1): 1}) and newly({(1, 1): 1}, {(1, 1): 2})
    assert not newly({(1, 1): 2}, {(1, 1): 2}) and not newly(frozenset({(0, 0)}), frozenset())
    assert newly(frozenset(), frozenset({(0, 0)}))
    level = load_level(PROJECT_ROOT / "levels" / "ict" / "01-a-message-to-the-server.yaml")
    audio = run_made(level, seconds=8.0)
    blips = [sound for sound, loop in audio.played if sound == "packet" and not loop]
    assert len(blips) >= 2, audio.played  # not only the first message
    assert ("relay", False) not in audio.played
