"""Power: networks of joined power parts; sources, batteries and consumers in each.

A network's supply is what its working sources give this tick in whole energy blocks
(:meth:`PowerMedium._gives`: a solar panel by the sunlight that reaches it, a turbine by the wind);
its demand what its consumers need now (a street light only at night). Spare energy charges
the batteries, up to their rate; a shortfall is taken from them, up to their rate and charge.

Two different ideas (SCIENCE.md, "shortage is not overload"):

- A **shortage** (tekort): a network that gives some energy but not enough for all its
  consumers this tick. None of them light, and its cells are ``short``.
- An **overload** (overbelast): too much energy through one cable. A fuse lets at most its
  ``limit`` of energy blocks a tick through; more, and it trips: it stays open for the rest of
  the run (``tripped``), and the houses behind it are cut off.

A **thermostat** is a switch that the heat medium opens when its probe felt its temperature
in the tick before (:func:`thermostats_off`); the networks are worked out again when one
switches, as when a fuse trips.

A **generator** is a backup (``PartSpec.backup``): it starts only in a tick in which the sun,
the wind and the batteries give too little, gives what is still missing (up to its output),
and in each tick it runs puts out its ``co2`` in CO2 blocks (``burning``). It never fills a
battery: a simplification, as is one cloud of CO2 for each moment it runs. A generator with a
``start_ticks`` param (the data centre's diesel generator) needs that many ticks to start up:
it begins to start in the first tick in which the other sources alone give too little (even
when the batteries make up the rest: it starts before they run empty, as a real one does when
the grid fails), gives nothing while it starts (``starting``), and from then on runs whenever
it is needed. Without the param it is ready at once, as the city's generator always was.

A source with a ``fails_at`` param (the grid connection) gives nothing from that tick on, for
the rest of the run (``failed``): a power cut. 0 means it never fails.

How much goes through a fuse (a game rule, simple on purpose): take the fuses out, and the
network falls apart into islands. An island whose consumers need more than its own sources
and batteries give takes the rest through the fuses that join it to an island nearer to a
source, shared equally between those fuses; that island passes it on the same way. So a fuse
carries what the houses behind it use, and two cables that feed the same street share it.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.sim.board import Board, Piece
from game.sim.environment import Weather
from game.sim.geometry import Cell
from game.sim.graph import PortGraph, components
from game.sim.media import Env, Facts, Shared
from game.sim.meter import Reading
from game.sim.parts import Medium, Role


def conducts(p: Piece) -> bool:
    """A power part passes current unless it is broken or a switch that is off."""
    return not p.broken and (not p.spec.toggle or p.on)


def thermostats_off(shared: Shared) -> frozenset[Cell]:
    """The thermostats that felt their temperature (or more) in the tick before, so are open
    now (game.sim.media.heat); in the first tick every thermostat is closed."""
    return frozenset(shared.before.get("heat", {}).get("switched_off", ()))


def is_fuse(p: Piece) -> bool:
    return p.spec.medium == Medium.POWER and p.spec.fuse


def uses_power(p: Piece) -> bool:
    """A consumer of energy: a house or light, or a machine of another medium at the end of
    a cable (a pump's plug; a pump on the greenhouse's ``socket`` takes none from the board)."""
    if p.spec.medium == Medium.POWER:
        return p.spec.role == Role.CONSUMER
    return p.spec.energy > 0 and not p.param("socket")


def load_of(p: Piece) -> int:
    """How busy a part with a ``load`` param is (a server rack: 1 to 3): it needs its
    ``energy`` that many times over, and gives that many times its heat; 1 for every other."""
    return int(p.param("load") or 1) if "load" in p.spec.options else 1


def energy_need(p: Piece) -> int:
    """Energy blocks a tick a consumer needs when it works."""
    return p.spec.demand if p.spec.medium == Medium.POWER else p.spec.energy * load_of(p)


def fails_at(p: Piece) -> int:
    """The moment from which a source with a ``fails_at`` param (the grid connection) gives
    nothing any more, for the rest of the run; 0: it never fails."""
    return int(p.param("fails_at") or 0)


def start_ticks(p: Piece) -> int:
    """The moments a generator with a ``start_ticks`` param needs to start up (0: none)."""
    return int(p.param("start_ticks") or 0)


@dataclass
class PowerNet:
    cells: tuple[Cell, ...]
    sources: tuple[Piece, ...]
    batteries: tuple[Piece, ...]
    consumers: tuple[Piece, ...]
    fuses: tuple[Piece, ...] = ()


class PowerMedium:
    name = "power"
    #: the facts of a tick, each a frozenset of cells unless noted
    FACTS: tuple[str, ...] = ("powered", "dark", "live", "short", "tripped", "producing",
                              "charge", "burning", "failed", "starting")

    def __init__(self) -> None:
        self.nets: list[PowerNet] = []
        self.charge: dict[Cell, float] = {}  # battery -> energy held
        self.broken_consumers: tuple[Cell, ...] = ()
        self.tripped: set[Cell] = set()  # fuses that tripped: open for the rest of the run
        self.switched_off: frozenset[Cell] = frozenset()  # thermostats open this tick
        self.meter: dict[Cell, Reading] = {}  # the last tick's readings (game.sim.meter)
        self.ran: dict[Cell, float] = {}  # generators that ran in the last tick: what each gave
        self.tick = 0
        #: generators with ``start_ticks``: the tick each one began to start
        self.started: dict[Cell, int] = {}
        self._graph: PortGraph | None = None
        self._board: Board | None = None
        #: each consumer's :func:`energy_need`, read once from its part and params (the board
        #: is frozen during a run)
        self.need: dict[Cell, int] = {}
        #: each power source's :func:`fails_at` tick (0: it never fails), read once
        self.fails: dict[Cell, int] = {}
        #: a board without a part of this medium (none with a power port): no network, no
        #: battery, no fuse, ever (:meth:`step` gives the same empty facts every tick)
        self.unpowered = False

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        self._graph, self._board = graph, board
        self.unpowered = not any(Medium.POWER in p.spec.media() for p in board.pieces.values())
        for p in board.pieces.values():
            if p.spec.medium == Medium.POWER and p.spec.role == Role.STORAGE:
                start = int(p.param("charge") or 0)
                self.charge[p.at] = float(min(start, p.spec.capacity))
        self.need = {c: energy_need(p) for c, p in board.pieces.items() if uses_power(p)}
        self.fails = {c: fails_at(p) for c, p in board.pieces.items()
                      if p.spec.role == Role.SOURCE and p.spec.medium == Medium.POWER}
        self._make_nets()
        # Broken consumers never light; list them so goals can point at them.
        self.broken_consumers = tuple(sorted(
            c for c, p in board.pieces.items()
            if p.broken and p.spec.medium == Medium.POWER and p.spec.role == Role.CONSUMER))

    def _conducts(self, p: Piece) -> bool:
        return conducts(p) and p.at not in self.tripped and p.at not in self.switched_off

    def _make_nets(self) -> None:
        """The networks as they are now (again after a fuse trips)."""
        assert self._graph is not None and self._board is not None
        board = self._board
        self.nets = []
        for cells in components(self._graph.adjacency(Medium.POWER, self._conducts)):
            pieces = [board.pieces[c] for c in cells]
            self.nets.append(PowerNet(
                cells=cells,
                sources=tuple(p for p in pieces if p.spec.role == Role.SOURCE
                              and p.spec.medium == Medium.POWER),
                batteries=tuple(p for p in pieces if p.spec.role == Role.STORAGE),
                consumers=tuple(p for p in pieces if uses_power(p)),
                fuses=tuple(p for p in pieces if is_fuse(p)),
            ))

    # --- overload: what goes through each fuse ---------------------------------------------
    def fuse_loads(self, net: PowerNet, weather: Weather, daylight: bool) -> dict[Cell, float]:
        """Energy blocks through each fuse of ``net`` this tick (see the module's rule)."""
        if not net.fuses:
            return {}
        assert self._graph is not None
        graph, pieces = self._graph, self._graph.pieces
        fuse_cells = {f.at for f in net.fuses}
        inner = [c for c in net.cells if c not in fuse_cells]
        inside = set(inner)
        island_of: dict[Cell, int] = {}
        adjacent = {c: [o for _s, o in graph.joined(c) if o in inside] for c in inner}
        for i, cells in enumerate(components(adjacent)):
            for c in cells:
                island_of[c] = i
        n = len(set(island_of.values()))
        need = [0.0] * n
        for c in inner:
            p = pieces[c]
            i = island_of[c]
            if p.spec.role == Role.SOURCE and p.spec.medium == Medium.POWER:
                need[i] -= 0 if self._down(p) else self._gives(p, weather)
            elif p.spec.role == Role.STORAGE:
                need[i] -= min(p.spec.rate, self.charge[c])
            elif uses_power(p) and not (p.spec.night_only and daylight):
                need[i] += self.need[c]
        # which islands each fuse joins, and how far each island is from one that gives
        joins: dict[Cell, tuple[int, ...]] = {}
        for f in sorted(fuse_cells):
            joins[f] = tuple(sorted({island_of[o] for _s, o in graph.joined(f)
                                     if o in island_of}))
        dist = {i: 0 for i in range(n) if need[i] < 0}
        queue = deque(sorted(dist))
        while queue:
            i = queue.popleft()
            for f in sorted(fuse_cells):
                if i in joins[f]:
                    for j in joins[f]:
                        if j not in dist:
                            dist[j] = dist[i] + 1
                            queue.append(j)
        load = {f: 0.0 for f in fuse_cells}
        for i in sorted((i for i in dist if dist[i] > 0), key=lambda i: (-dist[i], i)):
            if need[i] <= 0:
                continue
            feeds = [(f, j) for f in sorted(fuse_cells) if i in joins[f]
                     for j in joins[f] if j != i and dist.get(j, -1) == dist[i] - 1]
            for f, j in feeds:
                share = need[i] / len(feeds)
                load[f] += share
                need[j] += share
        return load

    @staticmethod
    def _gives(source: Piece, weather: Weather) -> int:
        """The whole energy blocks a source gives this tick: its output times the weather
        amount that drives it (``PartSpec.driven_by``), rounded down, because a part gives a
        block only once it has made a whole one. The sun that reaches a panel is its daylight
        less the cloud (a panel: clear 2, cloudy 1, night 0); the wind is 0 in calm air, 1 in a
        breeze and 2 in a strong wind (a turbine: 0, 3, 6). That a strong wind gives exactly
        twice as much is a game rule: a real turbine gives far more, up to the most it is built
        for. A source without a driver always gives its output."""
        output = source.spec.output
        driver = source.spec.driven_by
        if driver is None:
            return output
        return max(0, math.floor(output * weather.amount(driver) + 1e-9))

    def _down(self, source: Piece) -> bool:
        """A source that failed (its ``fails_at`` tick came): it gives nothing now."""
        at = self.fails[source.at]
        return at > 0 and self.tick >= at

    def _ready(self, generator: Piece) -> bool:
        """A backup that can run this tick: one without ``start_ticks``, or one that began
        to start at least that many ticks ago."""
        wait = start_ticks(generator)
        if wait <= 0:
            return True
        began = self.started.get(generator.at)
        return began is not None and self.tick - began >= wait

    def _trip_fuses(self, weather: Weather, daylight: bool) -> None:
        """Trip every fuse that carries more than its limit; again until none does."""
        assert self._graph is not None
        pieces = self._graph.pieces
        while True:
            over = [cell for net in self.nets
                    for cell, amount in self.fuse_loads(net, weather, daylight).items()
                    if amount > int(pieces[cell].param("limit") or 0)]
            if not over:
                return
            self.tripped.update(over)
            self._make_nets()

    def _readings(self, net: PowerNet, weather: Weather, ok: bool, needing: list[Piece],
                  before: dict[Cell, float]) -> dict[Cell, Reading]:
        """What flows through each part of one network this tick, in energy blocks: a source
        what it makes, a battery what goes in or out, a consumer what it gets (and needs), a
        cable what the network carries to the consumers and into the batteries."""
        charge = self.charge
        used = sum(self.need[c.at] for c in needing) if ok else 0
        stored = sum(max(0.0, charge[b.at] - before[b.at]) for b in net.batteries)
        out: dict[Cell, Reading] = {}
        carried = Reading(used + stored)  # one reading for every cable: it cannot change
        for cell in net.cells:
            out[cell] = carried
        for s in net.sources:  # a generator: what it gave this tick (0 when it stood still)
            out[s.at] = Reading(self.ran.get(s.at, 0) if s.spec.backup
                                else 0 if self._down(s) else self._gives(s, weather))
        for b in net.batteries:
            out[b.at] = Reading(abs(charge[b.at] - before[b.at]), store=charge[b.at])
        for c in net.consumers:
            needs = c in needing
            out[c.at] = Reading(self.need[c.at] if ok and needs else 0,
                                need=self.need[c.at] if needs else 0)
        return out

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        weather = env.weather
        daylight = env.daylight
        self.tick = tick
        off = thermostats_off(shared)
        if self.unpowered:  # what the rest of this method gives without a power part
            self.switched_off, self.ran, self.meter = off, {}, {}
            none: frozenset[Cell] = frozenset()
            return {"powered": none, "dark": none, "live": none, "short": none,
                    "tripped": none, "producing": none, "charge": {}, "burning": none,
                    "failed": none, "starting": none}
        if off != self.switched_off:
            self.switched_off = off
            self._make_nets()
        self._trip_fuses(weather, daylight)
        powered: set[Cell] = set()
        dark: set[Cell] = set(self.broken_consumers)
        live: set[Cell] = set()
        short_cells: set[Cell] = set()
        burning: set[Cell] = set()  # generators that ran this tick (and put out CO2)
        failed: set[Cell] = set()  # sources whose fails_at tick came: a power cut
        starting: set[Cell] = set()  # generators starting up (start_ticks), giving nothing
        self.ran = {}
        producing: set[Cell] = set()
        charge = self.charge
        meter: dict[Cell, Reading] = {}  # what the measuring probe shows, cell by cell
        for net in self.nets:
            supply = 0
            before = {b.at: charge[b.at] for b in net.batteries}
            for s in net.sources:
                if self._down(s):
                    failed.add(s.at)
                    continue
                given = 0 if s.spec.backup else self._gives(s, weather)
                if given > 0:
                    supply += given
                    producing.add(s.at)
            needing = [c for c in net.consumers if not (c.spec.night_only and daylight)]
            demand = sum(self.need[c.at] for c in needing)
            if supply >= demand:
                spare: float = supply - demand
                for b in net.batteries:
                    room = b.spec.capacity - charge[b.at]
                    take = min(spare, room, b.spec.rate)
                    charge[b.at] += take
                    spare -= take
                ok = True
            else:
                short: float = demand - supply
                can_give = sum(min(b.spec.rate, charge[b.at]) for b in net.batteries)
                # a generator (a backup) starts only for what the batteries cannot give
                backups = [s for s in net.sources if s.spec.backup]
                for g in backups:  # one that needs to start up begins now
                    if start_ticks(g) > 0 and g.at not in self.started:
                        self.started[g.at] = tick
                starting.update(g.at for g in backups if not self._ready(g))
                backups = [g for g in backups if self._ready(g)]
                can_back = sum(s.spec.output for s in backups)
                ok = can_give + can_back >= short
                if ok:
                    for b in net.batteries:
                        give = min(short, b.spec.rate, charge[b.at])
                        charge[b.at] -= give
                        short -= give
                        if give:
                            producing.add(b.at)
                    for g in backups:
                        if short > 0:
                            self.ran[g.at] = min(short, g.spec.output)
                            short -= self.ran[g.at]
                            burning.add(g.at)
                            producing.add(g.at)
                elif supply + can_give + can_back > 0:
                    # a shortage: it gives something, but not enough for all of them
                    short_cells.update(net.cells)
            if ok:
                powered.update(c.at for c in needing)
                if supply > 0 or any(p.at in producing for p in (*net.batteries, *net.sources)):
                    live.update(net.cells)
            else:
                dark.update(c.at for c in needing)
            meter.update(self._readings(net, weather, ok, needing, before))
        self.meter = meter
        return {
            "powered": frozenset(powered), "dark": frozenset(dark), "live": frozenset(live),
            "short": frozenset(short_cells), "tripped": frozenset(self.tripped),
            "producing": frozenset(producing), "charge": dict(charge),
            "burning": frozenset(burning), "failed": frozenset(failed),
            "starting": frozenset(starting),
        }
