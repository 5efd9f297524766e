"""The Kassen levels of the pump on a cable, the pressure puzzle and the drip lines: each is
solved by replaying every solution in its file through the editor and the simulation, is not
solved as it starts, and the wrong builds a child would try first fail for the reason the
level teaches."""

from __future__ import annotations

import pytest

from game.content.loader import load_levels
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.goals import play_solution, run_board
from game.sim.media import water
from game.sim.model import GoalType, Step, StepAction
from tests.golden_record import LEVELS

NEW = ("greenport-12-power-for-the-pump", "greenport-13-big-leak-small-leak",
       "greenport-14-drip-and-drain", "greenport-16-the-basin-first")
BY_ID = {lv.id: lv for lv in load_levels(LEVELS)}


def build(level_id: str, *steps: tuple) -> Board:
    editor = Editor(Board(BY_ID[level_id]))
    for action, at, *kind in steps:
        step = Step(StepAction(action), at, *(kind or [None]))
        assert editor.apply(step), (level_id, step, editor.last_refusal)
    return editor.board


def failed(board: Board) -> set[GoalType]:
    return {r.goal.type for r in run_board(board).failures}


@pytest.mark.parametrize("level_id", NEW)
def test_every_solution_solves_the_level(level_id):
    level = BY_ID[level_id]
    for solution in level.every_solution:
        _board, ev = play_solution(level, solution)
        assert ev.solved and ev.stars == solution.stars, (level_id, solution.stars)
    assert not run_board(Board(level)).solved


def test_groep_7_8_levels_carry_two_different_builds():
    for level_id in NEW[1:3]:
        level = BY_ID[level_id]
        boards = {play_solution(level, s)[0].layout() for s in level.every_solution}
        assert len(boards) >= 2, level_id


def test_the_pump_level_starts_with_a_pump_that_has_no_power():
    ev = run_board(Board(BY_ID[NEW[0]]))
    assert ev.failures[0].goal.type == GoalType.PUMPS_RUN
    assert ev.failures[0].message == "The pump has no power."
    # the pipes alone do not help: the pump still has no energy
    pipes_only = build(NEW[0], ("place", (4, 2), "pipe_t"))
    assert GoalType.PUMPS_RUN in failed(pipes_only)
    # the cable alone (up from the solar panel, along the top row): the pump runs, but the
    # water spills out of its outlet
    cable_only = build(NEW[0], ("place", (0, 0), "wire_corner", 1),
                       *[("place", (x, 0), "wire_straight", 1) for x in (1, 2, 3)],
                       ("place", (4, 0), "wire_corner", 2))
    assert failed(cable_only) == {GoalType.WATERED, GoalType.NO_LEAKS}


def shut(level_id: str, at: tuple[int, int]) -> Board:
    return build(level_id, ("remove", at), ("place", at, "valve"), ("toggle", at))


def test_shutting_the_crack_far_from_the_pump_is_not_enough():
    assert failed(shut(NEW[1], (7, 2))) == {GoalType.WATERED}
    assert not failed(shut(NEW[1], (2, 2)))
    # a new pipe in the crack's place is an open end: it spills as much as the crack did
    assert failed(build(NEW[1], ("remove", (2, 2)), ("place", (2, 2), "pipe_straight")))


def test_the_pressure_puzzle_needs_the_pressure_rule(monkeypatch):
    """With a leak that loses one unit whatever the push (the mutant), shutting either crack
    would do: the level would teach nothing, and this test notices."""
    monkeypatch.setattr(water, "leak_loss", lambda pressure: 1)
    assert not failed(shut(NEW[1], (7, 2)))


def test_sprinklers_or_drip_lines_without_a_drain_waste_water():
    sprinklers = build(NEW[2], ("place", (0, 2), "pipe_straight"),
                       ("place", (0, 3), "pipe_straight"), ("place", (0, 4), "pipe_corner"),
                       ("place", (1, 4), "pipe_straight", 1), ("place", (2, 4), "sprinkler", 1))
    assert GoalType.NO_WASTE in failed(sprinklers)
    steps = [("place", (0, 2), "pipe_straight"), ("place", (0, 3), "pipe_straight"),
             ("place", (0, 4), "pipe_corner")]
    steps += [("place", (x, 4), "drip_line", 1) for x in range(1, 8)]
    no_drain = build(NEW[2], *steps)
    assert {GoalType.NO_WASTE, GoalType.NO_LEAKS} <= failed(no_drain)
    with_drain = build(NEW[2], *steps, ("place", (8, 4), "drain", 1))
    assert not failed(with_drain)


def test_the_tank_fills_first_only_behind_a_float_valve():
    """A plain pipe to the tank: the sprinkler drinks first and the tank is not full at the
    end; the float valve lets the tank fill first, then closes, and the lettuce still gets
    its water."""
    plain = build(NEW[3], ("place", (2, 1), "pipe_straight", 1))
    assert failed(plain) == {GoalType.FILLED}
    float_valve = build(NEW[3], ("place", (2, 1), "float_valve", 1))
    assert not failed(float_valve)
