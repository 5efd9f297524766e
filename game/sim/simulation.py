"""One Test run: the board is frozen, then stepped tick by tick, deterministically.

The networks are worked out once when the run starts (the board cannot change while it
runs), so a step is only arithmetic over precomputed lists.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side, around
from game.sim.graph import PortGraph, components
from game.sim.parts import Medium, Role

Leak = tuple[Cell, Side | None]  # the spilling side, or None for a broken part


@dataclass(frozen=True)
class TickState:
    """What the board looks like during one tick; the renderer draws only from this."""

    tick: int
    daylight: bool
    powered: frozenset[Cell] = frozenset()  # consumers that got the power they needed
    dark: frozenset[Cell] = frozenset()  # consumers that needed power and got none
    live: frozenset[Cell] = frozenset()  # power parts carrying current
    overloaded: frozenset[Cell] = frozenset()  # every cell of a network asking too much
    producing: frozenset[Cell] = frozenset()  # sources making power or water
    charge: dict[Cell, float] = field(default_factory=dict)  # batteries
    wet: frozenset[Cell] = frozenset()  # water parts the water has reached
    arrival: dict[Cell, int] = field(default_factory=dict)  # water part -> tick water gets there
    leaks: frozenset[Leak] = frozenset()
    sprinkling: frozenset[Cell] = frozenset()
    thirsty: frozenset[Cell] = frozenset()  # sprinklers that got water but too little flow
    tank_level: dict[Cell, int] = field(default_factory=dict)
    bed_water: dict[Cell, int] = field(default_factory=dict)


@dataclass
class _PowerNet:
    cells: tuple[Cell, ...]
    sources: tuple[Piece, ...]
    batteries: tuple[Piece, ...]
    consumers: tuple[Piece, ...]


@dataclass
class _WaterNet:
    cells: tuple[Cell, ...]  # in order of arrival, then position
    supply: int
    sprinklers: tuple[Cell, ...]
    tanks: tuple[Cell, ...]
    leaks: tuple[tuple[Leak, int], ...]  # leak and the tick it starts


@dataclass(frozen=True)
class Flows:
    """Which way the media go through each part during a run (fixed for the whole run).

    Water: the sides it comes in by (from the part it reached a tick earlier) and goes out by.
    Power: for each conductor that current reaches from a source or battery, its joined sides
    and whether current comes in by that side (True) or goes out by it (False)."""

    water_in: dict[Cell, tuple[Side, ...]] = field(default_factory=dict)
    water_out: dict[Cell, tuple[Side, ...]] = field(default_factory=dict)
    power_steps: dict[Cell, int] = field(default_factory=dict)  # steps from the nearest source
    current: dict[Cell, tuple[tuple[Side, bool], ...]] = field(default_factory=dict)


def _conducts_power(p: Piece) -> bool:
    return not p.broken and (not p.spec.toggle or p.on)


def run_flows(graph: PortGraph, arrival: dict[Cell, int]) -> Flows:
    """The flows of a run from its port graph and the ticks water reaches each part."""
    flows = Flows()
    pieces = graph.pieces
    for cell, a in arrival.items():
        ins, outs = [], []
        for side in graph.sides(cell):
            other = graph.faces(cell, side)
            if other is not None and arrival.get(other) == a - 1 and a > 0:
                ins.append(side)
            elif not pieces[cell].broken:
                outs.append(side)
        flows.water_in[cell] = tuple(ins)
        flows.water_out[cell] = tuple(outs)
    starts = [c for c, p in sorted(pieces.items()) if p.spec.medium == Medium.POWER
              and _conducts_power(p) and p.spec.role in (Role.SOURCE, Role.STORAGE)]
    dist = graph.distances(starts, Medium.POWER, _conducts_power)
    flows.power_steps.update(dist)
    for cell, d in dist.items():
        if pieces[cell].spec.role != Role.CONDUCTOR:
            continue
        flows.current[cell] = tuple(
            (side, dist[other] < d) for side, other in graph.joined(cell)
            if _conducts_power(pieces[other]) and other in dist)
    return flows


class Simulation:
    def __init__(self, board: Board) -> None:
        self.board = board.copy()
        self.level = board.level
        self.ticks_total = self.level.ticks
        self.tick = 0
        self.states: list[TickState] = []
        self._charge: dict[Cell, float] = {}
        self._tank: dict[Cell, int] = {}
        self._bed: dict[Cell, int] = {}
        self._dist: dict[Cell, int] = {}  # water part -> tick the water gets there
        #: which port faces which: built once, shared by every medium and the board drawing
        self.graph = PortGraph(self.board.pieces)
        self._flows: Flows | None = None
        self._power = self._build_power()
        self._water = self._build_water()
        self._beds = tuple(sorted(c for c, p in self.board.pieces.items() if p.spec.role == Role.FIELD))

    # --- set-up ----------------------------------------------------------------------------
    def _build_power(self) -> list[_PowerNet]:
        def conducts(p: Piece) -> bool:
            return not p.broken and (not p.spec.toggle or p.on)

        nets = []
        for cells in components(self.graph.adjacency(Medium.POWER, conducts)):
            pieces = [self.board.pieces[c] for c in cells]
            for p in pieces:
                if p.spec.role == Role.STORAGE:
                    start = p.charge if p.charge is not None else 0
                    self._charge[p.at] = float(min(start, p.spec.capacity))
            nets.append(_PowerNet(
                cells=cells,
                sources=tuple(p for p in pieces if p.spec.role == Role.SOURCE),
                batteries=tuple(p for p in pieces if p.spec.role == Role.STORAGE),
                consumers=tuple(p for p in pieces if p.spec.role == Role.CONSUMER),
            ))
        # Broken consumers never light; list them so goals can point at them.
        self._broken_consumers = tuple(sorted(
            c for c, p in self.board.pieces.items()
            if p.broken and p.spec.medium == Medium.POWER and p.spec.role == Role.CONSUMER))
        return nets

    def _build_water(self) -> list[_WaterNet]:
        """Breadth-first from the sources: water reaches a part one tick per pipe."""
        pieces = self.board.pieces
        for cell, p in pieces.items():
            if p.spec.role == Role.TANK:
                self._tank[cell] = 0
            if p.spec.role == Role.FIELD:
                self._bed[cell] = 0
        sources = sorted(c for c, p in pieces.items()
                         if p.spec.medium == Medium.WATER and p.spec.role == Role.SOURCE
                         and not p.broken)
        claimed: dict[Cell, int] = {}  # parts already in a network
        nets = []
        for src in sources:
            if src in claimed:
                continue
            dist = {src: 0}
            queue = deque([src])
            leaks: list[tuple[Leak, int]] = []
            while queue:
                cell = queue.popleft()
                piece = pieces[cell]
                if piece.broken:
                    leaks.append(((cell, None), dist[cell]))
                    continue  # water pours out of the crack and goes no further
                for side in self.graph.sides(cell):
                    at = self.graph.faces(cell, side)
                    if at is None:
                        leaks.append(((cell, side), dist[cell]))
                        continue
                    other = pieces[at]
                    if other.spec.toggle and not other.on:
                        continue  # a closed valve caps the pipe: no water, no leak
                    if other.at not in dist:
                        dist[other.at] = dist[cell] + 1
                        queue.append(other.at)
            claimed.update(dist)
            order = tuple(sorted(dist, key=lambda c: (dist[c], c)))
            nets.append(_WaterNet(
                cells=order,
                supply=sum(pieces[c].spec.output for c in order
                           if pieces[c].spec.role == Role.SOURCE and not pieces[c].broken),
                sprinklers=tuple(c for c in order if pieces[c].spec.role == Role.CONSUMER
                                 and not pieces[c].broken),
                tanks=tuple(c for c in order if pieces[c].spec.role == Role.TANK
                            and not pieces[c].broken),
                leaks=tuple(leaks),
            ))
            self._dist.update(dist)
        return nets

    @property
    def flows(self) -> Flows:
        """Which way water and current go through each part in this run (for the drawing)."""
        if self._flows is None:
            self._flows = run_flows(self.graph, self._dist)
        return self._flows

    # --- running ---------------------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self.tick >= self.ticks_total

    def step(self) -> TickState:
        t = self.tick
        daylight = self.level.cycle.is_day(t)
        power = self._step_power(daylight)
        water = self._step_water(t)
        power["producing"] = power["producing"] | water.pop("producing")
        state = TickState(tick=t, daylight=daylight, **power, **water)
        self.states.append(state)
        self.tick += 1
        return state

    def run(self) -> list[TickState]:
        while not self.done:
            self.step()
        return self.states

    def _step_power(self, daylight: bool) -> dict:
        powered, dark, live, overloaded, producing = set(), set(self._broken_consumers), set(), set(), set()
        for net in self._power:
            supply = 0
            for s in net.sources:
                if daylight or not s.spec.daylight_only:
                    supply += s.spec.output
                    producing.add(s.at)
            needing = [c for c in net.consumers if not (c.spec.night_only and daylight)]
            demand = sum(c.spec.demand for c in needing)
            if supply >= demand:
                spare = supply - demand
                for b in net.batteries:
                    room = b.spec.capacity - self._charge[b.at]
                    take = min(spare, room, b.spec.rate)
                    self._charge[b.at] += take
                    spare -= take
                ok = True
            else:
                short = demand - supply
                can_give = sum(min(b.spec.rate, self._charge[b.at]) for b in net.batteries)
                ok = can_give >= short
                if ok:
                    for b in net.batteries:
                        give = min(short, b.spec.rate, self._charge[b.at])
                        self._charge[b.at] -= give
                        short -= give
                        if give:
                            producing.add(b.at)
                elif supply + can_give > 0:
                    overloaded.update(net.cells)
            if ok:
                powered.update(c.at for c in needing)
                if supply > 0 or any(b.at in producing for b in net.batteries):
                    live.update(net.cells)
            else:
                dark.update(c.at for c in needing)
        return {
            "powered": frozenset(powered), "dark": frozenset(dark), "live": frozenset(live),
            "overloaded": frozenset(overloaded), "producing": frozenset(producing),
            "charge": dict(self._charge),
        }

    def _step_water(self, t: int) -> dict:
        wet, leaks, sprinkling, thirsty, producing = set(), set(), set(), set(), set()
        for net in self._water:
            arrived = [c for c in net.cells if self._dist[c] <= t]
            wet.update(arrived)
            flow = net.supply
            producing.update(c for c in arrived
                             if self.board.pieces[c].spec.role == Role.SOURCE)
            for leak, start in net.leaks:
                if start <= t:
                    leaks.add(leak)
                    flow = max(0, flow - 1)  # a leak wastes water the rest does not get
            for c in net.sprinklers:
                if self._dist[c] > t:
                    continue
                if flow >= 1:
                    flow -= 1
                    sprinkling.add(c)
                else:
                    thirsty.add(c)
            for c in net.tanks:
                if self._dist[c] <= t:
                    room = self.board.pieces[c].spec.capacity - self._tank[c]
                    fill = min(room, flow)
                    self._tank[c] += fill
                    flow -= fill
        for bed in self._beds:
            if any(n in sprinkling for n in around(bed)):
                self._bed[bed] += 1
        return {
            "wet": frozenset(wet), "arrival": self._dist, "leaks": frozenset(leaks),
            "sprinkling": frozenset(sprinkling), "thirsty": frozenset(thirsty),
            "tank_level": dict(self._tank), "bed_water": dict(self._bed),
            "producing": frozenset(producing),
        }
