"""Items on belts (game/sim/media/items.py): each rule the pupil meets in Vliegveld en haven,
and properties that hold on any board: no item is ever copied or lost (every item loaded is on
the board, delivered, delivered wrongly or dropped), one item a cell, one cell a tick."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.editor import Editor
from game.sim.goals import evaluate
from game.sim.model import GoalType, PlacedPart
from game.sim.parts import Medium, Role
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

ITEM_GOALS = (GoalType.DELIVERED, GoalType.NO_JAM, GoalType.NO_WRONG, GoalType.NO_DROP)


def run(parts, ticks=12, width=6, height=6):
    level = make_level(parts=parts, goals=ITEM_GOALS, width=width, height=height, ticks=ticks)
    board = Board(level)
    states = Simulation(board).run()
    return states, evaluate(board, states)


def failed(ev) -> set[str]:
    return {r.goal.type.value for r in ev.results if not r.ok}


def column(x=2, n=3, **loader):
    """A loading point at the bottom of column ``x``, ``n`` belts up, a plane at the top."""
    return [PlacedPart("loading_point", (x, n + 1), params=loader),
            *(PlacedPart("belt", (x, y)) for y in range(1, n + 1)),
            PlacedPart("plane_bay", (x, 0))]


def test_a_belt_carries_one_cell_a_tick_to_the_plane():
    states, ev = run(column(count=3))
    assert ev.solved
    first = [s.fact("first_arrival") for s in states]
    assert first[3] is None and first[4] == 4, "loaded at tick 0, three belts, in at tick 4"
    # the drawing glides each item from the cell it was in to the next one
    item = states[1].fact("items")[0]
    assert (item[3], item[4]) == ((2, 3), (2, 4))
    assert states[-1].fact("received") == {(2, 0): 3}


def test_a_belt_turned_the_wrong_way_blocks_and_the_bags_pile_up():
    parts = column(count=3)
    parts[2] = PlacedPart("belt", (2, 2), rotation=2)  # the middle belt points back down
    states, ev = run(parts)
    assert failed(ev) == {"delivered", "no_jam"}
    jam = next(r for r in ev.results if r.goal.type == GoalType.NO_JAM)
    assert (2, 3) in jam.cells, "the bag waits in front of the backwards belt"
    assert (2, 4) in jam.cells, "and the next ones wait at the desk"


def test_a_belt_that_ends_in_nothing_drops_the_bag():
    parts = [p for p in column(count=2) if p.kind != "plane_bay"]
    states, ev = run(parts)
    assert failed(ev) == {"no_drop", "delivered"}, "a bag that fell off did not get there"
    assert any((2, 1) in s.fact("dropped") for s in states)


def test_a_diverter_sends_its_label_to_the_side_and_the_rest_straight_on():
    parts = [PlacedPart("loading_point", (2, 4), params={"label": 0, "mix": 2, "count": 4}),
             PlacedPart("belt", (2, 3)), PlacedPart("diverter", (2, 2), params={"label": 2}),
             PlacedPart("belt", (2, 1)), PlacedPart("plane_bay", (2, 0), params={"label": 1}),
             PlacedPart("belt_corner", (3, 2), rotation=2),  # from W round to N
             PlacedPart("plane_bay", (3, 1), params={"label": 2})]
    states, ev = run(parts)
    assert ev.solved, failed(ev)
    assert states[-1].fact("received") == {(2, 0): 2, (3, 1): 2}
    assert any((2, 2) in s.fact("diverted") for s in states)


def test_a_diverter_on_the_wrong_label_sends_bags_to_the_wrong_plane():
    parts = [PlacedPart("loading_point", (2, 4), params={"label": 0, "mix": 2, "count": 4}),
             PlacedPart("belt", (2, 3)), PlacedPart("diverter", (2, 2), params={"label": 1}),
             PlacedPart("belt", (2, 1)), PlacedPart("plane_bay", (2, 0), params={"label": 1}),
             PlacedPart("belt_corner", (3, 2), rotation=2),
             PlacedPart("plane_bay", (3, 1), params={"label": 2})]
    _states, ev = run(parts)
    assert failed(ev) == {"no_wrong", "delivered"}


def test_the_pupil_turns_a_diverter_round_its_labels():
    level = make_level(parts=[PlacedPart("diverter", (1, 1), locked=False)], goals=ITEM_GOALS)
    editor = Editor(Board(level))
    seen = []
    for _ in range(5):
        assert editor.toggle((1, 1))
        seen.append(editor.board.pieces[(1, 1)].param("label"))
    assert seen == [2, 3, 4, 1, 2]


def test_two_streams_take_turns_at_a_merger():
    """Two loading points feed one merger every tick: it passes one item a tick, taking turns,
    so the desks must wait (a jam); every other tick, they never do."""
    def parts(every, start_right=0):
        return [PlacedPart("loading_point", (1, 2), rotation=1,
                           params={"count": 4, "every": every}),  # out to E
                PlacedPart("loading_point", (3, 2), rotation=3,
                           params={"label": 2, "count": 4, "every": every,
                                   "start": start_right}),  # out to W
                PlacedPart("merger", (2, 2)), PlacedPart("belt", (2, 1)),
                PlacedPart("plane_bay", (2, 0))]

    states, ev = run(parts(every=1), ticks=16)
    assert "no_jam" in failed(ev)
    order = [s.fact("items") for s in states]
    into_merger = [i[1] for tick in order for i in tick if i[3] == (2, 2)]
    assert into_merger[:4] == [1, 2, 1, 2] or into_merger[:4] == [2, 1, 2, 1], into_merger
    _states, ev = run(parts(every=2, start_right=1), ticks=16)
    assert ev.solved, failed(ev)


def test_a_buffer_holds_a_rush_and_lets_it_out_one_by_one():
    parts = [PlacedPart("loading_point", (2, 4), params={"count": 4}),
             PlacedPart("buffer", (2, 3)), PlacedPart("belt", (2, 2)),
             PlacedPart("belt", (2, 1)), PlacedPart("plane_bay", (2, 0))]
    states, ev = run(parts)
    assert ev.solved, failed(ev)


def test_a_scanner_scans_what_passes():
    parts = column(count=2)
    parts[2] = PlacedPart("scanner", (2, 2))
    states, ev = run(parts)
    assert ev.solved
    assert sum((2, 2) in s.fact("scanning") for s in states) == 2


def test_a_broken_belt_drops_what_reaches_it():
    parts = column(count=1)
    parts[2] = PlacedPart("belt", (2, 2), broken=True)
    states, ev = run(parts)
    assert "no_drop" in failed(ev) and any((2, 2) in s.fact("dropped") for s in states)


# --- properties on random boards ---------------------------------------------------------------
ITEM_KINDS = sorted(k for k, s in CATALOGUE.items() if s.medium == Medium.ITEMS)
SOURCES = [k for k in ITEM_KINDS if CATALOGUE[k].role == Role.SOURCE]


@st.composite
def item_boards(draw) -> Board:
    width, height = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    parts = []
    for y in range(height):
        for x in range(width):
            if draw(st.integers(0, 9)) < 3:
                continue
            kind = draw(st.sampled_from(ITEM_KINDS))
            params: dict[str, int | bool] = {}
            if "label" in CATALOGUE[kind].options:
                params["label"] = draw(st.integers(CATALOGUE[kind].options["label"].lo or 0, 4))
            if CATALOGUE[kind].role == Role.SOURCE:
                params["count"] = draw(st.integers(1, 6))
                params["every"] = draw(st.integers(1, 3))
            parts.append(PlacedPart(kind, (x, y), draw(st.integers(0, 3)),
                                    broken=draw(st.integers(0, 15)) == 0, params=params))
    return Board(make_level(parts=parts, goals=ITEM_GOALS, width=width, height=height,
                            ticks=draw(st.integers(1, 20))))


@settings(max_examples=150, deadline=None)
@given(item_boards())
def test_no_item_is_ever_copied_or_lost(board):
    sim = Simulation(board)
    seen: dict[int, tuple[int, int]] = {}
    wrong = dropped = 0
    for state in sim.run():
        items = state.fact("items")
        ids = [i[0] for i in items]
        assert len(ids) == len(set(ids)), "an item is in two places"
        cells = [i[3] for i in items]
        for cell in set(cells):
            piece = sim.board.pieces[cell]
            room = piece.spec.capacity if piece.spec.role == Role.STORAGE else 1
            assert cells.count(cell) <= room, f"too many items in {cell}"
        for n, _label, _cargo, cell, came_from in items:
            assert abs(cell[0] - came_from[0]) + abs(cell[1] - came_from[1]) <= 1
            if n in seen:
                assert came_from == seen[n], "an item jumped"
            seen[n] = cell
        wrong += len(state.fact("wrong")) + len(state.fact("too_weak"))
        dropped += len(state.fact("dropped"))
        loaded = len(set(seen))
        # every item loaded so far is still on the board, delivered right, delivered to the
        # wrong bay (or too weak to a hospital), or fallen off (a cell holds, drops or takes
        # one item a tick)
        assert loaded == len(items) + state.fact("delivered") + wrong + dropped


@settings(max_examples=60, deadline=None)
@given(item_boards())
def test_an_item_run_is_deterministic(board):
    first = [s.facts["items"] for s in Simulation(board).run()]
    again = [s.facts["items"] for s in Simulation(board).run()]
    assert first == again


# --- electric trucks -------------------------------------------------------------------------
def road(battery=5, heavy=False, charger_at=None, turbine=True, length=8):
    """A depot at the left of a row, a road of ``length`` cells, a ship at the end; a charger
    in the road at ``charger_at`` with a wind turbine under its plug (when ``turbine``)."""
    parts = [PlacedPart("truck_depot", (0, 1), rotation=1,
                        params={"battery": battery, "heavy": heavy, "count": 1}),
             PlacedPart("ship_bay", (length + 1, 1), rotation=1)]
    for x in range(1, length + 1):
        if x == charger_at:
            parts.append(PlacedPart("charger", (x, 1), rotation=1))  # plug turned to S
            if turbine:
                parts.append(PlacedPart("wind_turbine", (x, 2)))
        else:
            parts.append(PlacedPart("road", (x, 1), rotation=1))
    level = make_level(parts=parts, goals=(GoalType.DELIVERED, GoalType.NO_JAM),
                       width=length + 2, height=3, ticks=30)
    board = Board(level)
    states = Simulation(board).run()
    return states, evaluate(board, states)


def test_a_truck_uses_one_block_a_square_and_runs_flat():
    states, ev = road(battery=5)
    assert not ev.solved
    flat = [s.fact("flat") for s in states if s.fact("flat")]
    assert flat and flat[0] == frozenset({(5, 1)}), "five blocks: five squares, then it stops"
    assert states[3].fact("truck_charge") == {(3, 1): 2}


def test_a_heavy_truck_goes_half_as_far():
    states, _ev = road(battery=6, heavy=True)
    assert next(s.fact("flat") for s in states if s.fact("flat")) == frozenset({(3, 1)})


def test_a_charger_with_energy_fills_the_truck_and_it_drives_on():
    states, ev = road(battery=5, charger_at=4)
    assert ev.solved, failed(ev)
    charging = [s.tick for s in states if (4, 1) in s.fact("charging")]
    assert len(charging) == 2, "arrives with 1 block, gets 2 a tick: full after two ticks"
    assert (4, 1) in states[charging[0]].fact("powered"), "the charger draws on the energy network"


def test_a_charger_without_energy_does_nothing():
    states, ev = road(battery=5, charger_at=4, turbine=False)
    assert not ev.solved and not any(s.fact("charging") for s in states)
    assert any(s.fact("flat") for s in states)
