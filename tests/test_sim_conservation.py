"""Energy and water are conserved: on random small boards from the whole catalogue, every
tick, what the sources gave is what the consumers used, plus what storage took, minus what
storage gave back, plus what leaked, plus what was left unused where the medium says it may
be (a shortage; spare that no battery or tank had room for).

The books are kept here, from the facts of each tick and the port graph, not from the
media's own lists, so a medium that loses or makes energy or water is caught:

Power, per network (the power parts joined through parts that conduct: not broken, not a
switch that is off, not a fuse that tripped): the sources whose driver (sun, wind) is above
zero give their output. Either every consumer that needs energy now gets it, or (a shortage)
none does, and then no battery moves and all that was given is left unused. Batteries give
only when the sources alone fall short, exactly the shortfall; spare is left unused only when
no battery in the network had room and rate left.

Water, per network (what the water reaches from its sources): the sources give their output;
every open end or crack the water has reached loses one unit while there is flow (the leak
rule in game/sim/media/water.py), every sprinkler that sprinkles uses one, the tanks take the
rise of their level. What is left is unused (the tap gives only what is drawn): only when no
tank the water reached has room and no sprinkler went thirsty.
"""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.board import Board, Piece
from game.sim.catalogue import CATALOGUE
from game.sim.environment import Environment, Weather
from game.sim.geometry import Cell, Side, around, neighbour
from game.sim.graph import PortGraph, components
from game.sim.media.power import PowerMedium
from game.sim.model import Cycle, PlacedPart
from game.sim.parts import Medium, Role
from game.sim.simulation import Simulation, TickState
from tests import golden_record
from tests.sim_helpers import make_level

#: the parts of the energy and water media (items on belts have their own property tests:
#: tests/test_sim_items.py)
KINDS = sorted(k for k in CATALOGUE if CATALOGUE[k].medium != Medium.ITEMS)


#: the kinds of each medium (beds with the water); a board is mostly of one medium, so that
#: its random parts join into networks often enough
BY_MEDIUM = {
    "power": [k for k in KINDS if CATALOGUE[k].medium == Medium.POWER],
    "water": [k for k in KINDS if CATALOGUE[k].medium in (Medium.WATER, Medium.NONE)],
    "both": KINDS,
}


@st.composite
def boards(draw) -> Board:
    width = draw(st.integers(1, 6))
    height = draw(st.integers(1, 6))
    kinds = BY_MEDIUM[draw(st.sampled_from(sorted(BY_MEDIUM)))]
    parts = []
    for cell in [(x, y) for y in range(height) for x in range(width)]:
        if draw(st.integers(0, 9)) < 2:
            continue  # an empty cell now and then
        kind = draw(st.sampled_from(kinds))
        spec = CATALOGUE[kind]
        params: dict[str, int | bool] = {}
        if spec.toggle:
            params["on"] = draw(st.integers(0, 3)) > 0
        if spec.role == Role.STORAGE:
            params["charge"] = draw(st.integers(0, spec.capacity))
        if spec.role == Role.FIELD:
            params["needs"] = draw(st.integers(1, 8))
        if spec.fuse:
            params["limit"] = draw(st.integers(1, 5))
        if spec.energy:  # a pump on the greenhouse's socket, or one that needs a cable
            params["socket"] = draw(st.booleans())
        parts.append(PlacedPart(kind, cell, rotation=draw(st.integers(0, 3)),
                                broken=draw(st.integers(0, 9)) == 0, params=params))
    ticks = draw(st.integers(1, 14))
    level = make_level(parts=parts, width=width, height=height, ticks=ticks,
                       cycle=Cycle(day=draw(st.integers(1, 4)), night=draw(st.integers(0, 4))))
    if draw(st.booleans()):  # a weather strip of its own: sun, cloud and calm at random
        amounts = st.sampled_from([0.0, 0.5, 1.0])
        weather = st.builds(Weather, daylight=amounts, cloud=amounts, wind=amounts)
        strip = draw(st.lists(weather, min_size=1, max_size=ticks))
        level = make_level(parts=parts, width=width, height=height, ticks=ticks)
        object.__setattr__(level, "environment", Environment(tuple(strip)))
    return Board(level)


LEVELS = golden_record.levels()


@st.composite
def changed_levels(draw) -> Board:
    """A shipped level's solved board (its networks do join), changed at random: parts taken
    away, turned, switched, broken, batteries charged, random parts on empty cells."""
    level = draw(st.sampled_from(LEVELS))
    board, _answer = golden_record.solution_board(level)
    board = board.copy()
    for cell in sorted(board.pieces):
        piece = board.pieces[cell]
        change = draw(st.integers(0, 11))
        if change == 0:
            del board.pieces[cell]
        elif change == 1 and piece.spec.rotates:
            piece.rotation = draw(st.integers(0, 3))
        elif change == 2 and piece.spec.toggle:
            piece.on = not piece.on
        elif change == 3:
            piece.broken = not piece.broken
        elif change == 4 and piece.spec.role == Role.STORAGE:
            piece.charge = draw(st.integers(0, piece.spec.capacity))
    empty = [(x, y) for y in range(board.height) for x in range(board.width)
             if (x, y) not in board.pieces]
    for cell in draw(st.lists(st.sampled_from(empty), unique=True, max_size=4)) if empty else []:
        kind = draw(st.sampled_from(KINDS))
        board.pieces[cell] = Piece(kind, cell, rotation=draw(st.integers(0, 3)))
    return board


def _run(board: Board) -> tuple[Simulation, list[TickState]]:
    sim = Simulation(board)
    return sim, sim.run()


# --- power ---------------------------------------------------------------------------------
def _power_nets(graph: PortGraph, tripped: frozenset[Cell],
                open_: frozenset[Cell] = frozenset()) -> list[tuple[Cell, ...]]:
    """The networks with the fuses that tripped and the thermostats that are open taken out."""
    def conducts(p: Piece) -> bool:
        return (not p.broken and (not p.spec.toggle or p.on) and p.at not in tripped
                and p.at not in open_)

    return components(graph.adjacency(Medium.POWER, conducts))


def _need(p: Piece) -> int:
    """A consumer's energy a tick: a server rack's times its ``load``."""
    if p.spec.medium == Medium.POWER:
        return p.spec.demand
    return p.spec.energy * (int(p.param("load") or 1) if "load" in p.spec.options else 1)


def _check_power(board: Board, graph: PortGraph, states: list[TickState]) -> None:
    pieces = board.pieces
    charge = {c: float(min(int(p.param("charge") or 0), p.spec.capacity))
              for c, p in pieces.items()
              if p.spec.role == Role.STORAGE and p.spec.medium == Medium.POWER}
    tripped_before: frozenset[Cell] = frozenset()
    thermostats_open: frozenset[Cell] = frozenset()  # as the heat medium felt the tick before
    nets: dict[tuple[frozenset[Cell], frozenset[Cell]], list[tuple[Cell, ...]]] = {}
    broken_consumers = [c for c, p in pieces.items() if p.broken and p.spec.medium == Medium.POWER
                        and p.spec.role == Role.CONSUMER]
    #: each network's sources, batteries and the consumers that may need energy (the parts
    #: of a network never change: sorted out once per network, not every tick)
    kinds: dict[tuple[Cell, ...], tuple[list[Piece], list[Piece], list[Piece]]] = {}
    for state in states:
        after = state.charge
        assert set(after) == set(charge)
        assert tripped_before <= state.tripped  # a tripped fuse stays open
        tripped_before = state.tripped
        assert not state.powered & state.dark
        for c in broken_consumers:
            assert c in state.dark and c not in state.powered
        in_a_net: set[Cell] = set()
        key = (state.tripped, thermostats_open)  # the networks change only when these do
        if key not in nets:
            nets[key] = _power_nets(graph, *key)
        for net in nets[key]:
            in_a_net.update(net)
            if net not in kinds:
                parts = [pieces[c] for c in net]
                kinds[net] = (
                    [p for p in parts if p.spec.role == Role.SOURCE
                     and p.spec.medium == Medium.POWER],
                    [p for p in parts
                     if p.spec.role == Role.STORAGE and p.spec.medium == Medium.POWER],
                    # a house or light, or a pump on a cable (not on the greenhouse's socket)
                    [p for p in parts if (p.spec.role == Role.CONSUMER
                                          if p.spec.medium == Medium.POWER
                                          else p.spec.energy and not p.param("socket"))])
            sources, batteries, consumers = kinds[net]
            needing = [p for p in consumers if not (p.spec.night_only and state.daylight)]
            # a generator (a backup) gives only what the rest lacks, in a tick it runs
            backups = [s for s in sources if s.spec.backup]
            ran = sum(state.meter[g.at].amount for g in backups if g.at in state.fact("burning"))
            assert all(state.meter[g.at].amount <= g.spec.output for g in backups
                       if g.at in state.fact("burning")), state.tick
            # the whole blocks the weather lets each give (a grid connection that failed: none)
            gave = ran + sum(PowerMedium._gives(s, state.weather) for s in sources
                             if not s.spec.backup and s.at not in state.fact("failed", ()))
            demand = sum(_need(p) for p in needing)
            used = sum(_need(p) for p in needing if p.at in state.powered)
            took = sum(max(0.0, after[b.at] - charge[b.at]) for b in batteries)
            gave_back = sum(max(0.0, charge[b.at] - after[b.at]) for b in batteries)
            unused = gave + gave_back - used - took
            where = (state.tick, net)
            assert unused >= -1e-9, where  # nothing is made out of nothing
            for b in batteries:
                moved = after[b.at] - charge[b.at]
                assert 0 <= after[b.at] <= b.spec.capacity, where
                assert abs(moved) <= b.spec.rate + 1e-9, where
            if used == demand:  # served: every consumer that needs energy got it
                assert all(p.at not in state.dark for p in needing), where
                if gave_back:
                    assert took == 0 and abs(unused) < 1e-9 and gave < demand, where
                if unused > 1e-9:  # spare left over: no battery could take more
                    for b in batteries:
                        room = b.spec.capacity - charge[b.at]
                        assert after[b.at] - charge[b.at] >= min(room, b.spec.rate) - 1e-9, where
            else:  # a shortage: nobody gets a part of it, no battery moves
                assert used == 0 and took == 0 and gave_back == 0, where
                assert all(p.at in state.dark for p in needing), where
                can_give = sum(min(b.spec.rate, charge[b.at]) for b in batteries)
                # a generator still starting up (start_ticks) cannot give yet
                can_back = sum(g.spec.output for g in backups
                               if g.at not in state.fact("starting", ()))
                assert ran == 0 and gave + can_give + can_back < demand, where
                assert (set(net) <= state.short) == (gave + can_give + can_back > 0), where
        # a consumer outside every network (broken) never lights
        assert all(c in in_a_net for c in state.powered)
        charge = dict(after)
        thermostats_open = frozenset(state.fact("switched_off", ()))


# --- water ---------------------------------------------------------------------------------
def _reach(board: Board, graph: PortGraph, src: Cell) -> dict[Cell, int]:
    """Steps from ``src`` over joined water ports, stopping at a crack and never entering a
    closed valve."""
    pieces = board.pieces
    dist, queue = {src: 0}, deque([src])
    while queue:
        cell = queue.popleft()
        if pieces[cell].broken:
            continue
        for side in graph.sides(cell, Medium.WATER):
            other = graph.faces(cell, side)
            if other is None or other in dist:
                continue
            if pieces[other].spec.toggle and not pieces[other].on:
                continue
            dist[other] = dist[cell] + 1
            queue.append(other)
    return dist


def _water_nets(board: Board, graph: PortGraph) -> list[tuple[list[Cell], list[Cell]]]:
    """(cells, working sources) of each network: what the water can reach from a working
    source (taps and pumps before drains)."""
    pieces = board.pieces
    seen: set[Cell] = set()
    nets = []
    for src in sorted((c for c, p in pieces.items() if p.spec.medium == Medium.WATER
                       and p.spec.role == Role.SOURCE and not p.broken),
                      key=lambda c: (pieces[c].spec.drain, c)):
        if src in seen:
            continue
        reach = set(_reach(board, graph, src))
        seen |= reach
        nets.append((sorted(reach), [c for c in sorted(reach)
                                     if pieces[c].spec.role == Role.SOURCE
                                     and pieces[c].spec.medium == Medium.WATER
                                     and not pieces[c].broken]))
    return nets


def _push(source_pressure: int, steps: int) -> int:
    """The books' own copy of the pressure rule: one less every three parts, at least 1."""
    return max(1, source_pressure - steps // 3)


def _check_water(board: Board, graph: PortGraph, states: list[TickState]) -> None:
    """Water is conserved except at sources, sinks (sprinklers, drip lines, beds), storage
    (tanks) and leaks: every tick, per network, what the taps and pumps gave plus what the
    drains sent back is what leaked (the pressure there, while there is flow), what the
    sprinklers and drip lines took, what the tanks rose, and what nobody drew."""
    pieces = board.pieces
    nets = _water_nets(board, graph)
    level = {c: 0 for c, p in pieces.items() if p.spec.role == Role.TANK}
    beds = {c: 0 for c, p in pieces.items() if p.spec.role == Role.FIELD}
    drains = {c for c, p in pieces.items() if p.spec.drain and not p.broken}
    back = {c: 0 for c in drains}  # what each drain caught last tick
    used = 0
    reachable = {c for cells, _ in nets for c in cells}
    closed_valves = [c for c, p in pieces.items()
                     if p.spec.toggle and not p.on and p.spec.medium == Medium.WATER]
    around_bed = {bed: around(bed) for bed in beds}
    needs_of = {bed: int(pieces[bed].param("needs") or 0) for bed in beds}
    steps = {s: _reach(board, graph, s) for _cells, sources in nets for s in sources}

    def drip_beds(cell: Cell) -> list[Cell]:
        p = pieces[cell]
        return [n for side in sorted(set(range(4)) - {int(x) for x in p.ports})
                if (n := neighbour(cell, Side(side))) in beds]

    def drain_at_end(drip: Cell) -> Cell | None:
        """The drain joined to ``drip``'s line through drip lines only (the first one found
        from the drains in cell order)."""
        for drain in sorted(drains):
            seen, queue = set(), deque([drain])
            while queue:
                cell = queue.popleft()
                for _side, other in graph.joined(cell, Medium.WATER):
                    if other not in seen and pieces[other].spec.drip and not pieces[other].broken:
                        if other == drip:
                            return drain
                        seen.add(other)
                        queue.append(other)
        return None

    for state in states:
        assert state.wet <= reachable  # water only where a source can send it
        assert state.sprinkling <= state.wet and state.thirsty <= state.wet
        assert not state.sprinkling & state.thirsty
        for c in closed_valves:
            assert c not in state.wet  # a closed valve lets nothing in
        drops: dict[Cell, list[Cell]] = {}
        fresh_used = 0
        for cells, sources in nets:
            inside = set(cells)
            giving = [s for s in sources
                      if (back[s] > 0 if s in drains else
                          not pieces[s].spec.energy or bool(pieces[s].param("socket"))
                          or s in state.powered)]
            fresh = sum(pieces[s].spec.output for s in giving if s not in drains)
            gave = fresh + sum(back[s] for s in giving if s in drains)
            where = (state.tick, cells)
            if gave == 0:
                # nothing flows, nothing is wet: except a broken part this network shares with
                # one that flows (water spills there from the other side)
                elsewhere = {c for other, _s in nets if other is not cells for c in other}
                dry = {c for c in inside if not (pieces[c].broken and c in elsewhere)}
                assert not dry & state.wet, where
                continue
            sprinkled = sum(1 for c in cells if c in state.sprinkling)
            stored = sum(state.tank_level[c] - level[c] for c in cells if c in level)
            leaked = sum(n for c, n in state.fact("leaked").items() if c in inside)
            # every leak loses the push where it is (the strongest working source's), in turn,
            # while there is flow
            open_push = sum(max(_push(pieces[s].spec.pressure, steps[s][cell])
                                for s in giving if cell in steps[s])
                            for cell, _side in state.leaks if cell in inside)
            assert leaked == min(open_push, gave), where
            dripping = [c for c in cells if c in state.fact("dripping")]
            assert all(drip_beds(c) for c in dripping), where  # a hose with no bed gives none
            rest = gave - leaked - stored - sprinkled - len(dripping)
            assert stored >= 0 and rest >= 0, where
            for c in dripping:
                for bed in drip_beds(c):
                    drops.setdefault(bed, []).append(c)
            unused = rest
            reached_tanks = [c for c in cells if c in level and c in state.wet
                             and not pieces[c].broken]
            if unused > 0:  # water left over: nowhere for it to go
                assert not any(c in state.thirsty for c in cells), where
                assert all(state.tank_level[c] == pieces[c].spec.capacity
                           for c in reached_tanks), where
            fresh_used += max(0, fresh - unused)
        for c in level:
            assert 0 <= state.tank_level[c] <= pieces[c].spec.capacity
        assert state.leaks == {leak for leak in state.leaks if leak[0] in state.wet}
        used += fresh_used
        assert state.fact("water_used") == used  # the fresh water counted, no more, no less
        # a bed gets one tick's water from a sprinkler next to it or a drip line beside it; a
        # drip line's unit that no bed needed runs off into the drain at the end of its line
        # (back next tick) or is lost
        caught = {c: 0 for c in drains}
        taken: set[Cell] = set()
        sprinkling = state.sprinkling
        for bed in beds:
            sprayed = any(n in sprinkling for n in around_bed[bed])
            got = state.bed_water[bed] - beds[bed]
            assert got == (1 if sprayed or drops.get(bed) else 0)
            needs = needs_of[bed]
            if drops.get(bed) and beds[bed] < needs and not sprayed:
                taken.add(drops[bed][0])
        for c in sorted(set(state.fact("dripping")) - taken):
            drain = drain_at_end(c)
            if drain is not None:
                caught[drain] += 1
            else:
                assert c in state.fact("wasting")
        back = caught
        level = dict(state.tank_level)
        beds = dict(state.bed_water)


@settings(max_examples=100, deadline=None)
@given(st.one_of(boards(), changed_levels()))
def test_energy_and_water_are_conserved_on_random_boards(board):
    sim, states = _run(board)
    assert len(states) == board.level.ticks
    _check_power(sim.board, sim.graph, states)
    _check_water(sim.board, sim.graph, states)


def test_the_books_catch_a_medium_that_makes_energy(monkeypatch):
    """The checks are not empty: a battery that charges from nothing breaks them."""
    from game.sim.media import power

    level = make_level(parts=[PlacedPart("battery", (0, 0), charge=0),
                              PlacedPart("house", (1, 0))], width=2, height=1, ticks=2)
    original = power.PowerMedium.step

    def step(self, tick, env, shared):
        for cell in self.charge:
            self.charge[cell] += 1  # energy out of nowhere
        return original(self, tick, env, shared)

    monkeypatch.setattr(power.PowerMedium, "step", step)
    sim, states = _run(Board(level))
    try:
        _check_power(sim.board, sim.graph, states)
    except AssertionError:
        return
    raise AssertionError("a battery charging from nothing went unnoticed")


def test_the_books_catch_a_tank_that_fills_past_its_tap(monkeypatch):
    from game.sim.media import water

    level = make_level(parts=[PlacedPart("tap", (0, 0), rotation=0),
                              PlacedPart("tank", (0, 1), rotation=2)],
                       width=1, height=2, ticks=3)
    original = water.WaterMedium.step

    def step(self, tick, env, shared):
        facts = original(self, tick, env, shared)
        for cell in self.tank:
            self.tank[cell] += 1  # a unit the tap never gave
        facts["tank_level"] = dict(self.tank)
        return facts

    monkeypatch.setattr(water.WaterMedium, "step", step)
    sim, states = _run(Board(level))
    assert states[-1].tank_level[(0, 1)] > 0
    try:
        _check_water(sim.board, sim.graph, states)
    except AssertionError:
        return
    raise AssertionError("a tank filling past its tap went unnoticed")


def test_energy_and_water_are_conserved_in_every_recorded_run():
    """The same books on every run the golden files hold (each level's start, its solution
    and the variants around it), so the rare paths are surely kept: charging and emptying
    batteries, tripped fuses, shortages, thirsty sprinklers, full tanks, broken parts."""
    seen: set[str] = set()
    for level in LEVELS:
        with golden_record.no_cycle_collector():  # (see there: the same results, sooner)
            for _name, board, _answer in golden_record.variants(level):
                sim, states = _run(board)
                _check_power(sim.board, sim.graph, states)
                _check_water(sim.board, sim.graph, states)
                for before, after in zip(states, states[1:], strict=False):
                    if any(after.charge[c] > before.charge[c] for c in after.charge):
                        seen.add("charging")
                    if any(after.charge[c] < before.charge[c] for c in after.charge):
                        seen.add("emptying")
                seen |= {name for name in ("short", "tripped", "thirsty", "sprinkling",
                                           "leaks")
                         if any(getattr(s, name) for s in states)}
    assert seen == {"charging", "emptying", "short", "tripped", "thirsty", "sprinkling", "leaks"}


@pytest.mark.parametrize("loss", ["0", "1", "2"])
def test_the_books_catch_a_changed_leak_rule(monkeypatch, loss):
    """A leak that loses other than the rule says (the mutants of test_sim_mutations) breaks
    the books on the recorded runs."""
    from game.sim.media import water
    from tests.test_sim_mutations import _mutated_step

    monkeypatch.setattr(water.WaterMedium, "step", _mutated_step(loss))
    with pytest.raises(AssertionError):
        test_energy_and_water_are_conserved_in_every_recorded_run()


def test_a_crack_between_two_taps_leaks_from_the_nearer_tap_at_once():
    """Water stops at a crack, so both taps' networks hold the cracked pipe, at different
    distances: each network counts its own arrival (once the board's one list made the nearer
    tap's leak start before its water had 'arrived', and the run stopped with an error)."""
    pipe = [PlacedPart("pipe_straight", (x, 1), 1, broken=x == 2) for x in range(1, 6)]
    level = make_level(parts=[PlacedPart("tap", (0, 1), 3), *pipe, PlacedPart("tap", (6, 1), 1)],
                       width=7, height=3, ticks=6, goals=())
    states = Simulation(Board(level)).run()
    leaking = [s.tick for s in states if ((2, 1), None) in s.leaks]
    assert leaking and leaking[0] == 2  # the near tap's water reaches the crack at tick 2
