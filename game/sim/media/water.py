"""Water: from each working source breadth-first through joined water parts, one part a tick.

A network's flow is what its sources give. Every open pipe end (or broken part) the water has
reached spills one unit of it; the sprinklers reached take one unit each in order of arrival
(too little left: thirsty); the tanks reached fill with what is left. A closed valve caps the
pipe: no water passes and none spills. Beds next to a working sprinkler get a tick of water.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.sim.board import Board
from game.sim.geometry import Cell, Side, around
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.parts import Medium, Role

Leak = tuple[Cell, Side | None]  # the spilling side, or None for a broken part


@dataclass
class WaterNet:
    cells: tuple[Cell, ...]  # in order of arrival, then position
    supply: int
    sprinklers: tuple[Cell, ...]
    tanks: tuple[Cell, ...]
    leaks: tuple[tuple[Leak, int], ...]  # leak and the tick it starts


class WaterMedium:
    name = "water"
    FACTS: tuple[str, ...] = ("wet", "arrival", "leaks", "sprinkling", "thirsty", "tank_level", "bed_water",
             "producing")

    def __init__(self) -> None:
        self.nets: list[WaterNet] = []
        self.dist: dict[Cell, int] = {}  # water part -> tick the water gets there
        self.tank: dict[Cell, int] = {}
        self.bed: dict[Cell, int] = {}
        self.beds: tuple[Cell, ...] = ()
        self.capacity: dict[Cell, int] = {}
        self.sources: frozenset[Cell] = frozenset()

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        pieces = board.pieces
        for cell, p in pieces.items():
            if p.spec.role == Role.TANK:
                self.tank[cell] = 0
                self.capacity[cell] = p.spec.capacity
            if p.spec.role == Role.FIELD:
                self.bed[cell] = 0
        self.beds = tuple(sorted(c for c, p in pieces.items() if p.spec.role == Role.FIELD))
        self.sources = frozenset(c for c, p in pieces.items() if p.spec.role == Role.SOURCE)
        sources = sorted(c for c, p in pieces.items()
                         if p.spec.medium == Medium.WATER and p.spec.role == Role.SOURCE
                         and not p.broken)
        claimed: dict[Cell, int] = {}  # parts already in a network
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
                for side in graph.sides(cell):
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
            claimed.update(dist)
            order = tuple(sorted(dist, key=lambda c: (dist[c], c)))
            self.nets.append(WaterNet(
                cells=order,
                supply=sum(pieces[c].spec.output for c in order
                           if pieces[c].spec.role == Role.SOURCE and not pieces[c].broken),
                sprinklers=tuple(c for c in order if pieces[c].spec.role == Role.CONSUMER
                                 and not pieces[c].broken),
                tanks=tuple(c for c in order if pieces[c].spec.role == Role.TANK
                            and not pieces[c].broken),
                leaks=tuple(leaks),
            ))
            self.dist.update(dist)

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        t = tick
        wet: set[Cell] = set()
        leaks: set[Leak] = set()
        sprinkling: set[Cell] = set()
        thirsty: set[Cell] = set()
        producing: set[Cell] = set()
        dist = self.dist
        for net in self.nets:
            arrived = [c for c in net.cells if dist[c] <= t]
            wet.update(arrived)
            flow = net.supply
            producing.update(c for c in arrived if c in self.sources)
            for leak, start in net.leaks:
                if start <= t:
                    leaks.add(leak)
                    flow = max(0, flow - 1)  # a leak wastes water the rest does not get
            for c in net.sprinklers:
                if dist[c] > t:
                    continue
                if flow >= 1:
                    flow -= 1
                    sprinkling.add(c)
                else:
                    thirsty.add(c)
            for c in net.tanks:
                if dist[c] <= t:
                    room = self.capacity[c] - self.tank[c]
                    fill = min(room, flow)
                    self.tank[c] += fill
                    flow -= fill
        for bed in self.beds:
            if any(n in sprinkling for n in around(bed)):
                self.bed[bed] += 1
        return {
            "wet": frozenset(wet), "arrival": dist, "leaks": frozenset(leaks),
            "sprinkling": frozenset(sprinkling), "thirsty": frozenset(thirsty),
            "tank_level": dict(self.tank), "bed_water": dict(self.bed),
            "producing": frozenset(producing),
        }
