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
from game.ui.probe import probe_line  # noqa: E402

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
    belts the things themselves are seen moving, and every temperature is written on its part;
    on the workbench current runs as dots along the wires that carry it, and gears are seen
    turning or stuck: in an open loop or a jammed train the meter reads nothing everywhere, so
    it cannot point at the gap. Those fix levels need no meter.)"""
    fixes = [lv for lv in load_levels(LEVELS) if lv.kind == LevelKind.FIX
             and not any(CATALOGUE[p.kind].medium in (Medium.ITEMS, Medium.HEAT, Medium.CIRCUIT,
                                                      Medium.MOTION) for p in lv.parts)]
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
    settle(app, fake_time, 6.0, draw_all=False)
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
    settle(app, fake_time, 6.0, draw_all=False)
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


# --- the workbench (circuit) and moving parts (motion) ------------------------------------------
def _bench_play(app, fake_time, parts, goals, width=8, height=5):
    """A play screen of a level made of ``parts``, running, with the meter out."""
    from dataclasses import replace

    from game.sim.model import GoalType, PlacedPart
    from tests.sim_helpers import make_level

    level = replace(make_level(parts=[p if isinstance(p, PlacedPart) else PlacedPart(*p)
                                      for p in parts], goals=goals or (GoalType.ANSWER,),
                               width=width, height=height, ticks=12), probe=True)
    scene = start_play(app, level)
    _probe_on(app, scene)
    scene.start_test()
    settle(app, fake_time, 0.5)
    assert scene.mode == "run"  # measured while it runs (every tick has the same circuit)
    return scene


def test_the_probe_reads_the_current_and_a_lamps_light(app, fake_time) -> None:
    """Two lamps in a row share the battery: half the current, a quarter of the light; side by
    side each gets the whole battery. The meter says the circuit medium's own numbers."""
    from game.sim.model import GoalType
    from tests.test_sim_circuit import parallel, series

    scene = _bench_play(app, fake_time, series(2), (GoalType.LAMPS_LIT,))
    facts = scene.run.state.facts["circuit"]
    lamp = _held(app, scene, (1, 0))
    assert lamp.amps == facts["amps"][(1, 0)] == 0.5
    assert lamp.brightness == facts["brightness"][(1, 0)] == 0.25
    assert scene.probe_text((1, 0)) == "0.5 A flows through this lamp. It glows at 25% of " \
                                       "its full light."
    wire = _held(app, scene, (3, 1))  # a wire on the far side: the same current all round
    assert wire.amps == 0.5 and wire.brightness is None
    assert scene.probe_text((3, 1)) == "0.5 A flows through here."
    assert scene.read_aloud_text() == "0.5 A flows through here."
    own = Simulation(scene.board).run()
    assert scene.run.states[-1].meter == own[-1].meter

    scene = _bench_play(app, fake_time, parallel(2), (GoalType.LAMPS_LIT,))
    assert _held(app, scene, (1, 1)).brightness == 1.0
    assert scene.probe_text((1, 1)) == "1 A flows through this lamp. It glows at 100% of " \
                                       "its full light."
    assert _held(app, scene, (0, 1)).amps == 2.0  # the battery drives both lamps


def test_an_open_loop_measures_no_current_anywhere(app, fake_time) -> None:
    from game.sim.model import GoalType
    from tests.test_sim_circuit import ring

    parts = [p for p in ring([("bulb", 0)]) if not isinstance(p, tuple) or p[1] != (2, 1)]
    scene = _bench_play(app, fake_time, parts, (GoalType.LAMPS_LIT,))  # a gap at (2, 1)
    for cell in ((0, 1), (1, 0), (2, 0), (1, 2)):
        assert _held(app, scene, cell).amps == 0
    assert scene.probe_text((1, 0)) == "No current flows through this lamp, so it stays dark."
    assert scene.probe_text((0, 1)) == "No current flows here."
    assert scene.probe_text((2, 1)) == "There is no part here to measure."


def test_the_probe_reads_how_fast_and_which_way_a_part_turns(app, fake_time) -> None:
    """A bench motor on a closed loop turns a big gear at 12, clockwise; a small gear beside
    it turns back, three times faster; the motor's own current is measured too."""
    from game.sim.model import GoalType, PlacedPart
    from tests.test_sim_motion import bench_loop

    parts = [*bench_loop(), PlacedPart("gear_small", (2, 0))]
    scene = _bench_play(app, fake_time, parts, (GoalType.NO_GEAR_JAM,), width=5, height=5)
    speeds = scene.run.state.fact("turn_speed")
    big, small = _held(app, scene, (1, 0)), _held(app, scene, (2, 0))
    assert big.turn == speeds[(1, 0)] == 12 and small.turn == speeds[(2, 0)] == -36
    assert scene.probe_text((1, 0)) == "It turns at speed 12, clockwise."
    assert scene.probe_text((2, 0)) == "It turns at speed 36, anticlockwise."
    motor = _held(app, scene, (1, 1))
    assert motor.amps == scene.run.state.fact("amps")[(1, 1)] > 0 and motor.turn == 12


def test_a_jammed_train_and_a_short_circuit_say_so() -> None:
    """The lines for a locked train and a shorted battery (from the readings alone)."""
    from fractions import Fraction

    def say(reading, medium):
        return probe_line(reading, medium, True, lambda s: s, lambda a, b, n: a, True, "nl")

    assert say(Reading(0, turn=Fraction(0), jammed=True), Medium.MOTION) == \
        "Stuck! The gears block each other, so nothing turns."
    assert say(Reading(0, turn=Fraction(0)), Medium.MOTION) == "This part does not turn."
    assert say(Reading(0, turn=Fraction(4, 3)), Medium.MOTION) == \
        "It turns at speed 4/3, clockwise."
    assert say(Reading(0, amps=0.0, shorted=True), Medium.CIRCUIT) == \
        "Short circuit! Far too much current."
    assert say(Reading(0, amps=0.33), Medium.CIRCUIT) == "0,33 A flows through here."  # Dutch
    assert say(Reading(0, amps=0.5, magnet=True), Medium.CIRCUIT) == \
        "0,5 A flows through the coil: it is a magnet now."
    assert say(None, Medium.CIRCUIT) == "No current flows here."


# --- signals (the Datacenter) -------------------------------------------------------------------
def _signal_parts():
    """A pressed button and a let-go one into an AND gate (to a lamp), and a let-go button
    into a NOT gate (to a lamp)."""
    from game.sim.model import PlacedPart

    return [PlacedPart("push_button", (0, 0), 0, params={"pressed": True}),
            PlacedPart("signal_wire_corner", (1, 0), 2),  # joins W and S
            PlacedPart("and_gate", (1, 1), 0),  # inputs N and S, output E
            PlacedPart("push_button", (0, 2), 0),
            PlacedPart("signal_wire_corner", (1, 2), 3),  # joins W and N
            PlacedPart("signal_lamp", (2, 1), 0),
            PlacedPart("push_button", (0, 3), 0),
            PlacedPart("not_gate", (1, 3), 0),  # input W, output E
            PlacedPart("signal_lamp", (2, 3), 0)]


def test_the_probe_reads_on_and_off_and_a_gates_inputs(app, fake_time) -> None:
    """On a wire, button or lamp the meter says whether the signal is on; on a gate what
    comes in and what goes out: the signal medium's own on and off, never worked out again."""
    from game.sim.model import GoalType

    scene = _bench_play(app, fake_time, _signal_parts(), (GoalType.SIGNAL_ON,), width=4,
                        height=4)
    state = scene.run.state
    wire = _held(app, scene, (1, 0))
    assert wire.signal is True and (1, 0) in state.fact("signal")
    assert scene.probe_text((1, 0)) == "The signal here is on."
    assert scene.read_aloud_text() == "The signal here is on."
    assert _held(app, scene, (1, 2)).signal is False
    assert scene.probe_text((1, 2)) == "The signal here is off."
    gate = _held(app, scene, (1, 1))
    assert sorted(gate.inputs) == [False, True] and gate.signal is False
    assert (1, 1) not in state.fact("gates_on")
    assert scene.probe_text((1, 1)) == "One input is on and one is off. Its output is off."
    assert scene.probe_text((2, 1)) == "The signal here is off."  # the AND gate's lamp
    assert scene.probe_text((0, 0)) == "The signal here is on."  # the pressed button
    nand = _held(app, scene, (1, 3))
    assert nand.inputs == (False,) and nand.signal is True and (1, 3) in state.fact("gates_on")
    assert scene.probe_text((1, 3)) == "Its input is off. Its output is on."
    assert _held(app, scene, (2, 3)).signal is True and (2, 3) in state.fact("lamps_on")
    own = Simulation(scene.board).run()
    assert scene.run.states[-1].meter == own[-1].meter


def test_the_signal_lines_from_the_readings_alone() -> None:
    def say(reading):
        return probe_line(reading, Medium.SIGNAL, True, lambda s: s, lambda a, b, n: a, True)

    assert say(Reading(0, signal=True, inputs=(True, True))) == \
        "Both inputs are on. Its output is on."
    assert say(Reading(0, signal=False, inputs=(False, False))) == \
        "Both inputs are off. Its output is off."
    assert say(Reading(0, signal=False, inputs=(True,))) == "Its input is on. Its output is off."
    assert say(Reading(0, signal=False)) == "The signal here is off."
    assert say(None) == "The signal here is off."  # a part no signal reaches
    assert probe_line(None, Medium.SIGNAL, False, lambda s: s, lambda a, b, n: a) == \
        "Press Test, then measure here."


# --- messages (the Datacenter) ------------------------------------------------------------------
def _next_to(a, b) -> bool:
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1


def test_the_probe_counts_messages_in_cables_and_routers(app, fake_time) -> None:
    """On the broken-cable level as it starts: every message went through the computer's own
    cable, none through the cable beside the broken one; the messages for the far home wait in
    the router. The meter says the packets medium's own counts."""
    level = load_level(next((LEVELS / "ict").glob("04-*.yaml")))
    assert level.kind == LevelKind.FIX
    scene = start_play(app, level)
    _probe_on(app, scene)
    scene.start_test()
    settle(app, fake_time, 8.0, draw_all=False)
    assert scene.mode == "failed"
    last = scene.run.states[-1]
    through = last.fact("packets_through")
    router = next(p.at for p in level.parts if p.kind == "router")
    computer = next(p.at for p in level.parts if p.kind == "computer")
    first = next(c for c in through if _next_to(c, computer))
    cable = _held(app, scene, first)
    assert cable.packets == through[first] == last.fact("packets_sent") > 1
    assert scene.probe_text(first) == f"{cable.packets} messages went through this cable so far."
    broken = next(p.at for p in level.parts if p.broken)
    beside = next(c for c in scene.run.board.pieces if c not in through and c != broken
                  and _next_to(c, broken) and c != router)
    assert _held(app, scene, beside).packets == 0
    assert scene.probe_text(beside) == "No message went through this cable yet."
    queue = _held(app, scene, router)
    assert queue.waiting and queue.packets == last.fact("packet_queues")[router] > 1
    assert scene.probe_text(router) == f"{queue.packets} messages are waiting here."
    assert scene.probe_text(computer) == \
        "Hold the meter to a cable or a router to count messages."
    own = Simulation(scene.board).run()
    assert scene.run.states[-1].meter == own[-1].meter


def test_the_message_lines_from_the_readings_alone() -> None:
    def say(reading):
        return probe_line(reading, Medium.PACKETS, True, lambda s: s,
                          lambda a, b, n: a if n == 1 else b, True)

    assert say(Reading(0, packets=1)) == "1 message went through this cable so far."
    assert say(Reading(0, packets=0, waiting=True)) == "No message is waiting here."
    assert say(Reading(0, packets=1, waiting=True)) == "1 message is waiting here."
