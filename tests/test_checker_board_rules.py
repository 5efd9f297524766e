"""The level checker and the game share one set of board rules.

The checker replays a level's reference solution through the game's own editor (and then
the simulation), so a solution the game can play is one the checker accepts, and a step the
game refuses is one the checker names. These tests write small level files and compare the
checker's verdict with what the editor does to the same steps.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import inspect_level
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.goals import play_solution
from game.sim.model import Step, StepAction

HEAD = """\
id: city-01-rules
world: city
kind: build
order: 1
groep: [3, 4]
kerndoelen: [42]
title: "Rules"
story: "A story."
grid: {width: 6, height: 4}
blocked: [[0, 3]]
parts:
  - {kind: house, at: [4, 1]}
  - {kind: wire_straight, at: [2, 1], rotation: 1}
  - {kind: wire_straight, at: [1, 2], rotation: 1, locked: false}
palette: {solar_panel: 1, wire_straight: 1}
goals:
  - {type: powered}
hints:
  - text: "Where does the power come from?"
parent_tip: {what: "Solar panels turn sunlight into power.", region: "Flevoland has fields of solar panels.", ask: "What happens at night?", home: "Count the solar panels you see from a window."}
"""


def level_text(steps: list[str], stars: int = 3) -> str:
    lines = "".join(f"    - {s}\n" for s in steps)
    return HEAD + f"solution:\n  stars: {stars}\n  steps:\n{lines}"


def check(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "lvl.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in inspect_level(path, source="lvl.yaml").problems]


def test_place_remove_place_is_accepted_as_the_game_plays_it(tmp_path):
    """The old checker counted every placement against the palette and refused this."""
    text = level_text(["{place: solar_panel, at: [0, 0]}", "{remove: [0, 0]}",
                       "{place: solar_panel, at: [3, 1]}"])
    path = tmp_path / "lvl.yaml"
    path.write_text(text, encoding="utf-8")
    result = inspect_level(path, source="lvl.yaml")
    assert [str(p) for p in result.problems] == []
    board, evaluation = play_solution(result.level)
    assert evaluation.solved and evaluation.stars == 3
    assert board.parts_used() == 1


def test_a_part_moved_off_the_board_and_back_is_accepted(tmp_path):
    """Removing a loose level part returns it to the box; the checker knows that too."""
    text = level_text(["{remove: [1, 2]}", "{place: wire_straight, at: [1, 2], rotation: 1}",
                       "{place: solar_panel, at: [3, 1]}"])
    assert check(tmp_path, text) == []


def test_a_second_placement_with_none_left_is_refused_with_the_editors_reason(tmp_path):
    text = level_text(["{place: solar_panel, at: [3, 1]}", "{place: solar_panel, at: [0, 0]}"])
    assert check(tmp_path, text) == [
        "lvl.yaml:25: solution.steps[1].place: no solar_panel is left to place: the palette has "
        "1 and all of them are on the board"]


def test_turning_a_part_that_cannot_turn_is_refused(tmp_path):
    text = level_text(["{place: solar_panel, at: [3, 1]}", "{rotate: [4, 1]}"])
    assert check(tmp_path, text) == ["lvl.yaml:25: solution.steps[1].rotate: the house at [4, 1] "
                                     "is locked"]


def test_switching_a_part_without_a_switch_is_refused(tmp_path):
    text = level_text(["{place: solar_panel, at: [3, 1]}", "{toggle: [3, 1]}"])
    assert check(tmp_path, text) == [
        "lvl.yaml:25: solution.steps[1].toggle: a solar_panel cannot be switched"]


CELLS = st.tuples(st.integers(0, 5), st.integers(0, 3))
STEPS = st.lists(st.one_of(
    st.tuples(st.just("place"), st.sampled_from(["solar_panel", "wire_straight"]), CELLS),
    st.tuples(st.just("remove"), st.none(), CELLS),
    st.tuples(st.just("rotate"), st.none(), CELLS),
), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_the_checker_refuses_exactly_the_steps_the_editor_refuses(tmp_path, steps):
    written = []
    for action, kind, (x, y) in steps:
        written.append(f"{{place: {kind}, at: [{x}, {y}]}}" if action == "place"
                       else f"{{{action}: [{x}, {y}]}}")
    problems = check(tmp_path, level_text(written))
    step_problems = {p.split(": ", 2)[1].split(".")[1] for p in problems
                     if p.split(": ", 2)[1].startswith("solution.steps[")}
    # The game: the same steps, through the same editor, on the same board.
    level_file = tmp_path / "lvl.yaml"
    good = level_text(["{place: solar_panel, at: [3, 1]}"])
    level_file.write_text(good, encoding="utf-8")
    level = inspect_level(level_file).level
    assert level is not None
    editor = Editor(Board(level))
    refused = set()
    for i, (action, kind, cell) in enumerate(steps):
        step = Step(StepAction(action), at=cell, kind=kind)
        if not editor.apply(step):
            refused.add(f"steps[{i}]")
    assert step_problems == refused
