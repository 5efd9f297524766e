"""The measuring probe: held to any cell (mouse, touch, keys) during or after a run, it shows
what the simulation says flows there, never a number worked out again by the screen."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from play_helpers import post_click, post_key, settle, start_play  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level, load_levels  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.catalogue import CATALOGUE  # noqa: E402
from game.sim.meter import Reading  # noqa: E402
from game.sim.model import LevelKind  # noqa: E402
from game.sim.parts import Medium  # noqa: E402
from game.sim.simulation import Simulation  # noqa: E402

LEVELS = PROJECT_ROOT / "levels"


def _probe_on(app, scene: PlayScene) -> None:
    post_click(app, scene.buttons["probe"].rect.center)
    app.step_frame()
    assert scene.probing


def _held(app, scene: PlayScene, cell) -> Reading | None:
    post_click(app, scene.view.cell_center(cell))
    app.step_frame()
    assert scene.probe_cell == cell
    return scene.probe_reading(cell)


def test_every_fix_level_has_the_probe_and_its_first_hint_points_at_it() -> None:
    """Fix levels of energy and water: what flows cannot be seen, so the pupil measures it. (On
    belts the things themselves are seen moving, and every temperature is written on its part:
    those fix levels need no meter.)"""
    fixes = [lv for lv in load_levels(LEVELS) if lv.kind == LevelKind.FIX
             and not any(CATALOGUE[p.kind].medium in (Medium.ITEMS, Medium.HEAT)
                         for p in lv.parts)]
    assert len(fixes) >= 5
    for level in fixes:
        assert level.probe, level.id
        assert "meter" in level.hints[0].text, level.id


def test_the_probe_reads_the_power_simulation_at_a_cell(app, fake_time) -> None:
    level = load_level(LEVELS / "city" / "15-enough-for-the-street.yaml")
    scene = start_play(app, level)
    post_click(app, scene.palette.rects[0].center)
    post_click(app, scene.view.cell_center((1, 1)))  # one wind turbine for four houses
    app.step_frame()
    scene.predicted(3, then_test=True)
    settle(app, fake_time, 1.0)
    assert scene.mode == "run"
    _probe_on(app, scene)  # during the run
    state = scene.run.state
    turbine = _held(app, scene, (1, 1))
    assert turbine == state.meter[(1, 1)]
    assert turbine.amount == CATALOGUE["wind_turbine"].output == 3
    house = _held(app, scene, (3, 1))
    assert (3, 1) in state.short and (3, 1) not in state.powered  # the simulation's own facts
    assert house == Reading(0, need=CATALOGUE["house"].demand)
    assert scene.probe_text((3, 1)) == "It needs 1 energy block and gets 0."
    assert scene.read_aloud_text() == "It needs 1 energy block and gets 0."
    settle(app, fake_time, 6.0)
    assert scene.mode == "failed"  # after the run: still measuring the last moment
    assert _held(app, scene, (1, 1)) == scene.run.states[-1].meter[(1, 1)]
    # the same numbers as a run of the simulation itself on the same board
    own = Simulation(scene.board).run()
    assert scene.run.states[-1].meter == own[-1].meter


def test_the_probe_reads_the_water_simulation_and_the_leak(app, fake_time) -> None:
    level = load_level(LEVELS / "greenport" / "15-where-does-it-spill.yaml")
    scene = start_play(app, level)
    scene.predicted((4, 1), then_test=True)
    _probe_on(app, scene)
    settle(app, fake_time, 6.0)
    assert scene.mode == "failed"
    last = scene.run.states[-1]
    tap = _held(app, scene, (3, 0))
    assert tap.amount == CATALOGUE["tap"].output == 2
    leak = _held(app, scene, (4, 1))
    assert ((4, 1), next(iter(last.leaks))[1]) in last.leaks and leak.lost == 1
    assert scene.probe_text((4, 1)) == "1 water spills out here each moment."
    wet = _held(app, scene, (2, 2))
    assert (2, 2) in last.sprinkling and wet == Reading(1, need=1)
    dry = _held(app, scene, (5, 2))
    assert (5, 2) not in last.wet and dry == Reading(0, need=1)
    assert _held(app, scene, (2, 1)).amount == 1  # 2 from the tap, less 1 spilt
    own = Simulation(Board(level)).run()
    assert [s.meter for s in scene.run.states] == [s.meter for s in own]


def test_the_probe_on_a_fix_level_by_keyboard(app, fake_time) -> None:
    level = load_level(LEVELS / "greenport" / "04-cracked-pipe.yaml")
    scene = start_play(app, level)
    assert "probe" in scene.focus_order()
    while scene.focus != "probe":  # Tab to the meter, Enter takes it
        post_key(pygame.K_TAB)
        app.step_frame()
    post_key(pygame.K_RETURN)
    app.step_frame()
    assert scene.probing
    parts = dict(scene.board.pieces)
    post_key(pygame.K_t)  # Test
    settle(app, fake_time, 1.0)
    assert scene.mode == "run" and "board" in scene.focus_order()  # measure while it runs
    post_key(pygame.K_RIGHT)
    app.step_frame()
    cell = scene.probe_cell
    assert cell == scene.view.cursor
    assert scene.probe_reading(cell) == scene.run.state.meter.get(cell)
    post_key(pygame.K_RETURN)  # Enter holds the meter there; it builds nothing
    app.step_frame()
    assert scene.board.pieces == parts
    post_key(pygame.K_ESCAPE)  # Back puts the meter away
    app.step_frame()
    assert not scene.probing and isinstance(app.ctx.stack.top, PlayScene)


def test_before_a_run_the_probe_asks_for_a_test(app) -> None:
    level = load_level(LEVELS / "city" / "04-broken-wire.yaml")
    scene = start_play(app, level)
    _probe_on(app, scene)
    cell = next(iter(level.parts)).at
    parts = dict(scene.board.pieces)
    assert _held(app, scene, cell) is None
    assert scene.probe_text(cell) == "Press Test, then measure here."
    assert scene.board.pieces == parts  # a click with the meter builds nothing
