from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.geometry import Side
from game.sim.model import PlacedPart
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

# A tap at rotation 0 pours out of its south side; a sprinkler at rotation 0 drinks from its south
# side, so a sprinkler above a pipe needs rotation 2 to face down... we build columns top-down:
# tap (0) at y=0, pipes below, sprinkler turned (rotation 2) so its inlet faces north.


def column(length: int, extra=(), ticks=12, **kw):
    parts = [PlacedPart("tap", (1, 0))]
    parts += [PlacedPart("pipe_straight", (1, y)) for y in range(1, 1 + length)]
    parts += list(extra)
    return make_level(parts=parts, ticks=ticks, **kw)


def run(level):
    return Simulation(Board(level)).run()


def test_water_moves_one_part_per_tick():
    states = run(column(3, [PlacedPart("sprinkler", (1, 4), rotation=2)]))
    assert states[0].wet == {(1, 0)}
    assert states[1].wet == {(1, 0), (1, 1)}
    assert (1, 4) not in states[3].sprinkling
    assert (1, 4) in states[4].sprinkling
    assert states[0].arrival[(1, 3)] == 3


def test_an_open_pipe_end_leaks_once_the_water_gets_there():
    states = run(column(2))
    assert not states[1].leaks
    assert states[2].leaks == {((1, 2), Side.S)}


def test_a_tap_on_its_own_spills_at_once():
    assert run(make_level(parts=[PlacedPart("tap", (1, 1))]))[0].leaks == {((1, 1), Side.S)}


def test_a_closed_valve_caps_the_pipe_without_a_leak():
    closed = column(1, [PlacedPart("valve", (1, 2), on=False), PlacedPart("sprinkler", (1, 3), rotation=2)])
    opened = column(1, [PlacedPart("valve", (1, 2), on=True), PlacedPart("sprinkler", (1, 3), rotation=2)])
    assert not any(s.leaks for s in run(closed))
    assert not any(s.sprinkling for s in run(closed))
    assert (1, 3) in run(opened)[-1].sprinkling


def test_a_cracked_pipe_leaks_and_stops_the_water():
    level = column(0, [PlacedPart("pipe_straight", (1, 1), broken=True),
                       PlacedPart("pipe_straight", (1, 2)), PlacedPart("sprinkler", (1, 3), rotation=2)])
    last = run(level)[-1]
    assert ((1, 1), None) in last.leaks
    assert (1, 2) not in last.wet and not last.sprinkling


def test_a_tap_feeds_two_sprinklers_but_not_three():
    # tap at (2,0) down into a cross at (2,1): sprinklers west, east and south of it.
    def level(n):
        extra = [PlacedPart("pipe_t", (2, 1))] if n == 2 else [PlacedPart("pipe_cross", (2, 1))]
        extra += [PlacedPart("sprinkler", (1, 1), rotation=3), PlacedPart("sprinkler", (3, 1), rotation=1)]
        if n == 3:
            extra.append(PlacedPart("sprinkler", (2, 2), rotation=2))
        return make_level(parts=[PlacedPart("tap", (2, 0))] + extra)

    two = run(level(2))[-1]
    assert two.sprinkling == {(1, 1), (3, 1)} and not two.leaks
    three = run(level(3))[-1]
    assert len(three.sprinkling) == 2 and len(three.thirsty) == 1


def test_a_pump_gives_more_than_a_tap():
    def level(source):
        return make_level(parts=[PlacedPart(source, (2, 0)), PlacedPart("pipe_cross", (2, 1)),
                                 PlacedPart("sprinkler", (1, 1), rotation=3),
                                 PlacedPart("sprinkler", (3, 1), rotation=1),
                                 PlacedPart("sprinkler", (2, 2), rotation=2)])
    assert len(run(level("pump"))[-1].sprinkling) == 3


def test_a_leak_wastes_water():
    # Tap (2) with one sprinkler and one open end: the sprinkler still gets 1.
    level = make_level(parts=[PlacedPart("tap", (2, 0)), PlacedPart("pipe_t", (2, 1)),
                              PlacedPart("sprinkler", (1, 1), rotation=3)])
    last = run(level)[-1]
    assert last.leaks == {((2, 1), Side.E)}
    assert last.sprinkling == {(1, 1)}


def test_the_tank_fills_with_what_is_left():
    level = make_level(parts=[PlacedPart("pump", (1, 0)), PlacedPart("tank", (1, 1), rotation=2)],
                       ticks=5)
    levels = [s.tank_level[(1, 1)] for s in run(level)]
    assert levels == [0, 4, 8, 12, 12]


def test_beds_around_a_sprinkler_get_water_each_tick_it_sprinkles():
    level = make_level(parts=[PlacedPart("tap", (1, 0)), PlacedPart("sprinkler", (1, 1), rotation=2),
                              PlacedPart("bed", (0, 2)), PlacedPart("bed", (2, 1)),
                              PlacedPart("bed", (4, 4))], ticks=6)
    last = run(level)[-1]
    assert last.bed_water[(0, 2)] == 5
    assert last.bed_water[(2, 1)] == 5
    assert last.bed_water[(4, 4)] == 0


def test_water_and_power_do_not_connect():
    level = make_level(parts=[PlacedPart("tap", (1, 0)), PlacedPart("wire_straight", (1, 1))])
    assert run(level)[0].leaks == {((1, 0), Side.S)}


def test_editor_built_pipes_work_like_level_pipes():
    level = make_level(parts=[PlacedPart("tap", (1, 0)), PlacedPart("sprinkler", (1, 3), rotation=2)],
                       palette={"pipe_straight": 2})
    editor = Editor(Board(level))
    editor.place("pipe_straight", (1, 1))
    editor.place("pipe_straight", (1, 2))
    assert (1, 3) in Simulation(editor.board).run()[-1].sprinkling
