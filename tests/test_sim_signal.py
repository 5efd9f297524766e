"""The signal medium (game.sim.media.signal): on/off wires, buttons and sensors, gates, lamps."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.goals import evaluate
from game.sim.media.signal import table_results
from game.sim.model import Goal, GoalType, PlacedPart, SignalTable, TableRow
from game.sim.parts import Medium, Role
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

# An expression: ("in", value) a push button, ("not", e), ("and", a, b), ("or", a, b).


def value_of(expr) -> bool:
    """The expression worked out in Python."""
    op = expr[0]
    if op == "in":
        return expr[1]
    if op == "not":
        return not value_of(expr[1])
    a, b = value_of(expr[1]), value_of(expr[2])
    return a and b if op == "and" else a or b


def wire(cell, ends: set[str]) -> PlacedPart:
    """A signal wire on ``cell`` joining the sides ``ends`` (two of N, E, S, W)."""
    if ends == {"E", "W"}:
        return PlacedPart("signal_wire_straight", cell, 1)
    if ends == {"N", "S"}:
        return PlacedPart("signal_wire_straight", cell, 0)
    corner = {frozenset("NE"): 0, frozenset("ES"): 1, frozenset("SW"): 2, frozenset("WN"): 3}
    return PlacedPart("signal_wire_corner", cell, corner[frozenset(ends)])


def lay_out(expr, x0: int, y0: int, parts: list[PlacedPart]) -> tuple[int, int, int]:
    """Place ``expr`` with its top left at (x0, y0): (width, height, the row whose E side of
    the last column carries its output)."""
    op = expr[0]
    if op == "in":
        parts.append(PlacedPart("push_button", (x0, y0), 0, params={"pressed": expr[1]}))
        return 1, 1, y0
    if op == "not":
        w, h, row = lay_out(expr[1], x0, y0, parts)
        parts.append(PlacedPart("not_gate", (x0 + w, row), 0))
        return w + 1, h, row
    wa, ha, ra = lay_out(expr[1], x0, y0, parts)
    wb, hb, rb = lay_out(expr[2], x0, y0 + ha + 1, parts)
    xg, yg = x0 + max(wa, wb), y0 + ha
    parts.append(PlacedPart(f"{op}_gate", (xg, yg), 0))
    for w, row, toward in ((wa, ra, "S"), (wb, rb, "N")):
        for x in range(x0 + w, xg):
            parts.append(wire((x, row), {"E", "W"}))
        parts.append(wire((xg, row), {"W", toward}))
        step = 1 if toward == "S" else -1
        for y in range(row + step, yg - step + step, step):
            if y != yg:
                parts.append(wire((xg, y), {"N", "S"}))
    return xg - x0 + 1, ha + 1 + hb, yg


def board_of(expr, goals=(), table=None) -> tuple[Board, tuple[int, int]]:
    parts: list[PlacedPart] = []
    w, h, row = lay_out(expr, 0, 0, parts)
    lamp = (w, row)
    parts.append(PlacedPart("signal_lamp", lamp, 0))
    level = make_level(parts=parts, goals=goals, width=w + 1, height=h, ticks=2)
    if table is not None:
        from dataclasses import replace
        level = replace(level, table=table, ticks=table.ticks)
    return Board(level), lamp


def lamp_on(expr) -> bool:
    board, lamp = board_of(expr)
    state = Simulation(board).run()[0]
    return lamp in state.fact("lamps_on")


@pytest.mark.parametrize("a, b", list(itertools.product((False, True), repeat=2)))
def test_and_needs_both_inputs_or_needs_one(a, b):
    assert lamp_on(("and", ("in", a), ("in", b))) == (a and b)
    assert lamp_on(("or", ("in", a), ("in", b))) == (a or b)


@pytest.mark.parametrize("a", (False, True))
def test_not_turns_the_signal_around(a):
    assert lamp_on(("not", ("in", a))) == (not a)


def expressions():
    leaf = st.builds(lambda v: ("in", v), st.booleans())
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda e: ("not", e), inner),
        st.builds(lambda a, b: ("and", a, b), inner, inner),
        st.builds(lambda a, b: ("or", a, b), inner, inner)), max_leaves=6)


@settings(max_examples=60, deadline=None)
@given(expressions())
def test_a_tree_of_gates_gives_what_python_works_out(expr):
    """Every gate is worked out in the same tick, each after those that feed it."""
    assert lamp_on(expr) == value_of(expr)


@st.composite
def signal_boards(draw, with_not: bool = True):
    kinds = sorted(k for k, s in CATALOGUE.items() if s.medium == Medium.SIGNAL
                   and (with_not or s.signal != "not"))
    width, height = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    parts = []
    for cell in [(x, y) for y in range(height) for x in range(width)]:
        if draw(st.integers(0, 9)) < 2:
            continue
        kind = draw(st.sampled_from(kinds))
        params: dict[str, int | bool] = {}
        if kind == "push_button":
            params["pressed"] = draw(st.booleans())
        elif "senses" in CATALOGUE[kind].options:
            params["senses"] = draw(st.booleans())
        parts.append(PlacedPart(kind, cell, draw(st.integers(0, 3)),
                                broken=draw(st.integers(0, 9)) == 0, params=params))
    return make_level(parts=parts, goals=(), width=width, height=height, ticks=3)


@settings(max_examples=80, deadline=None)
@given(signal_boards(with_not=False))
def test_no_signal_without_a_source_that_is_on(level):
    """Without a NOT gate (the one part that makes on of off) nothing is on unless a button or
    a sensor is; and no wire is on that is not joined to something on."""
    states = Simulation(Board(level)).run()
    for state in states:
        if not state.fact("inputs_on"):
            assert not state.fact("signal") and not state.fact("signal_ports")
        for cell in state.fact("signal"):
            assert cell in state.fact("inputs_on") or any(
                c == cell for c, _side in state.fact("signal_ports"))


@settings(max_examples=40, deadline=None)
@given(signal_boards())
def test_the_same_board_runs_the_same_way_twice(level):
    def run():
        return [dict(s.facts["signal"]) for s in Simulation(Board(level)).run()]
    assert run() == run()


def test_a_not_gate_feeding_itself_blinks_from_the_tick_before():
    """A loop of gates reads what it carried a tick earlier (off in the first tick)."""
    parts = [PlacedPart("not_gate", (1, 1), 0),  # in W (0,1), out E (2,1)
             PlacedPart("signal_wire_corner", (2, 1), 2),  # S, W
             PlacedPart("signal_wire_corner", (2, 2), 3),  # W, N
             PlacedPart("signal_wire_straight", (1, 2), 1),
             PlacedPart("signal_wire_corner", (0, 2), 0),  # N, E
             PlacedPart("signal_wire_corner", (0, 1), 1)]  # E, S
    states = Simulation(Board(make_level(parts=parts, goals=(), ticks=5))).run()
    assert [s.fact("looping") for s in states][0] == frozenset({(1, 1)})
    assert [(1, 1) in s.fact("gates_on") for s in states] == [False, True, False, True, False]


def test_a_bridge_keeps_its_two_signals_apart():
    parts = [PlacedPart("push_button", (0, 1), 0, params={"pressed": True}),
             PlacedPart("signal_wire_cross", (1, 1)),
             PlacedPart("signal_lamp", (2, 1), 0),
             PlacedPart("signal_lamp", (1, 2), 1)]  # its port W turned to N
    state = Simulation(Board(make_level(parts=parts, goals=(), ticks=1))).run()[0]
    assert state.fact("lamps_on") == frozenset({(2, 1)})


def test_sensors_go_on_at_their_tick_and_outputs_show_it():
    parts = [PlacedPart("smoke_sensor", (0, 0), 0, params={"senses": True, "after": 2}),
             PlacedPart("alarm_bell", (1, 0), 0),
             PlacedPart("badge_reader", (0, 1), 0, params={"senses": True}),
             PlacedPart("door_lock", (1, 1), 0)]
    states = Simulation(Board(make_level(parts=parts, goals=(), ticks=4))).run()
    assert [(1, 0) in s.fact("ringing") for s in states] == [False, False, True, True]
    assert all((1, 1) in s.fact("doors_open") for s in states)


def test_signal_goals_judge_the_outputs():
    parts = [PlacedPart("push_button", (0, 0), 0), PlacedPart("signal_lamp", (1, 0), 0)]
    level = make_level(parts=parts, goals=(Goal(GoalType.SIGNAL_ON),), ticks=2)
    board = Board(level)
    ev = evaluate(board, Simulation(board).run())
    assert not ev.solved and ev.results[0].cells == ((1, 0),)
    board.pieces[(0, 0)].set_param("pressed", True)
    assert evaluate(board, Simulation(board).run()).solved
    off = make_level(parts=parts, goals=(Goal(GoalType.SIGNAL_OFF),), ticks=2)
    assert evaluate(Board(off), Simulation(Board(off)).run()).solved


def truth_table(want):
    rows = tuple(TableRow((a, b), (w,)) for (a, b), w in
                 zip(itertools.product((False, True), repeat=2), want, strict=True))
    return SignalTable(inputs=((0, 0), (0, 2)), outputs=((2, 1),), rows=rows, each=2)


@pytest.mark.parametrize("gate, want, solved", [
    ("and", (False, False, False, True), True),
    ("or", (False, True, True, True), True),
    ("or", (False, False, False, True), False),  # the door opens with badge AND code
])
def test_a_truth_table_plays_each_row_and_checks_it(gate, want, solved):
    table = truth_table(want)
    board, lamp = board_of((gate, ("in", False), ("in", False)),
                           goals=(Goal(GoalType.TRUTH_TABLE),), table=table)
    assert lamp == (2, 1)
    states = Simulation(board).run()
    assert [s.fact("table_row") for s in states] == [0, 0, 1, 1, 2, 2, 3, 3]
    ev = evaluate(board, states)
    assert ev.solved == solved
    if not solved:
        assert ev.results[0].cells == (lamp,) and ev.results[0].tick == 3  # row 2 ends at 3
    got = table_results(table, states[-1])
    assert got == [(value_of((gate, ("in", a), ("in", b))),)
                   for a, b in itertools.product((False, True), repeat=2)]
    assert table_results(table, states[2]) == [got[0], None, None, None]
    assert table_results(table, None) == [None] * 4


def test_a_board_without_signals_has_none():
    level = make_level(parts=[PlacedPart("wind_turbine", (0, 0)), PlacedPart("house", (1, 0))])
    state = Simulation(Board(level)).run()[0]
    assert state.facts["signal"]["signal"] == frozenset()
    assert state.facts["signal"]["table_row"] is None


def test_every_signal_part_says_what_it_is():
    for kind, spec in CATALOGUE.items():
        if spec.medium != Medium.SIGNAL:
            continue
        if spec.role == Role.CONDUCTOR:
            assert spec.signal in (None, "and", "or", "not"), kind
        if spec.role == Role.CONSUMER:
            assert spec.signal in ("lamp", "door", "bell"), kind


def test_a_heat_sensor_on_a_warm_board_reads_the_temperature_at_its_pointer():
    """On a board with temperatures (game.sim.media.heat) a heat sensor feels what its
    pointer (its N side) touches: the room's 20 degrees is warm enough for set 15, an ice pack
    at 0 degrees is not, whatever ``senses`` says."""
    parts = [PlacedPart("heat_sensor", (0, 1), 0, params={"set": 15, "senses": False}),
             PlacedPart("signal_lamp", (1, 1), 0),
             PlacedPart("heat_sensor", (3, 1), 0, params={"set": 15, "senses": True}),
             PlacedPart("ice_pack", (3, 0)),
             PlacedPart("signal_lamp", (4, 1), 0)]
    state = Simulation(Board(make_level(parts=parts, goals=(), ticks=2))).run()[-1]
    assert state.fact("readings")[(0, 1)] == 20 and state.fact("readings")[(3, 1)] == 0
    assert state.fact("lamps_on") == frozenset({(1, 1)})


def test_a_broken_wire_stops_the_signal_and_is_not_on_itself():
    parts = [PlacedPart("push_button", (0, 0), 0, params={"pressed": True}),
             PlacedPart("signal_wire_straight", (1, 0), 1, broken=True),
             PlacedPart("signal_lamp", (2, 0), 0)]
    state = Simulation(Board(make_level(parts=parts, goals=(), ticks=1))).run()[0]
    assert state.fact("signal") == frozenset({(0, 0)})
    parts[1] = PlacedPart("signal_wire_straight", (1, 0), 1)
    state = Simulation(Board(make_level(parts=parts, goals=(), ticks=1))).run()[0]
    assert state.fact("signal") == frozenset({(0, 0), (1, 0), (2, 0)})
