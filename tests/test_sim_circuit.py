"""The circuit medium (game.sim.media.circuit): current needs a closed loop, lamps in a row
share the battery, an open switch means no current, metals conduct and wood does not, an
electromagnet holds steel only while current flows, a stair lamp answers to both switches."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.geometry import Side, neighbour
from game.sim.goals import evaluate
from game.sim.graph import PortGraph
from game.sim.media.circuit import BRIGHT, LIT, solve, solve_linear
from game.sim.model import Goal, GoalType, PlacedPart
from game.sim.parts import Medium
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

#: a ring: corners at (0,0) (x,0) (0,2) (x,2), the battery at (0,1) pushing up
CORNER = {"tl": 1, "tr": 2, "bl": 0, "br": 3}


def run(parts, goals=(), width=8, height=5):
    level = make_level(parts=[PlacedPart(*p) if isinstance(p, tuple) else p for p in parts],
                       goals=goals or (GoalType.ANSWER,), width=width, height=height, ticks=2)
    board = Board(level)
    states = Simulation(board).run()
    return board, states[-1].facts["circuit"], states


def ring(middle_top, right=("bench_wire", 0), cells=3, middle_bottom=None):
    """A loop: the battery on the left, ``middle_top`` parts (kind, rotation) along the top,
    ``right`` on the right side, wires along the bottom."""
    n = len(middle_top)
    parts = [("bench_wire_corner", (0, 0), CORNER["tl"]),
             PlacedPart("bench_battery", (0, 1), 0, params={"cell_count": cells}),
             ("bench_wire_corner", (0, 2), CORNER["bl"]),
             ("bench_wire_corner", (n + 1, 0), CORNER["tr"]),
             (right[0], (n + 1, 1), right[1]),
             ("bench_wire_corner", (n + 1, 2), CORNER["br"])]
    for i, (kind, rot) in enumerate(middle_top):
        parts.append((kind, (i + 1, 0), rot))
    bottom = middle_bottom or [("bench_wire", 1)] * n
    for i, (kind, rot) in enumerate(bottom):
        parts.append((kind, (i + 1, 2), rot))
    return parts


def series(n):
    return ring([("bulb", 1)] * n)


def parallel(n):
    """Rails along the top and bottom, a lamp on each rung."""
    parts = [PlacedPart("bench_battery", (0, 1), 0), ("bench_wire_corner", (0, 0), 1),
             ("bench_wire_corner", (0, 2), 0)]
    for k in range(1, n + 1):
        last = k == n
        parts.append(("bench_wire_corner", (k, 0), 2) if last else ("bench_wire_t", (k, 0), 2))
        parts.append(("bench_wire_corner", (k, 2), 3) if last else ("bench_wire_t", (k, 2), 0))
        parts.append(("bulb", (k, 1), 0))
    return parts


def test_one_lamp_in_a_closed_loop_glows_fully():
    _board, facts, _ = run(series(1))
    assert facts["brightness"] == {(1, 0): 1.0}
    assert facts["glowing"] == {(1, 0)}
    assert facts["amps"][(1, 0)] == 1.0 and facts["amps"][(0, 1)] == 1.0
    # every wire of the loop carries current, in a direction
    assert {(0, 0), (0, 2), (2, 0), (2, 1), (2, 2), (1, 2)} <= facts["flowing"]
    assert facts["wire_flow"][(0, 0)] == "S>E"  # up out of +, then right along the top
    assert not facts["shorted"]


def test_a_gap_in_the_loop_means_no_current_anywhere():
    parts = [p for p in series(1) if (p.at if isinstance(p, PlacedPart) else p[1]) != (2, 1)]
    _board, facts, _ = run(parts)
    assert facts["glowing"] == frozenset() and facts["unlit"] == {(1, 0)}
    assert facts["amps"] == {} and facts["flowing"] == frozenset()


def test_series_lamps_share_the_battery_and_parallel_lamps_each_get_all_of_it():
    _b, two_in_a_row, _ = run(series(2))
    _b, side_by_side, _ = run(parallel(2))
    assert set(two_in_a_row["brightness"].values()) == {0.25}
    assert set(side_by_side["brightness"].values()) == {1.0}
    assert two_in_a_row["not_bright"] == {(1, 0), (2, 0)}
    assert side_by_side["not_bright"] == frozenset()
    assert side_by_side["amps"][(0, 1)] == 2.0  # the battery gives twice a lamp's current


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4))
def test_series_lamps_are_never_brighter_than_the_same_lamps_in_parallel(n, cells):
    def with_cells(parts):
        return [PlacedPart(p.kind, p.at, p.rotation, params={"cell_count": cells})
                if isinstance(p, PlacedPart) and p.kind == "bench_battery" else p for p in parts]

    _b, s, _ = run(with_cells(series(n)))
    _b, p, _ = run(with_cells(parallel(n)), width=n + 2)
    assert len(s["brightness"]) == len(p["brightness"]) == n
    assert max(s["brightness"].values()) <= min(p["brightness"].values())
    if n > 1:
        assert max(s["brightness"].values()) < min(p["brightness"].values())
    # lamps in a row glow less the more there are; side by side they all glow alike
    assert len(set(p["brightness"].values())) == 1


def test_an_open_switch_means_no_current():
    closed = ring([("bulb", 1)], right=("bench_switch", 0))
    _b, facts, _ = run(closed)
    assert facts["glowing"] == {(1, 0)}
    opened = [PlacedPart("bench_switch", (2, 1), 0, on=False) if not isinstance(p, PlacedPart)
              and p[0] == "bench_switch" else p for p in closed]
    _b, facts, _ = run(opened)
    assert facts["glowing"] == frozenset() and facts["amps"] == {}
    assert facts["flowing"] == frozenset()


def test_metals_conduct_and_wood_plastic_rubber_do_not():
    for kind, conducts in (("sample_copper", True), ("sample_steel", True),
                           ("sample_foil", True), ("sample_wood", False),
                           ("sample_plastic", False), ("sample_rubber", False)):
        _b, facts, _ = run(ring([("bulb", 1)], right=(kind, 0)))
        assert (facts["glowing"] == {(1, 0)}) is conducts, kind
        if conducts:
            assert (2, 1) in facts["flowing"], kind


def magnet_bench(scrap: str, on: bool = True):
    """A loop with the electromagnet in its top row and ``scrap`` under it."""
    parts = ring([("electromagnet", 0)], right=("bench_switch", 0))
    parts = [PlacedPart("bench_switch", (2, 1), 0, on=on) if not isinstance(p, PlacedPart)
             and p[0] == "bench_switch" else p for p in parts]
    return parts, scrap


def test_the_electromagnet_holds_steel_not_aluminium_and_only_with_current():
    level_parts = series(0)  # a bare loop: battery and wires
    assert level_parts  # (the helper makes a loop of any length)
    for scrap, on, held in (("steel_scrap", True, True), ("aluminium_scrap", True, False),
                            ("steel_scrap", False, False)):
        parts = [("bench_wire_corner", (0, 0), 1), PlacedPart("bench_battery", (0, 2), 0),
                 ("bench_wire_corner", (0, 3), 0), ("bench_wire", (0, 1), 0),
                 ("electromagnet", (1, 0), 0), ("bench_wire_corner", (2, 0), 2),
                 ("bench_wire", (2, 1), 0), PlacedPart("bench_switch", (2, 2), 0, on=on),
                 ("bench_wire_corner", (2, 3), 3), ("bench_wire", (1, 3), 1),
                 (scrap, (1, 1), 0)]
        goals = (GoalType.MAGNET_HOLDS,)
        board, facts, states = run(parts, goals)
        assert (facts["magnet_on"] == {(1, 0)}) is on, (scrap, on)
        assert (facts["held"] == {(1, 1)}) is held, (scrap, on)
        result = evaluate(board, states).results[0]
        assert result.ok is (held or scrap == "aluminium_scrap"), (scrap, on)


def stair(a_on: bool, b_on: bool):
    """A stair lamp: switch A next to the battery, two wires to switch B, B to the lamp."""
    return [
        PlacedPart("bench_battery", (0, 1), 0), ("bench_wire_corner", (0, 0), 1),
        ("bench_wire", (1, 0), 1), ("bench_wire_corner", (2, 0), 2),
        PlacedPart("stair_switch", (2, 1), 1, on=a_on),  # common N, joins E or W
        ("bench_wire_corner", (1, 1), 1), ("bench_wire_corner", (1, 2), 0),
        ("bench_wire_corner", (3, 1), 2), ("bench_wire_corner", (3, 2), 3),
        PlacedPart("stair_switch", (2, 2), 3, on=b_on),  # common S, joins W or E
        ("bulb", (2, 3), 0), ("bench_wire_corner", (2, 4), 3), ("bench_wire", (1, 4), 1),
        ("bench_wire_corner", (0, 4), 0), ("bench_wire", (0, 3), 0), ("bench_wire", (0, 2), 0),
    ]


def test_the_stair_lamp_answers_to_both_switches_in_all_four_positions():
    seen = {}
    for a in (True, False):
        for b in (True, False):
            board, facts, states = run(stair(a, b), (GoalType.SWITCHED,), width=5, height=6)
            seen[(a, b)] = bool(facts["glowing"])
            assert facts["unswitched"] == frozenset()
            assert evaluate(board, states).solved
    assert seen[(True, True)] == seen[(False, False)] != seen[(True, False)]
    assert seen[(True, False)] == seen[(False, True)]
    # each switch alone changes the lamp, from every position of the other
    for a in (True, False):
        assert seen[(a, True)] != seen[(a, False)]
        assert seen[(True, a)] != seen[(False, a)]


def test_a_lamp_on_one_switch_in_a_row_with_another_is_not_a_stair_lamp():
    parts = ring([("bench_switch", 1), ("bulb", 1)], right=("bench_switch", 0))
    board, facts, states = run(parts, (GoalType.SWITCHED,))
    assert facts["glowing"] == {(2, 0)}
    assert facts["unswitched"] == {(2, 0)}  # both open: closing one alone lights nothing
    assert not evaluate(board, states).solved


def test_a_battery_joined_pole_to_pole_by_wire_is_a_short():
    parts = ring([("bench_wire", 1)])  # no lamp at all: wire only
    _b, facts, _ = run(parts + [("bulb", (5, 0), 0)])
    assert facts["shorted"] == {(0, 1)}
    assert facts["glowing"] == frozenset()
    # a lamp beside the short stays dark: the battery's poles are at one voltage
    parts = parallel(1)
    parts = [p for p in parts if (p.at if isinstance(p, PlacedPart) else p[1]) != (1, 1)]
    parts += [("bench_wire", (1, 1), 0), ("bulb", (2, 1), 0), ("bench_wire_t", (1, 0), 2),
              ("bench_wire_t", (1, 2), 0), ("bench_wire_corner", (2, 0), 2),
              ("bench_wire_corner", (2, 2), 3)]
    parts = [p for p in parts if not (not isinstance(p, PlacedPart) and p[0] ==
                                      "bench_wire_corner" and p[1] in ((1, 0), (1, 2)))]
    _b, facts, _ = run(parts)
    assert facts["shorted"] == {(0, 1)} and facts["glowing"] == frozenset()


def test_two_batteries_against_each_other_are_a_short():
    parts = [PlacedPart("bench_battery", (0, 1), 0), ("bench_wire_corner", (0, 0), 1),
             ("bench_wire_corner", (0, 2), 0), ("bench_wire_corner", (1, 0), 2),
             ("bench_wire_corner", (1, 2), 3), PlacedPart("bench_battery", (1, 1), 2)]
    _b, facts, _ = run(parts)
    assert facts["shorted"] == {(0, 1), (1, 1)}


def test_two_batteries_in_a_row_push_harder():
    one = ring([("bulb", 1)], cells=1)
    _b, facts, _ = run(one)
    assert facts["brightness"][(1, 0)] == round(1 / 9, 2)
    # a second one-cell battery on the right, turned so its - meets the current: in a row
    two = [PlacedPart("bench_battery", (2, 1), 2, params={"cell_count": 1}) if p[0] == "bench_wire"
           and p[1] == (2, 1) else p for p in ring([("bulb", 1)], cells=1)
           if isinstance(p, tuple)] + [p for p in one if isinstance(p, PlacedPart)]
    _b, facts, _ = run(two)
    assert facts["shorted"] == frozenset()
    assert facts["brightness"][(1, 0)] == round(4 / 9, 2)


def test_the_solver_is_exact_and_the_same_every_time():
    m = [[Fraction(2), Fraction(1)], [Fraction(1), Fraction(3)]]
    assert solve_linear(m, [Fraction(3), Fraction(5)]) == [Fraction(4, 5), Fraction(7, 5)]
    parts = parallel(3) + [("bench_wire", (5, 0), 0)]
    runs = {repr(sorted(run(parts)[1]["amps"].items())) for _ in range(3)}
    assert len(runs) == 1
    board = Board(make_level(parts=[PlacedPart(*p) if isinstance(p, tuple) else p
                                    for p in parts]))
    a = solve(PortGraph(board.pieces), board.pieces)
    b = solve(PortGraph(dict(reversed(list(board.pieces.items())))), board.pieces)
    assert a.amps == b.amps


# --- a circuit without a closed loop never lights a lamp ----------------------------------------
KINDS = ("bench_battery", "bulb", "bench_wire", "bench_wire_corner", "bench_wire_t",
         "bench_wire_cross", "bench_switch", "sample_wood", "sample_copper", "electromagnet")


def terminal_graph(board):
    """Every circuit port as a point, joined inside a part (a wire's ports, a battery's or a
    lamp's two ends, a closed switch) and across cell edges: worked out here without the
    medium, to judge it."""
    edges = []
    for cell, p in board.pieces.items():
        if p.spec.medium != Medium.CIRCUIT:
            continue
        sides = sorted(p.ports)
        what = p.spec.circuit
        if what == "insulator" or (what == "switch" and not p.on):
            continue
        for s in sides[1:]:
            edges.append((((cell, sides[0]), (cell, s)), cell))
        for s in sides:
            other = board.pieces.get(neighbour(cell, s))
            if other is not None and other.spec.medium == Medium.CIRCUIT \
                    and s.opposite() in other.ports and cell < other.at:
                edges.append((((cell, s), (other.at, s.opposite())), None))
    return edges


def has_cycle(edges) -> bool:
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for (a, b), _owner in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            return True
        parent[ra] = rb
    return False


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2), st.integers(0, 2),
                          st.integers(0, 3), st.booleans()), max_size=9))
def test_a_circuit_without_a_closed_loop_never_lights_a_lamp(placed):
    pieces = {}
    for kind, x, y, rot, on in placed:
        params = {"on": on} if kind == "bench_switch" else None
        pieces[(x, y)] = PlacedPart(kind, (x, y), rot, params=params)
    board = Board(make_level(parts=list(pieces.values()), width=3, height=3))
    facts = Simulation(board).run()[-1].facts["circuit"]
    if not has_cycle(terminal_graph(board)):
        assert facts["glowing"] == frozenset()
        assert facts["amps"] == {} and facts["magnet_on"] == frozenset()
        assert facts["flowing"] == frozenset()
    for lamp in facts["glowing"]:
        assert board.pieces[lamp].kind == "bulb"
        assert facts["brightness"][lamp] >= LIT
    assert all(0.0 <= b <= 1.0 for b in facts["brightness"].values())


def test_goals_lamps_lit_bright_and_dark():
    board, _facts, states = run(series(2), (Goal(GoalType.LAMPS_LIT),
                                            Goal(GoalType.LAMPS_BRIGHT),
                                            Goal(GoalType.LAMPS_DARK, at=(1, 0))))
    lit, bright, dark = evaluate(board, states).results
    assert lit.ok and not bright.ok and not dark.ok
    assert bright.cells == ((1, 0), (2, 0)) and dark.cells == ((1, 0),)
    assert BRIGHT > 0.25


def test_a_board_without_circuit_parts_has_empty_circuit_facts():
    _b, facts, _ = run([("house", (0, 0), 0)])
    assert not any(facts.values())
    assert Side.N.turned(0) == Side.N


# --- a level file with a workbench ---------------------------------------------------------------
BENCH_LEVEL = """\
id: city-01-bench
world: city
kind: build
order: 1
groep: [3, 4]
kerndoelen: [42]
title: "Test"
story: "A story."
grid: {width: 4, height: 3}
parts:
  - {kind: bench_battery, at: [0, 1]}
  - {kind: bulb, at: [1, 0], rotation: 1}
  - {kind: bench_wire_corner, at: [0, 0], rotation: 1}
  - {kind: bench_wire_corner, at: [2, 0], rotation: 2}
  - {kind: bench_wire_corner, at: [0, 2], rotation: 0}
  - {kind: bench_wire_corner, at: [2, 2], rotation: 3}
  - {kind: bench_switch, at: [2, 1], on: false}
  - {kind: steel_scrap, at: [3, 0]}
palette: {bench_wire: 1}
goals:
  - {type: lamps_lit, at: [1, 0]}
  - {type: switched, kind: bulb}
  - {type: no_short_circuit}
hints:
  - text: "Where does the current go?"
parent_tip: {what: "A lamp needs a loop.", region: "IJmuiden makes steel.", ask: "Why?", home: "Look at a torch."}
solution:
  stars: 3
  steps:
    - {place: bench_wire, at: [1, 2], rotation: 1}
    - {toggle: [2, 1]}
"""


def test_a_level_file_with_circuit_goals_loads_and_its_solution_solves(tmp_path):
    from game.content.loader import inspect_level
    from game.sim.goals import play_solution

    path = tmp_path / "lvl.yaml"
    path.write_text(BENCH_LEVEL, encoding="utf-8")
    report = inspect_level(path, source="lvl.yaml")
    assert [str(p) for p in report.problems] == []
    _board, ev = play_solution(report.level)
    assert ev.solved, ev.results
    # a lamp goal at a wire, a magnet goal without steel scrap: told, line by line
    bad = BENCH_LEVEL.replace("{type: lamps_lit, at: [1, 0]}", "{type: lamps_lit, at: [0, 0]}")
    bad = bad.replace("  - {kind: steel_scrap, at: [3, 0]}\n", "").replace(
        "{type: no_short_circuit}", "{type: magnet_holds}")
    path.write_text(bad, encoding="utf-8")
    problems = [str(p) for p in inspect_level(path, source="lvl.yaml").problems]
    assert any("goals[0].at" in p and "workbench lamp" in p for p in problems), problems
    assert any("goals[2]" in p and "steel scrap" in p for p in problems), problems


def test_a_motor_on_the_bench_runs_only_while_current_flows_through_it():
    """A part of another medium on two circuit plugs (the bench motor) is a load like a lamp:
    the circuit names it powered, and the motion medium that steps later turns it."""
    board, facts, states = run(ring([("bench_motor", 0), ("bulb", 1)], right=("bench_switch", 0)))
    assert facts["powered"] == {(1, 0), (2, 0)}  # the motor and the lamp, in a row
    assert facts["amps"][(1, 0)] == facts["amps"][(2, 0)] == 0.5
    assert (1, 0) in states[-1].fact("turning")
    parts = [PlacedPart("bench_switch", (3, 1), 0, on=False) if not isinstance(p, PlacedPart)
             and p[0] == "bench_switch" else p
             for p in ring([("bench_motor", 0), ("bulb", 1)], right=("bench_switch", 0))]
    _board, facts, states = run(parts)
    assert facts["powered"] == frozenset() and not states[-1].fact("turning")
