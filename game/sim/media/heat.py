"""Heat: every part on the board has a temperature, and heat flows from warm to cold.

The rules (SCIENCE.md, "Heat and temperature"); the numbers are game numbers, the directions
are nature's:

- **The room.** Every part has a temperature in °C. The room's air around the parts, and
  beyond the board's edge, is at the level's ``room`` temperature and stays there: the room is
  so big that what the parts give it or take from it hardly changes it (a simplification).
  Air shut in by parts on every side (no way to the room through empty cells) is **still air**:
  it has its own temperature and passes heat slowly, like the air in a double window. Scenery
  (a cabinet, a bench, the dunes) passes no heat.
- **Flow.** Each tick, between every two neighbouring cells, heat flows from the warmer to the
  colder, never back by itself: the difference in temperature times the slower of the two
  materials' ``heat_flow`` (metal 9; cardboard 3; wool 2; polystyrene and still air 1; the
  room's moving air :data:`AIR_FLOW`), divided by :data:`FLOW_SCALE`. A part warms by the heat
  it gains divided by its ``heat_store``. The tick is cut into equal small steps so that no
  part ever overshoots its neighbours' temperature.
- **Ice.** An ice pack holds ``melt`` heat's worth of ice. While it has ice, heat that reaches
  it melts ice and it stays at 0 °C; when all is melted it warms like water.
- **Heater.** With energy (the power medium counted it ``powered`` through its plug) it gives
  its ``output`` of heat a tick, up to :data:`HEATER_MOST` °C (its safety switch).
- **Fridge.** With energy it takes up to its ``output`` of heat a tick out of the part in front
  of it (the side opposite its vent), until that part is at the fridge's ``set`` temperature,
  and pushes that heat out of its vent at the back, with the heat its own energy makes: into
  the room, or into the part that stands behind it, which warms. A blocked vent (scenery, or
  an insulating part with a ``heat_flow`` below the room air's) cannot let the heat out, so the
  fridge cannot cool (``vent_blocked``).
- **Coolers that send the heat out of the building** (``cools_with``, the data centre). An
  outside-air fan takes air from outside through its back (its N side, turned), so its back
  must face out of the board, past its edge: turned crosswise it takes no air and cannot cool
  (``no_air``). It cools its front like a fridge, but never below the outside air's
  temperature (its ``outside`` param), and the heat leaves with the air. Water cooling cools
  its front down to its ``set`` only while its valve (its ``on`` param) is open
  (``valve_closed``: a switch in its plug, as for every part that can be switched, so it
  stands still and uses no energy); the water carries the heat away.
  Their heat goes out of the building: none of it warms the board (a simplification).
- **Load.** A part with a ``load`` param (a server rack) needs its ``energy`` that many times
  over and gives that many times its ``output`` of heat: a busier server uses more energy,
  and all of it becomes heat.
- **Warm water.** In a run of joined warm-water pipes (``mixes``) the water flows round, so
  every cell of the run is equally warm: the heat one cell takes in is shared by the whole
  run at once (in each small step). So a pipe brings a server's heat to homes far away.
- **Air.** A part gives heat to the room's air as fast as the slower of its ``air_flow``
  (default: its ``heat_flow``) and the air's :data:`AIR_FLOW`: a warm-water pipe wrapped in
  insulation carries heat along fast but loses little of it to the air on the way.
- **Thermostat and thermometer.** Both feel the temperature of what touches their probe (the
  part there, or the room's air). A thermostat is a switch in a power cable: at its ``set``
  temperature or warmer it opens (``switched_off``), colder it closes. The power medium reads
  that in the next tick, as a real thermostat switches a moment after it feels the change.
- **Bands.** A part with a ``low`` and a ``high`` param (a medicine box: 2 and 8 °C) must stay
  between them: it is ``too_warm`` or ``too_cold`` in a tick when its temperature, rounded to
  whole degrees as the board shows it, is outside. A part with only a ``high`` (a server
  rack) or only a ``low`` (a home) has only that limit.

A board without a heat part (the city, the greenport) has no temperatures: every fact is empty.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side, neighbour
from game.sim.graph import PortGraph, components
from game.sim.media import Env, Facts, Shared
from game.sim.media.power import load_of
from game.sim.parts import Medium

#: how fast the room's moving air takes heat from a part (a part's own ``heat_flow`` is 1-9)
AIR_FLOW = 4
#: how fast still air (shut in by parts on every side) passes heat
STILL_AIR_FLOW = 1
#: how much heat warms a cell of still air by one degree
STILL_AIR_STORE = 2
#: heat flow per degree of difference is the slower material's ``heat_flow`` / FLOW_SCALE
FLOW_SCALE = 10
#: a heater's safety switch: it gives no more heat at this temperature or warmer
HEATER_MOST = 60
#: the heat one energy block becomes (in a fridge: pushed out of its vent with the rest)
HEAT_PER_ENERGY = 2
#: in one small step no cell may change by more than this share of its difference
STEP_SHARE = 0.25


def shown(temperature: float) -> int:
    """A temperature as the board shows it: rounded to whole degrees (half up)."""
    return math.floor(temperature + 0.5)


def probe_cell(piece: Piece) -> Cell:
    """The cell a thermometer's or thermostat's probe touches: its N side, turned."""
    return neighbour(piece.at, Side.N.turned(piece.rotation))


def vent_cell(piece: Piece) -> Cell:
    """The cell behind a fridge, where its vent pushes the heat out (its N side, turned)."""
    return neighbour(piece.at, Side.N.turned(piece.rotation))


def front_cell(piece: Piece) -> Cell:
    """The cell in front of a fridge, the part it cools (its S side, turned)."""
    return neighbour(piece.at, Side.S.turned(piece.rotation))


def has_heat(board: Board) -> bool:
    """Whether the board has temperatures at all: a heat part, or a thermostat."""
    return any(p.spec.medium == Medium.HEAT or p.spec.thermostat for p in board.pieces.values())


class HeatMedium:
    name = "heat"
    FACTS: tuple[str, ...] = ("temperature", "too_warm", "too_cold", "ice", "melting",
                              "melted", "heating", "cooling", "vent_blocked", "switched_off",
                              "readings", "energy_used", "no_air", "valve_closed")

    def __init__(self) -> None:
        self.active = False
        self.room = 20.0
        self.temp: dict[Cell, float] = {}  # every part and every cell of still air
        self.store: dict[Cell, float] = {}
        self.flow: dict[Cell, int] = {}
        self.air: dict[Cell, int] = {}  # how fast the room's air takes heat from each cell
        self.size = (0, 0)
        #: runs of joined warm-water pipes (``mixes``): each is as warm everywhere
        self.runs: list[tuple[Cell, ...]] = []
        #: (a, b, conductance): b is a cell of ``temp`` or None for the room's air
        self.links: list[tuple[Cell, Cell | None, float]] = []
        self.steps = 1
        self.ice: dict[Cell, float] = {}
        self.energy_used = 0
        self.pieces: dict[Cell, Piece] = {}
        self.blocked: frozenset[Cell] = frozenset()
        #: the pieces in cell order, and each one's ``low`` and ``high`` params (the board is
        #: frozen during a run: sorted and read once, not every tick)
        self.in_order: tuple[tuple[Cell, Piece], ...] = ()
        self.limits: dict[Cell, tuple[int | bool | None, int | bool | None]] = {}
        #: the cells with a temperature, and those with ice, in cell order (fixed after build)
        self.cells: tuple[Cell, ...] = ()
        self.ice_cells: tuple[Cell, ...] = ()

    # --- build --------------------------------------------------------------------------------
    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        self.active = has_heat(board)
        if not self.active:
            return
        self.room = float(board.level.room)
        self.pieces = dict(board.pieces)
        self.in_order = tuple(sorted(self.pieces.items()))
        self.limits = {c: (p.param("low"), p.param("high")) for c, p in self.in_order}
        self.blocked = frozenset(board.blocked)
        self.size = (board.width, board.height)
        still = self._still_air(board)
        for cell, piece in sorted(self.pieces.items()):
            start = piece.param("start")
            self.temp[cell] = float(start) if start is not None else self.room
            self.store[cell] = float(piece.spec.heat_store)
            self.flow[cell] = piece.spec.heat_flow
            air = piece.spec.air_flow
            self.air[cell] = piece.spec.heat_flow if air is None else air
            if piece.spec.melt:
                self.ice[cell] = float(piece.spec.melt)
                self.temp[cell] = 0.0
        for cell in still:
            self.temp[cell] = self.room
            self.store[cell] = float(STILL_AIR_STORE)
            self.flow[cell] = STILL_AIR_FLOW
            self.air[cell] = STILL_AIR_FLOW
        share: dict[Cell, float] = dict.fromkeys(self.temp, 0.0)
        for cell in sorted(self.temp):
            for side in Side:
                other = neighbour(cell, side)
                if other in self.temp:
                    if other < cell:
                        continue  # each pair once
                    g = min(self.flow[cell], self.flow[other]) / FLOW_SCALE
                    self.links.append((cell, other, g))
                    share[other] += g / self.store[other]
                elif other in self.blocked:
                    continue  # scenery passes no heat
                else:
                    g = min(self.air[cell], AIR_FLOW) / FLOW_SCALE
                    self.links.append((cell, None, g))
                share[cell] += g / self.store[cell]
        self.runs = self._runs()
        self.cells, self.ice_cells = tuple(sorted(self.temp)), tuple(sorted(self.ice))
        most = max(share.values(), default=0.0)
        self.steps = max(1, math.ceil(most / STEP_SHARE))

    def _runs(self) -> list[tuple[Cell, ...]]:
        """The runs of joined parts whose water flows round (``mixes``), two cells or more."""
        mixing = {c for c, p in self.pieces.items() if p.spec.mixes}
        links = {c: [n for n in (neighbour(c, side) for side in Side) if n in mixing]
                 for c in mixing}
        return [run for run in components(links) if len(run) > 1]

    def _still_air(self, board: Board) -> list[Cell]:
        """Empty cells of the board with no way through empty cells to the board's edge."""
        empty = {(x, y) for x in range(board.width) for y in range(board.height)
                 if (x, y) not in board.pieces and (x, y) not in board.blocked}
        edge = [c for c in sorted(empty) if c[0] in (0, board.width - 1)
                or c[1] in (0, board.height - 1)]
        open_air = set(edge)
        queue = deque(edge)
        while queue:
            cell = queue.popleft()
            for side in Side:
                other = neighbour(cell, side)
                if other in empty and other not in open_air:
                    open_air.add(other)
                    queue.append(other)
        return sorted(empty - open_air)

    # --- a tick -------------------------------------------------------------------------------
    def _at(self, cell: Cell) -> float:
        """The temperature a probe feels at ``cell``: a part, still air or the room."""
        return self.temp.get(cell, self.room)

    def _vent_blocked(self, fridge: Piece) -> bool:
        behind = vent_cell(fridge)
        if behind in self.blocked:
            return True
        piece = self.pieces.get(behind)
        return piece is not None and piece.spec.heat_flow < AIR_FLOW

    def _takes_outside_air(self, fan: Piece) -> bool:
        """Whether an outside-air fan's back faces out of the board, where the outside is."""
        x, y = vent_cell(fan)
        return not (0 <= x < self.size[0] and 0 <= y < self.size[1])

    def _add(self, cell: Cell, heat: float) -> None:
        """Give ``cell`` heat (take it, when negative): an ice pack melts or freezes first."""
        if cell not in self.temp:
            return  # the room: so big that it hardly changes
        if cell in self.ice and self.temp[cell] <= 0.0:
            ice = self.ice[cell]
            if heat > 0:
                melted = min(heat, ice)
                self.ice[cell] = ice - melted
                heat -= melted
            else:
                frozen = min(-heat, self.pieces[cell].spec.melt - ice)
                self.ice[cell] = ice + frozen
                heat += frozen
        self.temp[cell] += heat / self.store[cell]

    def _flow(self) -> None:
        """One tick of heat flowing between neighbours, in :attr:`steps` small steps."""
        temp, n, room, links, add = self.temp, self.steps, self.room, self.links, self._add
        for _ in range(n):
            gain: dict[Cell, float] = dict.fromkeys(temp, 0.0)
            for a, b, g in links:
                tb = room if b is None else temp[b]
                q = g * (temp[a] - tb) / n
                gain[a] -= q
                if b is not None:
                    gain[b] += q
            for cell, heat in gain.items():  # each cell apart: the order does not matter
                if heat:
                    add(cell, heat)
            for run in self.runs:  # the water flows round: share the heat of the run
                total = sum(temp[c] * self.store[c] for c in run)
                even = total / sum(self.store[c] for c in run)
                for c in run:
                    temp[c] = even

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        if not self.active:
            return {name: frozenset() if name not in ("temperature", "ice", "readings")
                    else {} for name in self.FACTS} | {"energy_used": 0}
        powered = shared.get("power", "powered", frozenset())
        heating: set[Cell] = set()
        cooling: set[Cell] = set()
        blocked_vents: set[Cell] = set()
        no_air: set[Cell] = set()
        valve_closed: set[Cell] = set()
        for cell, piece in self.in_order:
            spec = piece.spec
            if spec.medium != Medium.HEAT or spec.energy <= 0 or piece.broken:
                continue
            if spec.cools_with == "outside_air" and not self._takes_outside_air(piece):
                no_air.add(cell)  # turned so that its back faces no outside air
            if spec.cools_with == "water" and not piece.on:
                valve_closed.add(cell)  # its valve shuts its plug off too: it stands still
            if cell not in powered:
                continue
            load = load_of(piece)
            self.energy_used += spec.energy * load
            if cell in no_air:
                continue  # it blows, but takes no air from outside
            if spec.fridge:
                want = int(piece.param("set") or 0)
                if spec.cools_with == "outside_air":
                    want = int(piece.param("outside") or 0)
                elif spec.cools_with is None and self._vent_blocked(piece):
                    blocked_vents.add(cell)
                    continue
                front = front_cell(piece)
                if front in self.temp:
                    take = min(float(spec.output),
                               max(0.0, (self.temp[front] - want) * self.store[front]))
                else:
                    take = float(spec.output)  # the room's air: there is always more
                if take > 0:
                    cooling.add(cell)
                self._add(front, -take)
                if spec.cools_with is None:  # else the air or the water takes it outside
                    self._add(vent_cell(piece), take + spec.energy * HEAT_PER_ENERGY)
            elif spec.output and self.temp[cell] < HEATER_MOST:
                self._add(cell, float(spec.output * load))
                heating.add(cell)
        ice_before = dict(self.ice)
        self._flow()
        too_warm, too_cold, switched_off = set(), set(), set()
        readings: dict[Cell, int] = {}
        for cell, piece in self.in_order:
            low, high = self.limits[cell]
            if low is not None or high is not None:
                t = shown(self.temp[cell])
                if high is not None and t > int(high):
                    too_warm.add(cell)
                elif low is not None and t < int(low):
                    too_cold.add(cell)
            if piece.spec.probe:
                felt = self._at(probe_cell(piece))
                readings[cell] = shown(felt)
                if piece.spec.thermostat and shown(felt) >= int(piece.param("set") or 0):
                    switched_off.add(cell)
        melting = {c for c, ice in self.ice.items() if ice < ice_before[c]}
        melted = {c for c, ice in self.ice.items() if ice <= 1e-9}
        return {
            "temperature": {c: round(self.temp[c], 1) for c in self.cells},
            "too_warm": frozenset(too_warm), "too_cold": frozenset(too_cold),
            "ice": {c: round(self.ice[c], 1) for c in self.ice_cells},
            "melting": frozenset(melting), "melted": frozenset(melted),
            "heating": frozenset(heating), "cooling": frozenset(cooling),
            "vent_blocked": frozenset(blocked_vents), "switched_off": frozenset(switched_off),
            "readings": readings, "energy_used": self.energy_used,
            "no_air": frozenset(no_air), "valve_closed": frozenset(valve_closed),
        }
