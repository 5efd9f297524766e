"""The greenhouse water as SCIENCE.md tells it, run through the whole simulation: a pump needs
energy (power steps before water in a tick), a leak loses more where the push is higher, a
float valve decides that a tank fills first, drip lines give the beds beside them a drop and a
drain sends back what they did not take."""

from __future__ import annotations

import pytest

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.goals import GOALS, run_board
from game.sim.media import water
from game.sim.model import Cycle, Goal, GoalType, PlacedPart
from game.sim.parts import Medium
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

P = PlacedPart


def run(parts, **kw):
    return Simulation(Board(make_level(parts=parts, **kw))).run()


# a pump at (1, 1): its plug faces north (1, 0), its outlet south into a pipe and a sprinkler
SPRINKLER_BELOW = [P("pipe_straight", (1, 2)), P("sprinkler", (1, 3), rotation=2)]


def cabled_pump(**params):
    return P("pump", (1, 1), params={"socket": False, **params})


# --- a pump needs energy -------------------------------------------------------------------
def test_the_pump_has_a_power_plug_besides_its_water_outlet():
    pump = CATALOGUE["pump"]
    assert pump.media() == {Medium.WATER, Medium.POWER}
    ports = {(p.side.name, p.medium) for p in pump.io_at(0)}
    assert ports == {("S", Medium.WATER), ("N", Medium.POWER)}
    # turned a quarter: the plug points east, the outlet west
    assert {(p.side.name, p.medium) for p in pump.io_at(1)} == {("W", Medium.WATER),
                                                                ("E", Medium.POWER)}


def test_a_pump_without_a_cable_gives_no_water_and_says_why():
    level = make_level(parts=[cabled_pump(), *SPRINKLER_BELOW],
                       goals=(GoalType.PUMPS_RUN, GoalType.WATERED))
    states = Simulation(Board(level)).run()
    assert all(s.fact("no_power") == {(1, 1)} for s in states)
    assert not any(s.wet or s.sprinkling or s.leaks for s in states)
    ev = run_board(Board(level))
    first = ev.failures[0]  # the cause comes first: the thirsty beds follow from it
    assert first.goal.type == GoalType.PUMPS_RUN and first.cells == ((1, 1),)
    assert first.message == "The pump has no power."


def test_a_pump_on_a_cable_to_a_solar_panel_pumps():
    states = run([P("solar_panel", (1, 0)), cabled_pump(), *SPRINKLER_BELOW])
    assert (1, 1) in states[0].powered and not states[0].fact("no_power")
    assert (1, 3) in states[-1].sprinkling


def test_a_longer_cable_works_too_and_a_broken_one_does_not():
    cable = [P("solar_panel", (0, 0)), P("wire_corner", (1, 0), rotation=2)]
    assert (1, 3) in run([*cable, cabled_pump(), *SPRINKLER_BELOW])[-1].sprinkling
    broken = [P("solar_panel", (0, 0)), P("wire_corner", (1, 0), rotation=2, broken=True)]
    assert run([*broken, cabled_pump(), *SPRINKLER_BELOW])[-1].fact("no_power") == {(1, 1)}


def test_the_pump_works_only_in_the_ticks_its_energy_comes():
    """Power steps before water in each tick: a pump on a solar panel stops at night, in the
    very tick the sun goes down, and starts again in the morning."""
    states = run([P("solar_panel", (1, 0)), cabled_pump(), *SPRINKLER_BELOW],
                 cycle=Cycle(day=6, night=3), ticks=12)
    working = [bool(s.wet) for s in states]
    assert working == [True] * 6 + [False] * 3 + [True] * 3
    assert [s.fact("no_power") == {(1, 1)} for s in states] == [not w for w in working]


def test_a_pump_takes_its_energy_from_the_houses_share():
    """One solar panel (2 energy blocks) for a pump (1) and a house (1): both work; with a
    school (3) there is a shortage and the pump stops too."""
    enough = run([P("solar_panel", (1, 0)), cabled_pump(), P("house", (2, 0)),
                  *SPRINKLER_BELOW])
    assert (2, 0) in enough[-1].powered and (1, 3) in enough[-1].sprinkling
    short = run([P("solar_panel", (1, 0)), cabled_pump(), P("school", (2, 0)),
                 *SPRINKLER_BELOW])
    assert short[-1].fact("no_power") == {(1, 1)} and (1, 1) in short[-1].short


def test_a_pump_on_the_greenhouse_socket_needs_no_cable():
    """The first greenhouse levels' pumps stand on the greenhouse's own socket (the default),
    so those levels play as before."""
    assert CATALOGUE["pump"].params["socket"] is True
    states = run([P("pump", (1, 1)), *SPRINKLER_BELOW])
    assert (1, 3) in states[-1].sprinkling and not states[-1].fact("no_power")
    assert not states[-1].powered  # it takes nothing from the board's power


def test_a_pump_without_energy_is_drawn_off():
    from game.ui.board_view import part_art

    level = make_level(parts=[cabled_pump(), *SPRINKLER_BELOW])
    board = Board(level)
    state = Simulation(board).run()[-1]
    assert part_art(board.pieces[(1, 1)], state, False) == "parts/pump_off"
    powered = Board(make_level(parts=[P("solar_panel", (1, 0)), cabled_pump(),
                                      *SPRINKLER_BELOW]))
    state = Simulation(powered).run()[-1]
    assert part_art(powered.pieces[(1, 1)], state, False) == "parts/pump"


def test_the_new_parts_have_their_pictures():
    from game import PROJECT_ROOT

    for name in ("pump", "pump_off", "float_valve", "float_valve_closed", "drip_line",
                 "drip_line_on", "drain", "drain_on"):
        text = (PROJECT_ROOT / "assets" / "parts" / f"{name}.svg").read_text(encoding="utf-8")
        assert "original work" in text and 'viewBox="0 0 128 128"' in text


# --- pressure and leaks --------------------------------------------------------------------
def pipe_from(source: str, length: int) -> list[PlacedPart]:
    """A source at (1, 0) pouring south into ``length`` straight pipes, the last one open."""
    return [P(source, (1, 0))] + [P("pipe_straight", (1, y)) for y in range(1, 1 + length)]


def leaked(source: str, length: int) -> int:
    state = run(pipe_from(source, length), height=14, ticks=14)[-1]
    return sum(state.fact("leaked").values())


def test_a_leak_near_the_pump_loses_more_than_one_far_away():
    losses = [leaked("pump", n) for n in range(10)]
    assert losses == [3, 3, 3, 2, 2, 2, 1, 1, 1, 1]


def test_a_leak_loses_more_where_the_pressure_is_higher():
    """Across every source and distance: the loss follows the push, never against it."""
    pairs = []
    for source in ("tap", "pump"):
        for n in range(10):
            state = run(pipe_from(source, n), height=14, ticks=14)[-1]
            (cell, loss), = state.fact("leaked").items()
            pairs.append((state.fact("pressure")[cell], loss))
    for (p1, l1) in pairs:
        for (p2, l2) in pairs:
            if p1 > p2:
                assert l1 > l2
    assert {p for p, _ in pairs} == {1, 2, 3}


def test_the_mains_tap_pushes_the_same_everywhere():
    assert {leaked("tap", n) for n in range(10)} == {1}


def test_a_leak_that_ignores_the_pressure_fails_these_tests(monkeypatch):
    """The mutation the issue asks for: a leak independent of pressure is caught."""
    monkeypatch.setattr(water, "leak_loss", lambda pressure: 1)
    with pytest.raises(AssertionError):
        test_a_leak_near_the_pump_loses_more_than_one_far_away()
    with pytest.raises(AssertionError):
        test_a_leak_loses_more_where_the_pressure_is_higher()


def test_a_big_leak_leaves_too_little_for_the_sprinklers():
    """Pump 4: a crack right after it loses 3, so one sprinkler of two goes thirsty; the same
    crack far down the pipe loses 1, and both spray."""
    near = [P("pump", (0, 0), rotation=3), P("pipe_t", (1, 0), rotation=2),
            P("pipe_straight", (1, 1), broken=True)]
    line = [P("pipe_straight", (x, 0), rotation=1) for x in range(2, 8)]
    end = [P("pipe_t", (8, 0), rotation=2), P("sprinkler", (8, 1), rotation=2),
           P("sprinkler", (9, 0), rotation=1)]
    state = run(near + line + end, width=10, height=3, ticks=14)[-1]
    assert state.fact("leaked") == {(1, 1): 3}
    assert len(state.sprinkling) == 1 and len(state.thirsty) == 1
    far = [P("pump", (0, 0), rotation=3), P("pipe_straight", (1, 0), rotation=1)]
    far += line[:-1] + [P("pipe_t", (7, 0), rotation=2), P("pipe_straight", (7, 1), broken=True)]
    state = run(far + end, width=10, height=3, ticks=14)[-1]
    assert state.fact("leaked") == {(7, 1): 1}
    assert len(state.sprinkling) == 2


# --- a float valve decides that the tank fills first ---------------------------------------
def tank_and_sprinkler(feed: str):
    """A tap into a T: east a sprinkler, west down through ``feed`` into a tank."""
    return [P("tap", (1, 0)), P("pipe_t", (1, 1)), P("sprinkler", (2, 1), rotation=1),
            P("pipe_corner", (0, 1), rotation=1), P(feed, (0, 2)),
            P("tank", (0, 3), rotation=2)]


def test_a_float_valve_fills_its_tank_first_then_closes():
    states = run(tank_and_sprinkler("float_valve"), width=3, height=4, ticks=14)
    levels = [s.tank_level[(0, 3)] for s in states]
    spraying = [(2, 1) in s.sprinkling for s in states]
    closed = [(0, 2) in s.fact("float_closed") for s in states]
    full = levels.index(12)
    assert levels[:full + 1] == [0, 0, 0, 0, 2, 4, 6, 8, 10, 12]
    # while the tank fills the sprinkler gets nothing; once it is full the valve is shut
    assert not any(spraying[4:full + 1]) and all(spraying[full + 1:])
    assert closed == [t > full for t in range(len(states))]


def test_without_a_float_valve_the_tank_takes_only_what_is_left():
    states = run(tank_and_sprinkler("pipe_straight"), width=3, height=4, ticks=14)
    assert all((2, 1) in s.sprinkling for s in states[2:])
    assert states[-1].tank_level[(0, 3)] == 10  # one unit a tick of the tap's two


def test_a_float_valve_is_drawn_closed_when_its_tank_is_full():
    from game.ui.board_view import part_art

    board = Board(make_level(parts=tank_and_sprinkler("float_valve"), width=3, height=4,
                             ticks=14))
    states = Simulation(board).run()
    valve = board.pieces[(0, 2)]
    assert part_art(valve, states[3], False) == "parts/float_valve"
    assert part_art(valve, states[-1], False) == "parts/float_valve_closed"


# --- drip lines and drains -----------------------------------------------------------------
def drip_row(end: str | None, needs: int = 3):
    """A tap pouring down into two drip lines between two columns of beds (x 0 and 2), then
    ``end`` at the bottom (a drain turned up into the line, or nothing: an open end)."""
    parts = [P("tap", (1, 0)), P("drip_line", (1, 1)), P("drip_line", (1, 2))]
    parts += [P("bed", (x, y), needs=needs) for x in (0, 2) for y in (1, 2)]
    if end == "drain":
        parts.append(P("drain", (1, 3), rotation=2))
    return make_level(parts=parts, width=3, height=4, ticks=12,
                      goals=(GoalType.WATERED, GoalType.NO_WASTE, GoalType.NO_LEAKS))


def test_a_drip_line_gives_the_beds_beside_it_a_drop():
    states = Simulation(Board(drip_row("drain"))).run()
    assert states[1].fact("dripping") == {(1, 1)}
    assert states[2].fact("dripping") == {(1, 1), (1, 2)}
    assert states[-1].bed_water == {(0, 1): 11, (2, 1): 11, (0, 2): 10, (2, 2): 10}


def test_drip_water_the_beds_did_not_take_is_lost_without_a_drain():
    level = drip_row(None)
    states = Simulation(Board(level)).run()
    assert not states[3].fact("wasting")  # the beds still drink it all
    assert states[4].fact("wasting") == {(1, 1)}  # the first beds have enough: it runs off
    ev = run_board(Board(level))
    failed = {r.goal.type for r in ev.failures}
    assert {GoalType.NO_WASTE, GoalType.NO_LEAKS} <= failed


def test_a_drain_sends_it_back_and_less_fresh_water_is_used():
    with_drain = Simulation(Board(drip_row("drain"))).run()
    assert not any(s.fact("wasting") for s in with_drain)
    assert with_drain[5].fact("returning") == {(1, 3)}
    assert run_board(Board(drip_row("drain"))).solved
    used = [s.fact("water_used") for s in with_drain]
    # two drops a tick while the beds drink, then the drain's water comes round again and
    # the tap gives nothing new
    assert used == [0, 1, 3, 5, 7, 8, 8, 8, 8, 8, 8, 8]
    without = Simulation(Board(drip_row(None))).run()
    assert without[-1].fact("water_used") > used[-1]


def test_a_sprinkler_always_loses_some_water_in_the_air():
    level = make_level(parts=[P("tap", (1, 0)), P("sprinkler", (1, 1), rotation=2),
                              P("bed", (0, 1)), P("bed", (2, 1))],
                       width=3, height=2, goals=(GoalType.WATERED, GoalType.NO_WASTE))
    states = Simulation(Board(level)).run()
    assert all(s.fact("wasting") == {(1, 1)} for s in states[1:])
    ev = run_board(Board(level))
    assert [r.goal.type for r in ev.failures] == [GoalType.NO_WASTE]
    assert ev.failures[0].message == GOALS[GoalType.NO_WASTE].fail


def test_the_goal_table_knows_the_new_goals():
    assert GOALS[GoalType.PUMPS_RUN].fact == "no_power"
    assert GOALS[GoalType.NO_WASTE].fact == "wasting"
    assert Goal(GoalType.PUMPS_RUN).type.value == "pumps_run"


def test_a_bigger_leak_is_drawn_bigger():
    """The board shows what the run lost at each leak: a crack near the pump (3 a moment)
    sprays and puddles more than one far down the pipe (1), so a pupil can see it without the
    meter."""
    from game.sim.geometry import Side

    for time in (0.1, 0.4, 0.7):
        small = _wet_pixels(lambda fx, t=time: fx.spray((0, 0), Side.S, t, 1))
        big = _wet_pixels(lambda fx, t=time: fx.spray((0, 0), Side.S, t, 3))
        assert big > small * 1.5
    assert (_wet_pixels(lambda fx: fx.puddle((0, 0), 0.2, 3))
            > _wet_pixels(lambda fx: fx.puddle((0, 0), 0.2, 1)))


def _wet_pixels(draw) -> int:
    import pygame

    from game.ui.board_fx import WATER, FxPainter

    surface = pygame.Surface((384, 384))
    surface.fill((255, 255, 255))
    draw(FxPainter(surface, (128, 128), 128))
    colour = surface.map_rgb(WATER)
    return int((pygame.surfarray.pixels2d(surface) == colour).sum())
