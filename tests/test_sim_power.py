from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.model import Cycle, GoalType, PlacedPart
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level


def run(level, edits=()):
    editor = Editor(Board(level))
    for kind, cell, *rot in edits:
        assert editor.place(kind, cell, *rot), editor.last_refusal
    return Simulation(editor.board).run()


def test_a_solar_panel_next_to_a_house_lights_it_by_day():
    level = make_level(parts=[("house", (2, 1))], palette={"solar_panel": 1})
    assert all((2, 1) in s.dark for s in run(level))
    states = run(level, [("solar_panel", (1, 1))])
    assert all((2, 1) in s.powered for s in states)
    assert all((1, 1) in s.producing and (1, 1) in s.live for s in states)


def test_wires_carry_power_only_when_their_ends_meet():
    level = make_level(parts=[("house", (4, 1)), ("wind_turbine", (1, 1))],
                       palette={"wire_straight": 2})
    # Straight wires at rotation 0 run north-south: they do not join east-west neighbours.
    assert (4, 1) in run(level, [("wire_straight", (2, 1)), ("wire_straight", (3, 1))])[0].dark
    states = run(level, [("wire_straight", (2, 1), 1), ("wire_straight", (3, 1), 1)])
    assert (4, 1) in states[0].powered
    assert {(2, 1), (3, 1)} <= states[0].live


def test_a_corner_turns_the_power():
    level = make_level(parts=[("wind_turbine", (1, 1)), ("house", (2, 3))],
                       palette={"wire_corner": 1, "wire_straight": 1})
    # From the turbine eastwards into a corner at (2,1) turning south, then down to the house.
    states = run(level, [("wire_corner", (2, 1), 2), ("wire_straight", (2, 2))])
    assert (2, 3) in states[0].powered


def test_solar_makes_nothing_at_night_and_the_street_light_needs_the_night():
    level = make_level(parts=[("solar_panel", (1, 1)), ("street_light", (2, 1))],
                       cycle=Cycle(day=3, night=3), ticks=6)
    states = run(level)
    assert [s.daylight for s in states] == [True] * 3 + [False] * 3
    assert all((2, 1) not in s.dark and (2, 1) not in s.powered for s in states[:3])
    assert all((2, 1) in s.dark for s in states[3:])
    assert all((1, 1) not in s.producing for s in states[3:])


def test_a_battery_stores_the_day_for_the_night():
    level = make_level(parts=[("solar_panel", (1, 1)), ("street_light", (2, 1)),
                              PlacedPart("battery", (1, 2))],
                       cycle=Cycle(day=4, night=4), ticks=8)
    states = run(level)
    assert [s.charge[(1, 2)] for s in states[:4]] == [2, 4, 6, 8]
    assert all((2, 1) in s.powered for s in states[4:])
    assert states[-1].charge[(1, 2)] == 4
    assert not any(s.short for s in states)


def test_battery_charge_never_exceeds_capacity_and_respects_rate():
    level = make_level(parts=[("wind_turbine", (1, 1)), PlacedPart("battery", (2, 1), charge=11)],
                       ticks=3)
    states = run(level)
    assert [s.charge[(2, 1)] for s in states] == [12, 12, 12]


def test_too_many_consumers_make_a_shortage_not_an_overload():
    level = make_level(parts=[("solar_panel", (1, 1)), ("school", (2, 1))],
                       goals=(GoalType.POWERED, GoalType.NO_SHORTAGE))
    state = run(level)[0]
    assert (2, 1) in state.dark
    assert {(1, 1), (2, 1)} <= state.short and not state.tripped


def test_no_supply_at_all_is_dark_but_not_short():
    state = run(make_level(parts=[("house", (2, 1))]))[0]
    assert (2, 1) in state.dark and not state.short


def test_buildings_next_to_each_other_share_power():
    level = make_level(parts=[("wind_turbine", (0, 0)), ("house", (1, 0)), ("house", (2, 0)),
                              ("house", (3, 0)), ("house", (4, 0))])
    state = run(level)[0]
    # 3 units for 4 houses: the whole street goes dark together.
    assert {(1, 0), (2, 0), (3, 0), (4, 0)} <= state.dark
    assert state.short


def test_an_open_switch_or_a_broken_wire_cuts_the_circuit():
    base = [("wind_turbine", (0, 1)), ("house", (2, 1))]
    off = make_level(parts=base + [PlacedPart("switch", (1, 1), rotation=1, on=False)])
    on = make_level(parts=base + [PlacedPart("switch", (1, 1), rotation=1, on=True)])
    broken = make_level(parts=base + [PlacedPart("wire_straight", (1, 1), rotation=1, broken=True)])
    assert (2, 1) in run(off)[0].dark
    assert (2, 1) in run(on)[0].powered
    assert (2, 1) in run(broken)[0].dark


def test_a_broken_house_never_lights():
    level = make_level(parts=[("wind_turbine", (0, 1)), PlacedPart("house", (1, 1), broken=True)])
    assert (1, 1) in run(level)[0].dark


def test_the_simulation_does_not_change_the_board_it_was_given():
    level = make_level(parts=[("solar_panel", (1, 1)), PlacedPart("battery", (1, 2))])
    board = Board(level)
    before = board.layout()
    Simulation(board).run()
    assert board.layout() == before
