"""One Test run: the board is frozen, then stepped tick by tick, deterministically.

The port graph and every medium's networks are worked out once when the run starts (the board
cannot change while it runs), so a step is only arithmetic over precomputed lists. Within a
tick the media (:mod:`game.sim.media`) step in a fixed order, each seeing what the ones before
it made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from game.sim.board import Board, Piece
from game.sim.environment import DAY, Weather
from game.sim.geometry import Cell, Side
from game.sim.graph import PortGraph
from game.sim.media import Env, Shared, media
from game.sim.media import Medium as MediumModel
from game.sim.media.water import Leak, WaterMedium
from game.sim.meter import Reading
from game.sim.parts import Medium, Role

__all__ = ["Flows", "Leak", "Simulation", "TickState", "run_flows"]


@dataclass(frozen=True)
class TickState:
    """What the board looks like during one tick; the renderer draws only from this.

    ``facts`` holds each medium's facts by medium name (see :mod:`game.sim.media`); the old
    flat names (``powered``, ``wet``, ...) stay readable as properties, and :meth:`fact`
    finds a fact by name in whichever medium makes it."""

    tick: int
    daylight: bool
    facts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    producing: frozenset[Cell] = frozenset()  # sources making power or water (every medium)
    weather: Weather = DAY  # the tick's daylight, cloud, wind and rain
    #: what the measuring probe reads at each part this tick (game.sim.meter), written by the
    #: media as they step; a part missing here has nothing flowing through it
    meter: Mapping[Cell, Reading] = field(default_factory=dict)

    def fact(self, name: str, default: Any = None) -> Any:
        """The fact ``name`` of the first medium that has one (``producing``: of all media)."""
        if name == "producing":
            return self.producing
        for facts in self.facts.values():
            if name in facts:
                return facts[name]
        return default

    def _get(self, medium: str, name: str) -> Any:
        return self.facts[medium][name]

    # --- the names readers used before the media were plug-ins --------------------------------
    @property
    def powered(self) -> frozenset[Cell]:  # consumers that got the power they needed
        return cast("frozenset[Cell]", self._get("power", "powered"))

    @property
    def dark(self) -> frozenset[Cell]:  # consumers that needed power and got none
        return cast("frozenset[Cell]", self._get("power", "dark"))

    @property
    def live(self) -> frozenset[Cell]:  # power parts carrying current
        return cast("frozenset[Cell]", self._get("power", "live"))

    @property
    def short(self) -> frozenset[Cell]:  # every cell of a network that gave too little
        return cast("frozenset[Cell]", self._get("power", "short"))

    @property
    def tripped(self) -> frozenset[Cell]:  # fuses that tripped (open for the rest of the run)
        return cast("frozenset[Cell]", self._get("power", "tripped"))

    @property
    def charge(self) -> dict[Cell, float]:  # batteries
        return cast("dict[Cell, float]", self._get("power", "charge"))

    @property
    def wet(self) -> frozenset[Cell]:  # water parts the water has reached
        return cast("frozenset[Cell]", self._get("water", "wet"))

    @property
    def arrival(self) -> dict[Cell, int]:  # water part -> tick water gets there
        return cast("dict[Cell, int]", self._get("water", "arrival"))

    @property
    def leaks(self) -> frozenset[Leak]:
        return cast("frozenset[Leak]", self._get("water", "leaks"))

    @property
    def sprinkling(self) -> frozenset[Cell]:
        return cast("frozenset[Cell]", self._get("water", "sprinkling"))

    @property
    def thirsty(self) -> frozenset[Cell]:  # sprinklers that got water but too little flow
        return cast("frozenset[Cell]", self._get("water", "thirsty"))

    @property
    def tank_level(self) -> dict[Cell, int]:
        return cast("dict[Cell, int]", self._get("water", "tank_level"))

    @property
    def bed_water(self) -> dict[Cell, int]:
        return cast("dict[Cell, int]", self._get("water", "bed_water"))


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
        for side in graph.sides(cell, Medium.WATER):
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
    def __init__(self, board: Board, with_media: list[MediumModel] | None = None) -> None:
        """``with_media``: the media to run, in order (default: every registered medium)."""
        self.board = board.copy()
        self.level = board.level
        self.ticks_total = self.level.ticks
        #: the weather of every tick (from the level's day-and-night cycle unless it has its own)
        self.environment = self.level.weather()
        self.tick = 0
        self.states: list[TickState] = []
        #: which port faces which: built once, shared by every medium and the board drawing
        self.graph = PortGraph(self.board.pieces)
        self._flows: Flows | None = None
        #: the media, in the order they step within a tick
        self.media: list[MediumModel] = media() if with_media is None else with_media
        for medium in self.media:
            medium.build(self.graph, self.board, {})

    @property
    def flows(self) -> Flows:
        """Which way water and current go through each part in this run (for the drawing)."""
        if self._flows is None:
            self._flows = run_flows(self.graph, self.arrival)
        return self._flows

    @property
    def arrival(self) -> dict[Cell, int]:
        """Water part -> the tick the water gets there (known when the run starts)."""
        for medium in self.media:
            if isinstance(medium, WaterMedium):
                return medium.dist
        return {}

    # --- running ---------------------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self.tick >= self.ticks_total

    def step(self) -> TickState:
        t = self.tick
        env = Env(tick=t, weather=self.environment.at(t))
        shared = Shared(before=self.states[-1].facts if self.states else {})
        producing: frozenset[Cell] = frozenset()
        meter: dict[Cell, Reading] = {}
        for medium in self.media:
            facts = medium.step(t, env, shared)
            shared.facts[medium.name] = facts
            made = facts.get("producing")
            if made:  # (an empty set adds nothing)
                producing = producing | made
            meter.update(getattr(medium, "meter", {}))
        state = TickState(tick=t, daylight=env.daylight, facts=shared.facts, producing=producing,
                          weather=env.weather, meter=meter)
        self.states.append(state)
        self.tick += 1
        return state

    def run(self) -> list[TickState]:
        while not self.done:
            self.step()
        return self.states
