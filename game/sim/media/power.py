"""Power: networks of joined power parts; sources, batteries and consumers in each.

A network's supply is what its working sources give this tick (a solar panel only by day);
its demand what its consumers need now (a street light only at night). Spare energy charges
the batteries, up to their rate; a shortfall is taken from them, up to their rate and charge.
A network that cannot meet its demand lights none of its consumers, and if it gives anything
at all it is overloaded (asked too much).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell
from game.sim.graph import PortGraph, components
from game.sim.media import Env, Facts, Shared
from game.sim.parts import Medium, Role


def conducts(p: Piece) -> bool:
    """A power part passes current unless it is broken or a switch that is off."""
    return not p.broken and (not p.spec.toggle or p.on)


@dataclass
class PowerNet:
    cells: tuple[Cell, ...]
    sources: tuple[Piece, ...]
    batteries: tuple[Piece, ...]
    consumers: tuple[Piece, ...]


class PowerMedium:
    name = "power"
    #: the facts of a tick, each a frozenset of cells unless noted
    FACTS: tuple[str, ...] = ("powered", "dark", "live", "overloaded", "producing", "charge")

    def __init__(self) -> None:
        self.nets: list[PowerNet] = []
        self.charge: dict[Cell, float] = {}  # battery -> energy held
        self.broken_consumers: tuple[Cell, ...] = ()

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        for cells in components(graph.adjacency(Medium.POWER, conducts)):
            pieces = [board.pieces[c] for c in cells]
            for p in pieces:
                if p.spec.role == Role.STORAGE:
                    start = int(p.param("charge") or 0)
                    self.charge[p.at] = float(min(start, p.spec.capacity))
            self.nets.append(PowerNet(
                cells=cells,
                sources=tuple(p for p in pieces if p.spec.role == Role.SOURCE),
                batteries=tuple(p for p in pieces if p.spec.role == Role.STORAGE),
                consumers=tuple(p for p in pieces if p.spec.role == Role.CONSUMER),
            ))
        # Broken consumers never light; list them so goals can point at them.
        self.broken_consumers = tuple(sorted(
            c for c, p in board.pieces.items()
            if p.broken and p.spec.medium == Medium.POWER and p.spec.role == Role.CONSUMER))

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        weather = env.weather
        daylight = env.daylight
        powered: set[Cell] = set()
        dark: set[Cell] = set(self.broken_consumers)
        live: set[Cell] = set()
        overloaded: set[Cell] = set()
        producing: set[Cell] = set()
        charge = self.charge
        for net in self.nets:
            supply = 0
            for s in net.sources:
                # a solar panel gives while the sun shines, a wind turbine while the wind blows
                driver = s.spec.driven_by
                if driver is None or weather.amount(driver) > 0:
                    supply += s.spec.output
                    producing.add(s.at)
            needing = [c for c in net.consumers if not (c.spec.night_only and daylight)]
            demand = sum(c.spec.demand for c in needing)
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
                ok = can_give >= short
                if ok:
                    for b in net.batteries:
                        give = min(short, b.spec.rate, charge[b.at])
                        charge[b.at] -= give
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
            "charge": dict(charge),
        }
