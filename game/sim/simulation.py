"""One Test run: the board is frozen, then stepped tick by tick, deterministically.

The networks are worked out once when the run starts (the board cannot change while it
runs), so a step is only arithmetic over precomputed lists.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side, around, neighbour
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


def _connected(board: Board, medium: Medium, conducts) -> dict[Cell, list[Cell]]:
    """Adjacency of the pieces of one medium that conduct: ports must face each other."""
    links: dict[Cell, list[Cell]] = {}
    for cell, piece in sorted(board.pieces.items()):
        if piece.spec.medium != medium or not conducts(piece):
            continue
        links[cell] = []
        for side in sorted(piece.ports):
            other = board.pieces.get(neighbour(cell, side))
            if (other is not None and other.spec.medium == medium and conducts(other)
                    and side.opposite() in other.ports):
                links[cell].append(other.at)
    return links


def _components(links: dict[Cell, list[Cell]]) -> list[tuple[Cell, ...]]:
    seen: set[Cell] = set()
    out = []
    for start in sorted(links):
        if start in seen:
            continue
        seen.add(start)
        group, queue = [], deque([start])
        while queue:
            cell = queue.popleft()
            group.append(cell)
            for nxt in links[cell]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        out.append(tuple(sorted(group)))
    return out


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
        self._power = self._build_power()
        self._water = self._build_water()
        self._beds = tuple(sorted(c for c, p in self.board.pieces.items() if p.spec.role == Role.FIELD))

    # --- set-up ----------------------------------------------------------------------------
    def _build_power(self) -> list[_PowerNet]:
        def conducts(p: Piece) -> bool:
            return not p.broken and (not p.spec.toggle or p.on)

        nets = []
        for cells in _components(_connected(self.board, Medium.POWER, conducts)):
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
                for side in sorted(piece.ports):
                    other = pieces.get(neighbour(cell, side))
                    if (other is None or other.spec.medium != Medium.WATER
                            or side.opposite() not in other.ports):
                        leaks.append(((cell, side), dist[cell]))
                        continue
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
