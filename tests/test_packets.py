"""The packets medium (game.sim.media.packets): messages with an address, cables with a
capacity, routers that read the address, cables that break during a run."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Side, neighbour
from game.sim.goals import evaluate
from game.sim.media.packets import ADDRESSES, PacketsMedium
from game.sim.model import Goal, GoalType, PlacedPart
from game.sim.parts import Medium
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

#: map letters -> part kinds; cables take their shape from the cells around them
DEVICES = {"C": "computer", "S": "server", "H": "home_computer", "R": "router"}
COPPER, FIBRE = "-|+", "=!*"
CORNERS = {frozenset("NE"): 0, frozenset("ES"): 1, frozenset("SW"): 2, frozenset("WN"): 3}


def lay(rows: list[str], params=None, broken=()) -> list[PlacedPart]:
    """Parts from a little map: C computer, S server, H home computer, R router; - | +
    copper (straight across, straight down, a corner), = ! * glass fibre, # a cable bridge.
    A corner turns towards the two cells beside it that hold something; a device faces the
    one neighbour it has. ``params``: cell -> the part's params."""
    grid = {(x, y): ch for y, row in enumerate(rows) for x, ch in enumerate(row) if ch != " "}
    params = params or {}
    out = []
    for cell, ch in sorted(grid.items()):
        near = {s.name for s in Side if neighbour(cell, s) in grid}
        extra = {"params": params.get(cell, {}), "broken": cell in broken}
        if ch in DEVICES:
            kind = DEVICES[ch]
            facing = Side[min(near)] if near else Side.W
            rotation = 0 if kind == "router" else (facing - Side.E) % 4
            out.append(PlacedPart(kind, cell, rotation, **extra))
        elif ch == "#":
            out.append(PlacedPart("cable_bridge", cell, 0, **extra))
        elif ch in "-|=!":
            kind = "copper_cable" if ch in COPPER else "fibre_cable"
            out.append(PlacedPart(kind, cell, 1 if ch in "-=" else 0, **extra))
        else:
            kind = "copper_cable_corner" if ch in COPPER else "fibre_cable_corner"
            out.append(PlacedPart(kind, cell, CORNERS[frozenset(near)], **extra))
    return out


def run(rows, params=None, ticks=12, goals=(GoalType.PACKETS_DELIVERED,), broken=()):
    parts = lay(rows, params, broken)
    level = make_level(parts=parts, goals=goals, width=max(map(len, rows)), height=len(rows),
                       ticks=ticks)
    board = Board(level)
    states = Simulation(board).run()
    return board, states, evaluate(board, states)


def counts(state) -> dict[str, int]:
    return {k: state.fact(f"packets_{k}") for k in
            ("sent", "delivered", "wrong", "moving", "waiting", "lost")}


def balanced(state) -> bool:
    c = counts(state)
    return c["sent"] == c["delivered"] + c["wrong"] + c["moving"] + c["waiting"] + c["lost"]


# --- the parts --------------------------------------------------------------------------------
def test_the_packet_parts_are_in_the_catalogue():
    assert CATALOGUE["copper_cable"].capacity == 1
    assert CATALOGUE["fibre_cable"].capacity == 3
    assert CATALOGUE["router"].router and CATALOGUE["router"].medium == Medium.PACKETS
    for kind in ("computer", "server", "home_computer"):
        options = CATALOGUE[kind].options
        assert {f"send_{c}" for c in ADDRESSES} <= set(options)
        assert {"address", "per_tick", "start"} <= set(options)


def test_a_board_without_packets_has_empty_facts():
    board = Board(make_level(parts=[("house", (1, 1))]))
    state = Simulation(board).step()
    assert state.fact("packets") == () and state.fact("packets_sent") == 0


# --- one cable --------------------------------------------------------------------------------
def test_a_message_moves_one_cell_a_tick_to_its_server():
    board, states, ev = run(["C---S"], {(0, 0): {"send_red": 1}, (4, 0): {"address": 1}})
    assert ev.solved
    # sent at tick 0 into the first cable; three cables: it arrives at tick 3
    where = [[p[3] for p in s.fact("packets")] for s in states[:4]]
    assert where == [[(1, 0)], [(2, 0)], [(3, 0)], []]
    assert states[3].fact("packets_delivered") == 1
    assert states[3].fact("packets_received") == {(4, 0): 1}


def test_a_longer_cable_takes_longer():
    def arrival(rows):
        _b, states, _e = run(rows, {(0, 0): {"send_red": 1},
                                    (len(rows[0]) - 1, 0): {"address": 1}})
        return next(s.tick for s in states if s.fact("packets_delivered"))

    assert arrival(["C--S"]) == 2
    assert arrival(["C------S"]) == 6


def test_copper_lets_one_message_a_tick_in_so_the_others_wait():
    _b, states, ev = run(["C--S"], {(0, 0): {"send_red": 3, "per_tick": 3},
                                    (3, 0): {"address": 1}})
    assert states[0].fact("packets_moving") == 1 and states[0].fact("packets_waiting") == 2
    assert states[0].fact("packet_queues") == {(0, 0): 2}
    assert [s.fact("packets_delivered") for s in states[:6]] == [0, 0, 1, 2, 3, 3]
    assert ev.solved


def test_glass_fibre_lets_three_in_a_tick_at_the_same_speed():
    def delivered(rows):
        _b, states, _e = run(rows, {(0, 0): {"send_red": 6, "per_tick": 6},
                                    (3, 0): {"address": 1}})
        return [s.fact("packets_delivered") for s in states[:9]]

    assert delivered(["C==S"]) == [0, 0, 3, 6, 6, 6, 6, 6, 6]  # three at a time
    assert delivered(["C--S"]) == [0, 0, 1, 2, 3, 4, 5, 6, 6]
    # the first message is no faster in fibre: both arrive at tick 2, only more fit in


def test_a_mixed_cable_run_carries_as_much_as_its_thinnest_piece():
    _b, states, _e = run(["C=-=S"], {(0, 0): {"send_red": 3, "per_tick": 3},
                                     (4, 0): {"address": 1}})
    assert states[0].fact("packets_moving") == 1


def test_a_device_does_not_read_addresses_so_a_wrong_message_is_refused():
    _b, states, ev = run(["C---S"], {(0, 0): {"send_red": 1, "send_blue": 1},
                                     (4, 0): {"address": 1}})
    last = states[-1]
    assert last.fact("packets_delivered") == 1 and last.fact("packets_wrong") == 1
    assert last.fact("packets_refused") == {(4, 0): 1}
    assert any(s.fact("packets_wrong_at") == {(4, 0)} for s in states)
    assert not ev.solved
    failure = ev.failures[0]
    assert failure.cells == ((4, 0),) and "Only a router" in failure.message


def test_a_cable_that_ends_in_nothing_sends_nothing():
    _b, states, ev = run(["C--  S"], {(0, 0): {"send_red": 2}, (5, 0): {"address": 1}})
    assert states[-1].fact("packets_waiting") == 2 and states[-1].fact("packets_moving") == 0
    assert states[-1].fact("packets_out") == {(0, 0): "no_cable"}
    assert not ev.solved and "does not go all the way" in ev.failures[0].message


def test_a_cable_from_a_computer_back_to_itself_sends_nothing():
    # the computer's east socket runs round to its south socket
    _b, states, ev = run(["C+", "++"], {(0, 0): {"send_red": 2, "address": 1}})
    assert states[-1].fact("packets_delivered") == 0
    assert states[-1].fact("packets_out") == {(0, 0): "no_cable"}
    assert not ev.solved


def test_too_many_for_the_time_is_told_as_waiting():
    _b, _states, ev = run(["C--S"], {(0, 0): {"send_red": 9, "per_tick": 9},
                                     (3, 0): {"address": 1}}, ticks=5)
    assert not ev.solved and "still waiting" in ev.failures[0].message
    assert ev.failures[0].cells == ((0, 0),)


def test_start_and_turns_of_addresses():
    _b, states, _e = run(["C-R-S", "  |  ", "  H  "],
                         {(0, 0): {"send_red": 2, "send_blue": 1, "start": 2},
                          (4, 0): {"address": 1}, (2, 2): {"address": 2}})
    assert states[1].fact("packets_sent") == 0
    # red, blue, red: the addresses in turn
    assert [p[1] for p in states[4].fact("packets")] == [1, 2, 1]


def test_within_asks_each_message_to_arrive_in_time():
    params = {(0, 0): {"send_red": 3, "per_tick": 3}, (4, 0): {"address": 1}}
    # three cables: the first arrives 3 ticks after it was sent, the third waits 2 ticks more
    for within, ok in ((5, True), (4, False), (3, False)):
        _b, states, ev = run(["C---S"], params, goals=(Goal(GoalType.PACKETS_DELIVERED,
                                                            within=within),))
        assert states[-1].fact("packets_delivered") == 3
        assert ev.solved == ok, within
        if not ok:
            assert ev.failures[0].message == "These messages took too long to get to their address."
    # late at tick 4: the third message, sent at tick 0, is still in the last cable
    _b, _s, ev = run(["C---S"], params, goals=(Goal(GoalType.PACKETS_DELIVERED, within=4),))
    assert ev.failures[0].cells == ((3, 0),) and ev.failures[0].tick == 4


# --- routers ----------------------------------------------------------------------------------
NET = ["C-R-S",
       "  |  ",
       "  H  "]


def test_a_router_sends_each_message_to_its_own_address():
    _b, states, ev = run(NET, {(0, 0): {"send_red": 2, "send_blue": 2},
                               (4, 0): {"address": 1}, (2, 2): {"address": 2}})
    assert ev.solved
    assert states[-1].fact("packets_received") == {(4, 0): 2, (2, 2): 2}
    assert states[-1].fact("packets_wrong") == 0


def test_a_message_waits_a_tick_in_the_router():
    _b, states, _e = run(NET, {(0, 0): {"send_red": 1}, (4, 0): {"address": 1},
                               (2, 2): {"address": 2}})
    # tick 0 cable (1,0); tick 1 router; tick 2 cable (3,0); tick 3 the server
    assert [[p[3] for p in s.fact("packets")] for s in states[:3]] == [[(1, 0)], [(2, 0)],
                                                                        [(3, 0)]]
    assert states[3].fact("packets_delivered") == 1


def test_the_router_queue_keeps_messages_when_its_cable_is_full():
    # fibre brings three a tick to the router, copper takes one a tick on to the server
    _b, states, ev = run(["C=R-S"], {(0, 0): {"send_red": 6, "per_tick": 6},
                                     (4, 0): {"address": 1}}, ticks=14)
    assert max(s.fact("packet_queues").get((2, 0), 0) for s in states) >= 2
    assert all(balanced(s) for s in states)
    assert ev.solved and states[-1].fact("packets_delivered") == 6


def test_the_router_takes_the_shortest_way():
    # two ways between the routers: round the north (first in side order, 7 cables) and
    # straight east (3 cables): the fewest cells win
    rows = ["  +---+  ",
            "  |   |  ",
            "C-R---R-S"]
    _b, states, ev = run(rows, {(0, 2): {"send_red": 1}, (8, 2): {"address": 1}})
    through = states[-1].fact("packets_through")
    assert ev.solved
    assert (3, 2) in through and (2, 1) not in through
    assert states[-1].fact("packets_delivered") == 1


def test_ties_go_to_the_first_side_in_order():
    # two ways of the same length between the routers: north goes before south
    rows = ["  +-+  ",
            "C-R R-S",
            "  +-+  "]
    _b, states, ev = run(rows, {(0, 1): {"send_red": 1}, (6, 1): {"address": 1}})
    assert ev.solved
    through = states[-1].fact("packets_through")
    assert (2, 0) in through and (2, 2) not in through  # N before S


def test_a_router_with_no_way_to_the_address_keeps_the_message():
    _b, states, ev = run(NET, {(0, 0): {"send_green": 2}, (4, 0): {"address": 1},
                               (2, 2): {"address": 2}})
    assert states[-1].fact("packet_queues") == {(2, 0): 2}
    assert states[-1].fact("packets_out") == {(2, 0): "no_way"}
    assert not ev.solved and ev.failures[0].cells == ((2, 0),)
    assert "finds no way" in ev.failures[0].message


# --- breaking cables --------------------------------------------------------------------------
RING = ["C-R-+",
        "  | |",
        "  +-R-S"]


def test_a_cable_that_breaks_loses_what_is_in_it_and_the_router_goes_round():
    # the short way east then south: (3,0), (4,0), (4,1) to the router at (4,2)
    params = {(0, 0): {"send_red": 6}, (6, 2): {"address": 1},
              (3, 0): {"breaks_at": 4}}
    _b, states, ev = run(RING, params, ticks=20,
                         goals=(GoalType.PACKETS_DELIVERED, GoalType.NO_PACKET_LOST))
    before = states[3].fact("packets_through")
    assert (3, 0) in before and (2, 1) not in before
    assert (3, 0) in states[4].fact("cables_broken")
    lost = states[-1].fact("packets_lost")
    assert lost >= 1
    assert (2, 1) in states[-1].fact("packets_through")  # round the other way
    assert states[-1].fact("packets_delivered") == 6 - lost
    assert all(balanced(s) for s in states)
    results = {r.goal.type: r for r in ev.results}
    assert results[GoalType.PACKETS_DELIVERED].ok  # the lost ones are the other goal's
    assert not results[GoalType.NO_PACKET_LOST].ok
    assert ev.failures[0].goal.type == GoalType.NO_PACKET_LOST


def test_packets_past_the_gap_still_arrive():
    params = {(0, 0): {"send_red": 3}, (6, 0): {"address": 1}, (2, 0): {"breaks_at": 3}}
    _b, states, _e = run(["C-----S"], params, ticks=12)
    # at tick 3 the first is past (2,0), the second is in it (lost), the third walks into it
    assert states[-1].fact("packets_delivered") == 1
    assert states[-1].fact("packets_lost") == 2
    assert all(s.fact("packets_lost_at") <= {(2, 0)} for s in states)


def test_a_cable_broken_from_the_start_carries_nothing_and_loses_nothing():
    _b, states, ev = run(["C---S"], {(0, 0): {"send_red": 2}, (4, 0): {"address": 1}},
                         broken=[(2, 0)])
    assert states[-1].fact("packets_lost") == 0
    assert states[-1].fact("cables_broken") == {(2, 0)}
    assert not ev.solved


def test_a_bridge_keeps_two_cables_apart():
    rows = [" H ",
            "C#S",
            " C "]
    params = {(0, 1): {"send_red": 2}, (2, 1): {"address": 1},
              (1, 2): {"send_blue": 2}, (1, 0): {"address": 2}}
    # the home computer faces south, the lower computer north
    _b, states, ev = run(rows, params)
    assert ev.solved and states[-1].fact("packets_wrong") == 0


# --- the property: nothing lost or copied except where a cable breaks -------------------------
@st.composite
def networks(draw):
    """A random network: a grid of routers, two cable pieces between some neighbours, devices
    on a cable at the west and north edges, a pair of devices joined straight (no router) at
    the bottom, random messages to random addresses, and a few cables that break."""
    n = draw(st.integers(1, 3))
    size = 3 * n + 1
    grid: dict[tuple[int, int], str] = {}
    routers = [(3 * i + 2, 3 * j + 2) for i in range(n) for j in range(n)]
    for r in routers:
        grid[r] = "R"
    for (x, y) in routers:
        if x + 3 < size and draw(st.booleans()):
            grid[(x + 1, y)] = grid[(x + 2, y)] = draw(st.sampled_from("-="))
        if y + 3 < size and draw(st.booleans()):
            grid[(x, y + 1)] = grid[(x, y + 2)] = draw(st.sampled_from("|!"))
    devices = []
    for (x, y) in routers:
        if x == 2 and draw(st.booleans()):
            grid[(1, y)], grid[(0, y)] = draw(st.sampled_from("-=")), draw(st.sampled_from("CSH"))
            devices.append((0, y))
        if y == 2 and draw(st.booleans()):
            grid[(x, 1)], grid[(x, 0)] = draw(st.sampled_from("|!")), draw(st.sampled_from("CSH"))
            devices.append((x, 0))
    if draw(st.booleans()):  # two devices joined without a router
        grid[(0, size)], grid[(1, size)], grid[(2, size)] = "C", "-", "S"
        devices += [(0, size), (2, size)]
    params: dict = {}
    for cell in devices:
        p = {"address": draw(st.integers(0, 5)), "per_tick": draw(st.integers(1, 3)),
             "start": draw(st.integers(0, 3))}
        for colour in ADDRESSES:
            p[f"send_{colour}"] = draw(st.integers(0, 3))
        params[cell] = p
    cables = sorted(c for c, ch in grid.items() if ch in "-=|!")
    for cell in draw(st.lists(st.sampled_from(cables), max_size=4, unique=True)) if cables \
            else ():
        params.setdefault(cell, {})["breaks_at"] = draw(st.integers(1, 8))
    rows = ["".join(grid.get((x, y), " ") for x in range(size)) for y in range(size + 1)]
    return rows, params


@settings(max_examples=60)
@given(networks())
def test_no_message_is_ever_copied_or_lost_except_on_a_broken_cable(net):
    rows, params = net
    board, states, _ev = run(rows, params, ticks=16, goals=())
    breaks = {c for c, p in params.items() if "breaks_at" in p}
    ids_before: set[int] = set()
    lost_before = 0
    for s in states:
        assert balanced(s), counts(s)
        ids = [p[0] for p in s.fact("packets")]
        assert len(ids) == len(set(ids))  # never two copies of one message
        lost = s.fact("packets_lost")
        assert lost >= lost_before
        if lost > lost_before:
            assert s.fact("packets_lost_at") and s.fact("packets_lost_at") <= breaks
            assert s.fact("packets_lost_at") <= s.fact("cables_broken")
        else:
            assert not s.fact("packets_lost_at")
        # a message gone from the board was delivered, refused or lost this tick
        gone = len(ids_before - set(ids))
        d = s.fact("packets_delivered") + s.fact("packets_wrong") + lost
        assert gone <= d
        ids_before, lost_before = set(ids), lost
    if not breaks:
        assert states[-1].fact("packets_lost") == 0


def test_the_medium_is_registered_after_the_signals():
    from game.sim.media import medium_names

    names = medium_names()
    assert names.index("packets") > names.index("signal")
    assert isinstance(Simulation(Board(make_level())).media[-1], PacketsMedium)


def test_goal_texts_exist():
    from game.sim.goals import GOALS

    assert GOALS[GoalType.PACKETS_DELIVERED].reasons
    assert Goal(GoalType.NO_PACKET_LOST).type in GOALS


# --- the levels: what a child tries ------------------------------------------------------------
def _level(prefix: str):
    from game.content.loader import load_level
    from game.sim.catalogue import DEFAULT_FOLDER

    return load_level(next((DEFAULT_FOLDER / "ict").glob(f"{prefix}-*.yaml")))


def _try(prefix: str, *steps):
    """The level's board with ``steps`` placed or removed (the editor's rules), run and judged."""
    from game.sim.editor import Editor

    level = _level(prefix)
    editor = Editor(Board(level))
    for step in steps:
        if step[0] == "remove":
            assert editor.remove(step[1])
        else:
            assert editor.place(step[0], step[1], step[2] if len(step) > 2 else 0), step
    states = Simulation(editor.board).run()
    return level, editor.board, states, evaluate(editor.board, states)


def test_a_cable_straight_to_one_receiver_without_a_router_delivers_to_the_wrong_one():
    # level 03: round the top straight into the blue home computer, no router
    level, _b, states, ev = _try("03", ("copper_cable_corner", (2, 2), 3),
                                 ("copper_cable", (2, 1)), ("copper_cable_corner", (2, 0), 1),
                                 ("copper_cable", (3, 0), 1))
    home = next(p.at for p in level.parts if p.kind == "home_computer")
    assert not ev.solved and ev.failures[0].cells == (home,)
    assert "Only a router" in ev.failures[0].message
    assert states[-1].fact("packets_refused") == {home: 2}


def test_the_broken_cable_level_fails_first_because_the_router_finds_no_way():
    level, _b, states, ev = _try("04")
    router = next(p.at for p in level.parts if p.kind == "router")
    broken = next(p.at for p in level.parts if p.broken)
    assert not ev.solved
    assert ev.failures[0].cells == (router,) and "finds no way" in ev.failures[0].message
    assert broken in states[0].fact("cables_broken")
    assert states[-1].fact("packets_delivered") == 3 and states[-1].fact("packets_lost") == 0
    # a straight piece in the corner's place does not join the two cables
    _l, _b, _s, ev = _try("04", ("remove", broken), ("copper_cable", broken, 0))
    assert not ev.solved


def test_the_fibre_level_shows_what_its_prediction_asks():
    level, _b, states, ev = _try("07", *[("fibre_cable", (x, 3), 1) for x in range(1, 5)])
    assert ev.solved
    copper, fibre = sorted(p.at for p in level.parts if p.kind == "home_computer")
    done = next(s for s in states if s.fact("packets_received").get(fibre) == 6)
    assert done.fact("packets_received").get(copper) == level.predict.answer == 2


def test_without_a_second_way_the_messages_after_the_break_wait_in_the_router():
    level, _b, states, ev = _try("08")
    first = min(p.at for p in level.parts if p.kind == "router")
    assert not ev.solved and ev.failures[0].cells == (first,)
    assert states[-1].fact("packets_lost") == 1
    # the two already past the gap still arrive; the rest wait in the first router
    assert states[-1].fact("packets_delivered") == 2
    assert states[-1].fact("packet_queues") == {first: 7}
    assert all(balanced(s) for s in states)


def test_two_servers_joined_without_the_exchange_refuse_each_others_messages():
    level, _b, _states, ev = _try("09", ("copper_cable", (1, 1), 1), ("copper_cable", (2, 1), 1),
                                  ("copper_cable_corner", (3, 1), 3))
    assert not ev.solved and "Only a router" in ev.failures[0].message
    assert set(ev.failures[0].cells) == {(0, 1), (3, 0)}


def test_a_level_file_may_give_within_only_to_packets_delivered(tmp_path):
    import pytest

    from game.content.loader import load_level
    from game.datafile.problems import LevelError
    from game.sim.catalogue import DEFAULT_FOLDER

    text = next((DEFAULT_FOLDER / "ict").glob("01-*.yaml")).read_text(encoding="utf-8")
    assert "  - {type: packets_delivered}" in text
    path = tmp_path / "lvl.yaml"
    path.write_text(text.replace("  - {type: packets_delivered}",
                                 "  - {type: packets_delivered, within: 8}"), encoding="utf-8")
    assert load_level(path).goals == (Goal(GoalType.PACKETS_DELIVERED, within=8),)
    path.write_text(text.replace("  - {type: packets_delivered}",
                                 "  - {type: no_packet_lost, within: 8}"), encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert any("only packets_delivered" in p.message for p in caught.value.problems)


def test_a_packet_goal_needs_something_to_judge(tmp_path):
    import pytest

    from game.content.loader import load_level
    from game.datafile.problems import LevelError
    from game.sim.catalogue import DEFAULT_FOLDER

    text = next((DEFAULT_FOLDER / "ict").glob("01-*.yaml")).read_text(encoding="utf-8")
    path = tmp_path / "lvl.yaml"
    lines = [line for line in text.splitlines()  # no cable on the board, none in the box
             if not line.startswith("  - {kind: copper_cable")]
    text = "\n".join(lines).replace("  - {type: packets_delivered}", "  - {type: no_packet_lost}")
    path.write_text(re.sub(r"palette: \{[^}]*\}", "palette: {router: 1}", text),
                    encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert any("needs a packet cable" in p.message for p in caught.value.problems)
