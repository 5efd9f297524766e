"""The heat medium (game.sim.media.heat): heat flows only from warm to cold, ice holds at 0 °C
while it melts, a fridge moves heat to its back and fails with a blocked vent, a thermostat
switches a heater's power in the next tick, and boards without heat parts have no
temperatures at all."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.goals import evaluate
from game.sim.media.heat import AIR_FLOW, HeatMedium, shown
from game.sim.model import GoalType, PlacedPart
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

MATERIALS = ("wool", "polystyrene", "foil", "cardboard", "air_gap", "medicine_box")


def heat_level(parts, width=6, height=4, ticks=12, room=20, blocked=(), goals=None, **kw):
    level = make_level(parts=[p if isinstance(p, PlacedPart) else PlacedPart(*p) for p in parts],
                       width=width, height=height, ticks=ticks, blocked=blocked,
                       goals=goals or (GoalType.NOT_TOO_WARM,), **kw)
    return replace(level, room=room)


def box(at, start=5, kind="medicine_box"):
    return PlacedPart(kind, at, params=(("start", start),))


def run(level):
    board = Board(level)
    sim = Simulation(board)
    return board, sim.run()


def temps(state):
    return state.fact("temperature")


# --- the direction of heat ------------------------------------------------------------------------
@st.composite
def boards(draw):
    """A board full of insulation and medicine boxes at random temperatures."""
    width, height = draw(st.integers(2, 5)), draw(st.integers(2, 4))
    parts = []
    for x in range(width):
        for y in range(height):
            if draw(st.booleans()):
                kind = draw(st.sampled_from(MATERIALS))
                start = draw(st.integers(0, 40))
                parts.append(PlacedPart(kind, (x, y), params=(("start", start),)
                                        if kind == "medicine_box" else ()))
    room = draw(st.integers(0, 40))
    closed = draw(st.booleans())
    return parts, width, height, room, closed


@settings(max_examples=60, deadline=None)
@given(boards())
def test_heat_flows_only_from_warm_to_cold(case):
    """No part ever gets warmer than the warmest thing around at the start, or colder than the
    coldest (nothing heats or cools here); and shut in by scenery on every side, the heat in
    the parts stays the same (it only moves)."""
    parts, width, height, room, closed = case
    blocked = ()
    if closed:  # a ring of scenery: no room air reaches the parts
        parts = [replace(p, at=(p.at[0] + 1, p.at[1] + 1)) for p in parts]
        width, height = width + 2, height + 2
        blocked = [(x, y) for x in range(width) for y in range(height)
                   if x in (0, width - 1) or y in (0, height - 1)]
    level = heat_level(parts, width=width, height=height, ticks=6, room=room, blocked=blocked)
    board = Board(level)
    medium = HeatMedium()
    sim = Simulation(board, with_media=[medium])
    start = dict(medium.temp)
    if not start:
        return
    lo = min([*start.values(), *([] if closed else [room])])
    hi = max([*start.values(), *([] if closed else [room])])
    heat_before = sum(medium.store[c] * t for c, t in start.items())
    for state in sim.run():
        for cell, t in medium.temp.items():
            assert lo - 1e-9 <= t <= hi + 1e-9, (cell, t, lo, hi)
        assert temps(state).keys() == start.keys()
    if closed:
        heat_after = sum(medium.store[c] * t for c, t in medium.temp.items())
        assert abs(heat_after - heat_before) < 1e-6


def test_two_parts_meet_in_the_middle_and_the_warm_one_cools():
    level = heat_level([box((1, 1), start=30), box((2, 1), start=10)],
                       blocked=[(x, y) for x in range(4) for y in range(3)
                                if (x, y) not in ((1, 1), (2, 1))], width=4, height=3, ticks=40)
    _board, states = run(level)
    first, last = temps(states[0]), temps(states[-1])
    assert first[(1, 1)] < 30 and first[(2, 1)] > 10  # heat went from warm to cold at once
    assert abs(last[(1, 1)] - 20) < 0.5 and abs(last[(2, 1)] - 20) < 0.5


def test_insulation_slows_the_heat_from_the_room():
    """The same box warms more slowly wrapped in polystyrene than in foil (metal)."""
    def warmed(material):
        ring = [PlacedPart(material, c) for c in ((2, 1), (1, 2), (3, 2), (2, 3))]
        level = heat_level([box((2, 2)), *ring], width=5, height=5, ticks=10, room=25)
        return temps(run(level)[1][-1])[(2, 2)]

    assert warmed("polystyrene") < warmed("wool") < warmed("cardboard") < warmed("foil")


def test_air_shut_in_by_parts_is_still_air_and_keeps_its_own_temperature():
    ring = [PlacedPart("polystyrene", (x, y)) for x in range(1, 4) for y in range(1, 4)
            if (x, y) != (2, 2)]
    level = heat_level([*ring, box((0, 0))], width=5, height=5, room=20)
    board = Board(level)
    medium = HeatMedium()
    Simulation(board, with_media=[medium])
    assert (2, 2) in medium.temp  # still air: a cell with its own temperature
    assert (4, 4) not in medium.temp  # open air: the room


def test_boards_without_heat_parts_have_no_temperatures():
    level = make_level(parts=[PlacedPart("house", (1, 1))])
    _board, states = run(level)
    assert all(not s.fact("temperature") and not s.fact("too_warm") for s in states)


# --- ice ----------------------------------------------------------------------------------------
def test_ice_stays_at_zero_while_it_melts_then_warms():
    level = heat_level([PlacedPart("ice_pack", (1, 1))], ticks=120, room=30)
    _board, states = run(level)
    melting = [s for s in states if s.fact("ice")[(1, 1)] > 0]
    assert melting and all(temps(s)[(1, 1)] == 0.0 for s in melting)
    ice = [s.fact("ice")[(1, 1)] for s in states]
    assert ice == sorted(ice, reverse=True)  # ice only melts here
    assert ice[-1] == 0 and temps(states[-1])[(1, 1)] > 0
    assert (1, 1) in states[-1].fact("melted")
    assert CATALOGUE["ice_pack"].melt == max(ice) + (CATALOGUE["ice_pack"].melt - ice[0])


def test_an_ice_pack_keeps_the_medicine_cold_and_without_it_it_warms():
    wall = [PlacedPart("polystyrene", c) for c in ((1, 0), (2, 0), (1, 2), (2, 2), (0, 1), (3, 1))]
    with_ice = heat_level([*wall, box((1, 1)), PlacedPart("ice_pack", (2, 1))], ticks=20)
    without = heat_level([*wall, box((1, 1))], ticks=20)
    board, states = run(with_ice)
    assert evaluate(board, states).solved
    board, states = run(without)
    result = evaluate(board, states)
    assert not result.solved and result.failures[0].cells == ((1, 1),)


# --- machines --------------------------------------------------------------------------------------
def fridge_level(behind=None, powered=True, blocked=()):
    parts = [PlacedPart("fridge", (2, 1)), box((2, 2), start=12),
             PlacedPart("polystyrene", (1, 2)), PlacedPart("polystyrene", (3, 2)),
             PlacedPart("polystyrene", (2, 3))]
    if powered:
        parts.append(PlacedPart("wall_socket", (3, 1)))
    if behind:
        parts.append(PlacedPart(behind, (2, 0)))
    return heat_level(parts, width=5, height=5, ticks=20, blocked=blocked,
                      goals=(GoalType.NOT_TOO_WARM, GoalType.VENT_FREE))


def test_a_fridge_with_energy_cools_its_front_and_warms_its_back():
    _board, states = run(replace(fridge_level(behind="medicine_box"), ticks=60))
    assert all((2, 1) in s.fact("cooling") for s in states[:5])
    front = [temps(s)[(2, 2)] for s in states]
    assert front[:20] == sorted(front[:20], reverse=True)  # from 12 degrees down, every tick
    assert shown(front[-1]) in (4, 5)  # held near its set temperature (4)
    assert temps(states[-1])[(2, 0)] > 20  # the box behind it got the heat: warmer than the room
    assert states[-1].fact("energy_used") == 60


def test_a_fridge_without_energy_does_nothing():
    board, states = run(fridge_level(powered=False))
    assert not any(s.fact("cooling") for s in states)
    assert states[-1].fact("energy_used") == 0
    assert temps(states[-1])[(2, 2)] > 12


def test_a_blocked_vent_stops_the_fridge():
    for level in (fridge_level(behind="wool"), fridge_level(blocked=[(2, 0)])):
        board, states = run(level)
        assert all(s.fact("vent_blocked") == frozenset({(2, 1)}) for s in states)
        assert not any(s.fact("cooling") for s in states)
        result = evaluate(board, states)
        assert result.failures[0].goal.type == GoalType.VENT_FREE  # the cause is told first
    assert CATALOGUE["wool"].heat_flow < AIR_FLOW <= CATALOGUE["medicine_box"].heat_flow


def incubator_level(probe_rotation):
    """Socket - cable - thermostat - cable - incubator's plug; the thermostat's pointer is turned
    to the incubator (rotation 1) or away from it (rotation 3)."""
    parts = [PlacedPart("incubator", (3, 2)), PlacedPart("wall_socket", (1, 4)),
             PlacedPart("wire_corner", (1, 3), rotation=1),
             PlacedPart("wire_corner", (2, 3), rotation=3),
             PlacedPart("thermostat", (2, 2), rotation=probe_rotation),
             PlacedPart("wire_corner", (2, 1), rotation=1),
             PlacedPart("wire_corner", (3, 1), rotation=2)]
    return heat_level(parts, width=6, height=5, ticks=24,
                      goals=(GoalType.NOT_TOO_WARM, GoalType.NOT_TOO_COLD))


def test_a_thermostat_switches_the_heater_in_the_next_tick():
    board, states = run(incubator_level(probe_rotation=1))
    assert evaluate(board, states).solved
    for before, now in zip(states, states[1:], strict=False):
        felt = before.fact("readings")[(2, 2)]
        assert ((2, 2) in before.fact("switched_off")) == (felt >= 37)
        assert ((3, 2) in now.fact("heating")) == ((2, 2) not in before.fact("switched_off"))
    assert any(s.fact("heating") for s in states) and not all(s.fact("heating") for s in states)


def test_a_thermostat_that_feels_the_room_never_switches_off():
    board, states = run(incubator_level(probe_rotation=3))
    assert all((3, 2) in s.fact("heating") for s in states)
    assert not any(s.fact("switched_off") for s in states)
    assert evaluate(board, states).failures[0].goal.type == GoalType.NOT_TOO_WARM


def test_a_heater_with_energy_warms_its_neighbours():
    parts = [PlacedPart("heater", (2, 2)), PlacedPart("wall_socket", (2, 1)), box((3, 2))]
    _board, states = run(heat_level(parts, width=5, height=4, ticks=10,
                                    goals=(GoalType.NOT_TOO_COLD,)))
    assert all((2, 2) in s.fact("heating") for s in states)
    assert temps(states[-1])[(3, 2)] > 5 + 3
