"""The data centre's heat and power (game.sim.media.heat and power): a server rack needs
energy every moment and turns it into heat, more under a higher load; an outside-air fan cools
only with its back to the outside and never below the outside air; water cooling cools only
with its valve open; a grid connection fails at its moment; a generator with start-up ticks
gives nothing while it starts, so only a battery bridges the gap; a wrapped warm-water pipe
loses less heat to the air than a bare metal strip; a part with only a high or only a low
limit is judged by that limit alone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.sim.board import Board
from game.sim.goals import evaluate
from game.sim.model import GoalType, PlacedPart
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

ROOM = 25


def level(parts, width=5, height=3, ticks=20, room=ROOM, blocked=(), goals=None):
    lv = make_level(parts=parts, width=width, height=height, ticks=ticks, blocked=blocked,
                    goals=goals or (GoalType.NOT_TOO_WARM, GoalType.SERVERS_ON))
    return replace(lv, room=room)


def run(lv):
    board = Board(lv)
    states = Simulation(board).run()
    return board, states


def rack(at, load=1, **params):
    return PlacedPart("server_rack", at, params={"load": load, **params})


def powered_rack(load=1, cooler=None, rotation=0, on=True, room=ROOM, fan_at=(1, 0),
                 **cooler_params):
    """A rack at (1, 1) with its plug (S) on a grid connection at (1, 2), and a cooler above
    it whose plug (E, or W when turned round) has a grid connection at (2, 0) and (0, 0)."""
    parts = [rack((1, 1), load), PlacedPart("grid_connection", (1, 2)),
             PlacedPart("grid_connection", (0, 0))]
    if cooler:
        params = dict(cooler_params)
        if cooler == "water_cooler":
            params["on"] = on
        parts += [PlacedPart(cooler, fan_at, rotation=rotation, params=params),
                  PlacedPart("grid_connection", (2, 0))]
    return level(parts, blocked=[(0, 1), (2, 1)], room=room)


def temps(states, cell):
    return [s.fact("temperature")[cell] for s in states]


def test_a_rack_uses_its_energy_times_its_load_and_gives_heat_times_its_load():
    _b, one = run(powered_rack(load=1))
    _b, three = run(powered_rack(load=3))
    assert one[-1].fact("energy_used") == 20 and three[-1].fact("energy_used") == 60
    assert temps(three, (1, 1))[-1] > temps(one, (1, 1))[-1] > ROOM
    assert (1, 1) in three[0].fact("heating")


def test_a_rack_without_energy_goes_off_and_makes_no_heat():
    board, states = run(level([rack((1, 1), 2)], blocked=[(0, 1), (2, 1)]))
    assert all((1, 1) in s.dark for s in states)
    assert temps(states, (1, 1))[-1] <= ROOM  # it only cools towards the room
    ev = evaluate(board, states)
    result = {r.goal.type: r for r in ev.results}[GoalType.SERVERS_ON]
    assert not result.ok and result.cells == ((1, 1),) and result.tick == 0


def test_an_uncooled_busy_rack_gets_too_warm():
    board, states = run(powered_rack(load=2))
    assert (1, 1) in states[-1].fact("too_warm")
    assert not evaluate(board, states).solved


def test_an_outside_air_fan_cools_only_with_its_back_outside():
    _b, right = run(powered_rack(load=2, cooler="outside_air_fan"))
    assert (1, 0) in right[-1].fact("cooling") and not right[-1].fact("no_air")
    assert max(temps(right, (1, 1))) <= 35
    # turned round: its back faces the rack, inside the hall; it still uses energy
    _b, turned = run(powered_rack(load=2, cooler="outside_air_fan", rotation=2))
    assert all((1, 0) in s.fact("no_air") and (1, 0) not in s.fact("cooling") for s in turned)
    _b, bare = run(powered_rack(load=2))
    assert temps(turned, (1, 1))[-1] == pytest.approx(temps(bare, (1, 1))[-1], abs=0.5)
    assert turned[-1].fact("energy_used") == right[-1].fact("energy_used")


def test_outside_air_never_cools_below_the_outside_temperature():
    ends = []
    for outside in (10, 20, 30):
        _b, states = run(powered_rack(load=2, cooler="outside_air_fan", outside=outside))
        assert min(temps(states, (1, 1))) >= min(outside, ROOM) - 0.5
        ends.append(temps(states, (1, 1))[-1])
    assert ends == sorted(ends) and ends[0] < ends[-1]  # warmer outside air cools less


def test_the_fan_sends_the_heat_outside_and_a_cooling_machine_warms_what_is_behind_it():
    fan = level([rack((1, 1), 2), PlacedPart("grid_connection", (1, 2)),
                 PlacedPart("outside_air_fan", (1, 0)), PlacedPart("grid_connection", (2, 0))],
                height=3, blocked=[(0, 1), (2, 1)])
    _b, states = run(fan)
    assert (1, 0) in states[-1].fact("cooling")
    # a cooling machine pushes the heat into the metal behind it
    machine = level([rack((1, 2), 2), PlacedPart("grid_connection", (1, 3)),
                     PlacedPart("chiller", (1, 1)), PlacedPart("grid_connection", (2, 1)),
                     PlacedPart("foil", (1, 0))], height=4, blocked=[(0, 2), (2, 2)])
    _b, states = run(machine)
    assert states[-1].fact("temperature")[(1, 0)] > ROOM + 5


def test_water_cooling_cools_only_with_its_valve_open():
    _b, open_ = run(powered_rack(load=2, cooler="water_cooler"))
    _b, shut = run(powered_rack(load=2, cooler="water_cooler", on=False))
    assert (1, 0) in open_[-1].fact("cooling") and max(temps(open_, (1, 1))) <= 35
    assert all((1, 0) in s.fact("valve_closed") for s in shut)
    assert not any(s.fact("cooling") for s in shut)
    assert (1, 1) in shut[-1].fact("too_warm")
    # a shut valve stands still: only the rack used energy
    assert shut[-1].fact("energy_used") == 40 < open_[-1].fact("energy_used")


def backup(fails_at, battery=False, generator=False, start=3, ticks=16):
    """Two racks (2 blocks a moment) on a line from a grid connection that fails."""
    parts = [PlacedPart("grid_connection", (0, 1), params={"fails_at": fails_at}),
             rack((1, 0)), rack((2, 0)),
             PlacedPart("wire_t", (1, 1)), PlacedPart("wire_corner", (2, 1), rotation=3)]
    if battery:
        parts.append(PlacedPart("backup_battery", (0, 2)))
    if generator:
        parts.append(PlacedPart("diesel_generator", (0, 0) if battery else (0, 2),
                                params={"start_ticks": start}))
    return level(parts, width=4, height=3, ticks=ticks, goals=(GoalType.SERVERS_ON,))


def off_ticks(states, cells=((1, 0), (2, 0))):
    return [s.tick for s in states if any(c in s.dark for c in cells)]


def test_a_grid_connection_gives_nothing_from_its_failing_moment_on():
    _b, states = run(backup(fails_at=5))
    assert off_ticks(states) == list(range(5, 16))
    assert [s.tick for s in states if (0, 1) in s.fact("failed")] == list(range(5, 16))
    _b, never = run(backup(fails_at=0))
    assert off_ticks(never) == [] and not any(s.fact("failed") for s in never)


def test_a_generator_alone_leaves_a_gap_while_it_starts():
    _b, states = run(backup(fails_at=5, generator=True, start=3))
    assert off_ticks(states) == [5, 6, 7]
    assert [s.tick for s in states if (0, 2) in s.fact("starting")] == [5, 6, 7]
    assert [s.tick for s in states if (0, 2) in s.fact("burning")] == list(range(8, 16))


def test_a_generator_without_start_ticks_runs_at_once_as_the_city_one():
    _b, states = run(backup(fails_at=5, generator=True, start=0))
    assert off_ticks(states) == [] and not any(s.fact("starting") for s in states)


def test_a_battery_alone_runs_empty():
    _b, states = run(backup(fails_at=5, battery=True))
    assert off_ticks(states) == list(range(14, 16))  # 18 blocks: 9 moments of 2


def test_battery_and_generator_keep_the_servers_on_all_along():
    board, states = run(backup(fails_at=5, battery=True, generator=True))
    assert off_ticks(states) == []
    # the generator began to start at the power cut, before the battery ran empty
    assert [s.tick for s in states if (0, 0) in s.fact("starting")] == [5, 6, 7]
    assert evaluate(board, states).solved


def pipe_line(kind):
    """A hot rack at one end of four cells of ``kind`` and homes at the other, in the cold."""
    parts = [rack((0, 1), 2), PlacedPart("grid_connection", (0, 2)),
             *(PlacedPart(kind, (x, 1)) for x in range(1, 5)), PlacedPart("homes", (5, 1))]
    return level(parts, width=6, height=3, ticks=30, room=5,
                 goals=(GoalType.NOT_TOO_COLD,))


def test_the_water_in_joined_pipes_is_equally_warm_and_brings_the_heat_to_the_homes():
    _b, pipe = run(pipe_line("warm_water_pipe"))
    _b, foil = run(pipe_line("foil"))
    for s in pipe:
        assert len({s.fact("temperature")[(x, 1)] for x in range(1, 5)}) == 1
    assert temps(pipe, (5, 1))[-1] > temps(foil, (5, 1))[-1] + 3
    assert not any(s.fact("too_cold") for s in pipe)
    assert (5, 1) in foil[-1].fact("too_cold")


def test_a_wrapped_pipe_run_only_moves_heat():
    """Warm pipes alone in cold air: sharing the heat of the run makes none, and the wrapped
    pipes (air_flow 0) lose none to the air."""
    parts = [PlacedPart("warm_water_pipe", (x, 1), params={"start": 20 + 5 * x})
             for x in range(0, 4)]
    board, states = run(level(parts, width=5, height=3, ticks=10, room=5,
                              goals=(GoalType.NOT_TOO_COLD,)))
    totals = [sum(s.fact("temperature")[c] for c in board.pieces) for s in states]
    assert totals == pytest.approx([20 + 25 + 30 + 35] * len(states), abs=0.2)
    assert states[0].fact("temperature")[(0, 1)] == pytest.approx(27.5, abs=0.1)


def test_one_sided_limits_judge_only_their_own_side(monkeypatch):
    """A part with only a high (or only a low) is too warm (or too cold) by that one alone."""
    from game.sim import board as board_module
    from game.sim.catalogue import CATALOGUE
    from game.sim.parts import Param

    kinds = dict(CATALOGUE.items())
    kinds["hot_only"] = replace(CATALOGUE["server_rack"], kind="hot_only",
                                options={"high": Param(35, 0, 60), "start": Param(50, 0, 60)})
    kinds["cold_only"] = replace(CATALOGUE["homes"], kind="cold_only",
                                 options={"low": Param(18, 0, 40), "start": Param(5, 0, 40)})
    monkeypatch.setattr(board_module, "CATALOGUE", kinds)
    _b, states = run(level([PlacedPart("hot_only", (1, 1)), PlacedPart("cold_only", (3, 1))],
                           goals=(GoalType.NOT_TOO_WARM,)))
    assert states[0].fact("too_warm") == frozenset({(1, 1)})
    assert states[0].fact("too_cold") == frozenset({(3, 1)})


def test_the_warm_hall_fails_first_for_the_reasons_its_story_gives():
    """ict-11 (fix): both racks get too warm because the water cooling's valve is shut and
    the fan is turned crosswise; mending one of the two is not enough."""
    from game import PROJECT_ROOT
    from game.content.loader import load_level
    from game.sim.editor import Editor
    from game.sim.model import LevelKind

    hall = load_level(PROJECT_ROOT / "levels" / "ict" / "11-warm-hall.yaml")
    assert hall.kind == LevelKind.FIX
    board, states = run(hall)
    first = evaluate(board, states).failures[0]
    assert first.goal.type == GoalType.NOT_TOO_WARM and set(first.cells) == {(1, 1), (4, 1)}
    assert states[-1].fact("valve_closed") == {(4, 0)} and states[-1].fact("no_air") == {(1, 0)}
    for mend in ("valve", "fan"):
        board = Board(hall)
        editor = Editor(board)
        assert editor.toggle((4, 0)) if mend == "valve" else editor.rotate((1, 0))
        states = Simulation(board).run()
        failed = {c for f in evaluate(board, states).failures for c in f.cells}
        assert failed == ({(1, 1)} if mend == "valve" else {(4, 1)}), mend
