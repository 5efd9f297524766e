"""A level's truth table (``table:``, game.sim.model.SignalTable) in the level file: it loads,
a Test plays its rows in turn and the ``truth_table`` goal judges every row; a table that does
not fit the board or the run is refused with one line at its place."""

from __future__ import annotations

import pytest

from game.content.loader import inspect_level, load_level
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.goals import play_solution, run_board
from game.sim.model import Step, StepAction
from tests.test_content_loader import problems_of, write

LEVEL = """\
id: city-01-badge-and-code
world: city
kind: build
order: 1
groep: [7, 8]
kerndoelen: [digital]
title: "Badge and code"
story: "The door of the server room opens only with a badge AND the code."
grid: {width: 4, height: 3}
parts:
  - {kind: badge_reader, at: [0, 0]}
  - {kind: signal_wire_corner, at: [1, 0], rotation: 2}
  - {kind: push_button, at: [0, 2]}
  - {kind: signal_wire_corner, at: [1, 2], rotation: 3}
  - {kind: door_lock, at: [2, 1]}
palette: {and_gate: 1, or_gate: 1}
table:
  inputs: [[0, 0], [0, 2]]
  outputs: [[2, 1]]
  each: 2
  rows:
    - {in: [false, false], want: [false]}
    - {in: [false, true], want: [false]}
    - {in: [true, false], want: [false]}
    - {in: [true, true], want: [true]}
goals:
  - {type: truth_table}
hints:
  - text: "Which gate needs both?"
parent_tip: {what: "A gate works out a new signal.", region: "Data centres at Agriport A7.", ask: "When may the door open?", home: "Make a table of two switches."}
solution:
  stars: 3
  steps:
    - {place: and_gate, at: [1, 1]}
"""


def test_a_truth_table_level_loads_plays_its_rows_and_is_solved_by_the_right_gate(tmp_path):
    level = load_level(write(tmp_path, LEVEL))
    assert level.table is not None and level.ticks == 8  # four rows of two ticks
    assert [row.inputs for row in level.table.rows][3] == (True, True)
    board, ev = play_solution(level)
    assert ev.solved
    board.pieces.pop((1, 1))
    assert not run_board(board).solved
    editor = Editor(Board(level))
    assert editor.apply(Step(StepAction.PLACE, (1, 1), "or_gate"))
    ev = run_board(editor.board)
    assert not ev.solved and ev.results[0].cells == ((2, 1),) and ev.results[0].tick == 3


@pytest.mark.parametrize("old, new, expected", [
    ("  - {type: truth_table}", "  - {type: signal_on}\n  - {type: truth_table}", None),
    ("  inputs: [[0, 0], [0, 2]]", "  inputs: [[0, 0], [1, 0]]",
     "lvl.yaml:18: table.inputs[1]: there is no button or sensor at [1, 0] on the board"),
    ("    - {in: [false, true], want: [false]}", "    - {in: [false], want: [false]}",
     "lvl.yaml:23: table.rows[1].in: gives 1 inputs; the table has 2"),
    ("table:\n", "ticks: 9\ntable:\n",
     "lvl.yaml:17: ticks: a test runs 9 ticks but the table's rows take 8 (4 rows of 2); "
     "leave ticks: out"),
])
def test_a_table_that_does_not_fit_is_one_line_at_its_place(tmp_path, old, new, expected):
    assert old in LEVEL
    problems = problems_of(tmp_path, LEVEL.replace(old, new, 1))
    if expected is None:
        assert not [p for p in problems if "table" in p]
    else:
        assert expected in problems, problems


def test_a_truth_table_goal_needs_a_table(tmp_path):
    start = LEVEL.index("table:")
    end = LEVEL.index("goals:")
    problems = problems_of(tmp_path, LEVEL[:start] + LEVEL[end:])
    assert any("goals[0].type: a truth_table goal needs the level's table:" in p
               for p in problems), problems


def test_a_signal_goal_may_name_its_output(tmp_path):
    text = LEVEL.replace("  - {type: truth_table}", "  - {type: truth_table}\n"
                         "  - {type: signal_off, kind: signal_lamp}")
    assert "lvl.yaml:28: goals[1].kind: there is no signal_lamp on the board" in \
        [str(p) for p in inspect_level(write(tmp_path, text), source="lvl.yaml").problems]
