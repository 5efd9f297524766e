"""The motion medium (game.sim.media.motion): meshing gears turn the other way at the ratio
of their teeth, ratios multiply along a train, a ring of three gears jams, belts and shafts
keep the direction, a double gear turns as one, and the same board always runs the same."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Side
from game.sim.goals import evaluate
from game.sim.model import GoalType, PlacedPart
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

GEARS = {"gear_small": 8, "gear_medium": 16, "gear_large": 24}


def run(parts, goals=(GoalType.NO_GEAR_JAM,), width=9, height=5, ticks=4):
    level = make_level(parts=parts, goals=goals, width=width, height=height, ticks=ticks)
    board = Board(level)
    return board, Simulation(board).run()


def driven(parts, motor_at=(0, 2), **params):
    """``parts`` with a motor whose shaft points up at ``motor_at`` and a solar panel under
    it for its plug."""
    x, y = motor_at
    motor = PlacedPart("motor", (x, y), params=tuple(params.items()))
    return [*parts, motor, PlacedPart("solar_panel", (x, y + 1))]


def speed(state, cell):
    return state.fact("turn_speed").get(cell, Fraction(0))


# --- ratios along a train ------------------------------------------------------------------------
@st.composite
def trains(draw):
    """A row of 2..6 gears on row 1 (plain gears at both ends, double gears turned either way
    between them), the motor under the first, an output shaft on the last."""
    n = draw(st.integers(2, 6))
    kinds = [draw(st.sampled_from(sorted(GEARS)))]
    for _ in range(n - 2):
        kinds.append(draw(st.sampled_from([*sorted(GEARS), "compound_gear"])))
    kinds.append(draw(st.sampled_from(sorted(GEARS))))
    turns = [draw(st.sampled_from((0, 2))) if k == "compound_gear" else 0 for k in kinds]
    return kinds, turns, draw(st.integers(1, 48)), draw(st.booleans())


def side_teeth(kind, rotation, side):
    spec = CATALOGUE[kind]
    return spec.teeth_at(rotation)[Side[side]]


@settings(max_examples=80, deadline=None)
@given(trains())
def test_gear_ratios_multiply_along_a_train(case):
    kinds, turns, motor, clockwise = case
    parts = [PlacedPart(k, (x, 1), rotation=r) for x, (k, r) in enumerate(zip(kinds, turns, strict=True))]
    parts.append(PlacedPart("output_shaft", (len(kinds) - 1, 0)))
    _board, states = run(driven(parts, speed=motor, clockwise=clockwise))
    s = states[-1]
    expected = Fraction(motor) if clockwise else Fraction(-motor)
    assert speed(s, (0, 1)) == expected, "the first gear turns with the motor's shaft"
    for x in range(1, len(kinds)):
        ratio = Fraction(side_teeth(kinds[x - 1], turns[x - 1], "E"),
                         side_teeth(kinds[x], turns[x], "W"))
        expected = -expected * ratio  # each mesh: the other way, by the ratio of teeth
        assert speed(s, (x, 1)) == expected
    assert s.fact("shaft_speed")[(len(kinds) - 1, 0)] == expected
    assert not s.fact("locked") and not s.fact("gear_jam")


def test_small_drives_big_exactly_three_times_slower_and_the_other_way():
    parts = [PlacedPart("gear_small", (0, 1)), PlacedPart("gear_large", (1, 1)),
             PlacedPart("output_shaft", (1, 0), params=(("speed", 4), ("clockwise", False)))]
    board, states = run(driven(parts), goals=(GoalType.SHAFT_SPEED,))
    assert speed(states[0], (0, 1)) == 12 and speed(states[0], (1, 1)) == -4
    assert evaluate(board, states).solved
    parts[-1] = PlacedPart("output_shaft", (1, 0), params=(("speed", 4),))  # wants clockwise
    board, states = run(driven(parts), goals=(GoalType.SHAFT_SPEED,))
    result = evaluate(board, states)
    assert not result.solved and result.failures[0].cells == ((1, 0),)


# --- jams ---------------------------------------------------------------------------------------------
def test_a_ring_of_three_gears_jams_and_nothing_turns():
    """Two big gears corner to corner mesh, and the gear beside both closes a ring of three."""
    parts = [PlacedPart("gear_large", (0, 1)), PlacedPart("gear_medium", (1, 1)),
             PlacedPart("gear_large", (1, 0)), PlacedPart("gear_small", (2, 1))]
    board, states = run(driven(parts))
    for s in states:
        assert not s.fact("turning")
        assert s.fact("gear_jam") == {(0, 1), (1, 1), (1, 0)}
        assert {(0, 1), (1, 1), (1, 0), (2, 1), (0, 2)} <= s.fact("locked")
        assert s.fact("stalled") == {(0, 2)}
    result = evaluate(board, states)
    assert not result.solved and set(result.failures[0].cells) == {(0, 1), (1, 1), (1, 0)}
    # take the corner gear away: the other two turn, the other way each
    _board, states = run(driven(parts[:2] + parts[3:]))
    assert [speed(states[0], c) for c in ((0, 1), (1, 1), (2, 1))] == [12, -18, 36]


def test_big_gears_side_by_side_do_not_jam_and_a_square_of_four_turns():
    square = [PlacedPart("gear_medium", c) for c in ((0, 1), (1, 1), (1, 0), (0, 0))]
    _board, states = run(driven(square))
    assert [speed(states[0], c) for c in ((0, 1), (1, 1), (1, 0), (0, 0))] == [12, -12, 12, -12]


def test_a_ring_with_three_meshes_and_a_belt_jams():
    """A ring jams when it has an odd number of meshes, whatever closes it."""
    parts = [PlacedPart("pulley", (0, 0)), PlacedPart("pulley", (1, 0), rotation=2),
             PlacedPart("gear_medium", (1, 1)), PlacedPart("gear_medium", (0, 1))]
    _board, states = run(driven(parts))
    assert states[0].fact("gear_jam") == {(0, 0), (1, 0), (1, 1), (0, 1)}
    assert not states[0].fact("turning")


def test_two_motors_that_pull_against_each_other_jam():
    parts = [PlacedPart("gear_medium", (0, 1)), PlacedPart("gear_medium", (1, 1)),
             PlacedPart("motor", (1, 2)), PlacedPart("solar_panel", (1, 3))]
    _board, states = run(driven(parts))
    assert states[0].fact("gear_jam") == {(0, 2), (1, 2)}
    assert not states[0].fact("turning")
    # the second motor turned the other way helps instead
    parts[2] = PlacedPart("motor", (1, 2), params=(("clockwise", False),))
    _board, states = run(driven(parts))
    assert speed(states[0], (1, 1)) == -12 and not states[0].fact("gear_jam")


def test_a_train_without_energy_stands_still_and_never_jams():
    parts = [PlacedPart("gear_large", (0, 1)), PlacedPart("gear_medium", (1, 1)),
             PlacedPart("gear_large", (1, 0)), PlacedPart("motor", (0, 2))]
    board, states = run(parts)
    assert all(not s.fact("turning") and not s.fact("gear_jam") for s in states)
    assert evaluate(board, states).solved


# --- belts, shafts, double gears ------------------------------------------------------------------
def test_a_belt_keeps_the_direction_and_the_speed():
    parts = [PlacedPart("pulley", (0, 1)), PlacedPart("drive_belt", (1, 1)),
             PlacedPart("drive_belt", (2, 1)), PlacedPart("pulley", (3, 1), rotation=2),
             PlacedPart("output_shaft", (3, 0))]
    _board, states = run(driven(parts))
    s = states[0]
    assert [speed(s, (x, 1)) for x in range(4)] == [12, 12, 12, 12]
    assert s.fact("shaft_speed") == {(3, 0): 12}
    # the same gap bridged by gears: three meshes, and the far one turns the other way
    gears = [PlacedPart("gear_medium", (x, 1)) for x in range(4)]
    _board, states = run(driven(gears))
    assert speed(states[0], (3, 1)) == -12


def test_a_belt_does_not_mesh_with_teeth():
    parts = [PlacedPart("gear_medium", (0, 1)), PlacedPart("drive_belt", (1, 1)),
             PlacedPart("gear_medium", (2, 1))]
    _board, states = run(driven(parts))
    assert states[0].fact("turning") == {(0, 1), (0, 2)}, "the motor and its gear only"


def test_a_double_gear_turns_as_one():
    """Small on the left, big on the right: 16 -> 8 doubles the speed, then 24 -> 8 triples it
    again, where two single gears would give 16 -> 8 only."""
    parts = [PlacedPart("gear_medium", (0, 1)), PlacedPart("compound_gear", (1, 1)),
             PlacedPart("gear_small", (2, 1))]
    _board, states = run(driven(parts))
    s = states[0]
    assert speed(s, (1, 1)) == -24 and speed(s, (2, 1)) == 72
    # turned round: the big one meshes with the middle gear, the small one with the last
    parts[1] = PlacedPart("compound_gear", (1, 1), rotation=2)
    _board, states = run(driven(parts))
    assert speed(states[0], (1, 1)) == -8 and speed(states[0], (2, 1)) == 8


def test_a_motor_without_energy_or_broken_parts_turn_nothing():
    parts = [PlacedPart("gear_medium", (0, 1)), PlacedPart("motor", (0, 2))]
    _board, states = run(parts)
    assert not states[0].fact("turning")
    broken = [PlacedPart("gear_medium", (0, 1), broken=True), PlacedPart("gear_medium", (1, 1))]
    _board, states = run(driven(broken))
    assert states[0].fact("turning") == {(0, 2)}, "only the motor's own shaft turns"


def test_a_board_without_motion_parts_has_empty_facts():
    _board, states = run([PlacedPart("solar_panel", (0, 0))])
    s = states[0]
    assert s.fact("turn_speed") == {} and s.fact("shaft_speed") == {}
    assert not s.fact("gear_jam") and not s.fact("wrong_speed")


def test_the_same_board_always_runs_the_same():
    parts = driven([PlacedPart("gear_small", (0, 1)), PlacedPart("compound_gear", (1, 1)),
                    PlacedPart("gear_large", (2, 1)), PlacedPart("gear_large", (3, 0)),
                    PlacedPart("gear_medium", (3, 1)), PlacedPart("output_shaft", (2, 0))])
    runs = [run(parts)[1] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    assert runs[0][0].fact("gear_jam") == {(2, 1), (3, 0), (3, 1)}, "a ring of three"
    parts[3] = PlacedPart("gear_medium", (3, 0))
    runs = [run(parts)[1] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    # 12 -> the double gear (8 teeth): -12 -> its 24 teeth drive the big gear (24): +12
    assert runs[0][0].fact("shaft_speed") == {(2, 0): 12}


# --- a motor on the workbench's circuit ---------------------------------------------------------
def bench_loop(closed=True):
    """A battery, wires round a loop and a bench motor in it, a gear on its shaft."""
    wires = [PlacedPart("bench_wire_corner", (0, 1), rotation=1),
             PlacedPart("bench_wire_corner", (2, 1), rotation=2),
             PlacedPart("bench_wire", (2, 2)),
             PlacedPart("bench_wire_corner", (2, 3), rotation=3),
             PlacedPart("bench_wire_corner", (0, 3))]
    if closed:
        wires.append(PlacedPart("bench_wire", (1, 3), rotation=1))
    return [*wires, PlacedPart("bench_battery", (0, 2)), PlacedPart("bench_motor", (1, 1)),
            PlacedPart("gear_large", (1, 0))]


def test_a_bench_motor_turns_while_current_flows_round_its_loop():
    _board, states = run(bench_loop())
    assert (1, 1) in states[0].fact("amps") and speed(states[0], (1, 0)) == 12
    _board, states = run(bench_loop(closed=False))
    assert not states[0].fact("turning"), "an open loop: no current, nothing turns"
