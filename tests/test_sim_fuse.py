"""Shortage is not overload (SCIENCE.md): too little energy makes a network *short*; too much
energy through one cable trips its *fuse*, which stays open for the rest of the run."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.goals import run_board
from game.sim.graph import PortGraph, components
from game.sim.media.power import conducts
from game.sim.model import Cycle, GoalType, PlacedPart
from game.sim.parts import Medium, Role
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

EAST_WEST = 1  # a fuse or straight wire turned a quarter: its ends face east and west


def run(level):
    return Simulation(Board(level)).run()


def _evening_street(extra=()):
    """Two wind turbines (6 blocks) feed a street through one fuse (at most 3): two houses,
    and three street lights that come on at night."""
    parts = [("wind_turbine", (0, 1)), ("wind_turbine", (0, 2)),
             PlacedPart("fuse", (1, 1), rotation=EAST_WEST),
             ("house", (2, 1)), ("house", (3, 1)),
             ("street_light", (4, 1)), ("street_light", (5, 1)), ("street_light", (6, 1)),
             *extra]
    return make_level(parts=parts, cycle=Cycle(day=2, night=2), ticks=8,
                      goals=(GoalType.POWERED, GoalType.NO_SHORTAGE, GoalType.NO_TRIPPED_FUSE))


def test_the_fuse_trips_when_the_lights_come_on_and_the_street_goes_dark():
    states = run(_evening_street())
    houses = {(2, 1), (3, 1)}
    # by day the street needs 2 blocks: the fuse holds and the houses have power
    assert [s.tripped for s in states[:2]] == [frozenset(), frozenset()]
    assert all(houses <= s.powered for s in states[:2])
    # at dusk the lights need 3 more: 5 blocks through a fuse for 3, it trips at tick 2
    assert all(s.tripped == {(1, 1)} for s in states[2:])
    # everything behind it is cut off, the next day too; the supply was never too little
    assert all(houses <= s.dark for s in states[2:])
    assert not any(s.short for s in states)
    assert all((1, 1) not in s.live for s in states[2:])


def test_the_goals_tell_a_tripped_fuse_from_a_shortage():
    ev = run_board(Board(_evening_street()))
    by_type = {r.goal.type: r for r in ev.results}
    assert not by_type[GoalType.NO_TRIPPED_FUSE].ok
    assert by_type[GoalType.NO_TRIPPED_FUSE].cells == ((1, 1),)
    assert by_type[GoalType.NO_TRIPPED_FUSE].tick == 2
    assert by_type[GoalType.NO_SHORTAGE].ok
    assert ev.failures[0].goal.type == GoalType.NO_TRIPPED_FUSE  # the cause comes first


def test_too_little_supply_is_short_not_tripped():
    level = make_level(parts=[("solar_panel", (0, 1)),
                              PlacedPart("fuse", (1, 1), rotation=EAST_WEST),
                              ("house", (2, 1)), ("house", (3, 1)), ("house", (4, 1))])
    state = run(level)[0]
    assert {(2, 1), (3, 1), (4, 1)} <= state.dark
    assert (2, 1) in state.short and not state.tripped


def test_two_cables_to_the_same_street_share_the_load():
    """A second feed from a second fuse: 5 blocks over two fuses is 2.5 each, within 3."""
    second = [("wind_turbine", (0, 3)), PlacedPart("fuse", (1, 3), rotation=EAST_WEST),
              PlacedPart("wire_corner", (2, 3), rotation=3),  # west and north
              PlacedPart("wire_straight", (2, 2))]
    states = run(_evening_street(second))
    assert not any(s.tripped for s in states)
    assert all({(2, 1), (3, 1), (4, 1), (5, 1), (6, 1)} <= s.powered for s in states[2:4])


def test_a_battery_behind_the_fuse_takes_load_off_it():
    """Energy made or stored in the street itself does not go through the fuse."""
    local = [PlacedPart("battery", (6, 2), charge=12)]
    states = run(_evening_street(local))
    assert not any(s.tripped for s in states[:4])


def test_a_fuse_that_carries_exactly_its_limit_holds():
    level = make_level(parts=[("wind_turbine", (0, 1)),
                              PlacedPart("fuse", (1, 1), rotation=EAST_WEST),
                              ("school", (2, 1))])
    assert not any(s.tripped for s in run(level))


# --- the property: enough supply and cables within their limits is never short or tripped -------
KINDS = ["wind_turbine", "solar_panel", "house", "street_light", "school", "wire_straight",
         "wire_corner", "wire_t", "wire_cross", "fuse", "battery"]
W, H = 5, 4


@st.composite
def boards(draw):
    cells = [(x, y) for x in range(W) for y in range(H)]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, min_size=2, max_size=14))
    parts = [PlacedPart(kind, cell, rotation=draw(st.integers(0, 3))
                        if CATALOGUE[kind].rotates else 0)
             for cell in chosen for kind in (draw(st.sampled_from(KINDS)),)]
    night = draw(st.booleans())
    return make_level(parts=parts, width=W, height=H, ticks=4,
                      cycle=Cycle(day=2, night=2) if night else Cycle(day=1, night=0))


def _fits(board: Board) -> bool:
    """Every network (fuses counted as wire) gives at least what all its consumers could ask at
    any moment, from sources that never stop, and asks no more than any of its fuses may carry."""
    graph = PortGraph(board.pieces)
    for cells in components(graph.adjacency(Medium.POWER, conducts)):
        specs = [board.pieces[c].spec for c in cells]
        demand = sum(s.demand for s in specs if s.role == Role.CONSUMER)
        steady = sum(s.output for s in specs if s.role == Role.SOURCE and s.driven_by == "wind")
        limits = [int(board.pieces[c].param("limit") or 0) for c in cells
                  if board.pieces[c].spec.fuse]
        if demand and (steady < demand or any(demand > limit for limit in limits)):
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(boards())
def test_enough_supply_within_the_limits_is_never_short_or_tripped(level):
    board = Board(level)
    states = Simulation(board).run()
    if _fits(board):
        assert not any(s.short or s.tripped for s in states)
    # and whatever the board, a fuse that tripped stays tripped
    for before, after in zip(states, states[1:], strict=False):
        assert before.tripped <= after.tripped


# --- the level that teaches it: city-13 ---------------------------------------------------------
def _busy_street():
    import game
    from game.content.loader import load_levels
    levels = load_levels(game.PROJECT_ROOT / "levels")
    return next(lv for lv in levels if lv.id == "city-13-busy-street")


def test_the_busy_street_is_solved_by_replaying_its_solution():
    from game.sim.goals import play_solution

    _board, ev = play_solution(_busy_street())
    assert ev.solved and ev.stars == 3


def test_without_a_fix_the_busy_streets_fuse_trips_at_dusk_for_the_storys_reason():
    level = _busy_street()
    ev = run_board(Board(level))
    assert not ev.solved
    first = ev.failures[0]
    # the story: the fuse on the street cable trips in the evening, though there is energy enough
    assert first.goal.type == GoalType.NO_TRIPPED_FUSE and first.cells == ((1, 1),)
    assert first.tick == level.cycle.day  # the first tick of the night: the lights come on
    assert next(r for r in ev.results if r.goal.type == GoalType.NO_SHORTAGE).ok


def test_more_sun_does_not_fix_an_overload_but_a_second_cable_does():
    """What a child tries: a solar panel in the street (no sun at night, the fuse still
    trips); the whole street moved to the other fuse (that one trips); a T-wire that joins
    the second fuse to the first cable (two cables share: solved)."""
    from game.sim.editor import Editor

    def attempt(*edits):
        editor = Editor(Board(_busy_street()))
        for edit in edits:
            ok = editor.remove(edit[1]) if edit[0] == "remove" else editor.place(*edit)
            assert ok, (edit, editor.last_refusal)
        return run_board(editor.board)

    solar = attempt(("solar_panel", (3, 0)))
    assert not solar.solved and solar.failures[0].goal.type == GoalType.NO_TRIPPED_FUSE
    moved = attempt(("remove", (2, 1)), ("wire_corner", (2, 3), 3), ("wire_straight", (2, 2)),
                    ("wire_corner", (2, 1), 1))
    assert moved.failures[0].cells == ((1, 3),)  # now the other fuse carries all 6 and trips
    shared = attempt(("remove", (2, 1)), ("wire_t", (2, 1), 2), ("wire_straight", (2, 2)),
                     ("wire_corner", (2, 3), 3))
    assert shared.solved
