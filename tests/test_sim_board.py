from game.sim.board import Board, Refusal
from game.sim.catalogue import CATALOGUE, spec
from game.sim.editor import Editor
from game.sim.geometry import Side, around, neighbour
from game.sim.model import PlacedPart, Step, StepAction
from tests.sim_helpers import make_level


def test_sides_turn_clockwise_and_oppose():
    assert Side.N.turned(1) == Side.E
    assert Side.W.turned(1) == Side.N
    assert Side.E.opposite() == Side.W
    assert neighbour((2, 2), Side.N) == (2, 1)
    assert len(set(around((0, 0)))) == 8


def test_ports_rotate_with_the_piece():
    corner = spec("wire_corner")
    assert corner.ports_at(0) == {Side.N, Side.E}
    assert corner.ports_at(1) == {Side.E, Side.S}
    assert corner.ports_at(3) == {Side.W, Side.N}
    assert spec("pipe_t").ports_at(2) == {Side.E, Side.S, Side.W}


def test_every_part_has_names_and_sane_numbers():
    for kind, s in CATALOGUE.items():
        assert s.kind == kind and s.name and s.description
        assert s.output >= 0 and s.demand >= 0 and s.capacity >= 0


def test_placement_rules_name_the_reason():
    level = make_level(parts=[("house", (1, 1))], palette={"solar_panel": 1}, blocked=[(0, 0)])
    board = Board(level)
    assert board.can_place("solar_panel", (2, 1)) is None
    assert board.can_place("solar_panel", (1, 1)) == Refusal.OCCUPIED
    assert board.can_place("solar_panel", (0, 0)) == Refusal.BLOCKED
    assert board.can_place("solar_panel", (8, 0)) == Refusal.OFF_GRID
    assert board.can_place("solar_panel", (-1, 0)) == Refusal.OFF_GRID
    assert board.can_place("wind_turbine", (2, 1)) == Refusal.NONE_LEFT
    assert board.can_place("rocket", (2, 1)) == Refusal.UNKNOWN_PART
    assert board.can_remove((1, 1)) == Refusal.LOCKED
    assert board.can_remove((3, 3)) == Refusal.EMPTY


def test_over_budget_build_is_refused():
    editor = Editor(Board(make_level(palette={"wire_straight": 2})))
    assert editor.place("wire_straight", (0, 0))
    assert editor.place("wire_straight", (1, 0))
    assert not editor.place("wire_straight", (2, 0))
    assert editor.last_refusal == Refusal.NONE_LEFT
    assert editor.board.palette_left["wire_straight"] == 0


def test_undo_redo_is_unlimited_and_exact():
    level = make_level(palette={"wire_straight": 5, "switch": 1},
                       parts=[PlacedPart("wire_corner", (5, 5), locked=False)])
    editor = Editor(Board(level))
    start = editor.board.layout()
    editor.place("wire_straight", (0, 0), rotation=1)
    editor.place("switch", (1, 0))
    editor.toggle((1, 0))
    editor.rotate((5, 5))
    editor.remove((0, 0))
    after = editor.board.layout()
    while editor.undo():
        pass
    assert editor.board.layout() == start
    assert editor.board.palette_left == {"wire_straight": 5, "switch": 1}
    while editor.redo():
        pass
    assert editor.board.layout() == after
    assert editor.board.palette_left == {"wire_straight": 5, "switch": 0}


def test_a_new_edit_clears_redo():
    editor = Editor(Board(make_level(palette={"wire_straight": 3})))
    editor.place("wire_straight", (0, 0))
    editor.undo()
    assert editor.can_redo
    editor.place("wire_straight", (1, 0))
    assert not editor.can_redo


def test_broken_parts_go_in_the_bin_and_good_ones_back_in_the_box():
    level = make_level(parts=[PlacedPart("wire_straight", (2, 2), broken=True),
                              PlacedPart("wire_corner", (3, 3), locked=False)])
    editor = Editor(Board(level))
    assert editor.remove((2, 2))
    assert editor.board.palette_left.get("wire_straight", 0) == 0
    assert editor.remove((3, 3))
    assert editor.board.palette_left["wire_corner"] == 1


def test_locked_parts_cannot_turn_but_switches_toggle():
    level = make_level(parts=[PlacedPart("switch", (1, 1), on=False),
                              PlacedPart("house", (2, 1))])
    editor = Editor(Board(level))
    assert not editor.rotate((1, 1))
    assert editor.last_refusal == Refusal.LOCKED
    assert editor.toggle((1, 1))
    assert editor.board.pieces[(1, 1)].on
    assert not editor.toggle((2, 1))
    assert editor.last_refusal == Refusal.NO_TOGGLE


def test_reset_is_one_undoable_change():
    editor = Editor(Board(make_level(palette={"wire_straight": 3})))
    editor.place("wire_straight", (0, 0))
    editor.place("wire_straight", (1, 0))
    built = editor.board.layout()
    assert editor.reset()
    assert editor.board.layout() == ()
    assert editor.board.palette_left == {"wire_straight": 3}
    editor.undo()
    assert editor.board.layout() == built
    assert not Editor(Board(make_level())).reset()


def test_solution_steps_apply_through_the_editor():
    editor = Editor(Board(make_level(palette={"wire_corner": 1})))
    assert editor.apply(Step(StepAction.PLACE, (1, 1), "wire_corner", 2))
    assert editor.board.pieces[(1, 1)].rotation == 2
    assert editor.apply(Step(StepAction.ROTATE, (1, 1)))
    assert editor.board.pieces[(1, 1)].rotation == 3
    assert editor.apply(Step(StepAction.REMOVE, (1, 1)))
    assert not editor.apply(Step(StepAction.REMOVE, (1, 1)))


def test_parts_that_look_the_same_every_way_keep_rotation_zero():
    editor = Editor(Board(make_level(palette={"house": 1})))
    editor.place("house", (0, 0), rotation=3)
    assert editor.board.pieces[(0, 0)].rotation == 0


def test_moving_a_part_is_one_undoable_step_and_keeps_its_turn():
    level = make_level(palette={"switch": 1}, blocked=[(3, 3)],
                       parts=[PlacedPart("house", (5, 5)), PlacedPart("wire_corner", (0, 5), locked=False)])
    editor = Editor(Board(level))
    editor.place("switch", (0, 0), rotation=1)
    editor.toggle((0, 0))
    assert editor.move((0, 0), (2, 2))
    moved = editor.board.pieces[(2, 2)]
    assert (0, 0) not in editor.board.pieces
    assert (moved.rotation, moved.on, moved.placed, moved.at) == (1, False, True, (2, 2))
    assert editor.board.palette_left == {"switch": 0}
    editor.undo()
    assert editor.board.pieces[(0, 0)].kind == "switch" and (2, 2) not in editor.board.pieces
    assert not editor.move((0, 0), (5, 5)) and editor.last_refusal == Refusal.OCCUPIED
    assert not editor.move((0, 0), (3, 3)) and editor.last_refusal == Refusal.BLOCKED
    assert not editor.move((0, 0), (9, 9)) and editor.last_refusal == Refusal.OFF_GRID
    assert not editor.move((5, 5), (1, 1)) and editor.last_refusal == Refusal.LOCKED
    assert not editor.move((4, 4), (1, 1)) and editor.last_refusal == Refusal.EMPTY
    assert editor.move((0, 5), (1, 5))  # an unlocked level part moves too, and stays not "placed"
    assert not editor.board.pieces[(1, 5)].placed
