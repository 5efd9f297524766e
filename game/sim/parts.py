"""The catalogue of parts: what each kind of part is, which sides it connects on, what it does.

The catalogue is plain data. Ports are listed at rotation 0; a piece on the board turns them
with its rotation. Names and descriptions are English msgids, translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from game.sim.geometry import Side


def N_(message: str) -> str:
    """Mark a string for the translation catalogue without translating it here."""
    return message


class Medium(str, Enum):
    POWER = "power"
    WATER = "water"
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
    rotates: bool = True  # False where every rotation looks and works the same
    daylight_only: bool = False  # a solar panel makes power only in daylight
    night_only: bool = False  # a street light needs power only at night
    #: the weather amount a source needs to give anything ("sun", "wind"; None: always gives)
    driven_by: str | None = None
    #: the per-part parameters a piece of this kind has, with their defaults (a battery's
    #: charge at the start, a bed's ticks of water needed, a switch on or off); a level sets
    #: them per piece (``PlacedPart.params``)
    params: Mapping[str, int | bool] = field(default_factory=dict)
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
    #: pupil placed; :data:`PRICES` sets it per kind)
    price: int = 0
    #: CO2 blocks it puts out in each tick it runs (a part that burns fuel: the generator)
    co2: int = 0
    #: a backup source: it starts only in a tick in which the other sources and the
    #: batteries give too little, and then gives what is still missing, up to its output
    backup: bool = False

    @property
    def extra(self) -> dict[str, int | bool]:
        """The parameters' defaults under their old name (``spec.extra["needs"]``)."""
        return dict(self.params)

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
        return tuple(sorted((p.turned(rotation) for p in self.io),
                            key=lambda p: (p.side, p.medium.value)))

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
        if entry is None:
            return frozenset(p.side for p in self.io_at(rotation)
                             if p.flow.lets_out() and p.medium == self.medium)
        return self.routes_at(rotation).get(entry, frozenset())


def _spec(**kw: Any) -> PartSpec:
    return PartSpec(**kw)


_STRAIGHT = frozenset({Side.N, Side.S})
_CORNER = frozenset({Side.N, Side.E})
_TEE = frozenset({Side.W, Side.N, Side.E})

CATALOGUE: dict[str, PartSpec] = {
    spec.kind: spec
    for spec in (
        # --- power -------------------------------------------------------------------------
        _spec(kind="solar_panel", medium=Medium.POWER, role=Role.SOURCE, ports=ALL_SIDES,
              name=N_("Solar panel"),
              description=N_("Makes electricity from sunlight, only by day. Under clouds it "
                             "makes half as much."),
              output=2, daylight_only=True, rotates=False, driven_by="sun"),
        _spec(kind="wind_turbine", medium=Medium.POWER, role=Role.SOURCE, ports=ALL_SIDES,
              name=N_("Wind turbine"),
              description=N_("Makes electricity from the wind, by day and by night, but "
                             "only while the wind blows."),
              output=3, rotates=False, driven_by="wind"),
        _spec(kind="generator", medium=Medium.POWER, role=Role.SOURCE, ports=ALL_SIDES,
              name=N_("Generator"),
              description=N_("Burns diesel to make electricity, but only when the sun, the "
                             "wind and the batteries give too little."),
              output=3, rotates=False, co2=1, backup=True),
        _spec(kind="battery", medium=Medium.POWER, role=Role.STORAGE, ports=ALL_SIDES,
              name=N_("Battery"), description=N_("Stores spare energy and gives it back later."),
              capacity=12, rate=2, rotates=False, params={"charge": 0}),
        _spec(kind="wire_straight", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Straight cable"),
              description=N_("A straight cable: two wires inside, one there and one back.")),
        _spec(kind="wire_corner", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_CORNER,
              name=N_("Corner cable"),
              description=N_("A cable around a corner: two wires inside, one there and "
                             "one back.")),
        _spec(kind="wire_t", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_TEE,
              name=N_("T-cable"), description=N_("A cable that branches out three ways.")),
        _spec(kind="wire_cross", medium=Medium.POWER, role=Role.CONDUCTOR, ports=ALL_SIDES,
              name=N_("Cross cable"), description=N_("A cable that joins all four sides."),
              rotates=False),
        _spec(kind="switch", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Switch"),
              description=N_("Click it to switch on or off. Off, the loop is open: no "
                             "current flows."),
              toggle=True, params={"on": True}),
        _spec(kind="fuse", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Fuse"),
              description=N_("Lets at most 3 energy blocks each moment through to the houses "
                             "behind it. More, and it trips."),
              fuse=True, params={"limit": 3}),
        _spec(kind="house", medium=Medium.POWER, role=Role.CONSUMER, ports=ALL_SIDES,
              name=N_("House"), description=N_("A home that needs energy for its lights."),
              demand=1, rotates=False),
        _spec(kind="street_light", medium=Medium.POWER, role=Role.CONSUMER, ports=ALL_SIDES,
              name=N_("Street light"), description=N_("Needs energy at night to light the street."),
              demand=1, night_only=True, rotates=False),
        _spec(kind="school", medium=Medium.POWER, role=Role.CONSUMER, ports=ALL_SIDES,
              name=N_("School"), description=N_("A big building that needs a lot of energy."),
              demand=3, rotates=False),
        # --- water -------------------------------------------------------------------------
        # A tap is a valve on the water company's mains pipe, kept under pressure far away:
        # the same push everywhere on the board (pressure 1). A pump pushes harder near it
        # (pressure 3) and needs energy: from a cable to its power inlet, or, with its
        # ``socket`` param (the default, as in the first greenhouse levels), from the
        # greenhouse's own socket, off the board.
        _spec(kind="tap", medium=Medium.WATER, role=Role.SOURCE, ports=frozenset({Side.S}),
              name=N_("Tap"),
              description=N_("Lets a little water in from the big pipe under the street, "
                             "on its spout side."),
              output=2, flow=Flow.OUT, pressure=1),
        _spec(kind="pump", medium=Medium.WATER, role=Role.SOURCE, ports=frozenset({Side.S}),
              name=N_("Pump"),
              description=N_("Pumps a lot of water into the pipe on its outlet side. It needs "
                             "energy: a cable to its plug, or a socket."),
              output=4, flow=Flow.OUT, pressure=3,
              more_ports=(Port(Side.N, Medium.POWER, Flow.IN),), energy=1,
              params={"socket": True}),
        _spec(kind="pipe_straight", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Straight pipe"), description=N_("Carries water in a straight line.")),
        _spec(kind="pipe_corner", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_CORNER,
              name=N_("Corner pipe"), description=N_("Carries water around a corner.")),
        _spec(kind="pipe_t", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_TEE,
              name=N_("T-pipe"), description=N_("Splits water three ways.")),
        _spec(kind="pipe_cross", medium=Medium.WATER, role=Role.CONDUCTOR, ports=ALL_SIDES,
              name=N_("Cross pipe"), description=N_("Joins water from all four sides."),
              rotates=False),
        _spec(kind="valve", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Valve"), description=N_("Click it to open or close the pipe."), toggle=True,
              params={"on": True}),
        _spec(kind="tank", medium=Medium.WATER, role=Role.TANK, ports=frozenset({Side.S}),
              name=N_("Water tank"), description=N_("Fills up with the water that is left over."),
              capacity=12, flow=Flow.IN),
        _spec(kind="sprinkler", medium=Medium.WATER, role=Role.CONSUMER, ports=frozenset({Side.S}),
              name=N_("Sprinkler"), description=N_("Sprays water on the beds all around it."),
              demand=1, flow=Flow.IN),
        _spec(kind="float_valve", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Float valve"),
              description=N_("Lets water into the tank behind it first. When the tank is full, "
                             "the float comes up and closes it."),
              float_valve=True),
        _spec(kind="drip_line", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Drip line"),
              description=N_("Carries water and gives one drop to each bed beside it. "
                             "No water is lost in the air."),
              drip=True),
        _spec(kind="drain", medium=Medium.WATER, role=Role.SOURCE, ports=frozenset({Side.S}),
              name=N_("Drain"),
              description=N_("Catches the drip water that the beds along its drip line did "
                             "not take, and sends it back into the pipe."),
              flow=Flow.OUT, pressure=1, drain=True),
        _spec(kind="bed", medium=Medium.NONE, role=Role.FIELD, ports=frozenset(),
              name=N_("Greenhouse bed"), description=N_("Plants that need water from a sprinkler."),
              rotates=False, params={"needs": 6}),
    )
}


#: coins per part (a level's ``max_cost`` star rule): batteries are dear, a generator is cheap
#: to buy (but burns fuel: CO2), cables and pipes cost one coin. Parts of the level (houses,
#: beds) are never bought, so they cost nothing.
PRICES: dict[str, int] = {
    "solar_panel": 4, "wind_turbine": 5, "generator": 2, "battery": 6,
    "wire_straight": 1, "wire_corner": 1, "wire_t": 1, "wire_cross": 1, "switch": 1, "fuse": 1,
    "tap": 2, "pump": 4, "pipe_straight": 1, "pipe_corner": 1, "pipe_t": 1, "pipe_cross": 1,
    "valve": 1, "tank": 3, "sprinkler": 2, "float_valve": 2, "drip_line": 1, "drain": 2,
}
for _kind, _coins in PRICES.items():
    if _kind in CATALOGUE:
        CATALOGUE[_kind] = replace(CATALOGUE[_kind], price=_coins)


def spec(kind: str) -> PartSpec:
    """The spec of ``kind``; raises KeyError naming the kind when there is none."""
    try:
        return CATALOGUE[kind]
    except KeyError:
        raise KeyError(f"unknown part kind {kind!r}") from None
