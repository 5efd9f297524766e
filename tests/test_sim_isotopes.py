"""Isotopes from Petten (game/sim/media/items.py): a reactor puts isotopes on the belt, each one
loses half its strength every half-life (on a belt, in a buffer or in a jam alike), and a
hospital takes only isotopes that still have the strength it needs. Properties on random
boards: an isotope is never stronger later, and no item is ever copied or lost except at
sources, sinks and falls, with hospitals that refuse weak isotopes among the sinks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.goals import GOALS, evaluate
from game.sim.model import GoalType, PlacedPart
from game.sim.parts import Medium, Role
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

GOALS_HERE = (GoalType.DELIVERED, GoalType.NO_DROP, GoalType.STRONG_ENOUGH)


def run(parts, ticks=20, width=4, height=9, goals=GOALS_HERE):
    level = make_level(parts=parts, goals=goals, width=width, height=height, ticks=ticks)
    board = Board(level)
    states = Simulation(board).run()
    return states, evaluate(board, states)


def column(belts=6, needs=1, strength=16, half_life=3, count=1, x=1, buffer_at=None):
    """A reactor at the bottom of column ``x``, ``belts`` belts up, a hospital at the top."""
    parts = [PlacedPart("reactor", (x, belts + 1),
                        params={"strength": strength, "half_life": half_life, "count": count}),
             PlacedPart("hospital_bay", (x, 0), params={"needs": needs})]
    for y in range(1, belts + 1):
        parts.append(PlacedPart("buffer" if y == buffer_at else "belt", (x, y)))
    return parts


def failed(ev) -> set[str]:
    return {r.goal.type.value for r in ev.results if not r.ok}


def strengths(states, item=0) -> list[int | None]:
    return [s.fact("strength", {}).get(item) for s in states]


def test_an_isotope_halves_exactly_at_each_half_life():
    states, ev = run(column(belts=6, strength=16, half_life=3))
    # made at tick 0; one cell a tick, on the board up to tick 6, in the hospital at tick 7
    assert strengths(states)[:7] == [16, 16, 16, 8, 8, 8, 4]
    assert strengths(states)[7] is None, "taken in by the hospital"
    assert states[7].fact("received") == {(1, 0): 1}
    assert ev.solved, failed(ev)


def test_halving_goes_on_to_nothing_and_never_below():
    states, _ev = run(column(belts=14, strength=16, half_life=2), height=17, ticks=16)
    seen = strengths(states)[:15]
    assert seen == [16, 16, 8, 8, 4, 4, 2, 2, 1, 1, 0, 0, 0, 0, 0]


def test_every_isotope_counts_from_its_own_start():
    """Two isotopes made two ticks apart: each has lost what its own time took, not the
    reactor's."""
    states, _ev = run(column(belts=6, strength=8, half_life=2, count=2))
    assert states[4].fact("strength") == {0: 2, 1: 4}  # made at tick 0 and tick 2


def test_waiting_in_a_jam_costs_strength_too():
    """Time, not distance, takes the strength: an isotope that waits loses it as well."""
    parts = [PlacedPart("reactor", (1, 4), params={"strength": 16, "half_life": 2, "count": 1}),
             PlacedPart("belt", (1, 3)), PlacedPart("belt", (1, 2)),
             PlacedPart("belt", (1, 1), rotation=2),  # turned down: nothing gets past
             PlacedPart("hospital_bay", (1, 0))]
    states, ev = run(parts, height=5, ticks=10)
    assert [s.fact("items")[0][3] for s in states][2:] == [(1, 2)] * 8, "it waits here"
    assert strengths(states) == [16, 16, 8, 8, 4, 4, 2, 2, 1, 1]
    assert "delivered" in failed(ev)


def test_an_isotope_that_arrives_too_weak_fails_at_the_hospital():
    states, ev = run(column(belts=6, strength=16, half_life=3, needs=8))
    assert failed(ev) == {"strong_enough", "delivered"}
    weak = next(r for r in ev.results if r.goal.type == GoalType.STRONG_ENOUGH)
    assert weak.cells == ((1, 0),), "the badge goes on the hospital that got it"
    assert weak.tick == 7
    assert weak.message == GOALS[GoalType.STRONG_ENOUGH].fail
    assert ev.failures[0].goal.type == GoalType.STRONG_ENOUGH, "the cause is told first"
    assert states[7].fact("too_weak") == frozenset({(1, 0)})
    assert states[-1].fact("received") == {(1, 0): 0}, "a weak isotope is no use there"


def test_a_shorter_way_brings_it_strong_enough():
    _states, long_way = run(column(belts=6, strength=16, half_life=3, needs=8))
    _states, short_way = run(column(belts=4, strength=16, half_life=3, needs=8), height=7)
    assert not long_way.solved and short_way.solved, failed(short_way)


def test_other_items_have_no_strength():
    parts = [PlacedPart("loading_point", (1, 3), params={"count": 2}),
             PlacedPart("belt", (1, 2)), PlacedPart("belt", (1, 1)),
             PlacedPart("hospital_bay", (1, 0), params={"needs": 8})]
    states, ev = run(parts, height=4, ticks=8, goals=(GoalType.DELIVERED,))
    assert all(not s.fact("strength") for s in states)
    assert ev.solved, "a suitcase is never too weak"


# --- properties on random boards with reactors and hospitals ----------------------------------
ITEM_KINDS = sorted(k for k, s in CATALOGUE.items() if s.medium == Medium.ITEMS
                    and s.role != Role.SOURCE and "battery" not in s.options)
ISOTOPE_GOALS = (GoalType.DELIVERED, GoalType.NO_JAM, GoalType.NO_DROP, GoalType.STRONG_ENOUGH)


@st.composite
def isotope_boards(draw) -> Board:
    width, height = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    parts = []
    for y in range(height):
        for x in range(width):
            roll = draw(st.integers(0, 9))
            if roll < 3:
                continue
            params: dict[str, int | bool] = {}
            if roll < 5:
                kind = draw(st.sampled_from(("reactor", "loading_point")))
                params.update(count=draw(st.integers(1, 6)), every=draw(st.integers(1, 3)))
                if kind == "reactor":
                    params.update(strength=draw(st.sampled_from((1, 2, 4, 8, 16, 32))),
                                  half_life=draw(st.integers(1, 5)))
            else:
                kind = draw(st.sampled_from(ITEM_KINDS))
                if kind == "hospital_bay":
                    params["needs"] = draw(st.integers(0, 32))
            if "label" in CATALOGUE[kind].options:
                params["label"] = draw(st.integers(CATALOGUE[kind].options["label"].lo or 0, 4))
            parts.append(PlacedPart(kind, (x, y), draw(st.integers(0, 3)),
                                    broken=draw(st.integers(0, 15)) == 0, params=params))
    return Board(make_level(parts=parts, goals=ISOTOPE_GOALS, width=width, height=height,
                            ticks=draw(st.integers(1, 20))))


@settings(max_examples=150, deadline=None)
@given(isotope_boards())
def test_an_isotope_is_never_stronger_later(board):
    made: dict[int, int] = {}
    last: dict[int, int] = {}
    for state in Simulation(board).run():
        for n, power in state.fact("strength").items():
            assert power <= last.get(n, power), f"isotope {n} got stronger"
            last[n] = power
            made.setdefault(n, power)
        isotopes = {i[0] for i in state.fact("items") if i[2] == "isotope"}
        assert isotopes == set(state.fact("strength")), "every isotope has a strength"
    reactors = {int(p.param("strength") or 0) for p in board.pieces.values()
                if p.kind == "reactor"}
    assert set(made.values()) <= reactors, "each one starts as strong as its reactor makes it"


@settings(max_examples=150, deadline=None)
@given(isotope_boards())
def test_no_isotope_is_copied_or_lost_except_at_sources_sinks_and_falls(board):
    seen: set[int] = set()
    wrong = dropped = too_weak = 0
    for state in Simulation(board).run():
        items = state.fact("items")
        ids = [i[0] for i in items]
        assert len(ids) == len(set(ids)), "an item is in two places"
        seen |= set(ids)
        wrong += len(state.fact("wrong"))
        dropped += len(state.fact("dropped"))
        too_weak += len(state.fact("too_weak"))
        # every item loaded so far is on the board, taken by a bay (rightly, wrongly, or too
        # weak to be of use) or fallen off: a bay takes one item a tick, a cell drops one
        assert len(seen) == len(items) + state.fact("delivered") + wrong + dropped + too_weak


# --- the levels: the tempting builds fail for the reason the level teaches --------------------
def _build(level_file: str, steps: list[tuple[str, tuple[int, int], int, int]]):
    """Play ``level_file`` with ``steps`` (kind, cell, rotation, clicks) placed by the editor."""
    from game import PROJECT_ROOT
    from game.content.loader import load_level
    from game.sim.editor import Editor

    level = load_level(PROJECT_ROOT / "levels" / "life_sciences" / level_file)
    editor = Editor(Board(level))
    for kind, cell, rotation, clicks in steps:
        assert editor.place(kind, cell, rotation), (kind, cell, editor.last_refusal)
        for _ in range(clicks):
            assert editor.toggle(cell)
    states = Simulation(editor.board).run()
    return states, evaluate(editor.board, states)


TRUNK_TO_ALKMAAR = [("belt", (1, 3), 1, 0), ("belt", (2, 3), 1, 0), ("belt", (3, 3), 1, 0),
                    ("belt_corner", (4, 3), 2, 0)]


def test_the_fast_route_a_late_split_brings_amsterdam_too_little():
    """The diverter just below Alkmaar: the AMS isotopes ride 12 squares, and 16 halves three
    times on the way (2 left, Amsterdam needs 4)."""
    states, ev = _build("11-the-fast-route.yaml", [
        *TRUNK_TO_ALKMAAR, ("belt", (4, 2), 0, 0), ("diverter", (4, 1), 0, 1),
        ("belt_corner", (5, 1), 1, 0), ("belt", (5, 2), 2, 0), ("belt", (5, 3), 2, 0),
        ("belt_corner", (5, 4), 3, 0), ("belt", (6, 4), 1, 0), ("belt", (7, 4), 1, 0)])
    assert failed(ev) == {"strong_enough", "delivered"}
    assert ev.failures[0].cells == ((8, 4),) and ev.failures[0].goal.type.value == "strong_enough"
    assert states[-1].fact("received") == {(4, 0): 2, (8, 4): 0}, "Alkmaar's come in time"


def test_the_fast_route_alkmaar_by_the_east_side_is_too_slow():
    """Split where the row ends, AMS down to Amsterdam, ALK round the dune to the north: eight
    squares to Alkmaar, one halving too many (4 left, Alkmaar needs 8)."""
    _states, ev = _build("11-the-fast-route.yaml", [
        ("belt", (1, 3), 1, 0), ("belt", (2, 3), 1, 0), ("belt", (3, 3), 1, 0),
        ("diverter", (4, 3), 1, 1), ("belt_corner", (4, 4), 3, 0), ("belt", (5, 4), 1, 0),
        ("belt", (6, 4), 1, 0), ("belt", (7, 4), 1, 0),
        ("belt_corner", (5, 3), 2, 0), ("belt", (5, 2), 0, 0), ("belt_corner", (5, 1), 1, 0),
        ("belt_corner", (4, 1), 3, 0)])
    assert "strong_enough" in failed(ev)
    weak = next(r for r in ev.results if r.goal.type == GoalType.STRONG_ENOUGH)
    assert weak.cells == ((4, 0),)


def test_two_halvings_leave_a_quarter_on_either_short_way():
    for steps in ([("belt", (1, 3), 1, 0), ("belt", (2, 3), 1, 0), ("belt", (3, 3), 1, 0),
                   ("belt_corner", (4, 3), 2, 0), ("belt", (4, 2), 0, 0), ("belt", (4, 1), 0, 0)],
                  [("belt", (1, 3), 1, 0), ("belt", (2, 3), 1, 0), ("belt_corner", (3, 3), 2, 0),
                   ("belt", (3, 2), 0, 0), ("belt_corner", (3, 1), 0, 0),
                   ("belt_corner", (4, 1), 2, 0)]):
        states, ev = _build("10-two-halvings.yaml", steps)
        assert ev.solved, failed(ev)
        assert strengths(states)[:7] == [16, 16, 16, 8, 8, 8, 4], "the prediction's answer: 4"
