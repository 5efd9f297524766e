"""Water: from each working source breadth-first through joined water parts, one part a tick.

Where the water comes from (SCIENCE.md, "Water"):

- A **tap** is a valve on the water company's mains pipe, which pumps and water towers far
  away keep under pressure; it gives its output every tick with the same push (pressure 1)
  everywhere on the board.
- A **pump** pushes harder (its ``pressure``, 3) but only in a tick in which it gets its
  energy: power steps before water in a tick, and a pump works when the power medium counted
  it ``powered`` through the cable at its plug, or when it stands on the greenhouse's own
  socket (its ``socket`` param). A pump without energy gives nothing (``no_power``).
- A **drain** gives back, one tick later, the drip water the beds around it did not take.

A network's flow this tick is what its working sources give. Then, in this order:

1. **Leaks.** Every open pipe end (or broken part) the water has reached spills water, more
   where the push is higher. The push at a part (game rule, simple on purpose): a source's
   pressure, one less for every :data:`PRESSURE_STEP` parts the water went from it, never
   below 1; the strongest working source counts. A leak loses :func:`leak_loss` of it: as
   many units a tick as the pressure there. So a crack right next to a pump loses 3 a tick,
   one far down the pipe 1, and a crack on a tap's pipe 1.
2. **Float valves.** A tank behind a float valve takes what it has room for, first: the
   valve, not the water, decides that the tank fills first. When the tank is full the float
   comes up and the valve closes (``float_closed``); then the water goes on to the rest.
3. **Sprinklers and drip lines**, in order of arrival: a sprinkler takes one unit (too little
   left: thirsty) and waters every bed around it, but loses part of its spray in the air
   (``wasting``); a drip line with beds beside it (on its two sides without a pipe end)
   takes one unit and gives each of them a drop (too little left: thirsty). A drip line with
   no bed beside it is only a hose.
4. **Other tanks** fill with what is left over.

What the sources could give but nobody took stays in the mains or the pump (a tap gives only
what is drawn). A drip line's unit that none of its beds needed (they had enough already, or
a sprinkler watered them too) runs off: the drain at the end of that drip line (joined to it
through drip lines only) catches it and sends it back into its pipe the next tick, else it is
lost (``wasting``). ``water_used`` counts the fresh water the taps and pumps gave since the
start; water sent back is used first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side, around, neighbour
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.meter import Reading
from game.sim.parts import Medium, Role

Leak = tuple[Cell, Side | None]  # the spilling side, or None for a broken part

#: the push falls by one every this many parts from the source (a game rule)
PRESSURE_STEP = 3


def pressure_from(source_pressure: int, steps: int) -> int:
    """The push ``steps`` parts from a source that pushes ``source_pressure`` (at least 1)."""
    return max(1, source_pressure - steps // PRESSURE_STEP)


def leak_loss(pressure: int) -> int:
    """Units a tick an open end or a crack loses where the push is ``pressure`` (a game rule:
    more push, more water out of the hole; in nature it grows more slowly than this)."""
    return pressure


@dataclass
class WaterNet:
    cells: tuple[Cell, ...]  # in order of arrival, then position
    supply: int  # what the taps and pumps give when they all work
    sprinklers: tuple[Cell, ...]
    tanks: tuple[Cell, ...]
    leaks: tuple[tuple[Leak, int], ...]  # leak and the tick it starts
    sources: tuple[Cell, ...] = ()  # working taps, pumps and drains in the network
    drips: tuple[Cell, ...] = ()  # drip lines, in order of arrival
    float_tanks: tuple[Cell, ...] = ()  # tanks behind a float valve (not in ``tanks``)
    #: source -> steps from it to each part it reaches (for the push at a leak)
    reach: dict[Cell, dict[Cell, int]] = field(default_factory=dict)
    #: part -> the tick this network's water gets there (a part that one-way parts let two
    #: networks reach has the tick of each; the board's ``arrival`` keeps the last)
    steps: dict[Cell, int] = field(default_factory=dict)
    #: sprinklers and drip lines in the order they take their unit: by arrival, then cell
    takers: tuple[Cell, ...] = ()
    #: the push at each part by the working sources giving (see :meth:`WaterMedium.pushes`)
    pushes: dict[tuple[Cell, ...], dict[Cell, int]] = field(default_factory=dict)


def _search(graph: PortGraph, pieces: Mapping[Cell, Piece], src: Cell
            ) -> tuple[dict[Cell, int], list[tuple[Leak, int]]]:
    """Steps from ``src`` to every water part it reaches, and the leaks on the way: the water
    stops at a crack and never enters a closed valve."""
    dist = {src: 0}
    queue = deque([src])
    leaks: list[tuple[Leak, int]] = []
    while queue:
        cell = queue.popleft()
        piece = pieces[cell]
        if piece.broken:
            leaks.append(((cell, None), dist[cell]))
            continue  # water pours out of the crack and goes no further
        for side in graph.sides(cell, Medium.WATER):
            at = graph.faces(cell, side)
            if at is None:
                leaks.append(((cell, side), dist[cell]))
                continue
            other = pieces[at]
            if other.spec.toggle and not other.on:
                continue  # a closed valve caps the pipe: no water, no leak
            if at not in dist:
                dist[at] = dist[cell] + 1
                queue.append(at)
    return dist, leaks


class WaterMedium:
    name = "water"
    FACTS: tuple[str, ...] = ("wet", "arrival", "leaks", "sprinkling", "thirsty", "tank_level",
                              "bed_water", "producing", "no_power", "pressure", "leaked",
                              "float_closed", "dripping", "wasting", "returning", "water_used")

    def __init__(self) -> None:
        self.nets: list[WaterNet] = []
        self.dist: dict[Cell, int] = {}  # water part -> tick the water gets there
        self.tank: dict[Cell, int] = {}
        self.bed: dict[Cell, int] = {}
        self.beds: tuple[Cell, ...] = ()
        self.around_bed: dict[Cell, tuple[Cell, ...]] = {}  # bed -> the cells around it
        self.needs: dict[Cell, int] = {}  # bed -> ticks of water it needs
        self.capacity: dict[Cell, int] = {}
        self.sources: frozenset[Cell] = frozenset()
        self.pieces_output: dict[Cell, int] = {}  # what each working tap or pump gives a tick
        self.meter: dict[Cell, Reading] = {}  # the last tick's readings (game.sim.meter)
        self.sprinklers: tuple[Cell, ...] = ()  # every working sprinkler, reached or not
        self.pieces: Mapping[Cell, Piece] = {}
        self.float_of: dict[Cell, tuple[Cell, ...]] = {}  # float valve -> the tanks it feeds
        self.drip_beds: dict[Cell, tuple[Cell, ...]] = {}  # drip line -> beds beside it
        self.drain_of: dict[Cell, Cell] = {}  # drip line -> the drain at the end of its line
        self.collected: dict[Cell, int] = {}  # drain -> run-off it gives back next tick
        self.used = 0  # fresh water the taps and pumps gave since the start

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        pieces = board.pieces
        self.pieces = pieces
        for cell, p in pieces.items():
            if p.spec.role == Role.TANK:
                self.tank[cell] = 0
                self.capacity[cell] = p.spec.capacity
            if p.spec.role == Role.FIELD:
                self.bed[cell] = 0
                self.needs[cell] = int(p.param("needs") or 0)
        self.beds = tuple(sorted(c for c, p in pieces.items() if p.spec.role == Role.FIELD))
        self.around_bed = {bed: tuple(around(bed)) for bed in self.beds}
        self.sprinklers = tuple(sorted(c for c, p in pieces.items() if p.spec.medium == Medium.WATER
                                       and p.spec.role == Role.CONSUMER and not p.broken))
        self.sources = frozenset(c for c, p in pieces.items()
                                 if p.spec.role == Role.SOURCE and p.spec.medium == Medium.WATER)
        self.pieces_output = {c: p.spec.output for c, p in pieces.items()
                              if p.spec.medium == Medium.WATER and p.spec.role == Role.SOURCE
                              and not p.broken}
        for cell, p in sorted(pieces.items()):
            if p.broken or p.spec.medium != Medium.WATER:
                continue
            if p.spec.float_valve:
                self.float_of[cell] = tuple(
                    other for _s, other in graph.joined(cell, Medium.WATER)
                    if pieces[other].spec.role == Role.TANK and not pieces[other].broken)
            if p.spec.drip:
                free = [s for s in Side if s not in p.ports]
                self.drip_beds[cell] = tuple(
                    b for s in free if (b := neighbour(cell, s)) in self.bed)
            if p.spec.drain:
                self.collected[cell] = 0
        for drain in sorted(self.collected):  # walk each drain's drip line, drip by drip
            queue = deque(o for _s, o in graph.joined(drain, Medium.WATER)
                          if o in self.drip_beds)
            while queue:
                drip = queue.popleft()
                if drip in self.drain_of:
                    continue
                self.drain_of[drip] = drain
                queue.extend(o for _s, o in graph.joined(drip, Medium.WATER)
                             if o in self.drip_beds and o not in self.drain_of)
        float_fed = {t for tanks in self.float_of.values() for t in tanks}
        # taps and pumps first, then drains: the water front is counted from the mains
        sources = sorted((c for c, p in pieces.items()
                          if p.spec.medium == Medium.WATER and p.spec.role == Role.SOURCE
                          and not p.broken),
                         key=lambda c: (pieces[c].spec.drain, c))
        claimed: dict[Cell, int] = {}  # parts already in a network
        for src in sources:
            if src in claimed:
                continue
            dist, leaks = _search(graph, pieces, src)
            claimed.update(dist)
            order = tuple(sorted(dist, key=lambda c: (dist[c], c)))
            working = tuple(c for c in order if pieces[c].spec.role == Role.SOURCE
                            and pieces[c].spec.medium == Medium.WATER and not pieces[c].broken)
            self.nets.append(WaterNet(
                cells=order,
                supply=sum(pieces[c].spec.output for c in order
                           if pieces[c].spec.role == Role.SOURCE and not pieces[c].broken),
                sprinklers=tuple(c for c in order if pieces[c].spec.role == Role.CONSUMER
                                 and not pieces[c].broken),
                tanks=tuple(c for c in order if pieces[c].spec.role == Role.TANK
                            and not pieces[c].broken and c not in float_fed),
                leaks=tuple(leaks),
                sources=working,
                drips=tuple(c for c in order if c in self.drip_beds),
                float_tanks=tuple(c for c in order if c in float_fed),
                reach={s: (dist if s == src else _search(graph, pieces, s)[0])
                       for s in working},
                steps=dist,
            ))
            net = self.nets[-1]
            net.takers = tuple(sorted((*net.sprinklers, *net.drips),
                                      key=lambda c: (dist[c], c)))
            self.dist.update(dist)

    # --- the rules a tick uses ------------------------------------------------------------------
    def gives(self, source: Cell, powered: frozenset[Cell]) -> bool:
        """Whether a tap, pump or drain gives water this tick."""
        piece = self.pieces[source]
        if piece.spec.drain:
            return self.collected.get(source, 0) > 0
        if piece.spec.energy:
            return bool(piece.param("socket")) or source in powered
        return True

    def pressure_at(self, net: WaterNet, cell: Cell, giving: list[Cell]) -> int:
        """The push at ``cell``: the strongest of the working sources that reach it."""
        best = 0
        for s in giving:
            steps = net.reach[s].get(cell)
            if steps is not None:
                best = max(best, pressure_from(self.pieces[s].spec.pressure, steps))
        return max(1, best)

    def pushes(self, net: WaterNet, giving: list[Cell]) -> dict[Cell, int]:
        """The push at every part of ``net`` while ``giving`` give (:meth:`pressure_at`):
        worked out once per set of giving sources, of which a run has only a few."""
        key = tuple(giving)
        found = net.pushes.get(key)
        if found is None:
            found = net.pushes[key] = {c: self.pressure_at(net, c, giving) for c in net.cells}
        return found

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        if not (self.nets or self.float_of or self.sprinklers):
            return self._dry()
        t = tick
        powered: frozenset[Cell] = shared.get("power", "powered", frozenset())
        wet: set[Cell] = set()
        leaks: set[Leak] = set()
        sprinkling: set[Cell] = set()
        thirsty: set[Cell] = set()
        producing: set[Cell] = set()
        no_power: set[Cell] = set()
        pressure: dict[Cell, int] = {}
        leaked: dict[Cell, int] = {}
        float_closed: set[Cell] = set()
        dripping: set[Cell] = set()
        wasting: set[Cell] = set()
        returning: set[Cell] = set()
        drops: dict[Cell, list[Cell]] = {}  # bed -> the drip lines that gave it a drop
        pieces = self.pieces
        meter: dict[Cell, Reading] = {}  # what the measuring probe shows, cell by cell
        for valve, tanks in self.float_of.items():
            if tanks and all(self.tank[c] >= self.capacity[c] for c in tanks):
                float_closed.add(valve)  # the float is up: the tank behind it is full
        for net in self.nets:
            dist = net.steps  # this network's own ticks of arrival
            giving = [s for s in net.sources if self.gives(s, powered)]
            no_power.update(s for s in net.sources if s not in giving and pieces[s].spec.energy)
            fresh = sum(pieces[s].spec.output for s in giving if not pieces[s].spec.drain)
            back = sum(self.collected[s] for s in giving if pieces[s].spec.drain)
            flow = fresh + back
            if flow == 0:
                continue  # nothing flows: no water anywhere in this network this tick
            returning.update(s for s in giving if pieces[s].spec.drain)
            arrived = [c for c in net.cells if dist[c] <= t]
            wet.update(arrived)
            stopped = set(net.sources) - set(giving)
            producing.update(c for c in arrived if c in self.sources and c not in stopped)
            push_at = self.pushes(net, giving)
            for c in arrived:
                pressure[c] = push_at[c]
            lost: dict[Cell, float] = {}
            for leak, start in net.leaks:
                if start <= t:
                    leaks.add(leak)
                    push = pressure[leak[0]]
                    spilt = min(flow, leak_loss(push))
                    flow -= spilt  # a leak wastes water the rest does not get
                    lost[leak[0]] = lost.get(leak[0], 0) + spilt
                    leaked[leak[0]] = leaked.get(leak[0], 0) + spilt
            carried = flow  # what goes on through the pipes past the leaks
            passing = Reading(carried, lost=0)  # one reading for every part without a leak
            for c in arrived:
                meter[c] = Reading(carried, lost=lost[c]) if c in lost else passing
            for c in giving:
                if c in arrived:
                    amount = (self.collected[c] if pieces[c].spec.drain
                              else self.pieces_output.get(c, 0))
                    meter[c] = Reading(amount, lost=lost.get(c, 0))
            for c in net.float_tanks:  # a float valve lets its tank fill first
                if dist[c] <= t:
                    fill = min(self.capacity[c] - self.tank[c], flow)
                    self.tank[c] += fill
                    flow -= fill
                    meter[c] = Reading(fill, store=self.tank[c])
            for c in net.takers:
                if dist[c] > t:
                    continue
                if c in self.drip_beds:
                    beds = self.drip_beds[c]
                    if not beds:
                        continue  # only a hose: the water passes on
                    if flow >= 1:
                        flow -= 1
                        dripping.add(c)
                        for bed in beds:
                            drops.setdefault(bed, []).append(c)
                        meter[c] = Reading(1, need=1)
                    else:
                        thirsty.add(c)
                        meter[c] = Reading(0, need=1)
                elif flow >= 1:
                    flow -= 1
                    sprinkling.add(c)
                    wasting.add(c)  # part of a sprinkler's spray is lost in the air
                    meter[c] = Reading(1, need=1)
                else:
                    thirsty.add(c)
                    meter[c] = Reading(0, need=1)
            for c in net.tanks:
                if dist[c] <= t:
                    room = self.capacity[c] - self.tank[c]
                    fill = min(room, flow)
                    self.tank[c] += fill
                    flow -= fill
                    meter[c] = Reading(fill, store=self.tank[c])
            # what nobody took stays in the mains or the pump; drain water is used first,
            # and drain water nobody took spills over
            self.used += max(0, fresh - flow)
            if flow > fresh:
                wasting.update(s for s in giving if pieces[s].spec.drain)
        collected = {c: 0 for c in self.collected}
        taken: set[Cell] = set()  # drip lines whose unit a bed took
        for bed in self.beds:
            before = self.bed[bed]
            sprayed = not sprinkling.isdisjoint(self.around_bed[bed])
            dropped = drops.get(bed, [])
            if sprayed or dropped:
                self.bed[bed] += 1
            if dropped and before < self.needs[bed] and not sprayed:
                taken.add(dropped[0])  # the bed drinks from the first drip line beside it
        for c in sorted(dripping - taken):  # nobody needed this unit: it runs off
            drain = self.drain_of.get(c)
            if drain is not None:
                collected[drain] += 1
            else:
                wasting.add(c)  # the water runs off the beds and is lost
        self.collected = collected
        for c in self.sprinklers:  # not reached (yet): it needs water and gets none
            meter.setdefault(c, Reading(0, need=1))
        self.meter = meter
        return {
            "wet": frozenset(wet), "arrival": self.dist, "leaks": frozenset(leaks),
            "sprinkling": frozenset(sprinkling), "thirsty": frozenset(thirsty),
            "tank_level": dict(self.tank), "bed_water": dict(self.bed),
            "producing": frozenset(producing), "no_power": frozenset(no_power),
            "pressure": pressure, "leaked": leaked, "float_closed": frozenset(float_closed),
            "dripping": frozenset(dripping), "wasting": frozenset(wasting),
            "returning": frozenset(returning), "water_used": self.used,
        }

    def _dry(self) -> Facts:
        """A tick of a board where water never flows: no working tap, pump or drain (no
        network), no float valve and no sprinkler. What :meth:`step` gives then, every tick
        (the same keys in the same order): nothing wet, the tanks and beds as they started,
        drains with nothing to give back, and no reading."""
        self.collected = {c: 0 for c in self.collected}
        self.meter = {}
        none: frozenset[Cell] = frozenset()
        return {
            "wet": none, "arrival": self.dist, "leaks": none, "sprinkling": none,
            "thirsty": none, "tank_level": dict(self.tank), "bed_water": dict(self.bed),
            "producing": none, "no_power": none, "pressure": {}, "leaked": {},
            "float_closed": none, "dripping": none, "wasting": none, "returning": none,
            "water_used": self.used,
        }
