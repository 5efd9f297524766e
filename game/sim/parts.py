"""What a kind of part is: which sides it connects on, what it does, its options.

The parts themselves are data, in each world's ``levels/<world>/parts.yaml``, read into
:class:`PartSpec` by :mod:`game.sim.catalogue`. Ports are listed at rotation 0; a piece on the
board turns them with its rotation. Names and descriptions are English msgids, translated
where they are shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from game.sim.geometry import Side


def N_(message: str) -> str:
    """Mark a string for the translation catalogue without translating it here."""
    return message


class Medium(str, Enum):
    POWER = "power"
    WATER = "water"
    ITEMS = "items"  # suitcases, parcels and containers on belts (game.sim.media.items)
    HEAT = "heat"  # medicine boxes, ice packs, heaters, fridges, wraps (game.sim.media.heat)
    MOTION = "motion"  # motors, gears, belts and output shafts (game.sim.media.motion)
    SIGNAL = "signal"  # on/off signals: buttons, sensors, gates, lamps (game.sim.media.signal)
    CIRCUIT = "circuit"  # a workbench: battery, lamps, switches, wires (game.sim.media.circuit)
    PACKETS = "packets"  # messages with an address on cables, routers (game.sim.media.packets)
    NONE = "none"


class Flow(str, Enum):
    """Which way a port lets its medium pass."""

    IN = "in"  # only into the part (a sink's inlet, a one-way valve's entry)
    OUT = "out"  # only out of the part (a tap's spout, a pump's outlet, a belt's end)
    BOTH = "both"  # either way (wires, pipes, the sides of a house)

    def lets_out(self) -> bool:
        return self is not Flow.IN

    def lets_in(self) -> bool:
        return self is not Flow.OUT


@dataclass(frozen=True)
class Port:
    """One side of a part where a medium enters or leaves it."""

    side: Side
    medium: Medium
    flow: Flow = Flow.BOTH

    def turned(self, rotation: int) -> Port:
        return Port(self.side.turned(rotation), self.medium, self.flow)


#: entry side -> the sides the medium may leave by (at rotation 0)
Routes = Mapping[Side, frozenset[Side]]


def all_to_all(sides: frozenset[Side]) -> dict[Side, frozenset[Side]]:
    """Routes of a wire or pipe: from every side to every other side."""
    return {side: sides - {side} for side in sides}


def turn_routes(routes: Routes, rotation: int) -> dict[Side, frozenset[Side]]:
    """``routes`` of a part turned ``rotation`` clockwise quarter turns."""
    return {entry.turned(rotation): frozenset(s.turned(rotation) for s in exits)
            for entry, exits in routes.items()}


class Role(str, Enum):
    SOURCE = "source"  # puts energy or water into its network
    STORAGE = "storage"  # battery: takes surplus, gives it back when short
    CONDUCTOR = "conductor"  # wires and pipes, switches and valves
    CONSUMER = "consumer"  # houses, lights, the school, sprinklers
    TANK = "tank"  # a water tank that fills with what is left over
    FIELD = "field"  # a greenhouse bed: no ports, watered by sprinklers next to it


ALL_SIDES = frozenset(Side)


@dataclass(frozen=True)
class Param:
    """A per-part option: its default, and for a number the range a level may set it in
    (``up_to_ticks``: at most the level's run length, as a bed's ticks of water)."""

    default: int | bool
    lo: int | None = None
    hi: int | None = None
    up_to_ticks: bool = False


@dataclass(frozen=True)
class PartSpec:
    kind: str
    medium: Medium
    role: Role
    ports: frozenset[Side]
    name: str  # msgid
    description: str  # msgid, one short sentence for a tooltip
    output: int = 0  # units a tick a source gives (power units or water units)
    demand: int = 0  # units a tick a consumer needs
    capacity: int = 0  # battery charge or tank volume
    rate: int = 0  # most a battery gives back in one tick
    toggle: bool = False  # switch or valve: the pupil can open and close it
    #: the option a toggle changes: ``on`` (a switch or valve: on, off) or a number that goes
    #: round its range (a diverter's ``label``: 1, 2, 3, 4, 1, ...)
    toggles: str = "on"
    rotates: bool = True  # False where every rotation looks and works the same
    daylight_only: bool = False  # a solar panel makes power only in daylight
    night_only: bool = False  # a street light needs power only at night
    #: the weather amount a source needs to give anything ("sun", "wind"; None: always gives)
    driven_by: str | None = None
    #: the per-part options a piece of this kind has, each with its default and range (a
    #: battery's charge at the start, a bed's ticks of water needed, a switch on or off); a
    #: level sets them per piece (``PlacedPart.params``)
    options: Mapping[str, Param] = field(default_factory=dict)
    #: which way every port lets the medium pass (BOTH unless the part says otherwise)
    flow: Flow = Flow.BOTH
    #: entry side -> exit sides at rotation 0; None: every port to every other port
    routes: Routes | None = None
    #: a fuse: trips (opens for the rest of the run) when more than its ``limit`` param of
    #: energy blocks a tick goes through it (game.sim.media.power says how that is counted)
    fuse: bool = False
    #: ports of another medium than ``medium`` (at rotation 0): a pump's power inlet
    more_ports: tuple[Port, ...] = ()
    #: energy blocks a tick this part needs through its power inlet to work (a pump); 0: none
    energy: int = 0
    #: how hard a water source pushes (game.sim.media.water: a leak loses more where it is
    #: higher); 0 for every other part
    pressure: int = 0
    #: a float valve: lets water into the tank at its other side until that tank is full
    float_valve: bool = False
    #: a drip line: carries water like a pipe and gives a drop to the beds beside it
    drip: bool = False
    #: a drain: collects the drip water that beds did not take and sends it back
    drain: bool = False

    #: what the part costs in coins (a level's ``max_cost`` star rule adds up the parts the
    #: pupil placed); parts of the level (houses, beds) are never bought and cost nothing
    price: int = 0
    #: CO2 blocks it puts out in each tick it runs (a part that burns fuel: the generator)
    co2: int = 0
    #: a backup source: it starts only in a tick in which the other sources and the
    #: batteries give too little, and then gives what is still missing, up to its output
    backup: bool = False
    #: the option the board shows as a meter this part must fill (a bed: its ``needs``, the
    #: ticks of water it wants); None: no meter
    meter: str | None = None
    #: items: a diverter sends the items whose label is its ``label`` out of its side
    diverter: bool = False
    #: items: a scanner scans every item that passes through it
    scanner: bool = False
    #: items: a charger fills an electric truck's battery while it has energy
    charger: bool = False
    #: heat (every part has a temperature, game.sim.media.heat): how fast heat passes through
    #: this part's material, from 1 (polystyrene, still air) to 9 (metal)
    heat_flow: int = 4
    #: heat: how much heat warms this part by one degree (more: it warms and cools slowly)
    heat_store: int = 10
    #: heat: how fast the room's air takes heat from this part, 0-9 (None: its ``heat_flow``,
    #: as for every part before; an insulated warm-water pipe: 1, it carries heat along
    #: quickly but loses little of it on the way)
    air_flow: int | None = None
    #: heat: a cooler that sends the heat it takes out of the building (a fridge-like part):
    #: ``outside_air`` (a fan whose back must face out of the board: it cools its front down
    #: to its ``outside`` param at most) or ``water`` (its valve, the ``on`` param, must be
    #: open); None: an ordinary fridge, whose back warms
    cools_with: str | None = None
    #: heat: warm water flows round in joined parts of this kind (a warm-water pipe), so
    #: every cell of a joined run of them is equally warm (the heat is shared at once)
    mixes: bool = False
    #: heat: an ice pack: the heat it takes to melt all its ice (it stays at 0 °C meanwhile)
    melt: int = 0
    #: heat: a fridge: takes heat from the part in front of it and pushes it out at its back
    fridge: bool = False
    #: heat: measures the temperature of what its probe touches (a thermometer, a thermostat)
    probe: bool = False
    #: power: a thermostat: a switch that opens when its probe is at its ``set`` or warmer
    thermostat: bool = False
    #: motion (game.sim.media.motion): side -> the teeth of the gear that meshes there (at
    #: rotation 0); a compound gear has a small gear on one side and a big one on the other
    teeth: Mapping[Side, int] = field(default_factory=dict)
    #: motion: side -> ``shaft`` (turns together with the part it touches there, the same way
    #: at the same speed) or ``belt`` (a belt to the next belt side: the same way, same speed)
    joins: Mapping[Side, str] = field(default_factory=dict)
    #: signal (game.sim.media.signal): a gate (``and``, ``or``, ``not``: its E port is its
    #: output, its other ports inputs) or what an output shows (``lamp``, ``door``, ``bell``)
    signal: str | None = None
    #: circuit (game.sim.media.circuit): what the part is in a loop: ``battery``, ``lamp``,
    #: ``switch``, ``two_way`` (a stair switch), ``coil`` (an electromagnet), ``insulator``
    #: (wood, plastic, rubber: no current) or ``scrap`` (no ports; a magnet may hold it);
    #: None: a conductor, every port joined (wires, metal test pieces)
    circuit: str | None = None
    #: circuit: a lamp's or coil's resistance (game units: a lamp 3)
    resistance: int = 0
    #: circuit: steel and iron: an electromagnet with current holds it
    magnetic: bool = False
    #: packets (game.sim.media.packets): a router reads each message's address and sends it
    #: on; a packet cable's ``capacity`` is the messages that may go into it a tick, each way
    router: bool = False

    @property
    def params(self) -> dict[str, int | bool]:
        """Each option's default (``spec.params["needs"]``)."""
        return {name: option.default for name, option in self.options.items()}

    def teeth_at(self, rotation: int) -> dict[Side, int]:
        """Motion: the teeth meshing on each side with the part turned ``rotation``."""
        return {side.turned(rotation): n for side, n in self.teeth.items()}

    def joins_at(self, rotation: int) -> dict[Side, str]:
        """Motion: the shaft and belt sides with the part turned ``rotation``."""
        return {side.turned(rotation): how for side, how in self.joins.items()}

    def ports_at(self, rotation: int) -> frozenset[Side]:
        return frozenset(side.turned(rotation) for side in self.ports)

    @property
    def io(self) -> tuple[Port, ...]:
        """The ports at rotation 0, each with its medium and direction, in side order."""
        main = (Port(side, self.medium, self.flow) for side in self.ports)
        return tuple(sorted((*main, *self.more_ports), key=lambda p: (p.side, p.medium.value)))

    def media(self) -> frozenset[Medium]:
        """Every medium this part has a port for (a pump: water and power)."""
        return frozenset({self.medium} | {p.medium for p in self.more_ports})

    def io_at(self, rotation: int) -> tuple[Port, ...]:
        turned = self._io_turned
        if rotation not in turned:
            turned[rotation] = tuple(sorted((p.turned(rotation) for p in self.io),
                                            key=lambda p: (p.side, p.medium.value)))
        return turned[rotation]

    # :meth:`io_at` and :meth:`exits` of this (frozen) spec, worked out once per rotation (and
    # entry): every run asks for every piece's, and items ask again every tick
    @cached_property
    def _io_turned(self) -> dict[int, tuple[Port, ...]]:
        return {}

    @cached_property
    def _exits_turned(self) -> dict[tuple[int, Side | None], frozenset[Side]]:
        return {}

    def routes_at(self, rotation: int) -> dict[Side, frozenset[Side]]:
        """Entry side -> exit sides with the part turned ``rotation`` quarter turns. A part
        whose ports only let out (a tap) has no routes: it starts the flow itself."""
        if self.routes is not None:
            return turn_routes(self.routes, rotation)
        if not self.flow.lets_in():
            return {}
        return all_to_all(self.ports_at(rotation))

    def exits(self, rotation: int, entry: Side | None) -> frozenset[Side]:
        """The sides the medium leaves by when it enters at ``entry`` (None: it starts in this
        part, as at a source: every port that lets out)."""
        turned = self._exits_turned
        key = (rotation, entry)
        if key not in turned:
            if entry is None:
                turned[key] = frozenset(p.side for p in self.io_at(rotation)
                                        if p.flow.lets_out() and p.medium == self.medium)
            else:
                turned[key] = self.routes_at(rotation).get(entry, frozenset())
        return turned[key]
