"""The Datacenter's signal levels 02, 05 and 13, played as a child would: the run confirms the
prediction of level 02, and the tempting wrong builds (an OR gate where AND belongs, a wire
past the gate, no NOT, a T-wire where the wires must cross) fail in exactly the rows of the
truth table that show why."""

from __future__ import annotations

from game import PROJECT_ROOT
from game.content.loader import load_level
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.goals import play_solution, run_board
from game.sim.media.signal import table_results
from game.sim.simulation import Simulation

ICT = PROJECT_ROOT / "levels" / "ict"


def build(name: str, *steps: tuple[str, int, int, int]):
    """The level ``name`` with ``steps`` (kind, x, y, rotation) placed from the start; returns
    (the board, what each row of the truth table gave, the run's evaluation)."""
    level = load_level(ICT / name)
    editor = Editor(Board(level))
    for kind, x, y, rotation in steps:
        assert editor.place(kind, (x, y), rotation), (kind, x, y, editor.last_refusal)
    return editor.board, rows_of(editor.board), run_board(editor.board)


def rows_of(board: Board) -> list[tuple[bool, ...] | None]:
    return table_results(board.level.table, Simulation(board).run()[-1])


def wrong_rows(board: Board) -> list[int]:
    """The rows of the truth table whose outputs are not what the row wants."""
    table = board.level.table
    return [k for k, got in enumerate(rows_of(board)) if got != table.rows[k].want]


def test_two_lamps_make_the_four_signals_the_prediction_asks_for():
    level = load_level(ICT / "02-two-lamps.yaml")
    board, evaluation = play_solution(level)
    assert evaluation.solved
    patterns = set(rows_of(board))
    assert len(patterns) == level.predict.answer == 4
    # the tempting shortcut: the top button's wire down to the bottom lamp (one wire for
    # both would light them together): the signals come out wrong
    board, _rows, evaluation = build(
        "02-two-lamps.yaml", ("signal_wire_corner", 3, 0, 2), ("signal_wire_straight", 3, 1, 0),
        ("signal_wire_straight", 3, 2, 0), ("signal_wire_corner", 3, 3, 0))
    assert not evaluation.solved and wrong_rows(board) == [1, 2, 3]


BADGE_DOOR_WIRES = (("signal_wire_corner", 2, 1, 2), ("signal_wire_corner", 2, 3, 3),
                    ("signal_wire_straight", 3, 2, 1), ("signal_wire_straight", 4, 2, 1))


def test_the_badge_door_opens_only_with_badge_and_button():
    board, rows, evaluation = build("05-the-badge-door.yaml", *BADGE_DOOR_WIRES,
                                    ("and_gate", 2, 2, 0))
    assert evaluation.solved and evaluation.stars == 3
    assert rows == [(False,), (False,), (False,), (True,)]
    # an OR gate opens it with the badge alone and with the button alone
    board, _rows, evaluation = build("05-the-badge-door.yaml", *BADGE_DOOR_WIRES,
                                     ("or_gate", 2, 2, 0))
    assert not evaluation.solved and wrong_rows(board) == [1, 2]
    # a wire straight past the gate listens to the badge only
    board, _rows, evaluation = build(
        "05-the-badge-door.yaml", ("signal_wire_corner", 2, 1, 2), ("signal_wire_corner", 2, 2, 0),
        ("signal_wire_straight", 3, 2, 1), ("signal_wire_straight", 4, 2, 1))
    assert not evaluation.solved and wrong_rows(board) == [1]


#: level 13 without the NOT: the badge AND code gate's wire crosses the bell's on a bridge
#: straight to the door, the smoke OR heat gate's wire goes up to the bell
SECURE_ROOM_NO_NOT = (("and_gate", 1, 1, 0), ("or_gate", 1, 4, 0),
                      ("signal_wire_straight", 2, 1, 1), ("signal_wire_corner", 3, 1, 2),
                      ("signal_wire_straight", 3, 2, 0), ("signal_wire_corner", 3, 3, 0),
                      ("signal_wire_cross", 4, 3, 0), ("signal_wire_straight", 2, 4, 1),
                      ("signal_wire_straight", 3, 4, 1), ("signal_wire_corner", 4, 4, 3),
                      ("signal_wire_straight", 4, 2, 0), ("signal_wire_corner", 4, 1, 1))


def test_the_secure_room_needs_its_not_its_bridge_and_the_right_gates():
    level = load_level(ICT / "13-the-secure-room.yaml")
    for solution in level.every_solution:
        board, evaluation = play_solution(level, solution)
        assert evaluation.solved and evaluation.stars == solution.stars
    # without the NOT the door opens while the bell rings: the last two rows
    board, _rows, evaluation = build("13-the-secure-room.yaml", *SECURE_ROOM_NO_NOT)
    assert not evaluation.solved and wrong_rows(board) == [6, 7]
    # the OR and AND gates swapped: a badge alone opens the door, smoke alone rings nothing
    swapped = (("or_gate", 1, 1, 0), ("and_gate", 1, 4, 0), *SECURE_ROOM_NO_NOT[2:])
    board, _rows, evaluation = build("13-the-secure-room.yaml", *swapped)
    assert not evaluation.solved and {1, 2, 4, 5} <= set(wrong_rows(board))
    # a T-wire where the wires cross joins them: badge and code ring the bell
    joined = tuple(("signal_wire_t", 4, 3, 3) if step[0] == "signal_wire_cross" else step
                   for step in SECURE_ROOM_NO_NOT)
    board, _rows, evaluation = build("13-the-secure-room.yaml", *joined)
    assert not evaluation.solved and 3 in wrong_rows(board)
