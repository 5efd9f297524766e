"""The port graph: built once per run from the board and shared by every medium and the
board drawing, which reads the flows from the simulation instead of searching again."""

from __future__ import annotations

from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.geometry import Side
from game.sim.graph import PortGraph
from game.sim.model import GoalType
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

N, E, S, W = Side.N, Side.E, Side.S, Side.W


def board_of(parts, **kw):
    return Board(make_level(parts=parts, **kw))


def test_ports_are_joined_only_when_they_face_each_other_with_the_same_medium():
    board = board_of([("tap", (1, 0)), ("pipe_straight", (1, 1)), ("pipe_straight", (2, 1)),
                      ("wire_straight", (1, 2))], goals=(GoalType.NO_LEAKS,))
    graph = PortGraph(board.pieces)
    assert graph.faces((1, 0), S) == (1, 1) and graph.faces((1, 1), N) == (1, 0)
    assert graph.faces((1, 1), S) is None, "a wire below a pipe is no pipe"
    assert graph.faces((2, 1), N) is None, "ports that do not face each other do not join"
    assert ((1, 1), S) in graph.open_ends and ((2, 1), N) in graph.open_ends
    assert graph.joined((1, 1)) == [(N, (1, 0))]


def test_direction_says_which_way_a_medium_may_pass_a_joint():
    board = board_of([("tap", (1, 0)), ("pipe_straight", (1, 1)), ("sprinkler", (1, 2), 2)],
                     goals=(GoalType.NO_LEAKS,))
    graph = PortGraph(board.pieces)
    assert graph.can_pass((1, 0), S) and not graph.can_pass((1, 1), N), "not back into a tap"
    assert graph.can_pass((1, 1), S) and not graph.can_pass((1, 2), N), "a sprinkler only takes"
    assert graph.exits((1, 1), N) == {S}
    assert graph.exits((1, 0), None) == {S}


def test_the_run_offers_the_flows_the_board_drawing_needs():
    level = make_level(parts=[("wind_turbine", (0, 1)), ("house", (3, 1)), ("tap", (5, 0)),
                              ("sprinkler", (5, 3), 2)],
                       palette={"wire_straight": 2, "pipe_straight": 2},
                       goals=(GoalType.POWERED,))
    editor = Editor(Board(level))
    for kind, cell, rot in [("wire_straight", (1, 1), 1), ("wire_straight", (2, 1), 1),
                            ("pipe_straight", (5, 1), 0), ("pipe_straight", (5, 2), 0)]:
        assert editor.place(kind, cell, rot)
    sim = Simulation(editor.board)
    sim.run()
    flows = sim.flows
    # current runs from the turbine eastwards: in by the west side, out by the east side
    assert flows.current[(1, 1)] == ((E, False), (W, True))
    assert flows.power_steps[(2, 1)] == 2
    # water comes down from the tap: in by the north, out by the south
    assert flows.water_in[(5, 1)] == (N,) and flows.water_out[(5, 1)] == (S,)
    assert flows.water_in[(5, 3)] == (N,), "the sprinkler turned over: its inlet faces up"
    assert sim.graph is not None and sim.graph.faces((5, 2), S) == (5, 3)
